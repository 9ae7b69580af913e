// The conventions CI users know from cfn-lint and ESLint, on the built CLI (dist/cli.js) run as a child process:
// what folders are searched for, skipped files and empty runs, --version, standard input, the repository's
// .greengrass-ml.yaml, --ignore-rules, --fail-level, SARIF help text, GitHub annotations and the size limit.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateMlTemplate } from '../support/mlTemplate';

const root = resolve(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const cameraGroup = join(root, 'test', 'fixtures', 'lsp', 'camera-group');
const templates = join(root, 'test', 'fixtures', 'templates');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000, ...(input !== undefined ? { input } : {}) });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface JsonOut {
  files: number;
  skipped: { file: string; reason: string }[];
  results: { file: string; code: string; severity: string; line: number; message: string }[];
}

function json(r: Run): JsonOut {
  try {
    return JSON.parse(r.stdout) as JsonOut;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout.slice(0, 500)} ${r.stderr.slice(0, 500)}`);
  }
}

const codesOf = (out: JsonOut, file?: string) => out.results.filter((x) => file === undefined || x.file === file).map((x) => x.code).sort();

/** The camera group's function definition with mistakes users make: an engine misspelling, memory in MB. */
function brokenFunctions(): string {
  return readFileSync(join(cameraGroup, 'function-definition.json'), 'utf8')
    .replace('"NaiveEngine"', '"NativeEngine"')
    .replace('"MemorySize": 98304', '"MemorySize": 96');
}

describe('greengrass-ml lint: the conventions CI users know', function () {
  this.timeout(60_000);
  let dir: string;
  /** A repository (it has .git) with the camera group, a stray script, a virtual environment and other YAML. */
  let repo: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-cli-conv-'));
    repo = join(dir, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    cpSync(cameraGroup, join(repo, 'camera-group'), { recursive: true });
    mkdirSync(join(repo, 'tools'));
    writeFileSync(join(repo, 'tools', 'convert_model.py'), "import sys\n\nprint('/greengrass-machine-learning/mxnet/squeezenet', sys.argv)\n");
    // A virtual environment inside the group folder: its packages are nobody's handlers.
    const venv = join(repo, 'camera-group', 'venv');
    mkdirSync(join(venv, 'lib', 'python3.7', 'site-packages', 'mxnet'), { recursive: true });
    writeFileSync(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.7.3\n');
    writeFileSync(join(venv, 'lib', 'python3.7', 'site-packages', 'mxnet', 'base.py'), "MODEL = '/greengrass-machine-learning/mxnet/squeezenet/x'\n");
    mkdirSync(join(repo, 'camera-group', 'functions', 'camera-classifier', '__pycache__'));
    writeFileSync(join(repo, 'camera-group', 'functions', 'camera-classifier', '__pycache__', 'inference.py'), "MODEL = '/greengrass-machine-learning/mxnet/squeezenet/x'\n");
    writeFileSync(join(repo, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
    writeFileSync(join(repo, 'package.json'), '{ "name": "camera-project", "version": "1.0.0" }\n');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('what is linted', () => {
    it('searches folders for Python handlers too, and leaves scripts outside groups, virtual environments and __pycache__ alone', () => {
      const out = json(run(['lint', '--format', 'json', '.'], repo));
      assert.equal(out.files, 4, JSON.stringify(out.results.map((x) => x.file)));
      assert.deepEqual(codesOf(out, join('camera-group', 'functions', 'camera-classifier', 'inference.py')), ['GGML-PY003'], 'the hard-coded model path in the handler');
      assert.ok(!out.results.some((x) => /venv|__pycache__|tools/.test(x.file)), out.results.map((x) => x.file).join(', '));
      assert.deepEqual(out.skipped, [], 'files found by walking a folder are not listed as skipped');
    });

    it('reports an explicitly named file that is not a Greengrass document as skipped, and counts linted and skipped files', () => {
      const r = run(['lint', 'camera-group/resource-definition.json', 'package.json', 'tools/convert_model.py'], repo);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Skipped package\.json: not a Greengrass document/m);
      assert.match(r.stdout, /^Skipped tools\/convert_model\.py: not the handler of a Greengrass group/m);
      assert.match(r.stdout, /\(1 file linted, 2 skipped\)\.$/m);
      const out = json(run(['lint', '--format', 'json', 'package.json', 'camera-group/resource-definition.json'], repo));
      assert.deepEqual(out.skipped.map((s) => s.file), ['package.json']);
      assert.equal(out.files, 1);
    });

    it('never says "No problems found" for a run that linted nothing: it says so and exits 2 (0 with --no-error-on-empty)', () => {
      for (const args of [['lint', 'package.json', 'docker-compose.yml'], ['lint', 'tools']]) {
        const r = run(args, repo);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
        assert.doesNotMatch(r.stdout, /No problems found/);
        assert.match(r.stdout, /No Greengrass documents found \(0 files linted/);
      }
      const sarif = run(['lint', '--format', 'sarif', 'tools'], repo);
      assert.equal(sarif.code, 2);
      assert.match(sarif.stderr, /No Greengrass documents found; name the folders or files .*: tools/);
      assert.equal(run(['lint', '--no-error-on-empty', 'tools'], repo).code, 0);
    });
  });

  it('prints the version of the package with --version', () => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    for (const args of [['--version'], ['lint', '--version']]) {
      const r = run(args, dir);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${version}\n`);
    }
  });

  describe('- reads standard input', () => {
    it('lints it as the file --stdin-filename names: its kind, its group\'s files and its name in the output', () => {
      const r = run(['lint', '--format', 'json', '--stdin-filename', 'camera-group/function-definition.json', '-'], repo, brokenFunctions());
      assert.equal(r.code, 1, r.stderr);
      const out = json(r);
      assert.equal(out.files, 1);
      assert.deepEqual([...new Set(out.results.map((x) => x.file))], ['camera-group/function-definition.json']);
      assert.deepEqual(codesOf(out), ['GGML-FN004', 'GGML-FN008'], 'the end-of-support note is the group\'s, on its manifest');
    });

    it('guesses the kind from the content without a name (a YAML template here)', () => {
      const r = run(['lint', '--format', 'json', '-'], dir, readFileSync(join(templates, 'devices-nocontainer.yaml')));
      const out = json(r);
      assert.equal(out.files, 1);
      assert.ok(out.results.every((x) => x.file === '<stdin>'));
      assert.ok(codesOf(out).includes('GGML-XF003'), codesOf(out).join(', '));
    });

    it('reads at most the size limit, and says what to do with more', () => {
      const text = `{ "Resources": [ ${'{ "Id": "m", "Name": "m" }, '.repeat(4000)}{ "Id": "last" } ] }`;
      const out = json(run(['lint', '--format', 'json', '--max-size', '1000', '-'], dir, text));
      assert.equal(out.results.length, 1, JSON.stringify(out.results));
      assert.equal(out.results[0]?.code, 'GGML-JSON002');
      assert.match(out.results[0]?.message ?? '', /too large to lint \(limit 1000 characters\); split it or lint it with a higher limit/);
      // Past the byte limit (three bytes per character of the size limit, at least 4 MiB), standard input is not kept.
      const huge = run(['lint', '--format', 'json', '--max-size', '1000', '-'], dir, `${' '.repeat(5 * 1024 * 1024)}{}`);
      assert.match(json(huge).results[0]?.message ?? '', /too large to lint .*--max-size: more than 4194304 bytes/);
    });

    it('is refused with --stdin-filename but no -', () => {
      const r = run(['lint', '--stdin-filename', 'x.json', '.'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--stdin-filename option names standard input: add -/);
    });
  });

  describe('the repository\'s .greengrass-ml.yaml', () => {
    let cfgRepo: string;
    beforeEach(() => {
      cfgRepo = mkdtempSync(join(dir, 'cfg-'));
      // A configuration above the repository's root belongs to another project: it is never read.
      writeFileSync(join(cfgRepo, '.greengrass-ml.yaml'), 'rules:\n  GGML-FN008: off\n');
      mkdirSync(join(cfgRepo, 'project', '.git'), { recursive: true });
      cpSync(cameraGroup, join(cfgRepo, 'project', 'groups', 'camera'), { recursive: true });
      writeFileSync(join(cfgRepo, 'project', 'groups', 'camera', 'function-definition.json'), brokenFunctions());
      mkdirSync(join(cfgRepo, 'project', 'legacy'));
      writeFileSync(join(cfgRepo, 'project', 'legacy', 'resource-definition.json'), '{ "Resources": [ { "Id": "old model!", "Name": "old" } ] }\n');
    });

    it('sets severities, ignores rules and excludes paths, from the nearest file up to the repository root', () => {
      const project = join(cfgRepo, 'project');
      const before = json(run(['lint', '--format', 'json', '.'], project));
      assert.ok(codesOf(before).includes('GGML-FN008'), 'the configuration above the repository is not read');
      assert.ok(before.results.some((x) => x.file.startsWith('legacy')));

      writeFileSync(join(project, '.greengrass-ml.yaml'), [
        '# Team lint settings for the AWS::Greengrass::ResourceDefinition stacks, read by greengrass-ml lint and the editor',
        'rules:',
        '  GGML-FN004: error      # memory in MB is always a mistake here',
        '  GGML-EOS001: off',
        'ignore-rules: [GGML-PY003]',
        'exclude:',
        '  - legacy/',
        '',
      ].join('\n'));
      const r = run(['lint', '--format', 'json', '.'], project);
      const out = json(r);
      assert.equal(r.code, 1);
      assert.ok(!out.results.some((x) => x.file.startsWith('legacy')), 'legacy/ is excluded');
      assert.equal(out.files, 4, 'the group\'s manifest, definitions and handler; not legacy/, not the configuration (though it names a Greengrass type)');
      assert.ok(!codesOf(out).includes('GGML-EOS001') && !codesOf(out).includes('GGML-PY003'), codesOf(out).join(', '));
      assert.equal(out.results.find((x) => x.code === 'GGML-FN004')?.severity, 'error');
      assert.ok(codesOf(out).includes('GGML-FN008'));

      // Named on the command line, an excluded file is skipped and says why.
      const named = run(['lint', 'legacy/resource-definition.json', '--no-error-on-empty'], project);
      assert.match(named.stdout, /^Skipped legacy\/resource-definition\.json: excluded by \.greengrass-ml\.yaml$/m);

      // A nearer file (in the group's folder) takes over for the files below it.
      writeFileSync(join(project, 'groups', '.greengrass-ml.yaml'), 'rules:\n  GGML-FN004: info\n');
      assert.equal(json(run(['lint', '--format', 'json', 'groups'], project)).results.find((x) => x.code === 'GGML-FN004')?.severity, 'info');
    });

    it('stops with exit 2 and says what is wrong with a configuration that cannot be used', () => {
      const project = join(cfgRepo, 'project');
      for (const [text, message] of [
        ['rules:\n  GGML-FN004: loud\n', /The severity of GGML-FN004 must be error, warning, info, hint or off: loud/],
        ['rules: [GGML-FN004]\n', /rules must map rule codes to a severity/],
        ['rules:\n  FN004: off\n', /Not a rule code; rule codes look like GGML-ML002: FN004/],
        ['rules: {GGML-FN004: off\n', /not valid YAML/],
      ] as const) {
        writeFileSync(join(project, '.greengrass-ml.yaml'), text);
        const r = run(['lint', '.'], project);
        assert.equal(r.code, 2, text);
        assert.match(r.stderr, /The configuration cannot be used: \.greengrass-ml\.yaml: /, text);
        assert.match(r.stderr, message, text);
        assert.equal(r.stdout, '', 'nothing is linted with a broken configuration');
      }
      writeFileSync(join(project, '.greengrass-ml.yaml'), 'rules:\n  GGML-ZZ999: off\nseverity: high\n');
      const r = run(['lint', '.'], project);
      assert.equal(r.code, 1, 'unknown rule codes and keys are warnings');
      assert.match(r.stderr, /Warning: \.greengrass-ml\.yaml: No rule has this code in this version of greengrass-ml; check docs\/rules: GGML-ZZ999/);
      assert.match(r.stderr, /Unknown key in the configuration, ignored; the keys are rules, ignore-rules and exclude: severity/);
    });
  });

  it('--ignore-rules leaves the named rules out, whatever their case', () => {
    const out = json(run(['lint', '--format', 'json', '--ignore-rules', 'GGML-EOS001,ggml-py003', 'camera-group'], repo));
    assert.deepEqual(codesOf(out), []);
    const bad = run(['lint', '--ignore-rules', 'EOS001', '.'], repo);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /needs rule codes such as GGML-EOS001,GGML-ID001: EOS001/);
  });

  it('--fail-level sets the severity that fails the run', () => {
    // The camera group has one warning (GGML-PY003) and infos (GGML-EOS001), no error.
    assert.equal(run(['lint', 'camera-group'], repo).code, 0);
    assert.equal(run(['lint', '--fail-level', 'warning', 'camera-group'], repo).code, 1);
    assert.equal(run(['lint', '--fail-level=info', '--ignore-rules', 'GGML-PY003', 'camera-group'], repo).code, 1);
    assert.equal(run(['lint', '--fail-level', 'warning', '--ignore-rules', 'GGML-PY003', 'camera-group'], repo).code, 0);
    assert.equal(run(['lint', '--fail-level', 'none', '--stdin-filename', 'camera-group/function-definition.json', '-'], repo, brokenFunctions()).code, 0);
    const bad = run(['lint', '--fail-level', 'fatal', '.'], repo);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--fail-level option needs error, warning, info or none: fatal/);
  });

  it('SARIF rules carry their documentation page as help.markdown, Python handler rules included, and no file:// helpUri', () => {
    const r = run(['lint', '--format', 'sarif', 'camera-group'], repo);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string; help?: { text: string; markdown?: string } }[] } }; results: { ruleId: string }[] }[] };
    const rules = sarif.runs[0]!.tool.driver.rules;
    for (const id of ['GGML-ML002', 'GGML-PY003', 'GGML-EOS001']) {
      const rule = rules.find((x) => x.id === id);
      assert.ok(rule, id);
      assert.equal(rule.help?.markdown, readFileSync(join(root, 'docs', 'rules', `${id}.md`), 'utf8'), id);
      assert.equal(rule.helpUri, undefined);
    }
    assert.ok(sarif.runs[0]!.results.some((x) => x.ruleId === 'GGML-PY003'));
  });

  it('--format github prints workflow commands that annotate the lines, escaped as GitHub reads them', () => {
    const group = join(dir, 'gh');
    mkdirSync(group, { recursive: true });
    // A file name with a comma and a colon: both would end the property if they were not escaped.
    writeFileSync(join(group, 'cam,era:1.function-definition.json'), brokenFunctions());
    const r = run(['lint', '--format', 'github', '.'], group);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    const fn008 = lines.find((l) => l.includes('GGML-FN008'));
    assert.ok(fn008, r.stdout);
    assert.match(fn008, /^::error file=cam%2Cera%3A1\.function-definition\.json,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=GGML-FN008 mxnet-engine-value::MXNET_ENGINE_TYPE has the misspelling NativeEngine/);
    assert.ok(lines.some((l) => /^::warning file=.*title=GGML-FN004 /.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^::notice file=.*title=GGML-EOS001 /.test(l)), r.stdout);
    assert.ok(lines.every((l) => l.startsWith('::')), 'only workflow commands on stdout');
  });

  it('lints a template larger than the editor\'s 1 MiB limit by default (3,000 ML resources with their functions and roles)', function () {
    this.timeout(120_000);
    const big = generateMlTemplate({ resources: 3000 });
    assert.ok(big.text.length > 1024 * 1024, `${big.text.length} characters`);
    const file = join(dir, 'edge-inference.yaml');
    writeFileSync(file, big.text);
    const out = json(run(['lint', '--format', 'json', file], dir));
    assert.equal(out.files, 1);
    assert.ok(!out.results.some((x) => x.code === 'GGML-JSON002'), 'not refused as too large');
    assert.equal(out.results.filter((x) => x.code === 'GGML-ML002').length, 40, 'every archive that is not .tar.gz or .zip');
    assert.equal(out.results.filter((x) => x.code === 'GGML-FN004').length, 3, 'every function with its memory in MB');
  });
});
