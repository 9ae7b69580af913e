// What the Greengrass V2 ship commands share: finding the migration folder a command was invoked on (a Uri of the
// folder or of a file in it, the active editor, or a pick of the workspace's migration folders), and turning
// publish/deploy failures into diagnostics on the files that produced them through the one diagnostics sink.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishedComponent, V2WatchOutcome } from '../aws';
import { isInside } from '../core/insideFolder';
import { placeComponentFailure, placeDeploymentFailures } from '../core/v2/failures';
import { DEPLOYMENT_FILE, MIGRATION_RECORD_FILE, parseMigrationRecord } from '../core/v2/migrationFolder';
import type { CommandContext } from '../featureContext';
import { exists, vscodeGroupIo } from './deployShared';

/** Options a caller (a test, another command) passes as the second argument; menus pass an array there instead. */
export function plainOptions<T extends object>(value: unknown): Partial<T> {
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof vscode.Uri) return {};
  return value as Partial<T>;
}

/** The migration folder holding `uri` (migration.json in the folder itself or above, within the workspace folder). */
export async function migrationFolderOf(uri: vscode.Uri): Promise<string | undefined> {
  const ws = vscode.workspace.getWorkspaceFolder(uri);
  let dir = uri.fsPath;
  try {
    if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.Directory) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (let depth = 0; depth < 8; depth++) {
    if (await exists(vscode.Uri.file(path.join(dir, MIGRATION_RECORD_FILE)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir || (ws && !isInside(ws.uri.fsPath, parent))) return undefined;
    dir = parent;
  }
  return undefined;
}

/** The workspace's migration folders (each holds a migration.json). */
export async function findMigrationFolders(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles(`**/${MIGRATION_RECORD_FILE}`, '**/node_modules/**', 200);
  return uris.map((u) => path.dirname(u.fsPath)).sort();
}

/**
 * The migration folder a command works on: its argument (a Uri, a path, a tree node with a resourceUri), else the
 * active editor's file, else a pick. undefined when there is none (the user was told) or the pick was dismissed.
 */
export async function resolveMigrationFolder(arg: unknown, title: string): Promise<string | undefined> {
  let uri: vscode.Uri | undefined;
  if (arg instanceof vscode.Uri) uri = arg;
  else if (typeof arg === 'string') uri = vscode.Uri.file(arg);
  else if (arg && typeof arg === 'object' && !Array.isArray(arg) && (arg as { resourceUri?: unknown }).resourceUri instanceof vscode.Uri) uri = (arg as { resourceUri: vscode.Uri }).resourceUri;
  if (uri) {
    const folder = await migrationFolderOf(uri);
    if (!folder) void vscode.window.showErrorMessage(vscode.l10n.t('No migration folder was found here; a migration folder has a {0} (run Migrate to Greengrass V2 first): {1}', MIGRATION_RECORD_FILE, vscode.workspace.asRelativePath(uri)));
    return folder;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') {
    const folder = await migrationFolderOf(active);
    if (folder) return folder;
  }
  const folders = await findMigrationFolders();
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No migration folder was found in the workspace; migrate a V1 group first, which writes {0}.', MIGRATION_RECORD_FILE));
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  const items = await Promise.all(folders.map(async (f) => {
    const text = await vscodeGroupIo.readFile(path.join(f, MIGRATION_RECORD_FILE)).catch(() => undefined);
    let detail: string | undefined;
    try {
      const record = text ? parseMigrationRecord(text) : undefined;
      detail = !record ? undefined
        : record.source?.group ? vscode.l10n.t('{0} component(s) from V1 group {1}', record.components.length, record.source.group)
          : vscode.l10n.t('{0} component(s)', record.components.length);
    } catch {
      detail = vscode.l10n.t('{0} cannot be read', MIGRATION_RECORD_FILE);
    }
    return { label: `$(folder) ${path.basename(f)}`, description: vscode.workspace.asRelativePath(f), ...(detail ? { detail } : {}), folder: f };
  }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a migration folder'), matchOnDescription: true }))?.folder;
}

/** FAILED component versions as diagnostics on their files; returns how many were shown. */
export async function showPublishFailures(feature: CommandContext, components: readonly PublishedComponent[]): Promise<number> {
  const problems = [];
  for (const c of components.filter((x) => x.state === 'FAILED')) {
    const text = await vscodeGroupIo.readFile(c.file);
    if (text !== undefined) problems.push(...placeComponentFailure({ path: c.file, text }, c.name, c.version, c.message, c.errors));
  }
  return feature.diagnostics.showProblems(problems);
}

/** Device failures of a watched deployment on the components they name in the migration folder; returns how many were shown. */
export async function showDeploymentFailures(feature: CommandContext, folder: string, outcome: V2WatchOutcome): Promise<number> {
  const failures = outcome.devices.filter((d) => d.reason && ['FAILED', 'REJECTED', 'TIMED_OUT'].includes(d.status)).map((d) => ({ device: d.device, reason: d.reason ?? d.status }));
  if (!failures.length) return 0;
  const deploymentPath = path.join(folder, DEPLOYMENT_FILE);
  const deploymentText = await vscodeGroupIo.readFile(deploymentPath);
  if (deploymentText === undefined) return 0;
  const files: { path: string; text: string }[] = [];
  const recordText = await vscodeGroupIo.readFile(path.join(folder, MIGRATION_RECORD_FILE));
  try {
    for (const c of recordText ? parseMigrationRecord(recordText).components : []) {
      const file = path.join(folder, c.file);
      if (!isInside(folder, file)) continue;
      const text = await vscodeGroupIo.readFile(file);
      if (text !== undefined) files.push({ path: file, text });
    }
  } catch {
    // Without the record, the failures still go on deployment.json.
  }
  return feature.diagnostics.showProblems(placeDeploymentFailures(failures, { path: deploymentPath, text: deploymentText }, files));
}
