// Pull Group into Workspace: writes a group version as the files the linter and deploy understand.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isInside, realPathOfNearest } from '../core/insideFolder';
import { GroupNode, GroupVersionNode } from '../views/nodes/groups';
import { exists } from './deployShared';
import { pickGroup, requireConnection } from './explorerGuards';
import type { CommandFactory } from './index';

function slug(name: string): string {
  return name.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'group';
}


async function askTarget(groupName: string): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length === 1
    ? folders[0]
    : await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which workspace folder to pull the group into') });
  if (!folder) return undefined;
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Pull Group into Workspace: {0}', groupName),
    prompt: vscode.l10n.t('A folder inside {0}, relative to it (created if needed)', folder.name),
    value: path.posix.join('groups', slug(groupName)),
    validateInput: (text) => {
      const rel = text.trim();
      if (!rel) return vscode.l10n.t('Enter a folder relative to the workspace folder, for example: {0}', 'groups/my-group');
      if (path.isAbsolute(rel)) return vscode.l10n.t('Enter a path relative to the workspace folder, not an absolute one: {0}', rel);
      if (!isInside(folder.uri.fsPath, path.join(folder.uri.fsPath, rel))) return vscode.l10n.t('The folder must be inside the workspace folder: {0}', rel);
      return undefined;
    },
  });
  if (value === undefined) return undefined;
  return vscode.Uri.file(path.join(folder.uri.fsPath, value.trim()));
}

/**
 * Lints the pulled files at once (the linter reads documents that are open, without an editor) and opens the Problems
 * view on what it found, so the user sees the state of the group as it is in the cloud.
 */
async function lintPulled(f: Parameters<CommandFactory>[0], uris: vscode.Uri[]): Promise<void> {
  try {
    await f.linter.start();
    const docs = await Promise.all(uris.map((u) => vscode.workspace.openTextDocument(u)));
    await f.linter.whenIdle();
    // Diagnostics of a document reach the editor before the server says it linted that version.
    const deadline = Date.now() + 5_000;
    const pending = (): vscode.TextDocument[] => docs.filter((d) => f.linter.resultFor(d.uri)?.version !== d.version);
    while (pending().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (pending().length) f.log.warn(`Pull Group: ${pending().length} pulled file(s) were not linted within 5 s; they are linted in the background`);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  } catch (error) {
    f.log.warn(`Pull Group: the pulled files could not be linted at once; they are linted when opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export const explorerPullGroupCommands: Record<string, CommandFactory> = {
  /** node: a group (its latest version) or an older group version; `target` (tests) skips the folder prompt. */
  'greengrassMl.explorer.pullGroup': (f) => async (node?: unknown, target?: unknown): Promise<vscode.Uri[] | undefined> => {
    const explorer = f.explorer;
    if (!(await requireConnection(explorer, vscode.l10n.t('pull a group into the workspace')))) return undefined;
    const source = node instanceof GroupNode || node instanceof GroupVersionNode ? node : await pickGroup(explorer, vscode.l10n.t('Greengrass ML: Pull Group into Workspace'));
    if (!source) return undefined;
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: Greengrass ML pulls groups into a workspace folder.'));
      return undefined;
    }
    const folder = target instanceof vscode.Uri ? target : await askTarget(source.groupName);
    if (!folder) return undefined;
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(folder);
    const realRoot = workspaceFolder ? await realPathOfNearest(workspaceFolder.uri.fsPath) : undefined;
    if (!workspaceFolder || folder.scheme !== 'file' || !realRoot || !isInside(realRoot, await realPathOfNearest(folder.fsPath))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Greengrass ML writes pulled groups only inside the workspace. Choose a folder in it instead of: {0}', folder.fsPath));
      return undefined;
    }

    const files = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling group {0}…', source.groupName) },
      async () => (await explorer.provider.roots?.services.greengrass())?.pullGroup(source.groupId, {
        ...(source.versionId ? { versionId: source.versionId } : {}),
        ...(explorer.connection.description?.region ? { region: explorer.connection.description.region } : {}),
      }),
    ).then((r) => r, (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      f.log.error(`Failed to pull group ${source.groupName}: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Failed to pull group {0}: {1}', source.groupName, message), vscode.l10n.t('Show Log'))
        .then((c) => (c ? f.log.show(true) : undefined));
      return undefined;
    });
    if (!files) return undefined;

    const writes: { uri: vscode.Uri; text: string }[] = [];
    for (const file of files) {
      const full = path.resolve(folder.fsPath, file.fileName);
      if (!isInside(folder.fsPath, full) || !isInside(realRoot, await realPathOfNearest(full))) {
        f.log.error(`Pull Group: refused a file outside the target folder: ${file.fileName}`);
        void vscode.window.showErrorMessage(vscode.l10n.t("Nothing was written: the group's files would land outside the target folder: {0}", file.fileName));
        return undefined;
      }
      writes.push({ uri: vscode.Uri.file(full), text: file.text });
    }
    const existing: vscode.Uri[] = [];
    for (const w of writes) if (await exists(w.uri)) existing.push(w.uri);
    if (existing.length) {
      const names = existing.map((u) => vscode.workspace.asRelativePath(u, false));
      const overwriteButton = vscode.l10n.t('Overwrite');
      const overwrite = await vscode.window.showWarningMessage(
        existing.length === 1
          ? vscode.l10n.t('Overwrite {0} existing file with group {1}?', existing.length, source.groupName)
          : vscode.l10n.t('Overwrite {0} existing files with group {1}?', existing.length, source.groupName),
        { modal: true, detail: names.join('\n') },
        overwriteButton,
      );
      if (overwrite !== overwriteButton) return undefined;
    }
    for (const w of writes) {
      await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(w.uri.fsPath)));
      await vscode.workspace.fs.writeFile(w.uri, Buffer.from(w.text, 'utf8'));
    }
    f.log.info(`Pulled group ${source.groupName} (${source.versionId ?? 'latest'}) into ${folder.fsPath}: ${writes.length} files`);
    await lintPulled(f, writes.map((w) => w.uri));
    const manifest = writes.find((w) => path.basename(w.uri.fsPath) === 'greengrass-ml.json');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Pulled group {0} into {1}: {2} files', source.groupName, vscode.workspace.asRelativePath(folder, false), writes.length), ...(manifest ? [vscode.l10n.t('Open Manifest')] : []))
      .then((c) => (c && manifest ? vscode.window.showTextDocument(manifest.uri) : undefined));
    return writes.map((w) => w.uri);
  },
};
