import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { formatBytes as awsFormatBytes } from '../../../src/aws';
import { applyTextEdits as deployApplyTextEdits, detectFormatting as deployDetectFormatting } from '../../../src/core/deploy';
import { applyTextEdits as lintApplyTextEdits, detectFormatting as lintDetectFormatting } from '../../../src/core/lint';
import { applyTextEdits, formatBytes, LineIndex, minimalEdit } from '../../../src/core/model';
import { applyTextEdits as scaffoldApplyTextEdits } from '../../../src/core/scaffold';

describe('text edits, formatting and positions (src/core/model)', () => {
  it('inserts edits at the same offset in the order given, whichever layer applies them', () => {
    const edits = [{ offset: 8, length: 0, content: ', "b": 2' }, { offset: 8, length: 0, content: ', "c": 3' }];
    for (const apply of [applyTextEdits, deployApplyTextEdits, lintApplyTextEdits, scaffoldApplyTextEdits]) {
      assert.equal(apply('{ "a": 1 }', edits), '{ "a": 1, "b": 2, "c": 3 }');
    }
    assert.throws(() => applyTextEdits('abc', [{ offset: 0, length: 2, content: 'x' }, { offset: 1, length: 1, content: 'y' }]), /overlap/);
  });

  it('detects the same indentation for the linter and the deploy (a tab file stays tabbed)', () => {
    for (const text of ['{\r\n\t"a": 1\r\n}', '{\n   "a": 1\n}', '{}', '{\n\n    "a": {\n  "b": 1 }\n}']) {
      assert.deepEqual(lintDetectFormatting(text), deployDetectFormatting(text), JSON.stringify(text));
    }
    assert.deepEqual(lintDetectFormatting('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 1, eol: '\n' });
  });

  it('maps offsets to lines and characters with \\n, \\r\\n and \\r line breaks', () => {
    const index = new LineIndex('{\r\n  "a": 1,\r  "b": 2\n}');
    assert.equal(index.lineCount, 4);
    assert.deepEqual(index.position(0), { line: 0, character: 0 });
    assert.deepEqual(index.position(2), { line: 0, character: 1 }, 'inside \\r\\n belongs to the end of the line');
    assert.deepEqual(index.position(5), { line: 1, character: 2 });
    assert.deepEqual(index.position(15), { line: 2, character: 2 });
    assert.deepEqual(index.position(99), { line: 3, character: 1 });
    assert.equal(index.offset({ line: 2, character: 2 }), 15);
  });

  it('shows sizes the same way in the explorer and in upload progress', () => {
    assert.equal(awsFormatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(96 * 1024 * 1024), '96 MB');
    assert.equal(formatBytes(undefined), undefined);
  });

  describe('properties', () => {
    it('the minimal edit turns one text into the other', () => {
      fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
        assert.equal(applyTextEdits(a, minimalEdit(a, b)), b);
      }), { numRuns: 1000 });
    });

    it('positions and offsets agree on every offset that is not inside a line break', () => {
      fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', '\r'), fc.string({ maxLength: 5 }).map((s) => s.replace(/[\r\n]/g, ''))), { maxLength: 20 }).map((p) => p.join('')), (text) => {
        const index = new LineIndex(text);
        for (let o = 0; o <= text.length; o++) {
          if (text[o - 1] === '\r' && text[o] === '\n') continue;
          assert.equal(index.offset(index.position(o)), o, `offset ${o} of ${JSON.stringify(text)}`);
        }
      }), { numRuns: 300 });
    });
  });
});
