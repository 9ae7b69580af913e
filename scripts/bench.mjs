// `npm run bench`: performance figures (a benchmark, not a test). Prints:
//   bundle sizes; activation time of the extension in the real VS Code extension host (median of runs);
//   and the lint, explorer and deploy benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureVSCode, launchChromium, root, runExtensionTests, startCodeServer } from './lib/codeServer.mjs';

const RUNS = Number(process.env.GGML_BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const lines = [];
const report = (s) => { lines.push(s); console.log(s); };

function build(args) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), ...args], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error('build failed');
}

async function activation() {
  ensureVSCode();
  build(['--production']);
  build(['--tests']);
  build(['--production']); // --tests rebuilt dist/ for development; measure what ships
  for (const b of ['extension.js', 'aws.js', 'cli.js', 'server.js']) report(`bundle dist/${b}: ${kb(statSync(join(root, 'dist', b)).size)} (minified)`);
  const state = join(root, '.test-output', `bench-${process.pid}`);
  const folder = join(state, 'empty-workspace');
  mkdirSync(folder, { recursive: true });
  const out = join(state, 'activation.json');
  const server = await startCodeServer({ stateDir: state, smokeDriver: true, env: { GGML_BENCH_OUT: out } });
  const browser = await launchChromium();
  const times = [];
  const loads = [];
  const calls = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      rmSync(out, { force: true });
      const code = await runExtensionTests({
        server, browser, extensionPath: root, testsPath: join(root, 'out', 'test', 'bench', 'activation.js'), folder,
        timeoutMs: 120_000, onLog: (type, line) => { if (process.env.GGML_BENCH_VERBOSE || type === 'error' && /greengrass/i.test(line)) console.error(type, line); },
      });
      if (code !== 0 || !existsSync(out)) throw new Error(`activation run ${i + 1} failed (exit ${code})`);
      const r = JSON.parse(readFileSync(out, 'utf8'));
      times.push((r.loadMs ?? 0) + r.activateMs);
      loads.push(r.loadMs ?? 0);
      calls.push(r.activateMs);
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(state, { recursive: true, force: true });
  }
  report(`activation in the real extension host: median ${median(times).toFixed(1)} ms over ${RUNS} runs ` +
    `(evaluating the bundle's modules ${median(loads).toFixed(1)} ms + activate() ${median(calls).toFixed(1)} ms; min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
}

await activation();
for (const [file, fn] of [['bench-lint.mjs', 'benchLint'], ['bench-lsp.mjs', 'benchLsp'], ['bench-explorer.mjs', 'benchExplorer'], ['bench-deploy.mjs', 'benchDeploy'], ['bench-fuzz.mjs', 'benchFuzz']]) {
  const path = join(root, 'scripts', file);
  if (!existsSync(path)) { report(`${file}: not present`); continue; }
  const mod = await import(path);
  const out = await mod[fn]();
  for (const l of out ?? []) report(l);
}
console.log('\n== benchmark summary');
for (const l of lines) console.log(l);
