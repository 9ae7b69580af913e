import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../src/core/lint';
import { PYTHON_RULES } from '../../../src/core/python';
import { ruleDocsHref } from '../../../src/server/ruleLinks';
import { repoRoot } from './support';

const docsDir = join(repoRoot, 'docs', 'rules');

describe('rule documentation', () => {
  it('every rule has a stable, unique code in the GGML-<AREA><NNN> format and a docs path', () => {
    const seen = new Set<string>();
    for (const r of RULES) {
      // The Greengrass V2 rules' area is V2 (GGML-V2001).
      assert.match(r.code, /^GGML-([A-Z]+|V2)\d{3}$/);
      assert.ok(!seen.has(r.code), `duplicate code ${r.code}`);
      seen.add(r.code);
      assert.match(r.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.equal(r.docs, `docs/rules/${r.code}.md`);
      assert.ok(r.kinds.length > 0 && r.description.length > 10);
    }
  });

  it('every rule\'s code links to its page, in the editor\'s diagnostics as in the language server\'s; other codes link nowhere', () => {
    for (const r of [...RULES, ...PYTHON_RULES]) assert.equal(ruleDocsHref('file:///ext/', r.code), `file:///ext/${r.docs}`, r.code);
    for (const code of ['deployment', 'GGML-', 'GGML-ACC01', 'ggml-acc001', 'GGML-ACC001/../x']) assert.equal(ruleDocsHref('file:///ext/', code), undefined, code);
  });

  for (const r of RULES) {
    it(`${r.code} has a page with what, why, bad, good, fix and the official source`, () => {
      const path = join(repoRoot, r.docs);
      assert.ok(existsSync(path), `missing ${r.docs}`);
      const text = readFileSync(path, 'utf8');
      assert.ok(text.startsWith(`# ${r.code}: ${r.name}`));
      for (const section of ['## What it checks', '## Why', '## Bad', '## Good', '## Fix', '## Source']) assert.ok(text.includes(section), `${section} missing`);
      assert.ok(text.includes(`**Default severity:** ${r.defaultSeverity}`));
      assert.ok(r.source.startsWith('https://') ? text.includes(r.source) : text.includes('manifest.md'), 'source link');
    });
  }

  it('every page has a rule, and the index lists every rule with its default severity', () => {
    const codes = new Set([...RULES, ...PYTHON_RULES].map((r) => r.code));
    for (const f of readdirSync(docsDir)) {
      if (f === 'README.md') continue;
      assert.ok(codes.has(f.replace(/\.md$/, '')), `docs/rules/${f} documents no rule`);
    }
    const index = readFileSync(join(docsDir, 'README.md'), 'utf8');
    for (const r of RULES) assert.ok(index.includes(`| [${r.code}](${r.code}.md) | \`${r.name}\` | ${r.defaultSeverity} |`), `${r.code} not indexed`);
  });
});
