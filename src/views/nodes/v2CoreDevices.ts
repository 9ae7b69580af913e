import * as vscode from 'vscode';
import type { V2CoreDeviceInfo, V2EffectiveDeploymentInfo, V2InstalledComponentInfo } from '../../aws';
import { isV2DeviceDeploymentInProgress } from '../../core/deploy/refresh';
import {
  coreDeviceRow, effectiveDeploymentRow, installedComponentRow, noReason, shortReason, tone,
} from '../../core/v2/labels';
import type { ExplorerServices } from '../services';
import { ListFolderNode } from './listFolder';
import { ExplorerNode } from './node';
import { SelfReloadingListFolder } from './selfReloading';
import { rowItem, SHOW_DETAILS_COMMAND, toneIcon, V2InfoNode } from './v2Shared';

/** "Core devices": every core device of the account, paged. */
export class V2CoreDevicesFolder extends ListFolderNode<V2CoreDeviceInfo> {
  constructor(services: ExplorerServices) {
    super(undefined, {
      key: 'v2coreDevices',
      label: vscode.l10n.t('Core devices'),
      words: {
        empty: vscode.l10n.t('No core devices'),
        noMatch: (filter) => vscode.l10n.t('No core devices match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load core devices'),
        failedMore: vscode.l10n.t('Failed to load more core devices'),
        filterPrompt: vscode.l10n.t('Show the core devices whose name contains this text (empty: all)'),
      },
      kind: 'v2coreDevices',
      icon: new vscode.ThemeIcon('server-environment'),
      expanded: true,
      tooltip: vscode.l10n.t('The Greengrass V2 core devices of this account and region: status, last status update, platform.'),
      load: async (r) => (await services.greengrassV2()).listCoreDevices({ ...(r.nextToken ? { nextToken: r.nextToken } : {}), maxResults: r.pageSize }),
      itemKey: (d) => d.name,
      itemName: (d) => d.name,
      createNode: (folder, d) => new V2CoreDeviceNode(folder, d, services),
    }, services);
  }
}

export class V2CoreDeviceNode extends ExplorerNode {
  private folders: ExplorerNode[] | undefined;

  constructor(parent: ExplorerNode, readonly device: V2CoreDeviceInfo, private readonly services: ExplorerServices) {
    super(parent, `core:${device.name}`);
  }

  /** The thing name, for commands. */
  get coreDeviceThingName(): string {
    return this.device.name;
  }

  toTreeItem(): vscode.TreeItem {
    const item = rowItem(coreDeviceRow(this.device), vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = 'v2CoreDevice';
    item.iconPath = toneIcon(this.device.status, 'server');
    return item;
  }

  override children(): ExplorerNode[] {
    this.folders ??= [new V2InstalledComponentsFolder(this, this.services), new V2EffectiveDeploymentsFolder(this, this.services)];
    return this.folders;
  }

  /** A deployment moved on this device: its installed components follow (reloaded when the list is shown). */
  deploymentsMoved(): void {
    const installed = this.folders?.find((f): f is V2InstalledComponentsFolder => f instanceof V2InstalledComponentsFolder);
    if (installed?.isLoaded) installed.refresh();
  }

  override reset(): void {
    for (const f of this.folders ?? []) f.reset();
  }
}

/** A core device's components (those deployed to it) with lifecycle state and version. */
export class V2InstalledComponentsFolder extends ListFolderNode<V2InstalledComponentInfo> {
  constructor(readonly device: V2CoreDeviceNode, services: ExplorerServices) {
    super(device, {
      key: 'installed',
      label: vscode.l10n.t('Installed components'),
      words: {
        empty: vscode.l10n.t('No components deployed to this device yet'),
        noMatch: (filter) => vscode.l10n.t('No installed components match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load installed components'),
        failedMore: vscode.l10n.t('Failed to load more installed components'),
        filterPrompt: vscode.l10n.t('Show the installed components whose name contains this text (empty: all)'),
      },
      kind: 'v2installed',
      icon: new vscode.ThemeIcon('extensions'),
      load: async (r) => (await services.greengrassV2()).listInstalledComponents(device.coreDeviceThingName, { ...(r.nextToken ? { nextToken: r.nextToken } : {}), maxResults: r.pageSize }),
      itemKey: (c) => c.name,
      itemName: (c) => c.name,
      createNode: (folder, c) => new V2InstalledComponentNode(folder, c),
    }, services);
  }
}

export class V2InstalledComponentNode extends ExplorerNode {
  constructor(parent: ExplorerNode, readonly component: V2InstalledComponentInfo) {
    super(parent, `installed:${component.name}`);
  }

  get componentName(): string {
    return this.component.name;
  }

