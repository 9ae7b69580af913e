// Shared by the integration tests that read the linter's diagnostics in the real VS Code: our diagnostics and their
// rule codes, waiting for a state of the editor, and waiting until the language server has nothing left to do.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';

/** The rule code of a diagnostic (`{ value, target }` carries the documentation link). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/** The diagnostics Greengrass ML shows for a file (not those of other extensions). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'greengrass-ml');
}

/** Their rule codes, sorted. */
export function codes(uri: vscode.Uri): string[] {
  return ours(uri).map((d) => codeOf(d) ?? '?').sort();
}

/**
 * Polls `probe` until it returns a value that is not undefined/false, or fails after `timeoutMs` with `what` and the
 * last state.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, state?: () => string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`Timed out waiting for ${what}${state ? `; now: ${state()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves when the language server has linted everything it was told about. */
export async function idle(): Promise<void> {
  const api = vscode.extensions.getExtension(EXTENSION_ID)?.exports as { linter?: { whenIdle(): Promise<void> } } | undefined;
  await api?.linter?.whenIdle();
}
