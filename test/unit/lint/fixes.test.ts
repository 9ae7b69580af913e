import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import { maybeYamlRecipe } from '../../../src/core/v2/recognize';
import { applyTextEdits } from '../../../src/core/lint';
import type { Finding, Fix } from '../../../src/core/lint';
import { fixturesRoot, lintAll, lintFile, loadFolder } from './support';
import type { Files } from './support';

const KEEP = '// keep: this comment must survive every quick fix';

function applyFix(files: Files, fix: Fix): Files {
  const next = new Map(files);
  for (const { path, edits } of fix.edits) {
    const text = next.get(path);
    assert.ok(text !== undefined, `the fix edits a file of the group: ${path}`);
    next.set(path, applyTextEdits(text, edits));
  }
  return next;
}

/** Syntax errors of a fixed file: JSON(C), or YAML for a YAML recipe. */
function parseErrors(text: string): unknown[] {
  if (maybeYamlRecipe(text)) return parseDocument(text).errors.map((e) => e.message);
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: true });
  return errors;
}

interface Case {
  folder: string;
  files: Files;
  finding: Finding;
  fix: Fix;
}

function allCases(): Case[] {
  const out: Case[] = [];
  const rulesDir = join(fixturesRoot, 'rules');
  for (const code of readdirSync(rulesDir).sort()) {
    for (const kind of ['bad', 'good']) {
      const folder = join(rulesDir, code, kind);
      const files = loadFolder(folder);
      for (const finding of lintAll(files)) {
        for (const fix of finding.fixes ?? []) out.push({ folder: `${code}/${kind}`, files, finding, fix });
      }
    }
  }
  return out;
}

describe('quick fixes', () => {
  const cases = allCases();

  it('offers the fixes the linter promises', () => {
    const fixed = new Set(cases.map((c) => c.finding.code));
    for (const code of [
      'GGML-ID001', 'GGML-ID002', 'GGML-ML001', 'GGML-ML006', 'GGML-IAM001', 'GGML-IAM002', 'GGML-IAM003', 'GGML-IAM005',
      'GGML-ACC001', 'GGML-ACC002', 'GGML-ACC003', 'GGML-ACC004', 'GGML-ACC005', 'GGML-ACC010', 'GGML-XF002', 'GGML-LR003',
      'GGML-FN004', 'GGML-FN005', 'GGML-FN007', 'GGML-FN008', 'GGML-V2002', 'GGML-V2005',
    ]) {
      assert.ok(fixed.has(code), `no fix offered for ${code}`);
    }
  });

  it('adds the missing s3:GetObject statement to the policy file from the resource definition (cross-file)', () => {
    const c = cases.find((x) => x.finding.code === 'GGML-IAM005' && basename(x.finding.path) === 'resource-definition.json');
    assert.ok(c, 'a cross-file fix is offered on the resource');
    assert.equal(c.fix.edits.length, 1);
    assert.equal(basename(c.fix.edits[0]!.path), 'service-role-policy.json');
    const after = applyFix(c.files, c.fix);
    const policy = parse(after.get(c.fix.edits[0]!.path)!) as { Statement: { Action: string[]; Resource: string[] }[] };
    assert.deepEqual(policy.Statement.at(-1), { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::my-models/*'] });
  });

  it('renaming a resource id also renames the function policies that use it', () => {
    const c = cases.find((x) => x.finding.code === 'GGML-ID001');
    assert.ok(c);
    const after = applyFix(c.files, c.fix);
    assert.deepEqual(lintAll(after).filter((f) => f.code !== 'GGML-EOS001').map((f) => f.code), []);
  });

  it('every fix yields parseable JSON (or YAML), keeps the comment elsewhere and clears its finding', () => {
    assert.ok(cases.length >= 20, `only ${cases.length} fixes found`);
    for (const c of cases) {
      const label = `${c.folder} ${c.finding.code} "${c.fix.title}"`;
      const after = applyFix(c.files, c.fix);
      for (const { path } of c.fix.edits) {
        const text = after.get(path)!;
        assert.deepEqual(parseErrors(text), [], `${label}: ${basename(path)} no longer parses:\n${text}`);
        if (c.files.get(path)!.includes(KEEP)) assert.ok(text.includes(KEEP), `${label}: the comment was lost`);
        assert.notEqual(text, c.files.get(path), `${label}: nothing changed`);
      }
      const before = lintFile(c.files, c.finding.path).filter((f) => f.code === c.finding.code).length;
      const now = lintFile(after, c.finding.path).filter((f) => f.code === c.finding.code).length;
      assert.ok(now < before, `${label}: the finding is still there (${before} → ${now})`);
    }
  });
});
