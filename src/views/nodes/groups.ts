import * as vscode from 'vscode';
import type {
  CoreInfo, DefinitionRef, DeploymentInfo, FunctionInfo, GroupRow, GroupSummary, GroupVersionDetails,
  GroupVersionInfo, Part, ResourceInfo, SubscriptionInfo,
} from '../../aws/types';
import { ago } from '../../core/v2/labels';
import { esc, forEachLimited, formatTime, md, shortArn, statusWords } from '../format';
import type { ExplorerServices } from '../services';
import { DeploymentsFolder } from './deployments';
import { FunctionNode } from './functions';
import type { DefinitionSource, Identifiable } from './identity';
import { ListFolderNode } from './listFolder';
import { ErrorNode, ExplorerNode, MessageNode } from './node';
import { LeafNode, PartFolder, VersionContent } from './parts';
import { ResourceNode } from './resources';
import { SubscriptionNode } from './subscriptions';

// Groups and their versions; what a version holds is shown by the nodes of the files beside this one, which
// are re-exported here.
export { isDefinitionSource, isIdentifiable, type DefinitionSource, type Identifiable } from './identity';
export { DeploymentNode, DeploymentsFolder } from './deployments';
export { FunctionNode, ResourceAccessNode } from './functions';
export { PartFolder } from './parts';
export { ResourceNode } from './resources';
export { SubscriptionNode } from './subscriptions';

/** The root "Groups" folder. */
/**
 * Set once the groups of an account were listed: the walkthrough's "Connect" step completes on it. VS Code checks a
 * step off only when its context key changes after the walkthrough service started (which may be when the user
 * first opens a walkthrough), so besides the connection state, which is set at activation, the step also completes
 * on the user's first look at the account.
 */
export const ACCOUNT_LISTED_CONTEXT = 'greengrassMl.accountListed';

export class GroupsFolder extends ListFolderNode<GroupRow> {
  private listed = false;

  constructor(services: ExplorerServices) {
    super(undefined, {
      key: 'groups',
      label: vscode.l10n.t('Groups'),
      words: {
        empty: vscode.l10n.t('No groups found'),
        noMatch: (filter) => vscode.l10n.t('No groups match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load groups'),
        failedMore: vscode.l10n.t('Failed to load more groups'),
        filterPrompt: vscode.l10n.t('Show the groups whose name contains this text (empty: all)'),
      },
      kind: 'groups',
      icon: new vscode.ThemeIcon('folder-library'),
      expanded: true,
      serverFilter: true,
      load: async (r) => {
        const [aws, service] = await Promise.all([services.connection.aws(), services.greengrass()]);
        return aws.loadGroupRows(service, { nextToken: r.nextToken, maxResults: r.pageSize, nameContains: r.filter });
      },
      itemKey: (row) => row.id,
      itemName: (row) => row.label,
      createNode: (folder, row) => new GroupNode(folder, row, services),
      onLoaded: (folder) => (folder as GroupsFolder).loaded(),
    }, services);
  }

  private loaded(): void {
    if (!this.isLoaded) return;
    if (!this.listed) {
      this.listed = true;
      void vscode.commands.executeCommand('setContext', ACCOUNT_LISTED_CONTEXT, true);
    }
    void this.summarize();
  }

  /** Fetches the last deployment of each loaded group that has none yet (a few at a time), for its description. */
  async summarize(): Promise<void> {
    const pending = this.loadedItems()
      .map((row) => this.nodeFor(row.id))
      .filter((n): n is GroupNode => n instanceof GroupNode && n.summary === undefined && !n.summarizing);
    if (!pending.length) return;
    for (const node of pending) node.summarizing = true;
    let service: Awaited<ReturnType<ExplorerServices['greengrass']>>;
    try {
      service = await this.services.greengrass();
    } catch (error) {
      for (const node of pending) node.summarizing = false;
      this.services.log.warn(`Could not read the groups' last deployments: ${this.services.describeError(error)}`);
      return;
    }
    await forEachLimited(pending, 4, async (node) => {
      node.summary = await service.getGroupSummary(node.row.id);
      node.summarizing = false;
      this.services.changed(node);
    }, (node, error) => {
      node.summarizing = false;
      this.services.log.warn(`Could not read the last deployment of group ${node.row.label}: ${this.services.describeError(error)}`);
    });
  }
}


