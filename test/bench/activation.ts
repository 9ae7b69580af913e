// Loaded by `npm run bench` as the extension-tests module of the real VS Code: measures activation in the
// extension host of a workspace that does not activate the extension by itself.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('greengrass-ml.greengrass-ml');
  if (!ext) throw new Error('greengrass-ml.greengrass-ml is not loaded');
  const wasActive = ext.isActive;
  const start = performance.now();
  const api = (await ext.activate()) as { activation?: { loadMs?: number; activateMs: number } };
  const waitedMs = performance.now() - start;
  if (!api.activation) throw new Error('the extension reports no activation timing');
  // Loading the bundle's code and running activate(), as measured by the extension itself.
  const file = process.env['GGML_BENCH_OUT'];
  if (file) writeFileSync(file, JSON.stringify({ ...api.activation, wasActive, waitedMs }));
}
