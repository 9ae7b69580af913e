// Loaded by `npm run bench` (scripts/bench-lsp.mjs) as the extension-tests module of the real VS Code, in a
// workspace holding a copy of examples/ and a 200-line group under bench-group/: how long opening a 200-line
// definition takes to show its diagnostics, and the memory of the extension host and of the language server
// once the workspace's files are linted.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

interface LinterApi {
  whenIdle(): Promise<void>;
  /** Absent in builds that lint in the extension host (a benchmark of an earlier build for comparison). */
  stats?(): Promise<{ rss: number; heapUsed: number; files: number } | undefined>;
}

function diagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'greengrass-ml');
}

/** Opens `uri` and resolves with the milliseconds until its first Greengrass ML diagnostics arrive. */
function openToDiagnostics(uri: vscode.Uri): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`No diagnostics within 30 s: ${uri.toString()}`));
    }, 30_000);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString()) || diagnosticsOf(uri).length === 0) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(performance.now() - start);
    });
    vscode.workspace.openTextDocument(uri).then(undefined, (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
  });
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('greengrass-ml.greengrass-ml');
  if (!ext) throw new Error('greengrass-ml.greengrass-ml is not loaded');
  const activated = performance.now();
  const api = (await ext.activate()) as { linter?: LinterApi };
  const linter = api.linter;
  if (!linter) throw new Error('the extension exposes no linter');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the benchmark runs in a workspace folder');
  // The workspace has Greengrass files, so the server starts and lints examples/ without any file open.
  const examples = vscode.Uri.joinPath(folder, 'examples', 'resource-definition.json');
  for (;;) {
    if (diagnosticsOf(examples).length) break;
    if (performance.now() - activated > 60_000) throw new Error('examples/ was not linted within 60 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  const firstDiagnosticsMs = performance.now() - activated;
  await linter.whenIdle();
  const host = process.memoryUsage();
  const server = linter.stats ? await linter.stats() : undefined;

  const runs = Number(process.env['GGML_BENCH_RUNS'] ?? 5);
  const openMs: number[] = [];
  for (let i = 0; i < runs; i++) openMs.push(await openToDiagnostics(vscode.Uri.joinPath(folder, 'bench-group', `open-${i}.json`)));
  const lines = (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'bench-group', 'open-0.json'))).lineCount;

  const file = process.env['GGML_BENCH_OUT'];
  if (file) {
    writeFileSync(file, JSON.stringify({
      firstDiagnosticsMs, openMs, lines,
      host: { rss: host.rss, heapUsed: host.heapUsed },
      server,
    }));
  }
}
