import * as vscode from 'vscode';
import type { SubscriptionInfo } from '../../aws/types';
import { esc, md, shortArn } from '../format';
import { ExplorerNode } from './node';

export class SubscriptionNode extends ExplorerNode {
  constructor(parent: ExplorerNode, readonly subscription: SubscriptionInfo) {
    super(parent, `subscription:${subscription.id}`);
  }

  toTreeItem(): vscode.TreeItem {
    const s = this.subscription;
    const end = (x: string): string => (x === 'cloud' ? vscode.l10n.t('cloud') : shortArn(x) ?? x);
    const item = new vscode.TreeItem(`${end(s.source)} → ${end(s.target)}`, vscode.TreeItemCollapsibleState.None);
    item.description = s.subject;
    item.contextValue = 'greengrassMl:subscription';
    item.iconPath = new vscode.ThemeIcon('arrow-right');
    item.tooltip = md([
      vscode.l10n.t('**Subscription** {0}', esc(s.id)),
      vscode.l10n.t('Source: {0}', esc(s.source)),
      vscode.l10n.t('Subject: {0}', esc(s.subject)),
      vscode.l10n.t('Target: {0}', esc(s.target)),
    ]);
    return item;
  }
}

