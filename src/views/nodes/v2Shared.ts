import * as vscode from 'vscode';
import { tone, type RowText } from '../../core/v2/labels';
import { md } from '../format';
import { ExplorerNode } from './node';

/** The icon of a V2 status: passed, failed, spinning while in progress, stopped, else the node's own. */
export function toneIcon(status: string | undefined, fallback: string): vscode.ThemeIcon {
  switch (tone(status)) {
    case 'ok': return new vscode.ThemeIcon(fallback, new vscode.ThemeColor('testing.iconPassed'));
    case 'failed': return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'progress': return new vscode.ThemeIcon('sync~spin');
    case 'stopped': return new vscode.ThemeIcon('circle-slash');
    default: return new vscode.ThemeIcon(fallback);
  }
}

/** A tree item with a row's label, description and tooltip. */
export function rowItem(row: RowText, state: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, state);
  if (row.description) item.description = row.description;
  item.tooltip = md(row.tooltip);
  return item;
}

/** A row that only says something (a failure reason, a component of a deployment); a command when given. */
export class V2InfoNode extends ExplorerNode {
  constructor(parent: ExplorerNode, key: string, readonly label: string, private readonly options: {
    description?: string | undefined; tooltip?: string | vscode.MarkdownString | undefined; icon?: vscode.ThemeIcon | undefined; contextValue?: string | undefined; command?: vscode.Command | undefined;
  } = {}) {
    super(parent, key);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    if (this.options.description) item.description = this.options.description;
    item.tooltip = this.options.tooltip ?? this.label;
    if (this.options.icon) item.iconPath = this.options.icon;
    item.contextValue = this.options.contextValue ?? 'greengrassMl:v2Info';
    if (this.options.command) item.command = this.options.command;
    return item;
  }
}

export const SHOW_DETAILS_COMMAND = 'greengrassMl.v2.showDeploymentDetails';
export const OPEN_RECIPE_COMMAND = 'greengrassMl.v2.openRecipe';
export const OPEN_MIGRATION_RECORD_COMMAND = 'greengrassMl.v2.openMigrationRecord';
