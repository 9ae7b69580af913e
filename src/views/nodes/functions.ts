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
      f.isolationMode !== 'NoContainer' && f.memorySizeKb !== undefined ? `${Math.round(f.memorySizeKb / 1024)} MB` : undefined,
      f.pinned ? 'pinned' : 'on demand',
      env.length ? `${env.length} env` : undefined,
    ].filter(Boolean).join(' · ');
    const envLines = env.map((k) => `\`${k}\` = \`${f.environmentVariables[k] ?? ''}\``);
    item.tooltip = md([
      // The Id first: subscriptions and resource access policies of the group refer to the function by it.
      `**${esc(f.displayName)}**`,
      `Id: ${esc(f.id)}`,
      `ARN: ${esc(f.functionArn)}`,
      `Isolation: ${isolationWords(f.isolationMode)} (${esc(f.isolationMode)})${f.isolationModeSource !== 'function' ? ` (${f.isolationModeSource === 'default' ? 'from the default config' : 'service default'})` : ''}`,
      f.memorySizeKb !== undefined && `Memory: ${Math.round(f.memorySizeKb / 1024)} MB (${f.memorySizeKb} KB)${f.isolationMode === 'NoContainer' ? ' — not applied without a container' : ''}`,
      f.timeoutSeconds !== undefined && `Timeout: ${f.timeoutSeconds} s`,
      `Pinned: ${f.pinned ? 'yes (long-lived)' : 'no (on demand)'}`,
      f.runAs && `Run as: uid ${f.runAs.uid ?? '-'}, gid ${f.runAs.gid ?? '-'}`,
      f.executable && `Executable: ${esc(f.executable)}`,
      env.length ? `Environment variables:\n\n${envLines.join('  \n')}` : 'No environment variables',
      f.resourceAccessPolicies.length ? `Resource access: ${f.resourceAccessPolicies.length}` : undefined,
    ]);
    return item;
  }

  override children(): ExplorerNode[] {
    this.policies ??= this.fn.resourceAccessPolicies.map((p) => new ResourceAccessNode(this, p));
    return this.policies;
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
    item.description = p.resolved ? (p.permission ?? 'owner setting') : `unknown resource id: ${p.resourceId}`;
    item.iconPath = p.resolved ? new vscode.ThemeIcon('link') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.tooltip = md([
      `**Resource access** ${esc(p.resourceId)}`,
      p.resolved ? `Permission: ${esc(p.permission ?? 'not set here: from the resource\'s owner setting')}` : 'The resource definition of this group version has no resource with this id.',
      p.resolved ? 'Click to show the resource.' : undefined,
    ]);
    if (p.resolved) item.command = { command: 'greengrassMl.explorer.revealResource', title: 'Show Resource', arguments: [this] };
    return item;
  }
}

