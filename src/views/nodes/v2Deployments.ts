import * as vscode from 'vscode';
import type { V2DeploymentDetails, V2DeploymentInfo } from '../../aws';
import { isV2DeviceDeploymentInProgress, type InProgressRefresh } from '../../core/deploy/refresh';
import { deploymentRevisionRow, deploymentTargetRow, escapeMd, readable, shortReason, tone } from '../../core/v2/labels';
import { md } from '../format';
import { inProgressPoller, type ExplorerServices } from '../services';
import { ListFolderNode } from './listFolder';
import { ErrorNode, ExplorerNode } from './node';
import { rowItem, SHOW_DETAILS_COMMAND, toneIcon, V2InfoNode } from './v2Shared';

/** "Deployments": one row per target (thing group or device), its latest revision's status. */
export class V2DeploymentTargetsFolder extends ListFolderNode<V2DeploymentInfo> {
  constructor(services: ExplorerServices) {
    super(undefined, {
      key: 'v2deployments',
      label: vscode.l10n.t('Deployments'),
      words: {
        empty: vscode.l10n.t('No deployments'),
        noMatch: (filter) => vscode.l10n.t('No deployments match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load deployments'),
        failedMore: vscode.l10n.t('Failed to load more deployments'),
        filterPrompt: vscode.l10n.t('Show the deployments whose name contains this text (empty: all)'),
      },
      kind: 'v2deployments',
      icon: new vscode.ThemeIcon('rocket'),
      expanded: true,
      tooltip: vscode.l10n.t('Greengrass V2 deployments by target thing group: the latest revision and the previous ones.'),
      load: async (r) => (await services.greengrassV2()).listDeployments({ ...(r.nextToken ? { nextToken: r.nextToken } : {}), maxResults: r.pageSize }),
      itemKey: (d) => d.targetArn,
      itemName: (d) => d.targetArn,
      createNode: (folder, d) => new V2DeploymentTargetNode(folder, d, services),
    }, services);
  }

  /** The row of a target, when its page is loaded. */
  target(targetArn: string): V2DeploymentTargetNode | undefined {
    const node = this.nodeFor(targetArn);
    return node instanceof V2DeploymentTargetNode ? node : undefined;
  }
}

/** A target: its revisions, newest first (ListDeployments with every revision). */
export class V2DeploymentTargetNode extends ListFolderNode<V2DeploymentInfo> {
  constructor(parent: ExplorerNode, public latest: V2DeploymentInfo, services: ExplorerServices) {
    super(parent, {
      key: `target:${latest.targetArn}`,
      label: latest.targetArn,
      words: {
        empty: vscode.l10n.t('No revisions'),
        noMatch: (filter) => vscode.l10n.t('No revisions match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load revisions'),
        failedMore: vscode.l10n.t('Failed to load more revisions'),
        filterPrompt: vscode.l10n.t('Show the revisions whose name contains this text (empty: all)'),
      },
      kind: 'v2target',
      load: async (r) => (await services.greengrassV2()).listDeployments({
        targetArn: latest.targetArn, history: 'ALL', ...(r.nextToken ? { nextToken: r.nextToken } : {}), maxResults: r.pageSize,
      }),
      itemKey: (d) => d.deploymentId,
      itemName: (d) => `${d.revisionId ?? ''} ${d.deploymentName ?? ''}`,
      createNode: (folder, d) => new V2DeploymentNode(folder, d, services),
      compare: (a, b) => Number(b.revisionId ?? 0) - Number(a.revisionId ?? 0),
      onLoaded: (folder) => (folder as V2DeploymentTargetNode).followNewest(),
    }, services);
  }

  /** The row says what the newest revision loaded says (a revision created or canceled since the list was read). */
  private followNewest(): void {
    const newest = [...this.loadedItems()].sort((a, b) => Number(b.revisionId ?? 0) - Number(a.revisionId ?? 0))[0];
    if (!newest || (newest.deploymentId === this.latest.deploymentId && newest.status === this.latest.status && newest.revisionId === this.latest.revisionId)) return;
    this.latest = newest;
    this.services.changed(this);
  }

  get targetArn(): string {
    return this.latest.targetArn;
  }

