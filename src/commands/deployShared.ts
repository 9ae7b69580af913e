// What the ship commands share: finding a group's manifest from whatever they were invoked on, reading and editing
// the group's files through VS Code (open editors, undo), the AWS clients for the group's region.
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import type { GroupIo } from '../aws/deploy';
import { loadAwsLayer, type AwsModule } from '../connection/connectionManager';
import { readGroupFiles, type GroupFiles } from '../core/deploy';
import { isInside } from '../core/insideFolder';
import type { WatchResult } from '../core/deploy/status';
import type { TextEdit } from '../core/lint/types';
import { MANIFEST_FILE_NAME, type GroupManifest } from '../core/manifest';
import type { CommandContext } from '../featureContext';

export const WATCH_TIMEOUT_SETTING = 'greengrassMl.deploy.watchTimeoutSeconds';
export const DEFAULT_WATCH_TIMEOUT_SECONDS = 300;

/** Reads from open editors first (what the user sees), edits through WorkspaceEdits and saves. */
export const vscodeGroupIo: GroupIo = {
  async readFile(fsPath) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === fsPath);
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(fsPath)));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  },
  async editFile(fsPath, change) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(fsPath));
    const edits: TextEdit[] = change(doc.getText());
    if (!edits.length) return;
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('The file could not be edited; close other editors of it and retry: {0}', fsPath));
    await doc.save();
  },
};

export interface ManifestInfo {
  uri: vscode.Uri;
  manifest: Partial<GroupManifest>;
}

export async function readManifest(uri: vscode.Uri): Promise<Partial<GroupManifest> | undefined> {
  const text = await vscodeGroupIo.readFile(uri.fsPath);
  if (text === undefined) return undefined;
  const value = parse(text, [], { allowTrailingComma: true }) as unknown;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<GroupManifest>) : undefined;
}

/** Every group manifest in the workspace. */
export async function findManifests(): Promise<ManifestInfo[]> {
  const uris = await vscode.workspace.findFiles(`**/${MANIFEST_FILE_NAME}`, '**/node_modules/**', 200);
  const out: ManifestInfo[] = [];
  for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    const manifest = await readManifest(uri).catch(() => undefined);
    if (manifest) out.push({ uri, manifest });
  }
  return out;
}

/** The workspace's folder of a cloud group: the manifest that recorded its id, else the one with its name. */
export async function workspaceGroup(groupId: string, groupName: string): Promise<GroupFiles | undefined> {
  const manifests = await findManifests();
  // A folder written a moment ago (a pull) may not be in the search's results yet; its open manifest is.
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme !== 'file' || path.basename(doc.uri.fsPath) !== MANIFEST_FILE_NAME || manifests.some((m) => m.uri.fsPath === doc.uri.fsPath)) continue;
    if (!vscode.workspace.getWorkspaceFolder(doc.uri) || !(await vscode.workspace.fs.stat(doc.uri).then(() => true, () => false))) continue;
    const manifest = await readManifest(doc.uri).catch(() => undefined);
    if (manifest) manifests.push({ uri: doc.uri, manifest });
  }
  const match = manifests.find((m) => m.manifest.cloud?.groupId === groupId) ?? manifests.find((m) => m.manifest.name === groupName);
  if (!match) return undefined;
  try {
    return await readGroupFiles(match.uri.fsPath, vscodeGroupIo.readFile);
  } catch {
    return undefined; // a folder that cannot be read as a group: the caller goes on without it
  }
}

/** The manifest of the group a file belongs to: greengrass-ml.json in its folder or the nearest one above, within the workspace. */
export async function manifestFor(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (path.basename(uri.fsPath) === MANIFEST_FILE_NAME) return uri;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  let dir = uri.fsPath;
  try {
    if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.Directory) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    const candidate = vscode.Uri.file(path.join(dir, MANIFEST_FILE_NAME));
    try {
      await vscode.workspace.fs.stat(candidate);
      return candidate;
    } catch {
      // keep looking upwards
    }
    const parent = path.dirname(dir);
    if (parent === dir || (folder && !isInside(folder.uri.fsPath, parent))) return undefined;
    dir = parent;
  }
}