/** The node types below a group version: Core, Functions, Resources, Subscriptions (and Devices when there are any). */
abstract class VersionNode extends ExplorerNode implements DefinitionSource, Identifiable {
  protected content: VersionContent;
  private parts: ExplorerNode[] | undefined;
  resourcesFolder: PartFolder<ResourceInfo> | undefined;

  constructor(parent: ExplorerNode, key: string, protected readonly services: ExplorerServices, readonly groupId: string, readonly groupName: string, public versionId: string | undefined) {
    super(parent, key);
    this.content = new VersionContent(services, groupId, versionId);
  }

  abstract arn(): string | undefined;
  abstract resourceId(): string | undefined;

  details(): Promise<GroupVersionDetails> {
    return this.content.get();
  }

  async definitions(): Promise<DefinitionRef[]> {
    return (await this.details()).definitions;
  }

  override reset(): void {
    this.content.reset();
    for (const p of this.parts ?? []) p.reset();
    this.parts = undefined;
    this.resourcesFolder = undefined;
  }

  /** The parts of the version; `extra` come after them (deployments, older versions). */
  protected async versionParts(): Promise<ExplorerNode[]> {
    if (this.versionId === undefined) return [new MessageNode(this, 'noVersion', vscode.l10n.t('No group version'))];
    if (this.parts) return this.parts;
    let details: GroupVersionDetails;
    try {
      details = await this.details();
    } catch (error) {
      return [new ErrorNode(this, vscode.l10n.t('Failed to load the group version'), this.services.describeError(error), () => {
        this.reset();
        this.services.changed(this);
      })];
    }
    const parts: ExplorerNode[] = [...coreNodes(this, details.cores, this.services)];
    const resources = new PartFolder<ResourceInfo>(this, 'resources', vscode.l10n.t('Resources'), {
        empty: vscode.l10n.t('No resources found'),
        noMatch: (filter: string) => vscode.l10n.t('No resources match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load resources'),
        failedMore: vscode.l10n.t('Failed to load more resources'),
        filterPrompt: vscode.l10n.t('Show the resources whose name contains this text (empty: all)'),
      }, 'resources', 'symbol-field', this.services, this.content, (d) => d.resources,
      (folder, r) => new ResourceNode(folder, r, this));
    parts.push(
      new PartFolder<FunctionInfo>(this, 'functions', vscode.l10n.t('Functions'), {
        empty: vscode.l10n.t('No functions found'),
        noMatch: (filter: string) => vscode.l10n.t('No functions match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load functions'),
        failedMore: vscode.l10n.t('Failed to load more functions'),
        filterPrompt: vscode.l10n.t('Show the functions whose name contains this text (empty: all)'),
      }, 'functions', 'symbol-method', this.services, this.content, (d) => d.functions,
        (folder, f) => new FunctionNode(folder, f, this), (f) => f.displayName),
      resources,
      new PartFolder<SubscriptionInfo>(this, 'subscriptions', vscode.l10n.t('Subscriptions'), {
        empty: vscode.l10n.t('No subscriptions found'),
        noMatch: (filter: string) => vscode.l10n.t('No subscriptions match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load subscriptions'),
        failedMore: vscode.l10n.t('Failed to load more subscriptions'),
        filterPrompt: vscode.l10n.t('Show the subscriptions whose name contains this text (empty: all)'),
      }, 'subscriptions', 'mail', this.services, this.content, (d) => d.subscriptions,
        (folder, s) => new SubscriptionNode(folder, s), (s) => `${s.source} ${s.subject} ${s.target}`),
    );
    if (details.devices.status !== 'absent') {
      parts.push(new PartFolder(this, 'devices', vscode.l10n.t('Devices'), {
        empty: vscode.l10n.t('No devices found'),
        noMatch: (filter: string) => vscode.l10n.t('No devices match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load devices'),
        failedMore: vscode.l10n.t('Failed to load more devices'),
        filterPrompt: vscode.l10n.t('Show the devices whose name contains this text (empty: all)'),
      }, 'devices', 'device-mobile', this.services, this.content, (d) => d.devices,
        (folder, dev) => new LeafNode(folder, dev.id, shortArn(dev.thingArn) ?? dev.id, 'greengrassMl:device', 'device-mobile',
          md([vscode.l10n.t('**Device** {0}', esc(dev.id)), vscode.l10n.t('Thing: {0}', esc(dev.thingArn)), vscode.l10n.t('Certificate: {0}', esc(dev.certificateArn))]))));
    }
    this.resourcesFolder = resources;
    this.parts = parts;
    return parts;
  }

