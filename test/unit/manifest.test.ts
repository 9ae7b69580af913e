import * as assert from 'node:assert/strict';
import { compareVersions, parseVersion } from '../../src/core/manifest';

describe('core versions', () => {
  it('parses dotted versions and rejects other text', () => {
    assert.deepEqual(parseVersion('1.10.2'), [1, 10, 2]);
    assert.deepEqual(parseVersion(' 1.6 '), [1, 6]);
    assert.equal(parseVersion('v1.6'), undefined);
    assert.equal(parseVersion(''), undefined);
  });

  it('compares numerically, not as text', () => {
    assert.ok(compareVersions([1, 10], [1, 9, 9]) > 0);
    assert.equal(compareVersions([1, 6], [1, 6, 0]), 0);
    assert.ok(compareVersions([1, 6], [1, 7]) < 0);
  });
});
