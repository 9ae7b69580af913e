// Open Definition Version: a definition version of a group as read-only JSON (greengrass-ml: documents).
import * as vscode from 'vscode';
import type { DefinitionRef } from '../aws/types';
import { definitionUri } from '../views/definitionDocuments';
import { DEFINITION_KIND_INFO } from '../core/model';
import { isDefinitionSource, type DefinitionSource } from '../views/nodes/groups';
import { pickGroup, requireConnection } from './explorerGuards';
import type { CommandFactory } from './index';

export const explorerOpenDefinitionCommands: Record<string, CommandFactory> = {
  /** node: a group, a group version, a part folder or the core; `kind` (tests, keybindings) skips the quick pick. */
  'greengrassMl.explorer.openDefinitionVersion': (f) => async (node?: unknown, kind?: unknown) => {
    const explorer = f.explorer;
    if (!(await requireConnection(explorer, vscode.l10n.t('open a definition version')))) return undefined;
    const source: DefinitionSource | undefined = isDefinitionSource(node) ? node : await pickGroup(explorer, vscode.l10n.t('Greengrass ML: Open Definition Version'));
    if (!source) return undefined;
    let refs: DefinitionRef[];
    try {
      refs = await source.definitions();
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Failed to load the group version: {0}', error instanceof Error ? error.message : String(error)));
      return undefined;
    }
    if (refs.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This group version has no definitions: {0}', source.groupName));
      return undefined;
    }
    let ref: DefinitionRef | undefined = typeof kind === 'string' ? refs.find((r) => r.kind === kind) : refs.length === 1 ? refs[0] : undefined;
    if (!ref && typeof kind === 'string') {
      void vscode.window.showInformationMessage(vscode.l10n.t('This group version has no {0} definition: {1}', kind, source.groupName));
      return undefined;
    }
    if (!ref) {
      const choice = await vscode.window.showQuickPick(
        refs.map((r) => ({ label: DEFINITION_KIND_INFO[r.kind].title, description: vscode.l10n.t('{0} · version {1}', r.definitionId, r.versionId), ref: r })),
        { title: vscode.l10n.t('Open Definition Version: {0}', source.groupName), placeHolder: vscode.l10n.t('Which definition of this group version') },
      );
      ref = choice?.ref;
    }
    if (!ref) return undefined;
    const document = await vscode.workspace.openTextDocument(definitionUri(source.groupName, ref));
    const json = document.languageId === 'json' ? document : await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(json, { preview: true });
    return json;
  },
};
