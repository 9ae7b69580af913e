import * as vscode from 'vscode';
import type { DeploymentInfo } from '../../aws/types';
import { esc, formatTime, isSettled, md, statusIcon, timeValue } from '../format';
import type { ExplorerServices } from '../services';
import type { GroupNode } from './groups';
import type { Identifiable } from './identity';
import { ListFolderNode } from './listFolder';
import { ExplorerNode } from './node';

const POLL_START_MS = 2_000;
const POLL_MAX_MS = 60_000;

/** A group's deployments, newest first; while one is in progress the folder reloads itself with back-off. */
export class DeploymentsFolder extends ListFolderNode<DeploymentInfo> {
  private pollDelay = POLL_START_MS;
  private timer: NodeJS.Timeout | undefined;
  private waitingForView: vscode.Disposable | undefined;

  constructor(readonly group: GroupNode, services: ExplorerServices) {
    super(group, {
      key: 'deployments',
      label: 'Deployments',
      noun: 'deployments',
      kind: 'deployments',
      icon: new vscode.ThemeIcon('rocket'),
      load: async (r) => (await services.greengrass()).listDeployments(group.groupId, { ...(r.nextToken ? { nextToken: r.nextToken } : {}), maxResults: r.pageSize, withStatus: r.pageSize }),
      itemKey: (d) => d.deploymentId,
      itemName: (d) => `${d.deploymentId} ${d.status ?? ''} ${d.deploymentType ?? ''}`,
      createNode: (folder, d) => new DeploymentNode(folder, d, group),
      compare: (a, b) => timeValue(b.createdAt) - timeValue(a.createdAt),
      onLoaded: (folder) => (folder as DeploymentsFolder).afterLoad(),
    }, services);
    services.connection.scope.add({ dispose: () => this.stopPolling() });
  }

  /** True while a deployment shown here is still building or in progress. */
  get unsettled(): boolean {
    return this.loadedItems().some((d) => !isSettled(d.status));
  }

  private afterLoad(): void {
    const items = [...this.loadedItems()].sort((a, b) => timeValue(b.createdAt) - timeValue(a.createdAt));
    const newest = items[0];
    if (newest && newest.status !== this.group.lastDeployment?.status) {
      this.group.lastDeployment = newest;
      this.services.changed(this.group);
    }
    if (this.unsettled) this.schedule();
    else {
      this.stopPolling();
      this.pollDelay = POLL_START_MS;
    }
  }

  private schedule(): void {
    if (this.timer || this.services.connection.isDisposed) return;
    const delay = this.pollDelay;
    this.pollDelay = Math.min(this.pollDelay * 2, POLL_MAX_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.services.connection.isDisposed) return;
      if (this.services.isVisible()) {
        this.reloadInPlace();
        return;
      }
      // Hidden view: no calls until it shows again.
      this.waitingForView ??= this.services.onDidBecomeVisible(() => {
        this.waitingForView?.dispose();
        this.waitingForView = undefined;
        this.reloadInPlace();
      });
    }, delay);
  }

  private reloadInPlace(): void {
    this.services.log.debug(`Refreshing the deployments of group ${this.group.groupName} (in progress)`);
    super.refresh();
  }

  override refresh(): void {
    this.pollDelay = POLL_START_MS;
    this.stopPolling();
    super.refresh();
  }

  override reset(): void {
    this.stopPolling();
    super.reset();
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waitingForView?.dispose();
    this.waitingForView = undefined;
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
    const item = new vscode.TreeItem(formatTime(d.createdAt) ?? d.deploymentId, vscode.TreeItemCollapsibleState.None);
    item.description = [d.status ?? (d.statusError ? 'status unavailable' : 'status not loaded'), d.deploymentType].filter(Boolean).join(' · ');
    item.iconPath = statusIcon(d.status);
    item.contextValue = `greengrassMl:deployment${d.status ? `.${d.status}` : ''}`;
    const details = (d.errorDetails ?? []).map((e) => `- ${esc(e.code ?? 'error')}: ${esc(e.message ?? '')}`);
    item.tooltip = md([
      `**Deployment** ${esc(d.deploymentId)}`,
      `Status: ${esc(d.status ?? 'unknown')}${d.updatedAt ? ` (updated ${esc(formatTime(d.updatedAt))})` : ''}`,
      d.deploymentType && `Type: ${esc(d.deploymentType)}`,
      d.groupVersionId && `Group version: ${esc(d.groupVersionId)}`,
      `Created: ${esc(formatTime(d.createdAt))}`,
      d.errorMessage && `Error: ${esc(d.errorMessage)}`,
      details.length ? `Error details:\n\n${details.join('\n')}` : undefined,
      d.statusError && `The status could not be read: ${esc(d.statusError.message)}`,
    ]);
    return item;
  }
}

