// Language-server benchmark (part of `npm run bench`; also runnable alone: `node scripts/bench-lsp.mjs`).
//   1. In the real VS Code: time from opening a 200-line definition to its diagnostics (median of runs), time from
//      activation to the first diagnostics of a workspace with examples/, and the memory of the extension host and
//      of the language server once examples/ is linted.
//      With GGML_BENCH_BEFORE=<folder of an earlier build of the extension> (for example one that linted in the
//      extension host), the same is measured for that build and the ratios printed.
//   2. Over stdio (`greengrass-ml lsp --stdio`, as other editors run it): didOpen of the same 200-line definition
//      to its publishDiagnostics (median of runs), and the server's memory.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generateGroup } from './bench-lint.mjs';
import { ensureVSCode, launchChromium, root, runExtensionTests, startCodeServer } from './lib/codeServer.mjs';

const RUNS = Number(process.env.GGML_BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** A group whose resource definition is about 200 lines, written into `dir`; returns that definition's text. */
function writeGroup(dir) {
  let group = generateGroup(2);
  for (let n = 2; JSON.stringify(group.resources, null, 2).split('\n').length < 200; n++) group = generateGroup(n);
  mkdirSync(dir, { recursive: true });
  const resources = `${JSON.stringify(group.resources, null, 2)}\n`;
  writeFileSync(join(dir, 'greengrass-ml.json'), JSON.stringify(group.manifest, null, 2));
  writeFileSync(join(dir, 'resource-definition.json'), resources);
  writeFileSync(join(dir, 'function-definition.json'), JSON.stringify(group.functions, null, 2));
  writeFileSync(join(dir, 'service-role-policy.json'), JSON.stringify(group.policy, null, 2));
  return resources;
}

/** Runs test/bench/lsp.ts in the real VS Code with the extension at `extensionPath`; returns its figures. */
let vscodeRuns = 0;
async function inVSCode(extensionPath) {
  ensureVSCode();
  const state = join(root, '.test-output', `bench-lsp-${process.pid}-${++vscodeRuns}`);
  const folder = join(state, 'workspace');
  cpSync(join(root, 'examples'), join(folder, 'examples'), { recursive: true });
  const text = writeGroup(join(folder, 'bench-group'));
  // Named by no convention, so the workspace scan leaves them for the benchmark to open (detected by content).
  for (let i = 0; i < RUNS; i++) writeFileSync(join(folder, 'bench-group', `open-${i}.json`), text);
  const out = join(state, 'lsp.json');
  const server = await startCodeServer({ stateDir: state, smokeDriver: true, env: { GGML_BENCH_OUT: out, GGML_BENCH_RUNS: String(RUNS) } });
  const browser = await launchChromium();
  // On a busy machine the workbench can take longer to load than Playwright's default 30 s.
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    page.setDefaultNavigationTimeout(180_000);
    return page;
  };
  try {
    const code = await runExtensionTests({
      server, browser, extensionPath, testsPath: join(root, 'out', 'test', 'bench', 'lsp.js'), folder, timeoutMs: 180_000,
      onLog: (type, line) => { if (process.env.GGML_BENCH_VERBOSE || type === 'error' && /greengrass/i.test(line)) console.error(type, line); },
    });
    if (code !== 0 || !existsSync(out)) throw new Error(`the language-server benchmark failed in VS Code (exit ${code})`);
  } finally {
    await browser.close();
    await server.stop();
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(state, { recursive: true, force: true });
  return r;
}

function reportVSCode(lines, r, before) {
  const ratio = (now, then) => (then === undefined ? '' : ` (earlier build ${then.toFixed(0)} ms: ${(now / then).toFixed(2)}×)`);
  const open = median(r.openMs);
  lines.push(`language server in the real VS Code: opening a ${r.lines}-line definition to its diagnostics: median ${open.toFixed(0)} ms over ${r.openMs.length} runs (min ${Math.min(...r.openMs).toFixed(0)}, max ${Math.max(...r.openMs).toFixed(0)})${ratio(open, before && median(before.openMs))}`);
  lines.push(`language server in the real VS Code: activation to the first diagnostics of examples/ (server started lazily) ${r.firstDiagnosticsMs.toFixed(0)} ms${ratio(r.firstDiagnosticsMs, before?.firstDiagnosticsMs)}`);
  lines.push(`memory after linting examples/: extension host RSS ${mib(r.host.rss)} (heap ${mib(r.host.heapUsed)}), language server RSS ${mib(r.server.rss)} (heap ${mib(r.server.heapUsed)}, ${r.server.files} files)` +
    (before ? `; earlier build: extension host RSS ${mib(before.host.rss)} (heap ${mib(before.host.heapUsed)})` : ''));
}

/** Content-Length framed JSON-RPC over the server's stdio. */
function stdioSession(cwd) {
  const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'lsp', '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
  let buffer = Buffer.alloc(0);
  let id = 0;
  const pending = new Map();
  const listeners = [];
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
      if (buffer.length < end + 4 + length) return;
      const m = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
      buffer = buffer.subarray(end + 4 + length);
      if (m.method && m.id !== undefined) send({ jsonrpc: '2.0', id: m.id, result: m.method === 'workspace/configuration' ? m.params.items.map(() => ({})) : null });
      else if (m.id !== undefined) pending.get(m.id)?.(m.result);
      else for (const l of listeners) l(m);
    }
  });
  const send = (m) => {
    const body = Buffer.from(JSON.stringify(m));
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  };
  return {
    request: (method, params) => new Promise((resolve) => { const n = ++id; pending.set(n, resolve); send({ jsonrpc: '2.0', id: n, method, params }); }),
    notify: (method, params) => send({ jsonrpc: '2.0', method, params }),
    next: (test) => new Promise((resolve) => { const l = (m) => { if (test(m)) { listeners.splice(listeners.indexOf(l), 1); resolve(m); } }; listeners.push(l); }),
    kill: () => child.kill(),
  };
}

async function overStdio(lines) {
  const dir = join(root, '.test-output', `bench-lsp-stdio-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  const text = writeGroup(join(dir, 'bench-group'));
  const s = stdioSession(dir);
  try {
    await s.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
    s.notify('initialized', {});
    await s.request('greengrassMl/whenIdle', null);
    const afterExamples = await s.request('greengrassMl/stats', null);
    const uri = pathToFileURL(join(dir, 'bench-group', 'open.json')).href;
    const times = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const published = s.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0);
      const start = performance.now();
      s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
      await published;
      if (i >= 3) times.push(performance.now() - start);
      const cleared = s.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length === 0);
      s.notify('textDocument/didClose', { textDocument: { uri } });
      await cleared;
    }
    lines.push(`language server over stdio: didOpen of a ${text.split('\n').length - 1}-line definition to publishDiagnostics: median ${median(times).toFixed(1)} ms over ${times.length} runs (after 3 warm-up runs); server RSS after linting examples/ ${mib(afterExamples.rss)} (heap ${mib(afterExamples.heapUsed)})`);
    await s.request('shutdown', null);
    s.notify('exit');
  } finally {
    s.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLsp() {
  const lines = [];
  const before = process.env.GGML_BENCH_BEFORE ? await inVSCode(process.env.GGML_BENCH_BEFORE) : undefined;
  reportVSCode(lines, await inVSCode(root), before);
  await overStdio(lines);
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--tests'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(1);
  for (const l of await benchLsp()) console.log(l);
}
