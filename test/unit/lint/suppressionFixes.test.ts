// The "Disable … for this line / for this file" quick fixes on the texts users have: the directive they write is
// the one the engines read, in the file's own comment syntax and line breaks, next to what is already there.
import * as assert from 'node:assert/strict';
import { applyTextEdits, findSuppressions, suppressionFixes } from '../../../src/core/lint';
import type { CommentSyntax, Fix } from '../../../src/core/lint';

function apply(text: string, fix: Fix | undefined): string {
  assert.ok(fix, 'a fix');
  return applyTextEdits(text, fix.edits[0]!.edits);
}

function fixes(text: string, needle: string, code: string, syntax: CommentSyntax): { line?: Fix | undefined; file: Fix | undefined } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const all = suppressionFixes('/ws/file', text, offset, code, syntax);
  return { line: all.find((f) => /this line/.test(f.title)), file: all.find((f) => /this file/.test(f.title)) };
}

describe('suppression quick fixes', () => {
  const functions = [
    '{',
    '  "Functions": [',
    '    {',
    '      "Id": "camera classifier!",',
    '      "FunctionConfiguration": { "MemorySize": 96 }',
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');

  it('writes the next-line directive above the line, indented like it, and the engine reads it for that line', () => {
    const { line } = fixes(functions, '"camera classifier!"', 'GGML-ID001', '//');
    assert.equal(line?.title, 'Disable GGML-ID001 for this line');
    const fixed = apply(functions, line);
    assert.match(fixed, /\n {6}\/\/ greengrass-ml-disable-next-line GGML-ID001\n {6}"Id": "camera classifier!"/);
    const s = findSuppressions(fixed);
    const idLine = fixed.split('\n').findIndex((l) => l.includes('"Id"'));
    assert.deepEqual([...(s?.lines.get(idLine) as Set<string>)], ['GGML-ID001']);
  });

  it('adds a code to the next-line directive already above the line instead of writing a second one', () => {
    const text = functions.replace('      "Id"', '      // greengrass-ml-disable-next-line GGML-ID002 -- kept for the old core\n      "Id"');
    const fixed = apply(text, fixes(text, '"camera classifier!"', 'GGML-ID001', '//').line);
    assert.match(fixed, /\/\/ greengrass-ml-disable-next-line GGML-ID002, GGML-ID001 -- kept for the old core\n {6}"Id"/);
    assert.equal(fixed.split('greengrass-ml-disable').length, 2, 'one directive');
  });

  it('writes the file directive at the top, or adds the code to the one there', () => {
    const fixed = apply(functions, fixes(functions, '96', 'GGML-FN004', '//').file);
    assert.ok(fixed.startsWith('// greengrass-ml-disable GGML-FN004\n{'), fixed);
    const again = apply(fixed, fixes(fixed, '"camera', 'GGML-ID001', '//').file);
    assert.ok(again.startsWith('// greengrass-ml-disable GGML-FN004, GGML-ID001\n{'), again);
    const s = findSuppressions(again);
    assert.deepEqual([...(s?.file as Set<string>)].sort(), ['GGML-FN004', 'GGML-ID001']);
  });

  it('keeps Windows line breaks', () => {
    const crlf = functions.replace(/\n/g, '\r\n');
    const fixed = apply(crlf, fixes(crlf, '"camera', 'GGML-ID001', '//').line);
    assert.match(fixed, /\r\n {6}\/\/ greengrass-ml-disable-next-line GGML-ID001\r\n {6}"Id"/);
    assert.ok(!/[^\r]\n/.test(fixed), 'no bare line feed');
  });

  it('writes # comments in YAML templates', () => {
    const yaml = 'Resources:\n  Functions:\n    Type: AWS::Greengrass::FunctionDefinition\n    Properties:\n      Name: cam\n';
    const { line, file } = fixes(yaml, 'Name: cam', 'GGML-FN003', '#');
    assert.match(apply(yaml, line), /\n {6}# greengrass-ml-disable-next-line GGML-FN003\n {6}Name: cam/);
    assert.ok(apply(yaml, file).startsWith('# greengrass-ml-disable GGML-FN003\nResources:'));
  });

  it('in Python, puts the file directive after the #! line and the encoding declaration', () => {
    const py = '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport os\nMODEL = "/ml/model"\n';
    const fixed = apply(py, fixes(py, '"/ml/model"', 'GGML-PY003', '#').file);
    assert.equal(fixed, '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n# greengrass-ml-disable GGML-PY003\nimport os\nMODEL = "/ml/model"\n');
  });

  it('in Python, offers no line directive after a line continuation, where a comment line would end the statement', () => {
    const py = 'MODEL = os.path.join(prefix, \\\n    "/ml/model")\n';
    const { line, file } = fixes(py, '"/ml/model"', 'GGML-PY003', '#');
    assert.equal(line, undefined);
    assert.ok(file);
  });
});
