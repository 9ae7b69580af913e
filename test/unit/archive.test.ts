import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { packFolder } from '../../src/aws/upload';
import {
  archiveFormatFor, archiveLayoutProblem, archiveListing, defaultExclude, formatArchiveListing, parentName, parseArchiveLocation, planArchive,
} from '../../src/core/archive';
import type { ArchiveEntry, ScannedEntry } from '../../src/core/archive';

describe('archive planning', () => {
  const scanned: ScannedEntry[] = [
    { path: 'synset.txt', kind: 'file', size: 10 },
    { path: 'params', kind: 'directory' },
    { path: 'params/squeezenet-0000.params', kind: 'file', size: 1000 },
    { path: 'latest.params', kind: 'symlink', link: { inside: true, target: 'params/squeezenet-0000.params', targetKind: 'file', size: 1000 } },
    { path: 'secrets', kind: 'symlink', link: { inside: false, target: '/home/user/.aws/credentials' } },
    { path: 'up', kind: 'symlink', link: { inside: true, target: 'params', targetKind: 'directory' } },
    { path: 'dangling', kind: 'symlink', link: { inside: true, target: 'gone', targetKind: 'missing' } },
    { path: 'fifo', kind: 'other' },
    { path: '__pycache__/x.pyc', kind: 'file', size: 5 },
  ];

  it('puts every entry under the parent directory (what a .tar.gz model needs)', () => {
    const plan = planArchive(scanned, { parent: 'squeezenet', exclude: defaultExclude });
    assert.deepEqual(plan.entries.map((e) => e.archivePath), [
      'squeezenet/', 'squeezenet/latest.params', 'squeezenet/params/', 'squeezenet/params/squeezenet-0000.params', 'squeezenet/synset.txt',
    ]);
    assert.equal(plan.fileCount, 3);
    assert.equal(plan.totalBytes, 2010);
  });

  it('never follows a link out of the folder, nor a folder link, and says why', () => {
    const plan = planArchive(scanned, { exclude: defaultExclude });
    assert.ok(!plan.entries.some((e) => e.archivePath.includes('secrets')), 'the link to a file outside the folder is not packed');
    assert.deepEqual(plan.skipped.map((s) => s.path), ['dangling', 'fifo', 'secrets', 'up']);
    assert.match(plan.skipped.find((s) => s.path === 'secrets')?.reason ?? '', /outside the folder/);
    const copied = plan.entries.find((e) => e.archivePath === 'latest.params');
    assert.equal(copied?.source, 'params/squeezenet-0000.params', 'a link inside the folder is packed as a copy of its target');
  });

  it('refuses entry names that would leave the folder when unpacked', () => {
    const plan = planArchive([{ path: '../evil', kind: 'file', size: 1 }, { path: 'a/./b', kind: 'file' }]);
    assert.equal(plan.entries.length, 0);
    assert.equal(plan.skipped.length, 2);
  });

  it('reads S3 URIs and the archive format from the key', () => {
    assert.deepEqual(parseArchiveLocation('s3://greengrass-models/mxnet/squeezenet.tar.gz'), { bucket: 'greengrass-models', key: 'mxnet/squeezenet.tar.gz' });
    assert.deepEqual(parseArchiveLocation('https://my-bucket.s3.us-west-2.amazonaws.com/a/model.zip'), { bucket: 'my-bucket', key: 'a/model.zip' });
    assert.deepEqual(parseArchiveLocation('https://s3.amazonaws.com/my-bucket/model.zip'), { bucket: 'my-bucket', key: 'model.zip' });
    assert.equal(parseArchiveLocation('s3://bucket-only'), undefined);
    assert.equal(archiveFormatFor('m/model.TAR.GZ'), 'tar.gz');
    assert.equal(archiveFormatFor('model.tgz'), undefined, 'not a format a V1 ML resource can name');
    assert.equal(archiveFormatFor('model.tar'), undefined);
    assert.equal(archiveFormatFor('model.zip'), 'zip');
    assert.equal(archiveFormatFor('model.params'), undefined);
    assert.equal(parentName('/home/u/models/squeezenet/'), 'squeezenet');
  });
});

describe('packing a folder', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ggml-pack-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('packs a folder whose name starts with "@" as a .tar.gz with that parent directory', async () => {
    const folder = join(dir, '@line-3-model');
    mkdirSync(join(folder, 'params'), { recursive: true });
    writeFileSync(join(folder, 'synset.txt'), 'n01440764 tench\n');
    writeFileSync(join(folder, 'params', 'squeezenet-0000.params'), Buffer.alloc(64, 1));
    const out = join(dir, 'model.tar.gz');
    const plan = await packFolder(folder, { format: 'tar.gz', outFile: out });
    assert.equal(plan.fileCount, 2);
    const names: string[] = [];
    await tar.t({ file: out, onReadEntry: (e) => { names.push(e.path); } });
    assert.deepEqual(names, ['@line-3-model/', '@line-3-model/params/', '@line-3-model/params/squeezenet-0000.params', '@line-3-model/synset.txt']);
  });
});

describe('the layout check of a model archive (Greengrass V1 unpacks a .tar.gz only with a parent folder)', () => {
  const file = (path: string, size = 1): ArchiveEntry => ({ path, kind: 'file', size });
  const dir = (path: string): ArchiveEntry => ({ path, kind: 'directory', size: 0 });

  it('accepts one parent folder, written with or without "./"', () => {
    assert.equal(archiveLayoutProblem('tar.gz', [dir('model/'), file('model/a.params'), file('model/sub/b.txt')]), undefined);
    assert.equal(archiveLayoutProblem('tar.gz', [dir('./'), dir('./model/'), file('./model/a.params')]), undefined);
  });

  it('flags files at the root (tar -C model .) and several top folders, naming them', () => {
    const flat = archiveLayoutProblem('tar.gz', [dir('./'), file('./a.params'), file('./synset.txt')]);
    assert.match(flat ?? '', /^No parent folder: .*Upload Model.*At the archive's root: a\.params, synset\.txt$/);
    assert.match(archiveLayoutProblem('tar.gz', [file('one/a'), file('two/b')]) ?? '', /At the archive's root: one, two$/);
    const many = archiveLayoutProblem('tar.gz', Array.from({ length: 8 }, (_, i) => file(`f${i}.bin`)));
    assert.match(many ?? '', /f4\.bin and 3 more$/);
  });

  it('has no such rule for a .zip', () => {
    assert.equal(archiveLayoutProblem('zip', [file('a.params'), file('b.txt')]), undefined);
  });

  it('writes the listing with the problem first, a size per entry, the total and the limit note', () => {
    const listing = archiveListing('tar.gz', [dir('./'), file('./a.params', 2048), file('./synset.txt', 10)], false, 'Only the first 3 entries are listed; the archive has more.');
    const text = formatArchiveListing('s3://bucket/flat/model.tar.gz', listing);
    const lines = text.split('\n');
    assert.equal(lines[0], 's3://bucket/flat/model.tar.gz');
    assert.equal(lines[1], 'tar.gz · 3 entries · 2 files · 2.0 KB uncompressed');
    assert.match(lines[3] ?? '', /^WARNING {2}No parent folder/);
    assert.ok(lines.every((l) => l.length <= 100), 'the warning is wrapped to fit an editor');
    assert.ok(lines.includes('2.0 KB  ./a.params'), text);
    assert.ok(lines.includes('  10 B  ./synset.txt'), text);
    assert.ok(lines.includes('2.0 KB  total of 2 files'), text);
    assert.match(text, /Listing incomplete: Only the first 3 entries/);
  });
});
