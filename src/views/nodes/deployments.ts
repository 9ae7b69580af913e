import * as vscode from 'vscode';
import type { DeploymentInfo } from '../../aws/types';
import { isDeploymentInProgress } from '../../core/deploy/refresh';
import { deploymentTypeWords, esc, formatTime, md, statusIcon, statusWords, timeValue } from '../format';
import type { ExplorerServices } from '../services';
import type { GroupNode } from './groups';
import type { Identifiable } from './identity';
import { SelfReloadingListFolder } from './selfReloading';
import { ExplorerNode } from './node';

/** A group's deployments, newest first; while one is in progress the folder reloads itself with back-off. */
export class DeploymentsFolder extends SelfReloadingListFolder<DeploymentInfo> {
  constructor(readonly group: GroupNode, services: ExplorerServices) {
    super(group, {
      key: 'deployments',
      label: 'Deployments',
      noun: 'deployments',
      kind: 'deployments',
      icon: new vscode.ThemeIcon('rocket'),
      load: async (r) => (await services.greengrass()).listDeployments(group.groupId, { nextToken: r.nextToken, maxResults: r.pageSize, withStatus: r.pageSize }),
      itemKey: (d) => d.deploymentId,
      itemName: (d) => `${d.deploymentId} ${d.status ?? ''} ${d.deploymentType ?? ''}`,
      createNode: (folder, d) => new DeploymentNode(folder, d, group),
      compare: (a, b) => timeValue(b.createdAt) - timeValue(a.createdAt),
      onLoaded: (folder) => (folder as DeploymentsFolder).followNewest(),
    }, services, `the deployments of group ${group.groupName}`);
  }

  /** True while a deployment shown here is still building or in progress. */
  get unsettled(): boolean {
    return this.loadedItems().some((d) => isDeploymentInProgress(d.status));
  }

  /** The group's row shows its newest deployment's status. */
  private followNewest(): void {
    const items = [...this.loadedItems()].sort((a, b) => timeValue(b.createdAt) - timeValue(a.createdAt));
    const newest = items[0];
    if (newest && newest.status !== this.group.lastDeployment?.status) {
      this.group.lastDeployment = newest;
      this.services.changed(this.group);
    }
  }
}

export class DeploymentNode extends ExplorerNode implements Identifiable {
  constructor(parent: ExplorerNode, readonly deployment: DeploymentInfo, readonly group: GroupNode) {
    super(parent, `deployment:${deployment.deploymentId}`);
  }

  arn(): string | undefined {
    return this.deployment.deploymentArn;
  }

  resourceId(): string | undefined {
    return this.deployment.deploymentId;
  }

  toTreeItem(): vscode.TreeItem {
    const d = this.deployment;
    // Status first, in words; when and what kind after it. A click opens the details.
    const status = statusWords(d.status) ?? (d.statusError ? 'Status unavailable' : 'Status not loaded');
    const item = new vscode.TreeItem(status, vscode.TreeItemCollapsibleState.None);
    item.description = [formatTime(d.createdAt) ?? d.deploymentId, deploymentTypeWords(d.deploymentType)].filter(Boolean).join(' · ');
    item.command = { command: 'greengrassMl.explorer.showDeploymentDetails', title: 'Show Deployment Details', arguments: [this] };
    item.iconPath = statusIcon(d.status);
    item.contextValue = `greengrassMl:deployment${d.status ? `.${d.status}` : ''}`;
    const details = (d.errorDetails ?? []).map((e) => `- ${esc(e.code ?? 'error')}: ${esc(e.message ?? '')}`);
    item.tooltip = md([
      `**Deployment** ${esc(d.deploymentId)}`,
      `Status: ${esc(statusWords(d.status) ?? 'unknown')}${d.updatedAt ? ` (updated ${esc(formatTime(d.updatedAt))})` : ''}`,
      d.deploymentType && `Type: ${esc(deploymentTypeWords(d.deploymentType))}`,
      d.groupVersionId && `Group version: ${esc(d.groupVersionId)}`,
      `Created: ${esc(formatTime(d.createdAt))}`,
      d.errorMessage && `Error: ${esc(d.errorMessage)}`,
      details.length ? `Error details:\n\n${details.join('\n')}` : undefined,
      d.statusError && `The status could not be read: ${esc(d.statusError.message)}`,
      'Click for the details.',
    ]);
    return item;
  }
}

