// The one bounded reader (src/core/textFile.ts) on plain Node: only regular files, the size limit applied before
// reading, and a problem that says what the path is.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTextFile } from '../../src/core/textFile';

const posix = process.platform !== 'win32';

describe('reading a text file for analysis', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ggml-read-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads UTF-8 text without its byte order mark', () => {
    writeFileSync(join(dir, 'a.json'), '\ufeff{ "name": "line-3" }');
    assert.deepEqual(readTextFile(join(dir, 'a.json')), { text: '{ "name": "line-3" }' });
  });

  it('refuses a file over the limit without reading it, saying how large it is', () => {
    writeFileSync(join(dir, 'big.json'), 'x'.repeat(2000));
    const r = readTextFile(join(dir, 'big.json'), 1000);
    assert.ok('problem' in r);
    assert.equal(r.kind, 'tooLarge');
    assert.equal(r.problem, 'The file is too large to read (limit 1000 bytes); split it: 2000 bytes');
  });

  it('tells a missing file from a folder and from a link loop', () => {
    const kinds = (p: string) => {
      const r = readTextFile(p);
      return 'problem' in r ? [r.kind, r.reason] : ['text'];
    };
    assert.deepEqual(kinds(join(dir, 'missing.json')), ['missing', 'it does not exist']);
    mkdirSync(join(dir, 'folder.json'));
    assert.deepEqual(kinds(join(dir, 'folder.json')), ['notFile', 'it is a folder, not a regular file']);
    if (posix) {
      symlinkSync('loop.json', join(dir, 'loop.json'));
      assert.deepEqual(kinds(join(dir, 'loop.json')), ['unreadable', 'its path goes through a loop of symbolic links']);
    }
  });

  (posix ? it : it.skip)('refuses a FIFO with no writer at once, and a device', () => {
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    const fifo = readTextFile(join(dir, 'fifo.json'));
    assert.ok('problem' in fifo && fifo.kind === 'notFile' && /named pipe \(FIFO\)/.test(fifo.problem));
    const zero = readTextFile('/dev/zero');
    assert.ok('problem' in zero && zero.kind === 'notFile' && /a device/.test(zero.problem));
  });
});