/** What a ship command was invoked on: a group folder (manifest) and/or a cloud group id. */
export interface GroupTarget {
  manifestUri?: vscode.Uri;
  manifest?: Partial<GroupManifest>;
  groupId?: string;
  name: string;
}

/** A Uri, a path string, an explorer group node ({row: {id}}), or {groupId} / {manifest}. */
export async function targetFromArg(arg: unknown): Promise<GroupTarget | undefined> {
  if (!arg) return undefined;
  let uri: vscode.Uri | undefined;
  if (arg instanceof vscode.Uri) uri = arg;
  else if (typeof arg === 'string') uri = vscode.Uri.file(arg);
  else if (typeof arg === 'object') {
    const a = arg as { manifest?: unknown; groupId?: unknown; row?: { id?: unknown; group?: { name?: unknown } }; resourceUri?: unknown };
    if (a.manifest instanceof vscode.Uri) uri = a.manifest;
    else if (typeof a.manifest === 'string') uri = vscode.Uri.file(a.manifest);
    else if (a.resourceUri instanceof vscode.Uri) uri = a.resourceUri;
    const groupId = typeof a.groupId === 'string' ? a.groupId : typeof a.row?.id === 'string' ? a.row.id : undefined;
    if (!uri && groupId) {
      // A cloud group: its folder in the workspace when one records this id.
      const local = (await findManifests()).find((m) => m.manifest.cloud?.groupId === groupId);
      const name = typeof a.row?.group?.name === 'string' ? a.row.group.name : local?.manifest.name ?? groupId;
      return local ? { manifestUri: local.uri, manifest: local.manifest, groupId, name } : { groupId, name };
    }
  }
  if (!uri) return undefined;
  const manifestUri = await manifestFor(uri);
  if (!manifestUri) return undefined;
  const manifest = await readManifest(manifestUri);
  return {
    manifestUri, ...(manifest ? { manifest } : {}),
    ...(manifest?.cloud?.groupId ? { groupId: manifest.cloud.groupId } : {}),
    name: manifest?.name ?? path.basename(path.dirname(manifestUri.fsPath)),
  };
}

/** The group of the active editor's file, if it belongs to one. */
export async function targetFromActiveEditor(): Promise<GroupTarget | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== 'file') return undefined;
  return targetFromArg(doc.uri);
}

