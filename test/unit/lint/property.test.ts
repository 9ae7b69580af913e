import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { parse } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { applyTextEdits, lintDocument } from '../../../src/core/lint';
import { decodeTemplate, isTemplate, templateFormat } from '../../../src/core/template';
import { fixturesRoot, hostOf, loadFolder } from './support';
import type { Files } from './support';

/** Every fixture group: the clean one and each rule's failing and passing groups. */
function groups(): Files[] {
  const out = [loadFolder(join(fixturesRoot, 'clean'))];
  const rules = join(fixturesRoot, 'rules');
  for (const code of readdirSync(rules).sort()) for (const k of ['bad', 'good']) {
    const g = loadFolder(join(rules, code, k));
    if (g.size) out.push(g);
  }
  return out;
}

/** YAML templates among the fixtures: a fix must leave them with no more syntax problems than they had. */
function yamlProblems(text: string): number {
  const d = decodeTemplate(text, 'yaml');
  return d.fatal ? Infinity : d.problems.filter((p) => p.code === 'GGML-TPL001').length;
}

function parsesCleanly(text: string): boolean {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: true });
  return errors.length === 0;
}

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
          if (isTemplate(before) && templateFormat(before) === 'yaml') {
            assert.ok(yamlProblems(after) <= yamlProblems(before), `${f.code} "${fix.title}" breaks the YAML:\n${after}`);
            continue;
          }
          assert.ok(parsesCleanly(after), `${f.code} "${fix.title}" breaks the JSON:\n${after}`);
        }
      }
    }
  }
  return fixes;
}

const SNIPPETS = ['{', '}', '[', ']', '"', ',', ':', '\n', 'null', '"rw"', '"ro"', '0', '-1', '1e400', '"/proc"', '"NoContainer"', '/*', '*/', '//', '\ufeff', '\u0000', '"s3://a.b/c"', '"$LATEST"', '// greengrass-ml-disable-next-line GGML-ID001\n', '{"OwnerSetting": {}}'];
const VALUES: unknown[] = [null, true, 0, 0.5, -1, 96, 1e21, '', 'rw', 'ro', 'wr', '/', 'relative/path', '/dev/shm', '/proc', '/sys/x', 'NoContainer', 'GreengrassContainer', 'NativeEngine', 's3://a.b/c', 's3://bucket', 'arn:aws:s3:us-east-1:1:b', '$LATEST', 'x'.repeat(140), 'a b', 'squeezenet-model', 'neo-model', '1001', [], {}, [{}], { GroupOwner: '' }, { Uid: 0, Gid: 1001 }, ['*'], { Resources: [] }];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function leafPaths(v: Json, path: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (depth > 40) return out;
  out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => leafPaths(x, [...path, i], out, depth + 1));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) leafPaths(v[k]!, [...path, k], out, depth + 1);
  return out;
}

function setAt(root: Json, path: (string | number)[], value: unknown, remove: boolean): Json {
  if (path.length === 0) return value as Json;
  let cur = root as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(cur)) cur.splice(last as number, 1);
    else delete cur[last];
  } else cur[last] = value as Json;
  return root;
}

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
});