  /** The node of a resource of this version (for the links of resource access policies). */
  async resourceNode(resourceId: string): Promise<ExplorerNode | undefined> {
    await this.versionParts();
    const folder = this.resourcesFolder;
    if (!folder) return undefined;
    if (folder.filter) folder.setFilter(undefined);
    await folder.ensureLoaded();
    return folder.nodeFor(resourceId);
  }
}

function coreNodes(parent: VersionNode, part: Part<CoreInfo>, services: ExplorerServices): ExplorerNode[] {
  if (part.status === 'absent') return [new MessageNode(parent, 'noCore', vscode.l10n.t('No core'), vscode.l10n.t('This group version has no core definition: it cannot be deployed.'))];
  if (part.status === 'error') {
    return [new ErrorNode(parent, vscode.l10n.t('Failed to load the core definition'), part.error.message, () => {
      parent.reset();
      services.changed(parent);
    })];
  }
  if (part.items.length === 0) return [new MessageNode(parent, 'noCore', vscode.l10n.t('No core'))];
  return part.items.map((core) => new CoreNode(parent, core, part.ref));
}

export class GroupNode extends VersionNode {
  summary: GroupSummary | undefined;
  summarizing = false;
  private deployments: DeploymentsFolder | undefined;
  private older: OlderVersionsFolder | undefined;

  constructor(parent: ExplorerNode, public row: GroupRow, services: ExplorerServices) {
    super(parent, `group:${row.id}`, services, row.id, row.group.name, row.group.latestVersionId);
  }

  arn(): string | undefined {
    return this.row.group.arn;
  }

  resourceId(): string | undefined {
    return this.row.id;
  }

  get lastDeployment(): DeploymentInfo | undefined {
    return this.summary?.lastDeployment;
  }

  set lastDeployment(d: DeploymentInfo | undefined) {
    if (this.summary) this.summary = { ...this.summary, ...(d ? { lastDeployment: d } : {}) };
    else this.summary = { group: this.row.group, ...(d ? { lastDeployment: d } : {}) };
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.row.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = 'greengrassMl:group';
    const last = this.summary?.lastDeployment;
    const status = last
      ? [statusWords(last.status) ?? vscode.l10n.t('Deployed'), ago(last.createdAt)].filter(Boolean).join(' · ')
      : this.summary ? vscode.l10n.t('Never deployed') : undefined;
    item.description = status ?? this.row.description;
    item.iconPath = last?.status === 'Failure'
      ? new vscode.ThemeIcon('layers', new vscode.ThemeColor('testing.iconFailed'))
      : new vscode.ThemeIcon('layers');
    const g = this.row.group;
    item.tooltip = md([
      `**${esc(g.name)}**`,
      vscode.l10n.t('Id: {0}', esc(g.id)),
      g.arn && vscode.l10n.t('ARN: {0}', esc(g.arn)),
      g.lastUpdatedTime
        ? vscode.l10n.t('Latest version: {0} ({1})', esc(g.latestVersionId ?? vscode.l10n.t('none')), esc(formatTime(g.lastUpdatedTime)))
        : vscode.l10n.t('Latest version: {0}', esc(g.latestVersionId ?? vscode.l10n.t('none'))),
      last
        ? vscode.l10n.t('Last deployment: {0} · {1}', esc(statusWords(last.status) ?? vscode.l10n.t('unknown')), esc(formatTime(last.createdAt)))
        : this.summary ? vscode.l10n.t('Never deployed') : undefined,
      this.summary?.deploymentsError && vscode.l10n.t('Deployments could not be read: {0}', esc(this.summary.deploymentsError.message)),
    ]);
    return item;
  }

  override reset(): void {
    super.reset();
    this.deployments?.reset();
    this.older?.reset();
  }

  /**
   * Reads the group again (its latest version and last deployment) and redraws it and what is below it: after a
   * ship command changed this group, only this group is read again, not the whole tree.
   */
  async reload(): Promise<void> {
    const service = await this.services.greengrass();
    const summary = await service.getGroupSummary(this.groupId);
    this.row = { ...this.row, group: summary.group };
    this.summary = summary;
    if (summary.group.latestVersionId !== this.versionId) {
      this.versionId = summary.group.latestVersionId;
      this.content = new VersionContent(this.services, this.groupId, this.versionId);
    }
    this.reset();
    this.services.changed(this);
  }