  override toTreeItem(): vscode.TreeItem {
    const item = rowItem(deploymentTargetRow(this.latest), vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = 'v2DeploymentTarget';
    item.iconPath = toneIcon(this.latest.status === 'ACTIVE' ? undefined : this.latest.status, this.targetArn.includes(':thing/') ? 'server' : 'organization');
    return item;
  }
}

/**
 * One revision of a deployment. Commands receive it with `deploymentId` and `targetArn`; its contextValue is
 * `v2Deployment:<STATUS>`. Below it: the components and versions it deploys, and each device's status; while the
 * revision is active and a device of its target has not finished it, the rows reload themselves with back-off.
 */
export class V2DeploymentNode extends ExplorerNode {
  private details: V2DeploymentDetails | undefined;
  private rows: ExplorerNode[] | undefined;
  private readonly poller: InProgressRefresh;

  constructor(parent: ExplorerNode, readonly deployment: V2DeploymentInfo, private readonly services: ExplorerServices) {
    super(parent, `deployment:${deployment.deploymentId}`);
    this.poller = inProgressPoller(services, () => {
      services.log.debug(`Refreshing the devices of deployment ${this.deploymentId} (in progress)`);
      this.details = undefined;
      this.rows = undefined;
      services.changed(this);
    });
  }

  get deploymentId(): string {
    return this.deployment.deploymentId;
  }

  get targetArn(): string {
    return this.deployment.targetArn;
  }

  get status(): string | undefined {
    return this.deployment.status;
  }

  toTreeItem(): vscode.TreeItem {
    const item = rowItem(deploymentRevisionRow(this.deployment), vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = `v2Deployment:${this.deployment.status ?? 'UNKNOWN'}`;
    item.iconPath = toneIcon(this.deployment.status === 'ACTIVE' ? undefined : this.deployment.status, 'rocket');
    return item;
  }

  override reset(): void {
    this.poller.restart();
    this.details = undefined;
    this.rows = undefined;
  }

  override async children(): Promise<ExplorerNode[]> {
    if (this.rows) return this.rows;
    let devices: Awaited<ReturnType<Awaited<ReturnType<ExplorerServices['greengrassV2']>>['deviceStatuses']>>;
    try {
      const service = await this.services.greengrassV2();
      [this.details, devices] = await Promise.all([service.getDeployment(this.deploymentId), service.deviceStatuses(this.deployment, this.services.pageSize())]);
    } catch (error) {
      const { message, kind } = this.services.explainError(error);
      return [new ErrorNode(this, vscode.l10n.t('Failed to load the deployment'), message, () => {
        this.reset();
        this.services.changed(this);
      }, kind)];
    }
    const details: vscode.Command = { command: SHOW_DETAILS_COMMAND, title: vscode.l10n.t('Show Deployment Details') };
    const rows: ExplorerNode[] = this.details.components.map((c) => new V2InfoNode(this, `component:${c.name}`, c.name, {
      description: c.version, icon: new vscode.ThemeIcon('extensions'), contextValue: 'v2DeploymentComponent',
      tooltip: `${c.name} ${c.version}`,
    }));
    if (!rows.length) rows.push(new V2InfoNode(this, 'noComponents', vscode.l10n.t('No components')));
    // Only the devices that took this revision: an older revision's devices have since taken a newer one.
    for (const d of devices.devices.filter((x) => x.effective)) {
      const e = d.effective!;
      const failed = tone(e.status) === 'failed';
      rows.push(new V2InfoNode(this, `device:${d.device}`, d.device, {
        description: [readable(e.status), failed ? shortReason(e.reason) : undefined].filter(Boolean).join(' · '),
        icon: toneIcon(e.status, 'server'),
        contextValue: 'v2DeploymentDevice',
        tooltip: md([
          `**${escapeMd(d.device)}** · ${escapeMd(readable(e.status))}`,
          failed && e.reason ? vscode.l10n.t('Why: {0}', escapeMd(e.reason)) : undefined,
          vscode.l10n.t('Click for the deployment\'s details.'),
        ]),
        command: details,
      }));
    }
    this.rows = rows;
    // A revision that is no longer active (canceled, replaced) moves no device on: only an active one is followed.
    if (this.deployment.status === 'ACTIVE' && devices.devices.some((d) => isV2DeviceDeploymentInProgress(d.effective?.status))) this.poller.schedule();
    else this.poller.restart();
    return rows;
  }
}