/** A quick pick of the group folders of the workspace (and, with `cloud`, the account's groups without one). */
export async function pickTarget(feature: CommandContext, title: string, options: { needsGroupId?: boolean; includeCloud?: boolean } = {}): Promise<GroupTarget | undefined> {
  const manifests = await findManifests();
  type Item = vscode.QuickPickItem & { target?: GroupTarget };
  const items: Item[] = manifests
    .filter((m) => !options.needsGroupId || m.manifest.cloud?.groupId)
    .map((m) => ({
      label: `$(file-code) ${m.manifest.name ?? path.basename(path.dirname(m.uri.fsPath))}`,
      description: vscode.workspace.asRelativePath(m.uri),
      detail: m.manifest.cloud?.groupId ? vscode.l10n.t('group {0}', m.manifest.cloud.groupId) : vscode.l10n.t('not deployed yet'),
      target: {
        manifestUri: m.uri, manifest: m.manifest, name: m.manifest.name ?? m.uri.fsPath,
        ...(m.manifest.cloud?.groupId ? { groupId: m.manifest.cloud.groupId } : {}),
      },
    }));
  if (options.includeCloud) {
    const explorer = feature.explorer;
    const groups = explorer.provider.roots?.groups;
    if (groups) {
      try {
        await groups.ensureLoaded();
        const known = new Set(items.map((i) => i.target?.groupId));
        for (const row of groups.loadedItems()) {
          if (known.has(row.id)) continue;
          items.push({ label: `$(cloud) ${row.label}`, description: vscode.l10n.t('in the cloud'), detail: vscode.l10n.t('group {0}', row.id), target: { groupId: row.id, name: row.group.name } });
        }
      } catch (error) {
        feature.log.warn(`Could not list the account's groups: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(options.needsGroupId
      ? vscode.l10n.t('No deployed group was found: deploy a group folder (greengrass-ml.json) first.')
      : vscode.l10n.t('No group folder was found: create one with "Greengrass ML: New Inference Function".'));
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a group'), matchOnDescription: true, matchOnDetail: true });
  return choice?.target;
}

/** The AWS layer and the clients for the group's region (the connection is ready: see runCommand). */
export async function clientsFor(feature: CommandContext, region?: string): Promise<{ aws: AwsModule; clients: AwsClients; done: () => void }> {
  const explorer = feature.explorer;
  const aws = await loadAwsLayer();
  const connection = explorer.connection.current;
  const current = await connection.clients();
  const resolved = explorer.connection.description;
  if (!region || region === connection.settings.region || (!connection.settings.region && resolved?.region === region)) {
    return { aws, clients: current, done: () => undefined };
  }
  // The group lives in the manifest's region: clients for that region, for this command only. They refuse a region
  // that is not a region code (it would become part of the host name), and then say where to fix it.
  const clients = aws.createAwsClients({ ...connection.settings, region }, {
    regionFix: vscode.l10n.t('Fix "region" in {0}', MANIFEST_FILE_NAME),
    log: (line, level) => (level === 'error' ? feature.log.error(line) : level === 'warn' ? feature.log.warn(line) : feature.log.info(line)),
  });
  return { aws, clients, done: () => clients.dispose() };
}

/** The message of an error from the AWS layer (ShipError, AwsError) or anything else. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isCancelled(error: unknown): boolean {
  return (error as { kind?: string } | undefined)?.kind === 'cancelled';
}

export function watchTimeoutMs(scope?: vscode.Uri): number {
  const seconds = vscode.workspace.getConfiguration(undefined, scope).get<number>(WATCH_TIMEOUT_SETTING, DEFAULT_WATCH_TIMEOUT_SECONDS);
  return Math.max(1, Number.isFinite(seconds) ? seconds : DEFAULT_WATCH_TIMEOUT_SECONDS) * 1000;
}

/** Saves the open, modified files of the group folder, so that what deploys is what is on disk. */
export async function saveGroupFiles(manifestUri: vscode.Uri): Promise<void> {
  const dir = path.dirname(manifestUri.fsPath);
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && doc.uri.scheme === 'file' && isInside(dir, doc.uri.fsPath)) await doc.save();
  }
}

/** Whether a file or folder exists. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Shows how watching a deployment ended (V1 and V2 alike): success and a stopped watch as information, a failure as
 * an error (with Show Problems when `marked` diagnostics were shown), an unreadable status as a warning. The text
 * shown, with the setting to raise after a timeout.
 */
export function showWatchResult(feature: CommandContext, result: WatchResult, text: string, marked = 0): string {
  switch (result) {
    case 'success':
    case 'cancelled':
      void vscode.window.showInformationMessage(text);
      return text;
    case 'failure': {
      const showProblems = vscode.l10n.t('Show Problems');
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(text, ...(marked ? [showProblems] : []), showLog).then((c) => {
        if (c === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
        else if (c === showLog) feature.log.show(true);
      });
      return text;
    }
    case 'timeout': {
      const shown = vscode.l10n.t('{0} To watch longer, raise the setting: {1}', text, WATCH_TIMEOUT_SETTING);
      void vscode.window.showInformationMessage(shown);
      return shown;
    }
    case 'error':
      void vscode.window.showWarningMessage(text, vscode.l10n.t('Show Log')).then((c) => (c ? feature.log.show(true) : undefined));
      return text;
  }
}
