// Dates follow the editor's display language, which the extension sets at activation: a German window writes
// "2. Dez. 2026" even when the extension host runs with another locale.
import * as assert from 'node:assert/strict';
import { formatDate, setDisplayLocale } from '../../src/core/locale';
import { ago } from '../../src/core/v2/labels';

const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };

describe('dates in the display language', () => {
  afterEach(() => setDisplayLocale(undefined));

  it('writes a date as the display language does', () => {
    setDisplayLocale('de');
    assert.equal(formatDate(new Date('2026-12-02T06:10:00Z'), DATE), '2. Dez. 2026');
    setDisplayLocale('en');
    assert.equal(formatDate(new Date('2026-12-02T06:10:00Z'), DATE), 'Dec 2, 2026');
  });

  it('gives an older time on a row in the display language', () => {
    setDisplayLocale('de');
    const now = Date.parse('2026-12-02T12:00:00Z');
    assert.match(ago('2026-06-15T12:00:00Z', now) ?? '', /^15\. Juni 2026$/);
  });

  it('keeps the runtime\'s default for a tag it does not know', () => {
    setDisplayLocale('not a language');
    assert.equal(formatDate(new Date('2026-12-02T06:10:00Z'), DATE), new Date('2026-12-02T06:10:00Z').toLocaleString(undefined, DATE));
  });
});