  override async children(): Promise<ExplorerNode[]> {
    const parts = await this.versionParts();
    this.deployments ??= new DeploymentsFolder(this, this.services);
    this.older ??= new OlderVersionsFolder(this, this.services);
    return [...parts, this.deployments, this.older];
  }
}


export class GroupVersionNode extends VersionNode {
  constructor(parent: ExplorerNode, readonly group: GroupNode, readonly version: GroupVersionInfo, services: ExplorerServices) {
    super(parent, `version:${version.versionId}`, services, group.groupId, group.groupName, version.versionId);
  }

  arn(): string | undefined {
    return this.version.arn;
  }

  resourceId(): string | undefined {
    return this.version.versionId;
  }

  toTreeItem(): vscode.TreeItem {
    // To the second, and the whole id: versions made in the same minute must read apart.
    const item = new vscode.TreeItem(formatTime(this.version.createdAt, true) ?? this.version.versionId, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = this.version.versionId;
    item.contextValue = 'greengrassMl:groupVersion';
    item.iconPath = new vscode.ThemeIcon('history');
    item.tooltip = md([
      vscode.l10n.t('**Group version** {0}', esc(this.version.versionId)),
      vscode.l10n.t('Created: {0}', esc(formatTime(this.version.createdAt, true))),
      this.version.arn && vscode.l10n.t('ARN: {0}', esc(this.version.arn)),
    ]);
    return item;
  }

  override children(): Promise<ExplorerNode[]> {
    return this.versionParts();
  }
}


export class CoreNode extends ExplorerNode implements Identifiable, DefinitionSource {
  constructor(readonly version: VersionNode, readonly core: CoreInfo, readonly ref: DefinitionRef) {
    super(version, `core:${core.id}`);
  }

  get groupName(): string {
    return this.version.groupName;
  }

  definitions(): Promise<DefinitionRef[]> {
    return Promise.resolve([this.ref]);
  }

  arn(): string | undefined {
    return this.core.thingArn;
  }

  resourceId(): string | undefined {
    return this.core.id;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Core'), vscode.TreeItemCollapsibleState.None);
    item.description = shortArn(this.core.thingArn) ?? this.core.id;
    item.contextValue = 'greengrassMl:core';
    item.iconPath = new vscode.ThemeIcon('server');
    item.tooltip = md([
      vscode.l10n.t('**Core** {0}', esc(this.core.id)),
      vscode.l10n.t('Thing: {0}', esc(this.core.thingArn ?? vscode.l10n.t('none'))),
      vscode.l10n.t('Certificate: {0}', esc(this.core.certificateArn ?? vscode.l10n.t('none'))),
      this.core.syncShadow ? vscode.l10n.t('Sync shadow: yes') : vscode.l10n.t('Sync shadow: no'),
    ]);
    return item;
  }
}


/** Older group versions, loaded only when expanded. */
export class OlderVersionsFolder extends ListFolderNode<GroupVersionInfo> {
  constructor(readonly group: GroupNode, services: ExplorerServices) {
    super(group, {
      key: 'versions',
      label: vscode.l10n.t('Older Versions'),
      words: {
        empty: vscode.l10n.t('No older versions found'),
        noMatch: (filter) => vscode.l10n.t('No older versions match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load older versions'),
        failedMore: vscode.l10n.t('Failed to load more older versions'),
        filterPrompt: vscode.l10n.t('Show the older versions whose name contains this text (empty: all)'),
      },
      kind: 'versions',
      icon: new vscode.ThemeIcon('history'),
      load: async (r) => {
        const page = await (await services.greengrass()).listGroupVersions(group.groupId, { nextToken: r.nextToken, maxResults: r.pageSize });
        return { ...page, items: page.items.filter((v) => v.versionId !== group.versionId) };
      },
      itemKey: (v) => v.versionId,
      itemName: (v) => `${v.versionId} ${formatTime(v.createdAt, true) ?? ''}`,
      createNode: (folder, v) => new GroupVersionNode(folder, group, v, services),
    }, services);
  }
}


export type { VersionNode };
