import * as vscode from 'vscode';
import type {
  CoreInfo, DefinitionKind, DefinitionRef, DeploymentInfo, FunctionInfo, GroupRow, GroupSummary, GroupVersionDetails,
  GroupVersionInfo, Part, ResourceAccessInfo, ResourceInfo, SubscriptionInfo,
} from '../../aws/types';
import { esc, forEachLimited, formatAgo, formatTime, isSettled, md, shortArn, statusIcon, timeValue } from '../format';
import { ExplainedError, type ExplorerServices } from '../services';
import { ListFolderNode } from './listFolder';
import { ErrorNode, ExplorerNode, MessageNode } from './node';

/** Nodes that stand for something with an ARN and an id (Copy ARN, Copy Id). */
export interface Identifiable {
  arn(): string | undefined;
  resourceId(): string | undefined;
}

/** Nodes from which a definition version can be opened as JSON. */
export interface DefinitionSource {
  /** The definitions of the version (for a quick pick) or one definition. */
  definitions(): Promise<DefinitionRef[]>;
  /** The group's name, for the document's path. */
  readonly groupName: string;
}

export function isIdentifiable(node: unknown): node is Identifiable {
  return typeof (node as Identifiable | undefined)?.arn === 'function';
}

export function isDefinitionSource(node: unknown): node is DefinitionSource {
  return typeof (node as DefinitionSource | undefined)?.definitions === 'function';
}

