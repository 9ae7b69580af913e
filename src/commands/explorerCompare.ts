// Compare with Latest (an older group version's definition against the latest version's) and Compare with Workspace
// File (a group's definition in the cloud against the workspace's file of it), in VS Code's diff editor on the
// read-only definition documents.
import * as vscode from 'vscode';
import type { DefinitionKind, DefinitionRef } from '../aws/types';
import { FILE_DEFINITION_KINDS, type FileDefinitionKind } from '../core/model';
import { definitionUri } from '../views/definitionDocuments';
import { formatTime } from '../views/format';
import { CoreNode, GroupNode, GroupVersionNode, PartFolder, type DefinitionSource } from '../views/nodes/groups';
import { workspaceGroup } from './deployShared';
import { pickGroup, requireConnection } from './explorerGuards';
import type { CommandFactory } from './index';
import { DEFINITION_KIND_INFO } from '../core/model';

export interface Comparison {
  left: vscode.Uri;
  right: vscode.Uri;
}

async function definitionsOf(source: DefinitionSource): Promise<DefinitionRef[] | undefined> {
  try {
    return await source.definitions();
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Failed to load the group version: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

/** The kind to compare: the one asked for, the only one, or the user's choice. */
async function pickKind(kinds: DefinitionKind[], asked: unknown, title: string): Promise<DefinitionKind | undefined> {
  if (typeof asked === 'string') return kinds.find((k) => k === asked);
  if (kinds.length <= 1) return kinds[0];
  const choice = await vscode.window.showQuickPick(kinds.map((k) => ({ label: DEFINITION_KIND_INFO[k].title, definitionKind: k })), { title, placeHolder: vscode.l10n.t('Which definition to compare') });
  return choice?.definitionKind;
}

async function pickOlderVersion(explorer: Parameters<typeof pickGroup>[0]): Promise<GroupVersionNode | undefined> {
  const group = await pickGroup(explorer, vscode.l10n.t('Greengrass ML: Compare with Latest'));
  if (!group) return undefined;
  const folder = (await group.children()).find((n) => n.id.endsWith('|versions'));
  const versions = folder ? (await folder.children()).filter((n): n is GroupVersionNode => n instanceof GroupVersionNode) : [];
  if (!versions.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This group has no older version to compare: {0}', group.groupName));
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(versions.map((v) => ({ label: formatTime(v.version.createdAt, true) ?? v.version.versionId, description: v.version.versionId, v })),
    { title: vscode.l10n.t('Compare with Latest: {0}', group.groupName), placeHolder: vscode.l10n.t('Which older version') });
  return choice?.v;
}

function groupIdOf(node: unknown): string | undefined {
  if (node instanceof GroupNode || node instanceof GroupVersionNode) return node.groupId;
  if (node instanceof PartFolder || node instanceof CoreNode) return node.version.groupId;
  return undefined;
}

export const explorerCompareCommands: Record<string, CommandFactory> = {
  /** node: an older group version; `kind` (tests, keybindings) skips the quick pick. Returns the two documents compared. */
  'greengrassMl.explorer.compareWithLatest': (f) => async (node?: unknown, kind?: unknown): Promise<Comparison | undefined> => {
    const explorer = f.explorer;
    if (!(await requireConnection(explorer, vscode.l10n.t('compare group versions')))) return undefined;
    const older = node instanceof GroupVersionNode ? node : await pickOlderVersion(explorer);
    if (!older) return undefined;
    const [left, right] = await Promise.all([definitionsOf(older), definitionsOf(older.group)]);
    if (!left || !right) return undefined;
    const kinds = [...new Set([...left, ...right].map((r) => r.kind))];
    const chosen = await pickKind(kinds, kind, vscode.l10n.t('Compare with Latest: {0}', older.groupName));
    if (!chosen) {
      if (typeof kind === 'string') void vscode.window.showInformationMessage(vscode.l10n.t('Neither version has a {0} definition: {1}', kind, older.groupName));
      return undefined;
    }
    const a = left.find((r) => r.kind === chosen);
    const b = right.find((r) => r.kind === chosen);
    if (!a || !b) {
      const what = DEFINITION_KIND_INFO[chosen].title;
      void vscode.window.showInformationMessage(a
        ? vscode.l10n.t('Only the older version has this definition ({0}), so there is nothing to compare it with: {1}', what, older.groupName)
        : vscode.l10n.t('Only the latest version has this definition ({0}), so there is nothing to compare it with: {1}', what, older.groupName));
      return undefined;
    }
    if (a.definitionId === b.definitionId && a.versionId === b.versionId) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Both versions use the same version of this definition ({0}): {1}', DEFINITION_KIND_INFO[chosen].title, a.versionId));
      return undefined;
    }
    const comparison = { left: definitionUri(older.groupName, a), right: definitionUri(older.groupName, b) };
    const when = formatTime(older.version.createdAt, true) ?? older.version.versionId;
    await vscode.commands.executeCommand('vscode.diff', comparison.left, comparison.right, vscode.l10n.t('{0} {1}: {2} ↔ Latest', older.groupName, DEFINITION_KIND_INFO[chosen].title, when), { preview: true });
    return comparison;
  },

  /**
   * node: a group (its latest version), a group version, a part folder or the core; `kind` skips the quick pick.
   * The cloud side is shown in the shape Pull Group writes, so the diff shows what changed, not how it is written.
   */
  'greengrassMl.explorer.compareWithWorkspaceFile': (f) => async (node?: unknown, kind?: unknown): Promise<Comparison | undefined> => {
    const explorer = f.explorer;
    if (!(await requireConnection(explorer, vscode.l10n.t('compare with a workspace file')))) return undefined;
    const source = groupIdOf(node) !== undefined ? (node as DefinitionSource) : await pickGroup(explorer, vscode.l10n.t('Greengrass ML: Compare with Workspace File'));
    const groupId = groupIdOf(source);
    if (!source || !groupId) return undefined;
    const files = await workspaceGroup(groupId, source.groupName);
    if (!files) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No group folder in the workspace is this group; pull it first with Pull Group into Workspace…: {0}', source.groupName));
      return undefined;
    }
    const refs = await definitionsOf(source);
    if (!refs) return undefined;
    const withFile = refs.filter((r) => r.kind in FILE_DEFINITION_KINDS && files.definitions[FILE_DEFINITION_KINDS[r.kind as FileDefinitionKind].manifestKey]);
    const chosen = await pickKind(withFile.map((r) => r.kind), kind, vscode.l10n.t('Compare with Workspace File: {0}', source.groupName));
    const ref = withFile.find((r) => r.kind === chosen);
    if (!ref) {
      const manifest = vscode.workspace.asRelativePath(files.manifestPath);
      void vscode.window.showInformationMessage(typeof kind === 'string'
        ? vscode.l10n.t("The workspace's group folder has no file for the {0} definition: {1}", kind, manifest)
        : vscode.l10n.t("The workspace's group folder has no file for these definitions: {0}", manifest));
      return undefined;
    }
    const file = files.definitions[FILE_DEFINITION_KINDS[ref.kind as FileDefinitionKind].manifestKey]!;
    const comparison = { left: definitionUri(source.groupName, ref, 'file'), right: vscode.Uri.file(file.path) };
    await vscode.commands.executeCommand('vscode.diff', comparison.left, comparison.right,
      vscode.l10n.t('{0} {1}: Cloud ↔ {2}', source.groupName, DEFINITION_KIND_INFO[ref.kind].title, vscode.workspace.asRelativePath(file.path)), { preview: true });
    return comparison;
  },
};
