import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parse } from 'jsonc-parser';
import { applyTextEdits, lintDocument } from '../../../src/core/lint';
import { fixKeepsWellFormed, groups, leafPaths, runFuzz, setAt, SNIPPETS, VALUES } from './fuzz';
import { hostOf } from './support';
import type { Files } from './support';

/** Lints every file of the group and checks the invariants; returns how many fixes were tried. */
function check(files: Files): number {
  const host = hostOf(files);
  let fixes = 0;
  for (const [path, text] of files) {
    const findings = lintDocument({ path, text }, host, { throwInternalErrors: true });
    for (const f of findings) {
      assert.ok(Number.isInteger(f.offset) && Number.isInteger(f.length), `${f.code}: integer range`);
      assert.ok(f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length, `${f.code}: range ${f.offset}+${f.length} outside ${text.length}`);
      assert.ok(f.message.length > 0);
      for (const fix of f.fixes ?? []) {
        fixes++;
        for (const { path: target, edits } of fix.edits) {
          const before = files.get(target);
          assert.ok(before !== undefined, `${f.code}: fix edits an unknown file ${target}`);
          const after = applyTextEdits(before, edits);
          assert.ok(fixKeepsWellFormed(before, after), `${f.code} "${fix.title}" breaks the document:\n${after}`);
        }
      }
    }
  }
  return fixes;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

describe('lint engine under mutation (fast-check)', function () {
  this.timeout(60_000);
  const all = groups();
  const groupIndex = fc.nat({ max: all.length - 1 });

  it('text mutations: no exception, ranges inside the document, every fix applies and parses', () => {
    let fixes = 0;
    fc.assert(
      fc.property(groupIndex, fc.nat(), fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 12 }), ins: fc.constantFrom(...SNIPPETS) }), { minLength: 1, maxLength: 4 }), (gi, fi, ops) => {
        const files = new Map(all[gi]!);
        const path = [...files.keys()][fi % files.size]!;
        let text = files.get(path)!;
        for (const op of ops) {
          const at = op.at % (text.length + 1);
          text = text.slice(0, at) + op.ins + text.slice(at + op.del);
        }
        files.set(path, text);
        fixes += check(files);
      }),
      { numRuns: 1000 },
    );
    assert.ok(fixes > 0);
  });

  it('value mutations: no exception, ranges inside the document, every fix applies and parses', () => {
    let fixes = 0;
    fc.assert(
      fc.property(groupIndex, fc.nat(), fc.array(fc.record({ leaf: fc.nat(), value: fc.constantFrom(...VALUES), remove: fc.boolean() }), { minLength: 1, maxLength: 3 }), fc.constantFrom(2, 4, '\t'), (gi, fi, ops, indent) => {
        const files = new Map(all[gi]!);
        const path = [...files.keys()][fi % files.size]!;
        const original = files.get(path)!;
        let value = parse(original) as Json;
        if (value === undefined) return;
        for (const op of ops) {
          const leaves = leafPaths(value);
          const p = leaves[op.leaf % leaves.length]!;
          value = setAt(value, p, structuredClone(op.value), op.remove && p.length > 0);
        }
        files.set(path, `// mutated\n${JSON.stringify(value, null, indent)}\n`);
        fixes += check(files);
      }),
      { numRuns: 1000 },
    );
    assert.ok(fixes > 100, `only ${fixes} fixes exercised`);
  });

  it('every document kind, with hostile snippets, and Python handlers: 0 exceptions, 0 invalid ranges, 0 broken fixes', () => {
    const stats = runFuzz(300, 8);
    assert.deepEqual({ exceptions: stats.exceptions, invalidRanges: stats.invalidRanges, brokenFixes: stats.brokenFixes, problems: stats.problems },
      { exceptions: 0, invalidRanges: 0, brokenFixes: 0, problems: [] });
    assert.ok(stats.lints > 1500 && stats.fixesTried > 100, `${stats.lints} lints, ${stats.fixesTried} fixes`);
  });
});
