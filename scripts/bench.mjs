// `npm run bench`: performance figures (a benchmark, not a test). Prints:
//   bundle sizes; in the real VS Code extension host (medians of runs): activation, the AWS layer's first load,
//   the time from opening a 200-line definition to its diagnostics, the extension host's memory after linting
//   examples/ (and the language server's, when the extension reports it); then the lint, explorer and deploy
//   benchmarks, and the migration of a 50-function group.
// The extension-host figures are measured for this tree and for a baseline revision in the same run, runs
// interleaved, so the ratios compare like with like: GGML_BENCH_BASE=<rev> (default: the commit this work
// started from), GGML_BENCH_BASE=none to skip. The baseline is extracted with `git archive` into
// .test-output/bench-base-<commit>/ and built there, with its own packages when its package-lock.json differs.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureVSCode, launchChromium, root, runExtensionTests, startCodeServer } from './lib/codeServer.mjs';
import { generateGroup } from './bench-lint.mjs';

const RUNS = Number(process.env.GGML_BENCH_RUNS ?? 5);
const BASE = process.env.GGML_BENCH_BASE ?? 'fbd9e03';
const BUNDLES = ['extension.js', 'languageclient.js', 'aws.js', 'cli.js', 'server.js'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const lines = [];
/** Bundle evaluation + activate(), as the extension reports them (undefined when it does not). */
const activationMs = (r) => (r.activation ? (r.activation.loadMs ?? 0) + r.activation.activateMs : undefined);
const report = (s) => { lines.push(s); console.log(s); };

function build(dir, args) {
  const r = spawnSync(process.execPath, [join(dir, 'scripts', 'build.mjs'), ...args], { stdio: 'inherit', cwd: dir });
  if (r.status !== 0) throw new Error(`build failed in ${dir}`);
}

/** How many copies of @smithy/core the installed packages hold (1 when node_modules matches the lockfile). */
function smithyCoreCopies(dir) {
  let n = 0;
  const walk = (nm, depth) => {
    if (!existsSync(nm) || depth > 4) return;
    if (existsSync(join(nm, '@smithy', 'core', 'package.json'))) n++;
    for (const scope of readdirSync(nm)) {
      const pkgs = scope.startsWith('@') ? readdirSync(join(nm, scope)).map((p) => join(nm, scope, p)) : [join(nm, scope)];
      for (const p of pkgs) walk(join(p, 'node_modules'), depth + 1);
    }
  };
  walk(join(dir, 'node_modules'), 0);
  return n;
}

/** The baseline tree, extracted and built once per commit. */
function prepareBase(rev) {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  const dir = join(root, '.test-output', `bench-base-${sha.slice(0, 12)}`);
  if (!existsSync(join(dir, '.ready'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tar = spawnSync('sh', ['-c', `git archive --format=tar ${sha} | tar -x -C "${dir}"`], { cwd: root, stdio: 'inherit' });
    if (tar.status !== 0) throw new Error(`cannot extract ${rev}`);
    const sameLock = readFileSync(join(dir, 'package-lock.json'), 'utf8') === readFileSync(join(root, 'package-lock.json'), 'utf8');
    if (sameLock) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    else {
      console.log(`bench: installing the packages of ${rev} (its package-lock.json differs)`);
      const ci = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, stdio: 'inherit' });
      if (ci.status !== 0) throw new Error(`npm ci failed for ${rev}`);
    }
    writeFileSync(join(dir, '.ready'), sha);
  }
  build(dir, ['--production']);
  return { label: `base ${rev}`, dir };
}

async function extensionHost() {
  ensureVSCode();
  const trees = [];
  if (BASE !== 'none') trees.push(prepareBase(BASE));
  build(root, ['--tests']);
  build(root, ['--production']); // --tests rebuilt dist/ for development; measure what ships
  trees.push({ label: 'this tree', dir: root });
  const copies = smithyCoreCopies(root);
  if (copies > 1) report(`WARNING: node_modules holds ${copies} copies of @smithy/core: it does not match package-lock.json (run npm ci); the aws.js figures below reflect the installed packages`);
  for (const t of trees) {
    t.sizes = Object.fromEntries(BUNDLES.filter((b) => existsSync(join(t.dir, 'dist', b))).map((b) => [b, statSync(join(t.dir, 'dist', b)).size]));
    t.runs = [];
    t.failures = [];
  }

  // Outside the repository: the workspaces must not sit under a dot-folder (.test-output), which the extension's
  // workspace scan skips, or no example would get diagnostics and the latency and memory figures would mean nothing.
  const state = mkdtempSync(join(tmpdir(), 'ggml-bench-'));
  const empty = join(state, 'empty-workspace');
  mkdirSync(empty, { recursive: true });
  const linted = join(state, 'lint-workspace');
  cpSync(join(root, 'examples'), join(linted, 'examples'), { recursive: true });
  mkdirSync(join(linted, 'bench'), { recursive: true });
  let group = generateGroup(1);
  for (let n = 2; JSON.stringify(group.resources, null, 2).split('\n').length < 200; n++) group = generateGroup(n);
  // Not a conventional file name: the linter recognises the definition by its content when it is opened.
  writeFileSync(join(linted, 'bench', 'camera-models.json'), `${JSON.stringify(group.resources, null, 2)}\n`);

  const out = join(state, 'result.json');
  // Static credentials and a closed loopback endpoint: starting the AWS connection costs what it costs, without
  // reaching the network (no instance metadata lookups, no calls leave the machine).
  const awsEnv = {
    AWS_ACCESS_KEY_ID: 'AKIABENCHMARK0000000', AWS_SECRET_ACCESS_KEY: 'benchmark', AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_CONFIG_FILE: join(state, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(state, 'none'),
  };
  const server = await startCodeServer({ stateDir: state, smokeDriver: true, env: { GGML_BENCH_OUT: out, ...awsEnv } });
  const browser = await launchChromium();
  const session = async (tree, folder) => {
    rmSync(out, { force: true });
    const code = await runExtensionTests({
      server, browser, extensionPath: tree.dir, testsPath: join(root, 'out', 'test', 'bench', 'activation.js'), folder,
      timeoutMs: 120_000, onLog: (type, line) => { if (process.env.GGML_BENCH_VERBOSE || type === 'error' && /greengrass|ggml/i.test(line)) console.error(type, line); },
    });
    if (code !== 0 || !existsSync(out)) throw new Error(`bench session of ${tree.label} in ${folder} failed (exit ${code})`);
    return JSON.parse(readFileSync(out, 'utf8'));
  };
  // A baseline that cannot give a figure (it predates it, or its session fails) gets "n/a" for it; this tree's
  // failures stop the run, since its figures are the point.
  const tolerant = async (tree, folder) => {
    if (tree.dir === root) return session(tree, folder);
    try {
      return await session(tree, folder);
    } catch (error) {
      tree.failures.push(error instanceof Error ? error.message : String(error));
      return {};
    }
  };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const t of trees) {
        const a = await tolerant(t, empty);
        const l = await tolerant(t, linted);
        t.runs.push({ ...a, ...l });
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(state, { recursive: true, force: true });
  }

  const figure = (t, f) => {
    const xs = t.runs.map(f).filter((x) => typeof x === 'number');
    return xs.length ? median(xs) : undefined;
  };
  const figures = [
    ['activation (bundle evaluation + activate())', (r) => activationMs(r), ms, 'target <= 30 ms'],
    ['  evaluating the bundle', (r) => r.activation?.loadMs, ms],
    ['  activate()', (r) => r.activation?.activateMs, ms],
    ['dist/aws.js first load in the extension host', (r) => r.awsLoadMs, ms],
    ['opening a 200-line definition to its diagnostics', (r) => r.diagnosticsMs, ms],
    ['extension host memory after linting examples/ (rss)', (r) => r.hostRss, mib],
    ['extension host heap after linting examples/', (r) => r.hostHeapUsed, mib],
    ['language server memory after linting examples/ (rss)', (r) => r.serverRss, mib],
  ];
  const [base, mine] = trees.length === 2 ? trees : [undefined, trees[0]];
  report(`extension host figures: medians of ${RUNS} runs${base ? `, ${base.label} -> this tree (ratio this/base)` : ''}`);
  for (const b of BUNDLES) {
    const before = base?.sizes[b];
    report(`  bundle dist/${b} (minified): ${before ? `${kb(before)} -> ` : base ? '(not in the baseline) ' : ''}${kb(mine.sizes[b])}${before ? ` (${(mine.sizes[b] / before).toFixed(2)}x)` : ''}`);
  }
  for (const [name, f, fmt, note] of figures) {
    const after = figure(mine, f);
    const before = base ? figure(base, f) : undefined;
    if (after === undefined && before === undefined) { report(`  ${name}: not reported by the extension`); continue; }
    const text = base ? `${before === undefined ? 'n/a' : fmt(before)} -> ${after === undefined ? 'n/a' : fmt(after)}` : fmt(after);
    const ratio = before !== undefined && after !== undefined && before > 0 ? ` (${(after / before).toFixed(2)}x)` : '';
    report(`  ${name}: ${text}${ratio}${note ? `; ${note}` : ''}`);
  }
  for (const t of trees) {
    const r = t.runs.at(-1);
    if (r && typeof r.examples === 'number' && r.examplesDiagnosed !== r.examples) report(`  note: ${t.label} showed diagnostics on ${r.examplesDiagnosed} of the ${r.examples} example files when memory was measured`);
    const missed = t.runs.find((x) => x.diagnosticsError)?.diagnosticsError;
    if (missed) report(`  note: ${t.label} gave no diagnostics for the opened definition: ${missed}`);
    for (const f of new Set(t.failures)) report(`  note: ${t.label}'s figures from a failed session are n/a: ${f}`);
  }
  for (const t of trees) {
    const names = [...new Set(t.runs.flatMap((r) => Object.keys(r.activation?.phases ?? {})))];
    if (names.length) report(`  ${t.label}'s activate() by phase (medians): ${names.map((n) => `${n} ${ms(figure(t, (r) => r.activation?.phases?.[n]))}`).join(', ')}`);
  }
  const acts = mine.runs.map(activationMs).filter((x) => typeof x === 'number');
  if (acts.length) report(`  this tree's activation: min ${ms(Math.min(...acts))}, max ${ms(Math.max(...acts))}`);
}

// `npm run bench -- extension-host` (or lint, lsp, explorer, deploy, deploy-v2, migrate, fuzz) runs only the parts named.
const only = new Set(process.argv.slice(2));
const wanted = (part) => only.size === 0 || only.has(part);
if (wanted('extension-host')) await extensionHost();
for (const [file, fn, part] of [['bench-lint.mjs', 'benchLint', 'lint'], ['bench-lsp.mjs', 'benchLsp', 'lsp'], ['bench-explorer.mjs', 'benchExplorer', 'explorer'], ['bench-deploy.mjs', 'benchDeploy', 'deploy'], ['bench-deployV2.mjs', 'benchDeployV2', 'deploy-v2'], ['bench-migrate.mjs', 'benchMigrate', 'migrate'], ['bench-fuzz.mjs', 'benchFuzz', 'fuzz']]) {
  if (!wanted(part)) continue;
  const path = join(root, 'scripts', file);
  if (!existsSync(path)) { report(`${file}: not present`); continue; }
  const mod = await import(path);
  const out = await mod[fn]();
  for (const l of out ?? []) report(l);
}
console.log('\n== benchmark summary');
for (const l of lines) console.log(l);
