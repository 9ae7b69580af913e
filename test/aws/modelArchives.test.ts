// Model archives in S3 as the explorer reads them: the entries of real .tar.gz and .zip objects (with the V1 layout
// check), downloads in ranged pieces with cancellation, which ML resources use an archive or a training job, and a
// training job whose model artifact is missing.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import * as tar from 'tar';
import { ZipFile } from 'yazl';
import { createAwsClients, ModelArchiveService, OBJECT_CHUNK_BYTES } from '../../src/aws';
import type { AwsClients } from '../../src/aws';
import { resetMoto, seedFreshDemo, type DemoAccount } from './seeded';

const BUCKET = 'greengrass-models-demo';

/** A .tar.gz made as users make them: `tar -czf out -C <cwd> <paths>`. */
async function tarGz(files: Record<string, string | Buffer>, paths: string[], cwdOf: (dir: string) => string = (d) => d): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'ggml-archive-'));
  try {
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), body);
    }
    const chunks: Buffer[] = [];
    for await (const c of tar.c({ gzip: true, cwd: cwdOf(dir), portable: true }, paths)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function zip(files: Record<string, string>, comment?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = new ZipFile();
    for (const [name, text] of Object.entries(files)) z.addBuffer(Buffer.from(text), name, { mtime: new Date(0) });
    z.end({ forceZip64Format: false, comment: comment ?? '' });
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

describe('model archives in S3', function () {
  this.timeout(60_000);
  let demo: DemoAccount;
  let clients: AwsClients;
  let archives: ModelArchiveService;
  let big: Buffer;
  const put = (key: string, body: Buffer, bucket = BUCKET): Promise<unknown> => clients.s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

  before(async () => {
    demo = await seedFreshDemo();
    clients = createAwsClients({});
    archives = new ModelArchiveService(clients);
    // Files at the archive's root: what `tar -czf model.tar.gz -C squeezenet .` makes.
    await put('flat/model.tar.gz', await tarGz({ 'squeezenet/synset.txt': 'n01440764 tench\n', 'squeezenet/model-0000.params': 'weights\n' }, ['.'], (d) => join(d, 'squeezenet')));
    await put('flat/bare.tar.gz', await tarGz({ 'synset.txt': 'tench\n', 'model.params': 'weights\n' }, ['synset.txt', 'model.params']));
    await put('commented/model.zip', await zip({ 'resnet/a.params': 'a', 'resnet/b.txt': 'bb' }, 'packed by the build server '.repeat(100)));
    await put('broken/model.zip', Buffer.from('this is not a zip file at all\n'));
    big = randomBytes(OBJECT_CHUNK_BYTES * 2 + 12_345);
    await put('big/model.zip', big);
  });
  after(async () => {
    clients?.dispose();
    await resetMoto();
  });

  it('lists a .tar.gz packed with a parent folder: entries, sizes, totals, no problem', async () => {
    const listing = await archives.listArchive(BUCKET, 'squeezenet/model.tar.gz');
    assert.equal(listing.format, 'tar.gz');
    assert.ok(listing.complete);
    assert.deepEqual(listing.entries.map((e) => e.path).sort(), [
      'squeezenet/', 'squeezenet/squeezenet_v1.1-0000.params', 'squeezenet/squeezenet_v1.1-symbol.json', 'squeezenet/synset.txt',
    ]);
    assert.equal(listing.fileCount, 3);
    assert.equal(listing.entries.find((e) => e.path === 'squeezenet/synset.txt')?.size, 'n01440764 tench\nn01443537 goldfish\n'.length);
    assert.equal(listing.totalBytes, listing.entries.reduce((n, e) => n + e.size, 0));
    assert.equal(listing.layoutProblem, undefined);
  });

  it('flags a .tar.gz whose files are at its root (no parent folder), naming the files and the fix', async () => {
    for (const key of ['flat/model.tar.gz', 'flat/bare.tar.gz']) {
      const listing = await archives.listArchive(BUCKET, key);
      assert.ok(listing.layoutProblem, `${key} is flagged`);
      assert.match(listing.layoutProblem, /No parent folder/);
      assert.match(listing.layoutProblem, /Upload Model/);
      assert.match(listing.layoutProblem, /synset\.txt/);
    }
  });

  it('lists a .zip from its central directory, also with a long archive comment, and does not flag it', async () => {
    const seeded = await archives.listArchive(BUCKET, 'resnet/model.zip');
    assert.equal(seeded.format, 'zip');
    assert.deepEqual(seeded.entries.map((e) => e.path), ['resnet/resnet-18-symbol.json', 'resnet/resnet-18-0000.params', 'resnet/synset.txt']);
    assert.deepEqual(seeded.entries.map((e) => e.size), [12, 5, 16]);
    assert.equal(seeded.layoutProblem, undefined);
    const commented = await archives.listArchive(BUCKET, 'commented/model.zip');
    assert.deepEqual(commented.entries.map((e) => [e.path, e.size]), [['resnet/a.params', 1], ['resnet/b.txt', 2]]);
    assert.equal(commented.totalBytes, 3);
  });

  it('stops at the entry limit and says so', async () => {
    const listing = await archives.listArchive(BUCKET, 'squeezenet/model.tar.gz', { maxEntries: 2, maxBytes: 1024 * 1024 });
    assert.equal(listing.entries.length, 2);
    assert.equal(listing.complete, false);
    assert.match(listing.note ?? '', /first 2 entries/);
  });

  it('says clearly when an object named .zip is not a zip', async () => {
    await assert.rejects(archives.listArchive(BUCKET, 'broken/model.zip'), /not a \.zip archive.*s3:\/\/greengrass-models-demo\/broken\/model\.zip/);
    await assert.rejects(archives.listArchive(BUCKET, 'resnet/README.md'), /Only \.tar\.gz and \.zip/);
  });

  it('downloads an object larger than one ranged read, byte for byte, with progress', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ggml-download-'));
    try {
      const seen: number[] = [];
      const result = await archives.download(BUCKET, 'big/model.zip', join(dir, 'model.zip'), { onProgress: (done) => seen.push(done) });
      assert.equal(result.bytes, big.length);
      assert.ok(readFileSync(join(dir, 'model.zip')).equals(big), 'the file is the object');
      assert.deepEqual(seen, [0, OBJECT_CHUNK_BYTES, OBJECT_CHUNK_BYTES * 2, big.length]);
      assert.deepEqual(readdirSync(dir), ['model.zip'], 'no temporary file is left');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cancelled mid-download leaves no partial file and keeps an existing file as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ggml-download-'));
    try {
      writeFileSync(join(dir, 'model.zip'), 'the old model\n');
      const controller = new AbortController();
      await assert.rejects(
        archives.download(BUCKET, 'big/model.zip', join(dir, 'model.zip'), { signal: controller.signal, onProgress: (done) => (done > 0 ? controller.abort() : undefined) }),
        (e: Error) => e.name === 'AbortError',
      );
      assert.deepEqual(readdirSync(dir), ['model.zip']);
      assert.equal(readFileSync(join(dir, 'model.zip'), 'utf8'), 'the old model\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the ML resources that use an archive or a training job, in the groups\' latest versions', async () => {
    const byArchive = await archives.findUsers({ s3Uri: `s3://${BUCKET}/squeezenet/model.tar.gz` });
    assert.deepEqual(byArchive.users.map((u) => [u.groupName, u.resourceId, u.destinationPath]), [
      ['camera-inference', 'squeezenet-model', '/greengrass-machine-learning/mxnet/squeezenet'],
    ]);
    assert.equal(byArchive.complete, true);
    assert.ok(byArchive.groupsRead >= 3);
    const byJob = await archives.findUsers({ sageMakerJobArn: demo.trainingJobs['squeezenet-neo-2024-05-01']! });
    assert.deepEqual(byJob.users.map((u) => [u.groupName, u.resourceId]), [['camera-inference', 'neo-squeezenet-model']]);
    const unused = await archives.findUsers({ s3Uri: `s3://${BUCKET}/resnet/model.zip` });
    assert.deepEqual(unused.users, []);
    const bounded = await archives.findUsers({ s3Uri: `s3://${BUCKET}/squeezenet/model.tar.gz` }, { maxGroups: 1 });
    assert.equal(bounded.groupsRead, 1);
    assert.equal(bounded.complete, false, 'a scan cut at the group limit says it is incomplete');
  });

  it('tells a training job\'s missing model artifact from a present one, and a job that has none yet', async () => {
    const name = 'defect-detector-v2';
    const key = `output/${name}/output/model.tar.gz`;
    const uri = `s3://${demo.sagemakerBucket}/${key}`;
    assert.equal((await archives.artifactState(uri, 'Completed')).state, 'present');
    await clients.s3().send(new DeleteObjectCommand({ Bucket: demo.sagemakerBucket, Key: key }));
    const missing = await archives.artifactState(uri, 'Completed');
    assert.equal(missing.state, 'missing');
    assert.match('message' in missing ? missing.message : '', new RegExp(`Model artifact missing: ${uri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const running = await archives.artifactState(undefined, 'InProgress');
    assert.equal(running.state, 'none');
    assert.match('message' in running ? running.message : '', /still running.*no model artifact yet/);
  });
});
