// The built CLI (dist/cli.js) run as a child process, the way CI runs `greengrass-ml lint`.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');

function run(args: string[], cwd = root): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface JsonResult {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  docs?: string;
  fixes: { title: string }[];
}

const CLEAN_RESOURCES = {
  Resources: [{
    Id: 'squeezenet',
    Name: 'squeezenet',
    ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: 's3://my-greengrass-models/squeezenet.tar.gz', DestinationPath: '/greengrass-machine-learning/mxnet/squeezenet' } },
  }],
};

describe('greengrass-ml lint (the built CLI)', function () {
  this.timeout(30_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-cli-'));
    cpSync(join(root, 'examples'), join(dir, 'group'), { recursive: true });
    // Copies of a broken file where folder walking must not look.
    for (const hidden of ['node_modules/some-package', '.cache']) {
      mkdirSync(join(dir, 'group', hidden), { recursive: true });
      writeFileSync(join(dir, 'group', hidden, 'resource-definition.json'), '{ "Resources": [ { "Id": "bad id!" } ');
    }
    mkdirSync(join(dir, 'clean'));
    writeFileSync(join(dir, 'clean', 'resource-definition.json'), JSON.stringify(CLEAN_RESOURCES, null, 2));
    writeFileSync(join(dir, 'clean', 'package.json'), '{ "name": "not-greengrass", "version": "1.0.0" }');
    mkdirSync(join(dir, 'bad-bytes'));
    writeFileSync(join(dir, 'bad-bytes', 'binary.resource-definition.json'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    writeFileSync(join(dir, 'bad-bytes', 'latin1.resource-definition.json'), Buffer.concat([Buffer.from('{ "Resources": [ { "Id": "caf'), Buffer.from([0xe9]), Buffer.from('", "Name": "x" } ] }')]));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its usage with --help and exits 0', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: greengrass-ml lint/);
    assert.match(r.stdout, /--format text\|json\|sarif/);
  });

  it('exits 2 with the usage on bad usage', () => {
    for (const args of [[], ['check'], ['lint', '--format', 'xml'], ['lint', '--format'], ['lint', '--fix']]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}`);
      assert.match(r.stderr, /Usage: greengrass-ml lint/, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
    assert.match(run(['lint', '--format', 'xml']).stderr, /Unknown format; use text, json, sarif, github or compact: xml/);
  });

  it('exits 2 and names a path that does not exist', () => {
    const r = run(['lint', join(dir, 'no-such-folder')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Cannot read the path.*no-such-folder/);
  });

  it('with a low --max-size, still reads the partner files the manifest names', () => {
    // The manifest fits the limit; its 1.6 KB resource definition is over three bytes per character of it.
    const r = run(['lint', 'group/greengrass-ml.json', '--max-size', '460', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as { results: JsonResult[] };
    assert.ok(!out.results.some((x) => x.code === 'GGML-JSON002' || x.code === 'GGML-MAN001'), JSON.stringify(out.results));
  });

  it('finds the example group\'s mistakes, exits 1, and skips node_modules and dot-folders', () => {
    const r = run(['lint', 'group', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { files: number; results: JsonResult[] };
    assert.equal(out.files, 14, 'the six Greengrass files of the group, its Python handler, the SAM example\'s template and handler, and the migrated V2 example\'s five documents are linted');
    const files = new Set(out.results.map((x) => x.file));
    assert.ok(![...files].some((f) => f.includes('node_modules') || f.includes('.cache')), [...files].join(', '));
    const errors = out.results.filter((x) => x.severity === 'error');
    assert.ok(errors.length > 0, 'the example has errors');
    for (const file of ['function-definition.json', 'resource-definition.json', 'service-role-policy.json', join('sam-object-detection', 'template.yaml')]) {
      assert.ok(out.results.some((x) => x.file === join('group', file) && x.severity !== 'info'), `a problem in ${file}`);
    }
    for (const x of out.results) {
      assert.ok(x.line >= 1 && x.column >= 1 && x.endLine >= x.line, JSON.stringify(x));
      assert.match(x.code, /^GGML-/);
      assert.ok(x.docs?.startsWith('file://') && x.docs.endsWith('.md'), `docs link of ${x.code}: ${x.docs}`);
    }
    const engine = out.results.find((x) => x.message.includes('NativeEngine'));
    assert.ok(engine, 'the NativeEngine misspelling is reported');
    assert.equal(engine.file, join('group', 'function-definition.json'));
    assert.ok(engine.fixes.length > 0, 'with a fix');
  });

  it('prints text with file, line:column, severity, message and code', () => {
    const r = run(['lint', 'group/function-definition.json'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^group\/function-definition\.json$/m);
    assert.match(r.stdout, /^ {2}\d+:\d+ {2}error {3}.+ {2}GGML-\S+$/m);
    assert.match(r.stdout, /\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\) in 1 file linted\./);
  });

  it('writes SARIF 2.1.0 with rules, help links and line/column locations', () => {
    const r = run(['lint', '--format=sarif', 'group'], dir);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string; helpUri?: string; defaultConfiguration?: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.ok(run0);
    assert.equal(run0.tool.driver.name, 'greengrass-ml');
    assert.ok(run0.tool.driver.rules.length >= 10, `rules: ${run0.tool.driver.rules.length}`);
    assert.deepEqual(run0.tool.driver.rules.filter((x) => x.helpUri), [], 'no helpUri into the install: the help travels in the SARIF file');
    assert.ok(run0.results.length > 0);
    for (const res of run0.results) {
      assert.equal(run0.tool.driver.rules[res.ruleIndex]?.id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      const loc = res.locations[0]?.physicalLocation;
      assert.ok(loc && loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      assert.match(loc.artifactLocation.uri, /^group\//);
    }
  });

  it('exits 0 on a folder without errors and ignores JSON files that are not Greengrass documents', () => {
    const r = run(['lint', 'clean', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stdout);
    const out = JSON.parse(r.stdout) as { files: number; results: JsonResult[] };
    assert.equal(out.files, 1, 'package.json is not linted');
    assert.deepEqual(out.results.filter((x) => x.severity === 'error'), []);
  });

  it('reports a binary file and a non-UTF-8 file with a clear finding instead of failing', () => {
    const r = run(['lint', 'bad-bytes', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { results: JsonResult[] };
    const binary = out.results.find((x) => x.file.endsWith('binary.resource-definition.json'));
    const latin1 = out.results.find((x) => x.file.endsWith('latin1.resource-definition.json'));
    assert.ok(binary && /binary/i.test(binary.message), JSON.stringify(out.results));
    assert.ok(latin1 && /UTF-8/i.test(latin1.message), JSON.stringify(out.results));
    assert.equal(binary.line, 1);
  });
});
