// Shared checks and pickers of the explorer commands: trust, connection, and quick-pick fallbacks for a missing node.
import * as vscode from 'vscode';
import type { Explorer } from '../views/explorer';
import { GroupNode } from '../views/nodes/groups';
import type { ListFolderNode } from '../views/nodes/listFolder';

/** Cloud actions and file writes are off in an untrusted workspace: says so and returns false. */
export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(vscode.l10n.t('Greengrass ML makes no cloud calls and writes no files in an untrusted workspace. Trust the workspace to {0}.', action), vscode.l10n.t('Manage Workspace Trust'))
    .then((choice) => (choice ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
  return false;
}

/** Waits for the connection's state; when there is no usable connection says what to do and returns false. */
export async function requireConnection(explorer: Explorer, action: string): Promise<boolean> {
  return requireTrust(action) && connectionReady(explorer, action);
}

/** requireConnection after the trust check was made (a ship command checks trust before its prompts). */
export async function connectionReady(explorer: Explorer, action: string): Promise<boolean> {
  await explorer.connection.whenSettled();
  if (explorer.connection.state === 'ready') return true;
  void vscode.window
    .showWarningMessage(vscode.l10n.t('No AWS connection, so Greengrass ML cannot {0}. Choose a profile first: {1}', action, explorer.connection.problem ?? vscode.l10n.t('no credentials found')), vscode.l10n.t('Choose a Profile'))
    .then((choice) => (choice ? vscode.commands.executeCommand('greengrassMl.chooseProfile') : undefined));
  return false;
}

/** A quick pick of the groups on the loaded pages of the Groups folder (loading the first page if needed). */
export async function pickGroup(explorer: Explorer, title: string): Promise<GroupNode | undefined> {
  const groups = explorer.provider.roots?.groups;
  if (!groups) return undefined;
  const nodes = await vscode.window.withProgress({ location: { viewId: 'greengrassMl.explorer' } }, async () => {
    await groups.ensureLoaded();
    return groups.loadedItems().map((row) => groups.nodeFor(row.id)).filter((n): n is GroupNode => n instanceof GroupNode);
  });
  if (nodes.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Greengrass groups were found in this account and region: check the region in the status bar.'));
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(
    nodes.map((node) => ({ label: node.row.label, description: node.row.id, node })),
    { title, placeHolder: groups.hasMore ? vscode.l10n.t('Groups on the loaded pages (use the explorer\'s "Load more…" for the rest)') : vscode.l10n.t('Choose a group'), matchOnDescription: true },
  );
  return choice?.node;
}

/** The root lists that take a filter, for the Command Palette. */
export async function pickFolder(explorer: Explorer): Promise<ListFolderNode<unknown> | undefined> {
  const roots = explorer.provider.roots;
  if (!roots) return undefined;
  const folders = [roots.groups, roots.modelSources.s3, roots.modelSources.sageMaker] as ListFolderNode<unknown>[];
  const choice = await vscode.window.showQuickPick(
    folders.map((folder) => ({ label: folder.spec.label, description: folder.filter ? vscode.l10n.t('filter: {0}', folder.filter) : '', folder })),
    { title: vscode.l10n.t('Greengrass ML: Filter'), placeHolder: vscode.l10n.t('Which list to filter') },
  );
  return choice?.folder;
}
