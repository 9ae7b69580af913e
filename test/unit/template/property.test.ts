import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { applyTextEdits, lintDocument } from '../../../src/core/lint';
import { decodeTemplate, templateFormat } from '../../../src/core/template';
import type { Finding } from '../../../src/core/lint';
import { fixturesRoot, loadFolder } from '../lint/support';
import { groupAsTemplate, readTemplate, templatesRoot } from './support';

/** The committed template fixtures and every rule fixture group written as a YAML and a JSON template. */
function templates(): { path: string; text: string }[] {
  const out = readdirSync(templatesRoot).sort().map((name) => ({ path: `/project/${name}`, text: readTemplate(name) }));
  const rules = join(fixturesRoot, 'rules');
  for (const code of readdirSync(rules).sort()) {
    const text = groupAsTemplate(loadFolder(join(rules, code, 'bad')), code.charCodeAt(code.length - 1) % 2 ? 'json' : 'yaml');
    if (text) out.push({ path: `/project/${code}.${text.startsWith('{') ? 'json' : 'yaml'}`, text });
  }
  return out;
}

function syntaxProblems(text: string): number {
  const d = decodeTemplate(text, templateFormat(text));
  return d.fatal ? Infinity : d.problems.filter((p) => p.code === 'GGML-TPL001' || p.code === 'GGML-JSON001').length;
}

function check(path: string, text: string): Finding[] {
  const findings = lintDocument({ path, text }, { readFile: () => undefined }, { throwInternalErrors: true });
  for (const f of findings) {
    assert.ok(Number.isInteger(f.offset) && Number.isInteger(f.length), `${f.code}: integer range`);
    assert.ok(f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length, `${f.code}: range ${f.offset}+${f.length} outside ${text.length}`);
    assert.ok(f.message.length > 20, `${f.code}: a message that says what and how`);
    assert.equal(f.path, path);
    for (const r of f.related ?? []) assert.ok(r.offset >= 0 && r.offset + r.length <= text.length, `${f.code}: related range outside the text`);
    for (const fix of f.fixes ?? []) {
      for (const { path: target, edits } of fix.edits) {
        assert.equal(target, path, `${f.code}: a fix edits the template itself`);
        const after = applyTextEdits(text, edits);
        assert.ok(syntaxProblems(after) <= syntaxProblems(text), `${f.code} "${fix.title}" breaks the template:\n${after}`);
      }
    }
  }
  return findings;
}

const SNIPPETS = [
  '!Ref ModelUri', '!GetAtt ImageClassifier.Arn', '!GetAtt X.', '!Sub "s3://${B}/m.tar.gz"', '!Join [", [a, b]]', '!If [C, a, b]', '!FindInMap [M, a, b]',
  '&anchor ', '*anchor', '<<: *anchor\n', '\t', '---\n', '...\n', '- ', ': ', '? ', '{', '}', '[', ']', '"', "'", '#', '# greengrass-ml-disable-next-line\n',
  '\n', '  ', 'null', '~', 'rw', 'NoContainer', '/dev/shm', '$LATEST', '\ufeff', '\u0000', '|\n', '>-\n', '%YAML 1.2\n', '!!binary ', '"Ref"', '{"Fn::Sub": "x"}',
];

describe('template linting under mutation (fast-check)', function () {
  this.timeout(120_000);
  const all = templates();

  it('covers the committed fixtures and the rule fixtures in both syntaxes', () => {
    assert.ok(all.length > 40);
    assert.ok(all.some((t) => t.path.endsWith('.json')) && all.some((t) => t.path.endsWith('.yaml')));
  });

  it('text mutations: no exception, ranges inside the template, every fix keeps it well-formed', () => {
    fc.assert(
      fc.property(fc.nat({ max: all.length - 1 }), fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 12 }), ins: fc.constantFrom(...SNIPPETS) }), { minLength: 1, maxLength: 4 }), (ti, ops) => {
        const t = all[ti]!;
        let text = t.text;
        for (const op of ops) {
          const at = op.at % (text.length + 1);
          text = text.slice(0, at) + op.ins + text.slice(at + op.del);
        }
        check(t.path, text);
      }),
      { numRuns: 400 },
    );
  });

  it('a mutated template is linted as a template whatever it is called', () => {
    fc.assert(
      fc.property(fc.nat({ max: all.length - 1 }), fc.constantFrom('template.yaml', 'stack.cfn.yml', 'infra.template', 'cfn.json', 'x.jsonc'), (ti, name) => {
        const t = all[ti]!;
        const a = check(t.path, t.text).map((f) => `${f.code}@${f.offset}`);
        const b = check(`/elsewhere/${name}`, t.text).map((f) => `${f.code}@${f.offset}`);
        assert.deepEqual(b, a);
      }),
      { numRuns: 100 },
    );
  });
});