/** The root "Groups" folder. */
export class GroupsFolder extends ListFolderNode<GroupRow> {
  constructor(services: ExplorerServices) {
    super(undefined, {
      key: 'groups',
      label: 'Groups',
      noun: 'groups',
      kind: 'groups',
      icon: new vscode.ThemeIcon('folder-library'),
      expanded: true,
      serverFilter: true,
      load: async (r) => {
        const [aws, service] = await Promise.all([services.connection.aws(), services.greengrass()]);
        return aws.loadGroupRows(service, { ...(r.nextToken ? { nextToken: r.nextToken } : {}), maxResults: r.pageSize, ...(r.filter ? { nameContains: r.filter } : {}) });
      },
      itemKey: (row) => row.id,
      itemName: (row) => row.label,
      createNode: (folder, row) => new GroupNode(folder, row, services),
      onLoaded: (folder) => void (folder as GroupsFolder).summarize(),
    }, services);
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

/** Loads one group version's details once (its definition versions concurrently) for the part nodes below it. */
class VersionContent {
  private details: Promise<GroupVersionDetails> | undefined;
  constructor(private readonly services: ExplorerServices, private readonly groupId: string, private readonly versionId: string | undefined) {}

  get(): Promise<GroupVersionDetails> {
    this.details ??= this.services.greengrass().then((s) => s.getGroupVersionDetails(this.groupId, this.versionId));
    this.details.catch(() => (this.details = undefined));
    return this.details;
  }

  reset(): void {
    this.details = undefined;
  }
}

/** The node types below a group version: Core, Functions, Resources, Subscriptions (and Devices when there are any). */
abstract class VersionNode extends ExplorerNode implements DefinitionSource, Identifiable {
  protected content: VersionContent;
  private parts: ExplorerNode[] | undefined;
  resourcesFolder: PartFolder<ResourceInfo> | undefined;

  constructor(parent: ExplorerNode, key: string, protected readonly services: ExplorerServices, readonly groupId: string, readonly groupName: string, readonly versionId: string | undefined) {
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
    if (this.versionId === undefined) return [new MessageNode(this, 'noVersion', '[No group version]')];
    if (this.parts) return this.parts;
    let details: GroupVersionDetails;
    try {
      details = await this.details();
    } catch (error) {
      return [new ErrorNode(this, 'the group version', this.services.describeError(error), () => {
        this.reset();
        this.services.changed(this);
      })];
    }
    const parts: ExplorerNode[] = [...coreNodes(this, details.cores, this.services)];
    const resources = new PartFolder<ResourceInfo>(this, 'resources', 'Resources', 'resources', 'symbol-field', this.services, this.content, (d) => d.resources,
      (folder, r) => new ResourceNode(folder, r, this));
    parts.push(
      new PartFolder<FunctionInfo>(this, 'functions', 'Functions', 'functions', 'symbol-method', this.services, this.content, (d) => d.functions,
        (folder, f) => new FunctionNode(folder, f, this), (f) => f.displayName),
      resources,
      new PartFolder<SubscriptionInfo>(this, 'subscriptions', 'Subscriptions', 'subscriptions', 'mail', this.services, this.content, (d) => d.subscriptions,
        (folder, s) => new SubscriptionNode(folder, s), (s) => `${s.source} ${s.subject} ${s.target}`),
    );
    if (details.devices.status !== 'absent') {
      parts.push(new PartFolder(this, 'devices', 'Devices', 'devices', 'device-mobile', this.services, this.content, (d) => d.devices,
        (folder, dev) => new LeafNode(folder, dev.id, shortArn(dev.thingArn) ?? dev.id, 'greengrassMl:device', 'device-mobile',
          md([`**Device** ${esc(dev.id)}`, `Thing: ${esc(dev.thingArn)}`, `Certificate: ${esc(dev.certificateArn)}`]))));
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
  if (part.status === 'absent') return [new MessageNode(parent, 'noCore', '[No core]', 'This group version has no core definition: it cannot be deployed.')];
  if (part.status === 'error') {
    return [new ErrorNode(parent, 'the core definition', part.error.message, () => {
      parent.reset();
      services.changed(parent);
    })];
  }
  if (part.items.length === 0) return [new MessageNode(parent, 'noCore', '[No core]')];
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
    const status = last ? [last.status ?? 'deployed', formatAgo(last.createdAt)].filter(Boolean).join(' · ') : this.summary ? 'never deployed' : undefined;
    item.description = status ?? this.row.description;
    item.iconPath = last?.status === 'Failure'
      ? new vscode.ThemeIcon('layers', new vscode.ThemeColor('testing.iconFailed'))
      : new vscode.ThemeIcon('layers');
    const g = this.row.group;
    item.tooltip = md([
      `**${esc(g.name)}**`,
      `Id: ${esc(g.id)}`,
      g.arn && `ARN: ${esc(g.arn)}`,
      `Latest version: ${esc(g.latestVersionId ?? 'none')}${g.lastUpdatedTime ? ` (${esc(formatTime(g.lastUpdatedTime))})` : ''}`,
      last ? `Last deployment: ${esc(last.status ?? 'unknown')} · ${esc(formatTime(last.createdAt))}` : this.summary ? 'Never deployed' : undefined,
      this.summary?.deploymentsError && `Deployments could not be read: ${esc(this.summary.deploymentsError.message)}`,
    ]);
    return item;
  }

  override reset(): void {
    super.reset();
    this.deployments?.reset();
    this.older?.reset();
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
    const item = new vscode.TreeItem(formatTime(this.version.createdAt) ?? this.version.versionId, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = this.version.versionId;
    item.contextValue = 'greengrassMl:groupVersion';
    item.iconPath = new vscode.ThemeIcon('history');
    item.tooltip = md([`**Group version** ${esc(this.version.versionId)}`, `Created: ${esc(formatTime(this.version.createdAt))}`, this.version.arn && `ARN: ${esc(this.version.arn)}`]);
    return item;
  }

  override children(): Promise<ExplorerNode[]> {
    return this.versionParts();
  }
}

/** Functions, Resources, Subscriptions, Devices of one group version. */
export class PartFolder<T extends { id: string }> extends ListFolderNode<T> implements DefinitionSource {
  private ref: DefinitionRef | undefined;

  constructor(
    readonly version: VersionNode, key: string, label: string, readonly partKind: string, icon: string, services: ExplorerServices,
    content: VersionContent, pick: (d: GroupVersionDetails) => Part<T>, create: (folder: PartFolder<T>, item: T) => ExplorerNode,
    name: (item: T) => string = (item) => (item as { name?: string }).name ?? item.id,
  ) {
    super(version, {
      key,
      label,
      noun: label.toLowerCase(),
      kind: partKind,
      icon: new vscode.ThemeIcon(icon),
      load: async () => {
        const part = pick(await content.get());
        if (part.status === 'error') throw new ExplainedError(part.error.message);
        if (part.status === 'absent') return { items: [] };
        this.ref = part.ref;
        return { items: part.items };
      },
      itemKey: (item) => item.id,
      itemName: name,
      createNode: (folder, item) => create(folder as PartFolder<T>, item),
    }, services);
  }

  get groupName(): string {
    return this.version.groupName;
  }

  async definitions(): Promise<DefinitionRef[]> {
    await this.ensureLoaded();
    return this.ref ? [this.ref] : [];
  }

  override refresh(): void {
    this.version.reset();
    this.services.changed(this.version);
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
    const item = new vscode.TreeItem('Core', vscode.TreeItemCollapsibleState.None);
    item.description = shortArn(this.core.thingArn) ?? this.core.id;
    item.contextValue = 'greengrassMl:core';
    item.iconPath = new vscode.ThemeIcon('server');
    item.tooltip = md([
      `**Core** ${esc(this.core.id)}`,
      `Thing: ${esc(this.core.thingArn ?? 'none')}`,
      `Certificate: ${esc(this.core.certificateArn ?? 'none')}`,
      `Sync shadow: ${this.core.syncShadow ? 'yes' : 'no'}`,
    ]);
    return item;
  }
}

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
      f.isolationMode === 'NoContainer' ? 'NoContainer' : 'Container',
      f.isolationMode !== 'NoContainer' && f.memorySizeKb !== undefined ? `${Math.round(f.memorySizeKb / 1024)} MB` : undefined,
      f.pinned ? 'pinned' : 'on demand',
      env.length ? `${env.length} env` : undefined,
    ].filter(Boolean).join(' · ');
    const envLines = env.map((k) => `\`${k}\` = \`${f.environmentVariables[k] ?? ''}\``);
    item.tooltip = md([
      `**${esc(f.displayName)}**`,
      `ARN: ${esc(f.functionArn)}`,
      `Isolation: ${esc(f.isolationMode)}${f.isolationModeSource !== 'function' ? ` (${f.isolationModeSource === 'default' ? 'from the default config' : 'service default'})` : ''}`,
      f.memorySizeKb !== undefined && `Memory: ${Math.round(f.memorySizeKb / 1024)} MB (${f.memorySizeKb} KB)${f.isolationMode === 'NoContainer' ? ' — not applied to NoContainer functions' : ''}`,
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

export class ResourceNode extends ExplorerNode implements Identifiable {
  constructor(parent: ExplorerNode, readonly resource: ResourceInfo, readonly version: VersionNode) {
    super(parent, `resource:${resource.id}`);
  }

  get isMl(): boolean {
    return this.resource.type === 'mlS3' || this.resource.type === 'mlSageMaker';
  }

  arn(): string | undefined {
    return this.resource.s3Uri ?? this.resource.sageMakerJobArn ?? this.resource.secretArn;
  }

  resourceId(): string | undefined {
    return this.resource.id;
  }

  toTreeItem(): vscode.TreeItem {
    const r = this.resource;
    const item = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.None);
    item.contextValue = this.isMl ? `greengrassMl:mlResource.${r.type}` : 'greengrassMl:resource';
    const owner = r.ownerSetting ? `owner ${r.ownerSetting.groupOwner ?? '?'}:${r.ownerSetting.groupPermission ?? '?'}` : undefined;
    let source: string | undefined;
    switch (r.type) {
      case 'mlS3':
        item.iconPath = new vscode.ThemeIcon('file-zip');
        source = r.s3Uri;
        item.description = [r.s3Uri, r.destinationPath && `→ ${r.destinationPath}`].filter(Boolean).join(' ');
        break;
      case 'mlSageMaker':
        item.iconPath = new vscode.ThemeIcon('beaker');
        source = r.sageMakerJobArn;
        item.description = [`SageMaker ${shortArn(r.sageMakerJobArn) ?? ''}`, r.destinationPath && `→ ${r.destinationPath}`].filter(Boolean).join(' ');
        break;
      case 'localDevice':
        item.iconPath = new vscode.ThemeIcon('circuit-board');
        source = r.sourcePath;
        item.description = `device ${r.sourcePath ?? ''}`;
        break;
      case 'localVolume':
        item.iconPath = new vscode.ThemeIcon('folder');
        source = r.sourcePath;
        item.description = `volume ${r.sourcePath ?? ''}${r.destinationPath ? ` → ${r.destinationPath}` : ''}`;
        break;
      case 'secret':
        item.iconPath = new vscode.ThemeIcon('key');
        source = r.secretArn;
        item.description = 'secret';
        break;
      default:
        item.iconPath = new vscode.ThemeIcon('question');
        item.description = 'unknown resource type';
    }
    if (this.isMl) {
      item.description = `${item.description ?? ''}${owner ? ` · ${owner}` : ''}`;
    }
    item.tooltip = md([
      `**${esc(r.name)}** (${esc(r.type)})`,
      `Id: ${esc(r.id)}`,
      source && `Source: ${esc(source)}`,
      r.destinationPath && `Destination: ${esc(r.destinationPath)}`,
      this.isMl && (r.ownerSetting
        ? `Owner setting: group ${esc(r.ownerSetting.groupOwner ?? 'missing')}, permission ${esc(r.ownerSetting.groupPermission ?? 'missing')}`
        : 'No owner setting: the files are readable by root only unless a function sets a permission'),
      r.groupOwnerSetting && `Group owner: ${r.groupOwnerSetting.autoAddGroupOwner ? 'added automatically' : esc(r.groupOwnerSetting.groupOwner ?? 'none')}`,
      r.usedBy.length ? `Used by ${r.usedBy.length} function(s)` : 'Not used by any function',
      this.isMl ? 'Right-click › Reveal Model Source to show the archive or training job.' : undefined,
    ]);
    return item;
  }
}

export class SubscriptionNode extends ExplorerNode {
  constructor(parent: ExplorerNode, readonly subscription: SubscriptionInfo) {
    super(parent, `subscription:${subscription.id}`);
  }

  toTreeItem(): vscode.TreeItem {
    const s = this.subscription;
    const end = (x: string): string => (x === 'cloud' ? 'cloud' : shortArn(x) ?? x);
    const item = new vscode.TreeItem(`${end(s.source)} → ${end(s.target)}`, vscode.TreeItemCollapsibleState.None);
    item.description = s.subject;
    item.contextValue = 'greengrassMl:subscription';
    item.iconPath = new vscode.ThemeIcon('arrow-right');
    item.tooltip = md([`**Subscription** ${esc(s.id)}`, `Source: ${esc(s.source)}`, `Subject: ${esc(s.subject)}`, `Target: ${esc(s.target)}`]);
    return item;
  }
}

class LeafNode extends ExplorerNode {
  constructor(parent: ExplorerNode, key: string, private readonly label: string, private readonly contextValue: string, private readonly icon: string, private readonly tooltip: vscode.MarkdownString) {
    super(parent, key);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.contextValue = this.contextValue;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.tooltip = this.tooltip;
    return item;
  }
}

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

/** Older group versions, loaded only when expanded. */
export class OlderVersionsFolder extends ListFolderNode<GroupVersionInfo> {
  constructor(readonly group: GroupNode, services: ExplorerServices) {
    super(group, {
      key: 'versions',
      label: 'Older Versions',
      noun: 'older versions',
      kind: 'versions',
      icon: new vscode.ThemeIcon('history'),
      load: async (r) => {
        const page = await (await services.greengrass()).listGroupVersions(group.groupId, { ...(r.nextToken ? { nextToken: r.nextToken } : {}), maxResults: r.pageSize });
        return { ...page, items: page.items.filter((v) => v.versionId !== group.versionId) };
      },
      itemKey: (v) => v.versionId,
      itemName: (v) => `${v.versionId} ${formatTime(v.createdAt) ?? ''}`,
      createNode: (folder, v) => new GroupVersionNode(folder, group, v, services),
    }, services);
  }
}

export const DEFINITION_LABELS: Record<DefinitionKind, string> = {
  core: 'Core definition',
  function: 'Function definition',
  resource: 'Resource definition',
  subscription: 'Subscription definition',
  device: 'Device definition',
  logger: 'Logger definition',
  connector: 'Connector definition',
};

export type { VersionNode };
