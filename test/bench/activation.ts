// Loaded by `npm run bench` as the extension-tests module of the real VS Code, for the branch's extension and
// for the baseline's (the same module measures both). Two kinds of session, told apart by the workspace:
//   - an empty workspace: the AWS layer's first load in this extension host, then activation (bundle evaluation
//     + activate(), as the extension reports it);
//   - a workspace with examples/ and bench/camera-models.json (a 200-line resource definition that only its
//     content identifies): the time from opening that file to its diagnostics, then the extension host's
//     memory once every example file has its diagnostics.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

/**
 * What the bench reads of the extension's API. Every member is optional: a baseline revision may lack any of them,
 * and a figure it cannot give is left out of its result (the report prints "n/a") instead of failing the run.
 */
interface Api {
  activation?: { loadMs?: number; activateMs: number };
  /** The language server's client: its stats include the server process's resident memory in bytes. */
  linter?: { stats?: () => Promise<{ rss: number } | undefined> };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function diagnosticsOf(uri: vscode.Uri): number {
  return vscode.languages.getDiagnostics(uri).length;
}

/** Resolves when `uri` has diagnostics (or rejects after `ms`). */
function whenDiagnosed(uri: vscode.Uri, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no diagnostics for ${uri.fsPath} within ${ms} ms`));
    }, ms);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && diagnosticsOf(uri) > 0) done();
    });
    if (diagnosticsOf(uri) > 0) done();
  });
}

/** Resolves once no diagnostics changed for `quietMs` (or after `maxMs`). */
async function whenQuiet(quietMs: number, maxMs: number): Promise<void> {
  let last = performance.now();
  const listener = vscode.languages.onDidChangeDiagnostics(() => (last = performance.now()));
  const deadline = performance.now() + maxMs;
  try {
    while (performance.now() - last < quietMs && performance.now() < deadline) await sleep(100);
  } finally {
    listener.dispose();
  }
}

/**
 * With GGML_BENCH_PROFILE=<file>, a CPU profile of the activation (bundle evaluation and activate()) is written
 * there (open it in Chrome DevTools or VS Code). Started just before `activate()`, sampled every 0.1 ms.
 */
async function startProfile(): Promise<() => Promise<unknown>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    session.disconnect();
    return profile;
  };
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('greengrass-ml.greengrass-ml');
  if (!ext) throw new Error('greengrass-ml.greengrass-ml is not loaded');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the bench opens a workspace folder');
  const result: Record<string, unknown> = {};
  const latencyFile = vscode.Uri.joinPath(folder, 'bench', 'camera-models.json');
  if (!existsSync(latencyFile.fsPath)) {
    // The AWS layer's first load: evaluated here before the extension could load it (the module cache then
    // serves the extension's own require of the same file).
    // A baseline that loads it at activation may have done so already: then the file is evaluated once more.
    const awsBundle = join(ext.extensionPath, 'dist', 'aws.js');
    const loaded = require.cache[awsBundle];
    if (loaded) delete require.cache[awsBundle];
    const awsStart = performance.now();
    require(awsBundle);
    result['awsLoadMs'] = performance.now() - awsStart;
    result['awsLoadedBefore'] = loaded !== undefined;
    if (loaded) require.cache[awsBundle] = loaded;
    result['wasActive'] = ext.isActive;
    const profile = process.env['GGML_BENCH_PROFILE'];
    const stopProfile = profile ? await startProfile() : undefined;
    const api = (await ext.activate()) as Api | undefined;
    if (stopProfile && profile) writeFileSync(profile, JSON.stringify(await stopProfile()));
    // Without its own timing (an older revision), the activation figures are n/a for that tree.
    if (api?.activation) result['activation'] = api.activation;
  } else {
    await ext.activate();
    const api = ext.exports as Api | undefined;
    const start = performance.now();
    const doc = await vscode.workspace.openTextDocument(latencyFile);
    await vscode.window.showTextDocument(doc);
    try {
      await whenDiagnosed(latencyFile, 30_000);
      result['diagnosticsMs'] = performance.now() - start;
    } catch (error) {
      // A revision that does not recognise the definition by its content: n/a, and the memory figures still count.
      result['diagnosticsError'] = String(error);
    }
    result['lines'] = doc.lineCount;
    // The workspace scan lints examples/ by itself: wait until the diagnostics stop changing.
    const examples = readdirSync(join(folder.fsPath, 'examples')).filter((f) => f.endsWith('.json'));
    await whenQuiet(2_000, 30_000);
    result['examplesDiagnosed'] = examples.filter((f) => diagnosticsOf(vscode.Uri.joinPath(folder, 'examples', f)) > 0).length;
    result['examples'] = examples.length;
    const memory = process.memoryUsage();
    result['hostRss'] = memory.rss;
    result['hostHeapUsed'] = memory.heapUsed;
    // A revision that lints in the extension host has no language server (and no stats()): n/a.
    const stats = api?.linter?.stats;
    result['serverRss'] = typeof stats === 'function' ? (await stats.call(api?.linter))?.rss : undefined;
  }
  const file = process.env['GGML_BENCH_OUT'];
  if (file) writeFileSync(file, JSON.stringify(result));
}
