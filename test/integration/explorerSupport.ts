// Shared by the explorer's integration tests: the extension's explorer API, the seeded demo account, tree helpers.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import type { Explorer } from '../../src/views/explorer';
import type { ExplorerNode } from '../../src/views/nodes/node';

export const EXTENSION_ID = 'greengrass-ml.greengrass-ml';

export interface SeededGroup {
  id: string;
  name: string;
  versionId: string;
  firstVersionId?: string;
  deployments: string[];
}

export interface DemoAccount {
  endpoint: string;
  groups: { camera: SeededGroup; factory: SeededGroup; unicode: SeededGroup; empty: SeededGroup };
  buckets: string[];
  trainingJobs: Record<string, string>;
}

export async function explorerApi(): Promise<Explorer> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = (await ext.activate()) as { explorer?: Explorer };
  if (!api.explorer) throw new Error('the extension does not export its explorer');
  return api.explorer;
}

const SEED_KEY = Symbol.for('greengrassMl.test.demoAccount');

/** Seeds moto once per test run with scripts/seed.mjs (other test files may share it through the same key). */
export function demoAccount(): Promise<DemoAccount> {
  const store = globalThis as unknown as Record<symbol, Promise<DemoAccount> | undefined>;
  store[SEED_KEY] ??= (async () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
    if (!root) throw new Error('extension path unknown');
    const seed = (await import(pathToFileURL(join(root, 'scripts', 'seed.mjs')).href)) as { seedDemoAccount(endpoint?: string): Promise<DemoAccount> };
    return seed.seedDemoAccount(process.env['AWS_ENDPOINT_URL']);
  })();
  return store[SEED_KEY];
}

export function label(explorer: Explorer, node: ExplorerNode): string {
  const l = explorer.provider.getTreeItem(node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

export function item(explorer: Explorer, node: ExplorerNode): vscode.TreeItem {
  return explorer.provider.getTreeItem(node);
}

export function tooltip(explorer: Explorer, node: ExplorerNode): string {
  const t = item(explorer, node).tooltip;
  // Markdown escapes removed, so that tests read the text a user sees.
  return (typeof t === 'string' ? t : (t?.value ?? '')).replace(/\\(.)/g, '$1');
}

export async function children(explorer: Explorer, node?: ExplorerNode): Promise<ExplorerNode[]> {
  return explorer.provider.getChildren(node);
}

/** The child with this label (throws with the labels that are there). */
export async function child(explorer: Explorer, node: ExplorerNode | undefined, name: string | RegExp): Promise<ExplorerNode> {
  const kids = await children(explorer, node);
  const found = kids.find((k) => (typeof name === 'string' ? label(explorer, k) === name : name.test(label(explorer, k))));
  if (!found) throw new Error(`no child ${String(name)} below ${node ? label(explorer, node) : 'the root'}: ${kids.map((k) => label(explorer, k)).join(', ')}`);
  return found;
}

export async function labels(explorer: Explorer, node?: ExplorerNode): Promise<string[]> {
  return (await children(explorer, node)).map((k) => label(explorer, k));
}

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string | (() => string), timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
