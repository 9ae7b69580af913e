import * as vscode from 'vscode';
import type { FunctionInfo, ResourceAccessInfo } from '../../aws/types';
import { esc, isolationWords, md } from '../format';
import type { VersionNode } from './groups';
import type { Identifiable } from './identity';
import { ExplorerNode } from './node';

export class FunctionNode extends ExplorerNode implements Identifiable {
  private policies: ResourceAccessNode[] | undefined;

  constructor(parent: ExplorerNode, readonly fn: FunctionInfo, readonly version: VersionNode) {
    super(parent, `function:${fn.id}`);
  }

  arn(): string | undefined {
    return this.fn.functionArn;
  }

  resourceId(): string | undefined {
    return this.fn.id;
  }

  toTreeItem(): vscode.TreeItem {
    const f = this.fn;
    const item = new vscode.TreeItem(f.displayName, f.resourceAccessPolicies.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.contextValue = 'greengrassMl:function';
    item.iconPath = new vscode.ThemeIcon(f.isolationMode === 'NoContainer' ? 'symbol-event' : 'package');
    const env = Object.keys(f.environmentVariables);
    item.description = [
      isolationWords(f.isolationMode),
      f.isolationMode !== 'NoContainer' && f.memorySizeKb !== undefined ? vscode.l10n.t('{0} MB', Math.round(f.memorySizeKb / 1024)) : undefined,
      f.pinned ? vscode.l10n.t('pinned') : vscode.l10n.t('on demand'),
      env.length ? vscode.l10n.t('{0} env', env.length) : undefined,
    ].filter(Boolean).join(' · ');
    const envLines = env.map((k) => `\`${k}\` = \`${f.environmentVariables[k] ?? ''}\``);
    item.tooltip = md([
      // The Id first: subscriptions and resource access policies of the group refer to the function by it.
      `**${esc(f.displayName)}**`,
      vscode.l10n.t('Id: {0}', esc(f.id)),
      vscode.l10n.t('ARN: {0}', esc(f.functionArn)),
      isolationLine(f),
      f.memorySizeKb !== undefined && (f.isolationMode === 'NoContainer'
        ? vscode.l10n.t('Memory: {0} MB ({1} KB) — not applied without a container', Math.round(f.memorySizeKb / 1024), f.memorySizeKb)
        : vscode.l10n.t('Memory: {0} MB ({1} KB)', Math.round(f.memorySizeKb / 1024), f.memorySizeKb)),
      f.timeoutSeconds !== undefined && vscode.l10n.t('Timeout: {0} s', f.timeoutSeconds),
      f.pinned ? vscode.l10n.t('Pinned: yes (long-lived)') : vscode.l10n.t('Pinned: no (on demand)'),
      f.runAs && vscode.l10n.t('Run as: uid {0}, gid {1}', f.runAs.uid ?? '-', f.runAs.gid ?? '-'),
      f.executable && vscode.l10n.t('Executable: {0}', esc(f.executable)),
      env.length ? `${vscode.l10n.t('Environment variables:')}\n\n${envLines.join('  \n')}` : vscode.l10n.t('No environment variables'),
      f.resourceAccessPolicies.length ? vscode.l10n.t('Resource access: {0}', f.resourceAccessPolicies.length) : undefined,
    ]);
    return item;
  }

  override children(): ExplorerNode[] {
    this.policies ??= this.fn.resourceAccessPolicies.map((p) => new ResourceAccessNode(this, p));
    return this.policies;
  }
}

/** "Isolation: Container (GreengrassContainer)", and where the mode comes from when the function does not set it. */
function isolationLine(f: FunctionInfo): string {
  const words = isolationWords(f.isolationMode);
  const mode = esc(f.isolationMode);
  switch (f.isolationModeSource) {
    case 'function': return vscode.l10n.t('Isolation: {0} ({1})', words, mode);
    case 'default': return vscode.l10n.t('Isolation: {0} ({1}) (from the default config)', words, mode);
    default: return vscode.l10n.t('Isolation: {0} ({1}) (service default)', words, mode);
  }
}

/** A function's access to a resource: clicking it reveals the resource node. */
export class ResourceAccessNode extends ExplorerNode {
  constructor(readonly fn: FunctionNode, readonly policy: ResourceAccessInfo) {
    super(fn, `access:${policy.resourceId}`);
  }

  toTreeItem(): vscode.TreeItem {
    const p = this.policy;
    const item = new vscode.TreeItem(p.resourceName ?? p.resourceId, vscode.TreeItemCollapsibleState.None);
    item.contextValue = p.resolved ? 'greengrassMl:resourceAccess' : 'greengrassMl:resourceAccess.unresolved';
    item.description = p.resolved ? (p.permission ?? vscode.l10n.t('owner setting')) : vscode.l10n.t('unknown resource id: {0}', p.resourceId);
    item.iconPath = p.resolved ? new vscode.ThemeIcon('link') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.tooltip = md([
      vscode.l10n.t('**Resource access** {0}', esc(p.resourceId)),
      p.resolved
        ? vscode.l10n.t('Permission: {0}', esc(p.permission ?? vscode.l10n.t('not set here: from the resource\'s owner setting')))
        : vscode.l10n.t('The resource definition of this group version has no resource with this id.'),
      p.resolved ? vscode.l10n.t('Click to show the resource.') : undefined,
    ]);
    if (p.resolved) item.command = { command: 'greengrassMl.explorer.revealResource', title: vscode.l10n.t('Show Resource'), arguments: [this] };
    return item;
  }
}

