// The README shows the real extension: each image it embeds is a screenshot a UI test took (copied into
// docs/images/ by `npm run screenshots`), present and a real PNG of the browser window.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/packageJson';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const embedded = [...readme.matchAll(/!\[([^\]]*)\]\((docs\/images\/[^)\s]+)\)/g)].map((m) => ({ alt: m[1]!, path: m[2]! }));
const script = readFileSync(join(repoRoot, 'scripts', 'screenshots.mjs'), 'utf8');
const fromUiTests = new Set([...script.matchAll(/'[\w.-]+\.png': '([\w.-]+\.png)'/g)].map((m) => `docs/images/${m[1]!}`));

describe('README screenshots', () => {
  it('embeds screenshots of the extension, each with words for those who cannot see it', () => {
    assert.ok(embedded.length >= 5, `README images: ${embedded.length}`);
    for (const image of embedded) assert.ok(image.alt.length > 15, `alt text of ${image.path}`);
  });

  it('embeds only screenshots the UI tests take, each present as a browser-window PNG', () => {
    for (const { path } of embedded) {
      assert.ok(fromUiTests.has(path), `${path} is copied from a UI test's screenshot by scripts/screenshots.mjs`);
      assert.ok(existsSync(join(repoRoot, path)), `${path} exists: run npm test -- ui && npm run screenshots`);
      const png = readFileSync(join(repoRoot, path));
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${path} is a PNG`);
      assert.ok(png.readUInt32BE(16) >= 1000 && png.readUInt32BE(20) >= 600, `${path} shows the whole window`);
    }
  });
});
