// Writing a migration: into the workspace only, never over an existing file without --force, and a .tar.gz model at
// hand repacked as a .zip with the same entries. The CLI (the built dist/cli.js) with its exit statuses.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { migrate, MigrationError } from '../../../src/core/migrate';
import { root } from './support';

const cli = join(root, 'dist', 'cli.js');

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The entries of a zip as Python's zipfile reads them (another implementation than the one that wrote it). */
function zipEntries(file: string): Map<string, string> {
  const script = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({i.filename: z.read(i).decode() for i in z.infolist()}))';
  const r = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return new Map(Object.entries(JSON.parse(r.stdout) as Record<string, string>));
}

describe('migration: writing the files', function () {
  this.timeout(30_000);
  let dir: string;
  let group: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-migrate-write-'));
    group = join(dir, 'camera');
    cpSync(join(root, 'examples'), group, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('repacks a .tar.gz model found in the workspace as a .zip with the same entries', async () => {
    const model = join(dir, 'model-src', 'squeezenet');
    mkdirSync(model, { recursive: true });
    writeFileSync(join(model, 'synset.txt'), 'n01440764 tench\n');
    writeFileSync(join(model, 'squeezenet_v1.1-symbol.json'), '{"nodes": []}\n');
    mkdirSync(join(group, 'models'));
    await tar.c({ gzip: true, file: join(group, 'models', 'squeezenet.tar.gz'), cwd: join(dir, 'model-src') }, ['squeezenet']);
    const result = await migrate(group, { root: dir });
    const zip = join(group, 'greengrass-v2', 'artifacts', 'squeezenet.zip');
    const entries = zipEntries(zip);
    assert.equal(entries.get('squeezenet/synset.txt'), 'n01440764 tench\n');
    assert.equal(entries.get('squeezenet/squeezenet_v1.1-symbol.json'), '{"nodes": []}\n');
    const record = JSON.parse(readFileSync(join(group, 'greengrass-v2', 'migration.json'), 'utf8')) as { components: { kind: string; model?: { localArchive?: string } }[] };
    assert.equal(record.components.find((c) => c.kind === 'model')?.model?.localArchive, 'artifacts/squeezenet.zip');
    assert.ok(result.written.includes('artifacts/squeezenet.zip'));
    assert.doesNotMatch(readFileSync(result.reportPath, 'utf8'), /ML resource squeezenet-model \| [^|]*\| [^|]*\| \*\*changed\*\* \| V2 unarchives ZIP only and the archive is not in the workspace/);
  });

  it('never replaces an existing file without force, and writes nothing then', async () => {
    const out = join(group, 'greengrass-v2');
    mkdirSync(out);
    writeFileSync(join(out, 'deployment.json'), '{"mine": true}\n');
    await assert.rejects(migrate(group, { root: dir }), (e: unknown) => e instanceof MigrationError && /already holds 1 of these files.*--force.*deployment\.json/.test(e.message));
    assert.equal(readFileSync(join(out, 'deployment.json'), 'utf8'), '{"mine": true}\n');
    assert.equal(existsSync(join(out, 'migration-report.md')), false);
    await migrate(group, { root: dir, force: true });
    assert.match(readFileSync(join(out, 'deployment.json'), 'utf8'), /"targetArn"/);
  });

  it('writes nothing outside the workspace, even through a link inside it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'ggml-outside-'));
    try {
      symlinkSync(outside, join(group, 'greengrass-v2'));
      await assert.rejects(migrate(group, { root: dir }), (e: unknown) => e instanceof MigrationError && /outside the workspace/.test(e.message));
      await assert.rejects(migrate(group, { root: dir, outDir: outside }), MigrationError);
      mkdirSync(join(group, 'v2'));
      symlinkSync(outside, join(group, 'v2', 'components'));
      await assert.rejects(migrate(group, { root: dir, outDir: join(group, 'v2') }), (e: unknown) => e instanceof MigrationError && /leave its folder through a link/.test(e.message));
      assert.deepEqual(spawnSync('ls', ['-A', outside], { encoding: 'utf8' }).stdout, '');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('CLI: exit 1 when written with blockers, 2 for usage, a template with several groups, or existing files', function () {
    this.timeout(180_000); // ten runs of the built CLI
    const written = run(['migrate', 'camera'], dir);
    assert.equal(written.code, 1, written.stderr);
    assert.match(written.stdout, /Wrote 5 files to camera\/greengrass-v2; read camera\/greengrass-v2\/migration-report\.md first\.\n3 blockers/);
    const again = run(['migrate', 'camera'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already holds 5 of these files; migrate with --force/);
    assert.equal(run(['migrate', 'camera', '--force'], dir).code, 1);
    const usage = run(['migrate'], dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Name the group folder or template to migrate\n\nUsage: greengrass-ml migrate/);
    cpSync(join(root, 'test', 'fixtures', 'templates', 'two-groups.yaml'), join(dir, 'two-groups.yaml'));
    const several = run(['migrate', 'two-groups.yaml'], dir);
    assert.equal(several.code, 2);
    assert.match(several.stderr, /holds 2 groups; choose one with --group: line-camera, gateway/);
    const unknown = run(['migrate', 'two-groups.yaml', '--group', 'nope'], dir);
    assert.match(unknown.stderr, /no group named nope; its groups: line-camera, gateway/);
    const one = run(['migrate', 'two-groups.yaml', '--group', 'gateway', '--out', 'gateway-v2'], dir);
    assert.equal(one.code, 1, one.stderr);
    assert.ok(existsSync(join(dir, 'gateway-v2', 'components', 'aggregator.request.json')));
    const notASource = run(['migrate', 'camera/service-role-policy.json'], dir);
    assert.equal(notASource.code, 2);
    assert.match(notASource.stderr, /Not a group folder \(with greengrass-ml\.json\) or a CloudFormation\/SAM template/);
    assert.equal(run(['migrate', '--help'], dir).code, 0);
  });
});
