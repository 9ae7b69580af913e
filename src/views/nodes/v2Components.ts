import * as vscode from 'vscode';
import type { V2ComponentInfo, V2ComponentVersionInfo, V2ComponentVersionRef, V2UsedBy } from '../../aws';
import { componentRow, componentVersionRow, escapeMd, noReason, readable, targetName } from '../../core/v2/labels';
import { forEachLimited, md } from '../format';
import type { ExplorerServices } from '../services';
import { ListFolderNode } from './listFolder';
import { ExplorerNode } from './node';
import { OPEN_MIGRATION_RECORD_COMMAND, OPEN_RECIPE_COMMAND, rowItem, toneIcon, V2InfoNode } from './v2Shared';

/** Where a model component came from, as the migration recorded it (migration.json in the workspace). */
export interface ModelOrigin {
  /** The migration record's file. */
  readonly file: vscode.Uri;
  /** The V1 ML resource's id (and ARN or URI when recorded). */
  readonly resourceId: string;
  readonly resourceArn?: string | undefined;
  readonly s3Uri?: string | undefined;
  readonly localArchive?: string | undefined;
  readonly group?: string | undefined;
}

/** The services of the V2 tree: the explorer's, and the migration records of the workspace. */
export interface V2Services extends ExplorerServices {
  /** The V1 origin of a model component, when a migration record in the workspace names it. */
  modelOrigin(componentName: string): Promise<ModelOrigin | undefined>;
}

/** "Components": the account's own components with their latest version. */
export class V2ComponentsFolder extends ListFolderNode<V2ComponentInfo> {
  constructor(services: V2Services) {
    super(undefined, {
      key: 'v2components',
      label: vscode.l10n.t('Components'),
      words: {
        empty: vscode.l10n.t('No components'),
        noMatch: (filter) => vscode.l10n.t('No components match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load components'),
        failedMore: vscode.l10n.t('Failed to load more components'),
        filterPrompt: vscode.l10n.t('Show the components whose name contains this text (empty: all)'),
      },
      kind: 'v2components',
      icon: new vscode.ThemeIcon('extensions'),
      expanded: true,
      tooltip: vscode.l10n.t('The Greengrass V2 components of this account: their versions, status and recipes, and the deployments that use them.'),
      load: async (r) => (await services.greengrassV2()).listComponents({ ...(r.nextToken ? { nextToken: r.nextToken } : {}), maxResults: r.pageSize }),
      itemKey: (c) => c.name,
      itemName: (c) => c.name,
      createNode: (folder, c) => new V2ComponentNode(folder, c, services),
    }, services);
  }
}

/** A component: its versions newest first, each with its status and the deployments that use it. */
export class V2ComponentNode extends ListFolderNode<V2ComponentVersionRef> {
  usedBy: V2UsedBy | undefined;
  origin: ModelOrigin | undefined;
  private describing = false;

  constructor(parent: ExplorerNode, readonly component: V2ComponentInfo, private readonly v2: V2Services) {
    super(parent, {
      key: `component:${component.name}`,
      label: component.name,
      words: {
        empty: vscode.l10n.t('No versions'),
        noMatch: (filter) => vscode.l10n.t('No versions match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load versions'),
        failedMore: vscode.l10n.t('Failed to load more versions'),
        filterPrompt: vscode.l10n.t('Show the versions whose name contains this text (empty: all)'),
      },
      kind: 'v2component',
      load: async (r) => (await v2.greengrassV2()).listComponentVersions(component.arn, { ...(r.nextToken ? { nextToken: r.nextToken } : {}), maxResults: r.pageSize }),
      itemKey: (v) => v.version,
      itemName: (v) => v.version,
      createNode: (folder, v) => new V2ComponentVersionNode(folder, this, v),
      onLoaded: (folder) => void (folder as V2ComponentNode).describe(),
    }, v2);
    void v2.modelOrigin(component.name).then((origin) => {
      this.origin = origin;
      if (origin) v2.changed(this);
    }, () => undefined);
  }

  get componentName(): string {
    return this.component.name;
  }

  get arn(): string {
    return this.component.arn;
  }

  override toTreeItem(): vscode.TreeItem {
    const row = componentRow(this.component);
    if (this.origin) {
      const from = vscode.l10n.t('from V1 resource {0}', this.origin.resourceId);
      row.description = row.description ? `${from} · ${row.description}` : from;
      row.tooltip.push(...originLines(this.origin));
    }
    const item = rowItem(row, vscode.TreeItemCollapsibleState.Collapsed);
    item.contextValue = this.origin ? 'v2Component.migrated' : 'v2Component';
    item.iconPath = new vscode.ThemeIcon(this.origin ? 'package' : 'extensions');
    return item;
  }