  toTreeItem(): vscode.TreeItem {
    const failed = tone(this.component.lifecycleState) === 'failed' && !!this.component.details;
    const item = rowItem(installedComponentRow(this.component), failed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.contextValue = `v2InstalledComponent:${this.component.lifecycleState ?? 'UNKNOWN'}`;
    item.iconPath = toneIcon(this.component.lifecycleState, 'extensions');
    return item;
  }

  override children(): ExplorerNode[] {
    const c = this.component;
    if (!c.details) return [];
    return [new V2InfoNode(this, 'why', c.details, {
      tooltip: [c.details, c.statusCodes?.length ? vscode.l10n.t('Codes: {0}', c.statusCodes.join(', ')) : ''].filter(Boolean).join('\n'),
      icon: new vscode.ThemeIcon('info'), contextValue: 'v2Reason',
    })];
  }
}

/**
 * The deployments a core device has taken, newest first, with their status on that device; while one is queued or
 * in progress the folder reloads itself with the explorer's back-off (and the device's installed components with
 * it), until each is final, the view hides or the connection changes.
 */
export class V2EffectiveDeploymentsFolder extends SelfReloadingListFolder<V2EffectiveDeploymentInfo> {
  constructor(readonly device: V2CoreDeviceNode, services: ExplorerServices) {
    super(device, {
      key: 'effective',
      label: vscode.l10n.t('Deployments'),
      words: {
        empty: vscode.l10n.t('This device has taken no deployment yet'),
        noMatch: (filter) => vscode.l10n.t('No deployments match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load deployments'),
        failedMore: vscode.l10n.t('Failed to load more deployments'),
        filterPrompt: vscode.l10n.t('Show the deployments whose name contains this text (empty: all)'),
      },
      kind: 'v2effective',
      icon: new vscode.ThemeIcon('rocket'),
      load: async (r) => (await services.greengrassV2()).listEffectiveDeployments(device.coreDeviceThingName, { ...(r.nextToken ? { nextToken: r.nextToken } : {}), maxResults: r.pageSize }),
      itemKey: (e) => e.deploymentId,
      itemName: (e) => `${e.deploymentName ?? ''} ${e.deploymentId}`,
      createNode: (folder, e) => new V2EffectiveDeploymentNode(folder, device, e),
    }, services, () => services.log.debug(`Refreshing the deployments of core device ${device.coreDeviceThingName} (in progress)`), () => device.deploymentsMoved());
  }

  /** True while a deployment shown here has not finished on this device. */
  get unsettled(): boolean {
    return this.loadedItems().some((e) => isV2DeviceDeploymentInProgress(e.status));
  }

}

/** One deployment as a core device took it; a failed one opens to its reason and its details document. */
export class V2EffectiveDeploymentNode extends ExplorerNode {
  constructor(parent: ExplorerNode, readonly device: V2CoreDeviceNode, readonly effective: V2EffectiveDeploymentInfo) {
    super(parent, `effective:${effective.deploymentId}`);
  }

  get deploymentId(): string {
    return this.effective.deploymentId;
  }

  get targetArn(): string {
    return this.effective.targetArn ?? '';
  }

  get failed(): boolean {
    return tone(this.effective.status) === 'failed';
  }

  toTreeItem(): vscode.TreeItem {
    const item = rowItem(effectiveDeploymentRow(this.effective), this.failed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.contextValue = `v2EffectiveDeployment:${this.effective.status ?? 'UNKNOWN'}`;
    item.iconPath = toneIcon(this.effective.status, 'rocket');
    return item;
  }

  override children(): ExplorerNode[] {
    if (!this.failed) return [];
    const e = this.effective;
    const reason = shortReason(e.reason) ?? noReason();
    // No arguments: a row's command gets the selected row (a row redrawn since it was shown would hold a stale argument).
    const details: vscode.Command = { command: SHOW_DETAILS_COMMAND, title: vscode.l10n.t('Show Deployment Details') };
    return [
      new V2InfoNode(this, 'why', reason, {
        tooltip: [
          e.reason ?? reason,
          e.errorStack?.length ? vscode.l10n.t('Error stack: {0}', e.errorStack.join(' → ')) : '',
          e.errorTypes?.length ? vscode.l10n.t('Error types: {0}', e.errorTypes.join(', ')) : '',
          vscode.l10n.t('Click for the deployment\'s details.'),
        ].filter(Boolean).join('\n'),
        icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')), contextValue: 'v2Reason', command: details,
      }),
      new V2InfoNode(this, 'details', vscode.l10n.t('Show deployment details'), {
        description: vscode.l10n.t('every device, with the reasons'), icon: new vscode.ThemeIcon('go-to-file'), command: details,
      }),
    ];
  }
}
