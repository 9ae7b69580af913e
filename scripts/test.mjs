// `npm test`: type-check, ESLint, build, then the test tiers. `npm test -- unit|hostile|aws|integration|ui` runs one.
//   unit         mocha on plain Node: the VS Code-free core
//   aws          mocha against a real local AWS endpoint (moto, started here on a free port)
//   hostile      the hostile corpus (test/hostile), each case linted in a child process under time and memory bounds
//   integration  mocha inside the real VS Code extension host (code-server + headless Chromium)
//   ui           the packaged .vsix installed into that VS Code, driven in Chromium, with screenshots
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { startMoto } from './lib/moto.mjs';
import { createRequire } from 'node:module';
import { ensureVSCode, root } from './lib/codeServer.mjs';

const ALL = ['unit', 'aws', 'hostile', 'integration', 'ui'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const tiers = wanted.length ? wanted : ALL;
for (const t of tiers) if (!ALL.includes(t)) { console.error(`Unknown test tier: ${t}. Use one of: ${ALL.join(', ')}`); process.exit(2); }
const outDir = join(root, '.test-output');
const runId = `${process.pid}`;
mkdirSync(outDir, { recursive: true });
const mochaBin = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

// The real VS Code of the integration and UI tiers installs (about 2 minutes the first time, mostly downloading)
// while the checks, the build, the unit and the AWS tiers run; its output goes to a log that is shown once it is
// done. The hostile tier, whose cases run under time bounds, and the VS Code tiers wait for it.
let setup;
if (tiers.some((t) => t === 'integration' || t === 'ui')) {
  const log = join(outDir, `setup-vscode-${runId}.log`);
  const fd = openSync(log, 'w');
  const child = spawn('bash', [join(root, 'scripts', 'setup-vscode.sh')], { stdio: ['ignore', fd, fd] });
  setup = new Promise((resolve) => {
    child.on('error', () => resolve(log));
    child.on('exit', () => resolve(log));
  }).then((file) => {
    closeSync(fd);
    process.stdout.write(readFileSync(file, 'utf8'));
  });
}
/** Waits for the background install; ensureVSCode() then checks it (and installs again, or says how, if it failed). */
async function setupDone() {
  if (!setup) return;
  console.log('(waiting for the VS Code install to finish)');
  await setup;
  setup = undefined;
}
const reporter = join(root, 'out', 'test', 'support', 'reporter.js');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  return r.status ?? 1;
}

function readStats(file) {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}

const totals = { passes: 0, failures: 0, pending: 0 };
const summary = [];
function record(tier, file, code) {
  const s = readStats(file);
  if (!s) {
    summary.push(`${tier}: no result (exit ${code})`);
    totals.failures += 1;
    return;
  }
  if (s.tests === 0) { summary.push(`${tier}: ran no test`); totals.failures += 1; return; }
  totals.passes += s.passes; totals.failures += s.failures; totals.pending += s.pending;
  if (code !== 0 && s.failures === 0) totals.failures += 1;
  summary.push(`${tier}: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped${code !== 0 ? ` (exit ${code})` : ''}`);
}

