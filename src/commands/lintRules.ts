// The quick fix the language server offers for a diagnostic in a strict `.json` file (which cannot hold a
// suppression comment): the rule is turned off in the workspace settings instead.
import * as vscode from 'vscode';
import { TURN_OFF_RULE_COMMAND } from '../language/lintClient';
import type { CommandFactory } from './index';

/**
 * Sets a rule to "off" in `greengrassMl.lint.rules` of the document's workspace folder (of the workspace when the
 * document is in none), keeping the other rules' settings.
 */
export async function turnOffRule(code: unknown, uri: unknown): Promise<void> {
  if (typeof code !== 'string' || !/^GGML-[A-Z]+\d+$/.test(code)) return;
  const resource = typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined;
  const folder = resource ? vscode.workspace.getWorkspaceFolder(resource) : undefined;
  const config = vscode.workspace.getConfiguration('greengrassMl.lint', resource);
  const target = folder && (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? vscode.ConfigurationTarget.WorkspaceFolder
    : vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const inspected = config.inspect<Record<string, string>>('rules');
  const current = (target === vscode.ConfigurationTarget.WorkspaceFolder ? inspected?.workspaceFolderValue
    : target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? {};
  await config.update('rules', { ...current, [code]: 'off' }, target);
}

export const lintRuleCommands: Record<string, CommandFactory> = {
  [TURN_OFF_RULE_COMMAND]: () => turnOffRule,
};
