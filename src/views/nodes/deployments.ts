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
      label: vscode.l10n.t('Deployments'),
      words: {
        empty: vscode.l10n.t('No deployments found'),
        noMatch: (filter) => vscode.l10n.t('No deployments match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load deployments'),
        failedMore: vscode.l10n.t('Failed to load more deployments'),
        filterPrompt: vscode.l10n.t('Show the deployments whose name contains this text (empty: all)'),
      },
      kind: 'deployments',
      icon: new vscode.ThemeIcon('rocket'),
      load: async (r) => (await services.greengrass()).listDeployments(group.groupId, { nextToken: r.nextToken, maxResults: r.pageSize, withStatus: r.pageSize }),
      itemKey: (d) => d.deploymentId,
      itemName: (d) => `${d.deploymentId} ${d.status ?? ''} ${d.deploymentType ?? ''}`,
      createNode: (folder, d) => new DeploymentNode(folder, d, group),
      compare: (a, b) => timeValue(b.createdAt) - timeValue(a.createdAt),
      onLoaded: (folder) => (folder as DeploymentsFolder).followNewest(),
    }, services, () => services.log.debug(`Refreshing the deployments of group ${group.groupName} (in progress)`));
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
    const status = statusWords(d.status) ?? (d.statusError ? vscode.l10n.t('Status unavailable') : vscode.l10n.t('Status not loaded'));
    const item = new vscode.TreeItem(status, vscode.TreeItemCollapsibleState.None);
    item.description = [formatTime(d.createdAt) ?? d.deploymentId, deploymentTypeWords(d.deploymentType)].filter(Boolean).join(' · ');
    item.command = { command: 'greengrassMl.explorer.showDeploymentDetails', title: vscode.l10n.t('Show Deployment Details'), arguments: [this] };
    item.iconPath = statusIcon(d.status);
    item.contextValue = `greengrassMl:deployment${d.status ? `.${d.status}` : ''}`;
    const details = (d.errorDetails ?? []).map((e) => `- ${esc(e.code ?? vscode.l10n.t('error'))}: ${esc(e.message ?? '')}`);
    const statusText = esc(statusWords(d.status) ?? vscode.l10n.t('unknown'));
    item.tooltip = md([
      vscode.l10n.t('**Deployment** {0}', esc(d.deploymentId)),
      d.updatedAt ? vscode.l10n.t('Status: {0} (updated {1})', statusText, esc(formatTime(d.updatedAt))) : vscode.l10n.t('Status: {0}', statusText),
      d.deploymentType && vscode.l10n.t('Type: {0}', esc(deploymentTypeWords(d.deploymentType))),
      d.groupVersionId && vscode.l10n.t('Group version: {0}', esc(d.groupVersionId)),
      vscode.l10n.t('Created: {0}', esc(formatTime(d.createdAt))),
      d.errorMessage && vscode.l10n.t('Error: {0}', esc(d.errorMessage)),
      details.length ? `${vscode.l10n.t('Error details:')}\n\n${details.join('\n')}` : undefined,
      d.statusError && vscode.l10n.t('The status could not be read: {0}', esc(d.statusError.message)),
      vscode.l10n.t('Click for the details.'),
    ]);
    return item;
  }
}