function mocha(tier, files, env = {}, extra = []) {
  const stats = join(outDir, `${tier}-${runId}.stats.json`);
  rmSync(stats, { force: true });
  // --exit: the SDK's keep-alive sockets would otherwise hold the process open after the last test.
  const code = run(process.execPath, [mochaBin, '--reporter', reporter, '--timeout', '20000', '--exit', ...extra, ...files], {
    env: { ...process.env, GGML_TEST_STATS: stats, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
  record(tier, stats, code);
}

const full = wanted.length === 0;
if (full) {
  // Both at once, on the machine's two cores; each one's output is printed when it ends.
  const [tsc, eslint] = await Promise.all([
    runCaptured(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.'], process.env),
    runCaptured(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'], process.env),
  ]);
  console.log('\n== type-check (tsc --noEmit)');
  process.stdout.write(tsc.output);
  console.log('\n== ESLint');
  process.stdout.write(eslint.output);
  if (tsc.code !== 0 || eslint.code !== 0) process.exit(1);
}
console.log('\n== build');
if (run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--tests']) !== 0) process.exit(1);

for (const tier of tiers) {
  console.log(`\n== ${tier} tests`);
  try {
    if (tier === 'unit') {
      // Files in parallel, a worker per core (mocha's default leaves one core idle): half the time on two cores.
      mocha('unit', ['out/test/unit/**/*.test.js'], {}, ['--parallel', '--jobs', String(Math.max(2, availableParallelism()))]);
    } else if (tier === 'hostile') {
      await setupDone();
      mocha('hostile', ['out/test/hostile/**/*.test.js']);
    } else if (tier === 'aws') {
      const moto = await startMoto({ log: console.log });
      try { mocha('aws', ['out/test/aws/**/*.test.js'], moto.env); } finally { await moto.stop(); }
    } else if (tier === 'integration') {
      await setupDone();
      await integration();
    } else if (tier === 'ui') {
      await setupDone();
      await ui();
    }
  } catch (error) {
    console.error(`${tier} tests could not run: ${error.message}`);
    summary.push(`${tier}: could not run`);
    totals.failures += 1;
  }
}

/**
 * The integration tier runs through the ecosystem's runner, @vscode/test-electron's runTests. Which VS Code:
 *   GGML_VSCODE unset or `code-server`: the real VS Code installed here (scripts/setup-vscode.sh), through
 *     scripts/lib/codeServerLauncher.mjs, which takes the runner's arguments and drives code-server in Chromium;
 *   `desktop`: the runner downloads the current desktop VS Code (needs the internet, and a display: xvfb-run);
 *   a path: that VS Code executable.
 */
async function integration() {
  const { runTests } = createRequire(import.meta.url)('@vscode/test-electron');
  const which = process.env.GGML_VSCODE || 'code-server';
  const launcher = join(root, 'scripts', 'lib', 'codeServerLauncher.mjs');
  if (which === 'code-server') ensureVSCode();
  const vscodeExecutablePath = which === 'code-server' ? launcher : which === 'desktop' ? undefined : which;
  const state = join(outDir, `integration-${runId}`);
  rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  const workspace = join(state, 'workspace');
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  // First a workspace without Greengrass files (what the extension must not do there), then the fixture workspace.
  const plain = join(state, 'plain-workspace');
  cpSync(join(root, 'test', 'fixtures', 'plain-workspace'), plain, { recursive: true });
  const stats = join(outDir, `integration-${runId}.stats.json`);
  rmSync(stats, { force: true });
  const moto = await startMoto({ log: console.log });
  const env = { ...moto.env, GGML_TEST_STATS: stats, GGML_TEST_WORKSPACE: workspace, GGML_TEST_GREP: process.env.GGML_TEST_GREP ?? '', GGML_TEST_STATE_DIR: state };
  const run = async (tests, folder, timeoutMs) => {
    try {
      return await runTests({
        vscodeExecutablePath, extensionDevelopmentPath: root, extensionTestsPath: join(root, 'out', 'test', 'integration', tests),
        launchArgs: [folder], extensionTestsEnv: { ...env, GGML_TEST_TIMEOUT_MS: String(timeoutMs) },
        reuseMachineInstall: vscodeExecutablePath === launcher,
      });
    } catch (error) {
      return typeof error?.code === 'number' ? error.code : 1;
    }
  };
  try {
    const plainCode = await run(join('plain', 'index.js'), plain, 3 * 60_000);
    // With a grep, a run whose tests it selects none of has nothing to report (unless neither run has any).
    const plainRan = (readStats(stats)?.tests ?? 0) > 0;
    if (!process.env.GGML_TEST_GREP || plainRan) record('integration (plain workspace)', stats, plainCode);
    rmSync(stats, { force: true });
    // A bound for a hung host, well above the tier's time on a loaded machine.
    const code = await run('index.js', workspace, 15 * 60_000);
    if (!process.env.GGML_TEST_GREP || !plainRan || (readStats(stats)?.tests ?? 0) > 0) record('integration', stats, code);
  } finally {
    await moto.stop();
    rmSync(state, { recursive: true, force: true });
  }
}

/**
 * The UI tier: each test file in its own mocha process, one after another (npm start's test first), on a vsix
 * installed once: a file that crashes its process leaves the others their result. Not two at a time: on two cores
 * that was no faster, as each window (code-server, Chromium, moto) keeps the CPU busy.
 */
async function ui() {
  ensureVSCode();
  const { packageVsix } = await import('./package.mjs');
  const { installVsix } = await import('./lib/codeServer.mjs');
  const vsix = await packageVsix({ quiet: true, out: join(outDir, `greengrass-ml-${runId}.vsix`) });
  // Installed once here (code-server's installer takes seconds); each window gets a copy.
  const extensions = join(outDir, `ui-extensions-${runId}`);
  rmSync(extensions, { recursive: true, force: true });
  mkdirSync(extensions, { recursive: true });
  installVsix(vsix, extensions);
  const grep = process.env.GGML_TEST_GREP ? ['--grep', process.env.GGML_TEST_GREP] : [];
  const files = readdirSync(join(root, 'test', 'ui')).filter((f) => f.endsWith('.ui.mjs'))
    .sort((a, b) => Number(b === 'start.ui.mjs') - Number(a === 'start.ui.mjs') || a.localeCompare(b));
  const sum = { passes: 0, failures: 0, pending: 0, tests: 0 };
  let failedRuns = 0;
  for (const file of files) {
    const stats = join(outDir, `ui-${file}-${runId}.stats.json`);
    rmSync(stats, { force: true });
    const code = run(process.execPath, [mochaBin, '--reporter', reporter, '--timeout', '120000', '--exit', ...grep, join('test', 'ui', file)], {
      env: { ...process.env, GGML_TEST_STATS: stats, GGML_VSIX: vsix, GGML_UI_EXTENSIONS: extensions, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    // One line for the tier. With a grep, a file whose tests it selects none of has nothing to report.
    const s = readStats(stats);
    if (!s) { failedRuns += 1; console.log(`${file}: no result (exit ${code})`); continue; }
    if (s.tests === 0 && !grep.length) { failedRuns += 1; console.log(`${file}: ran no test`); continue; }
    for (const k of Object.keys(sum)) sum[k] += s[k];
    if (code !== 0 && s.failures === 0) failedRuns += 1;
  }
  rmSync(extensions, { recursive: true, force: true });
  if (sum.tests === 0) { summary.push('ui: ran no test'); totals.failures += 1; return; }
  totals.passes += sum.passes; totals.failures += sum.failures + failedRuns; totals.pending += sum.pending;
  summary.push(`ui: ${sum.passes} passed, ${sum.failures} failed, ${sum.pending} skipped${failedRuns ? ` (${failedRuns} file(s) ended without a result or with an error)` : ''}`);
}

/** Runs a command with its output (stdout and stderr, in order) kept for the caller. */
function runCaptured(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? 1, output: signal ? `${output}\n(ended by ${signal})` : output }));
  });
}

console.log('\n== summary');
for (const line of summary) console.log(line);
console.log(`tests: ${totals.passes} passed, ${totals.failures} failed, ${totals.pending} skipped`);
process.exit(totals.failures > 0 ? 1 : 0);