  /** Reads the status of each loaded version and which deployments use the component, then redraws them. */
  async describe(): Promise<void> {
    if (this.describing) return;
    this.describing = true;
    try {
      const service = await this.v2.greengrassV2();
      const pending = this.loadedItems().map((v) => this.nodeFor(v.version)).filter((n): n is V2ComponentVersionNode => n instanceof V2ComponentVersionNode && !n.info);
      const usedBy = this.usedBy ? Promise.resolve(this.usedBy) : service.usedBy(this.component.name).then((u) => (this.usedBy = u), (error: unknown) => {
        this.v2.log.warn(`Could not read which deployments use ${this.component.name}: ${this.v2.describeError(error)}`);
        return undefined;
      });
      await forEachLimited(pending, 4, async (node) => {
        node.info = await service.describeComponent(node.ref.arn);
        this.v2.changed(node);
      }, (node, error) => {
        node.problem = this.v2.describeError(error);
        this.v2.changed(node);
      });
      if (await usedBy) for (const node of this.loadedItems().map((v) => this.nodeFor(v.version))) if (node) this.v2.changed(node);
    } catch (error) {
      this.v2.log.warn(`Could not read the versions of ${this.component.name}: ${this.v2.describeError(error)}`);
    } finally {
      this.describing = false;
    }
  }

  override reset(): void {
    this.usedBy = undefined;
    super.reset();
  }
}

function originLines(origin: ModelOrigin): string[] {
  return [
    origin.group
      ? vscode.l10n.t('Migrated from the V1 ML resource **{0}** of group {1}', escapeMd(origin.resourceId), escapeMd(origin.group))
      : vscode.l10n.t('Migrated from the V1 ML resource **{0}**', escapeMd(origin.resourceId)),
    origin.resourceArn ? vscode.l10n.t('V1 resource: {0}', escapeMd(origin.resourceArn)) : '',
    origin.s3Uri ? vscode.l10n.t('Model archive: {0}', escapeMd(origin.s3Uri)) : '',
    origin.localArchive ? vscode.l10n.t('Local archive: {0}', escapeMd(origin.localArchive)) : '',
  ].filter(Boolean);
}

/** A component version; a FAILED one opens to why (per artifact). Click: its recipe, read-only. */
export class V2ComponentVersionNode extends ExplorerNode {
  info: V2ComponentVersionInfo | undefined;
  problem: string | undefined;

  constructor(parent: ExplorerNode, readonly component: V2ComponentNode, readonly ref: V2ComponentVersionRef) {
    super(parent, `version:${ref.version}`);
  }

  get componentName(): string {
    return this.ref.name;
  }

  get arn(): string {
    return this.ref.arn;
  }

  get version(): string {
    return this.ref.version;
  }

  get usedBy(): string[] {
    return (this.component.usedBy?.deployments ?? []).filter((d) => d.componentVersion === this.ref.version).map((d) => targetName(d.targetArn));
  }

  toTreeItem(): vscode.TreeItem {
    const failed = this.info?.state === 'FAILED';
    const row = componentVersionRow(this.ref, this.info, this.usedBy);
    if (this.problem) row.description = vscode.l10n.t('status unavailable: {0}', this.problem);
    const item = rowItem(row, failed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.contextValue = `v2ComponentVersion:${this.info?.state ?? 'UNKNOWN'}`;
    item.iconPath = toneIcon(this.info?.state, 'tag');
    item.command = { command: OPEN_RECIPE_COMMAND, title: vscode.l10n.t('Open Recipe') };
    return item;
  }

  override children(): ExplorerNode[] {
    const info = this.info;
    if (info?.state !== 'FAILED') return [];
    const rows = info.errors.map((e, i) => new V2InfoNode(this, `error:${i}`, e.message, {
      description: e.subject, icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')), contextValue: 'v2Reason',
      tooltip: md([`**${escapeMd(readable(info.state))}**`, escapeMd(e.message), escapeMd(e.subject)]),
    }));
    if (!rows.length) rows.push(new V2InfoNode(this, 'error', info.message ?? noReason(), { icon: new vscode.ThemeIcon('error'), contextValue: 'v2Reason' }));
    const origin = this.component.origin;
    if (origin) {
      rows.push(new V2InfoNode(this, 'origin', vscode.l10n.t('From V1 resource {0}', origin.resourceId), {
        description: origin.s3Uri, icon: new vscode.ThemeIcon('history'), contextValue: 'v2Origin', tooltip: md(originLines(origin)),
        command: { command: OPEN_MIGRATION_RECORD_COMMAND, title: vscode.l10n.t('Open Migration Record') },
      }));
    }
    return rows;
  }
}
