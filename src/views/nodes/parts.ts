import * as vscode from 'vscode';
import type { DefinitionRef, GroupVersionDetails, Part } from '../../aws/types';
import { ExplainedError, type ExplorerServices } from '../services';
import type { VersionNode } from './groups';
import type { DefinitionSource } from './identity';
import { ListFolderNode, type ListWords } from './listFolder';
import { ExplorerNode } from './node';

/** Loads one group version's details once (its definition versions concurrently) for the part nodes below it. */
export class VersionContent {
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


/** Functions, Resources, Subscriptions, Devices of one group version. */
export class PartFolder<T extends { id: string }> extends ListFolderNode<T> implements DefinitionSource {
  private ref: DefinitionRef | undefined;

  constructor(
    readonly version: VersionNode, key: string, label: string, words: ListWords, readonly partKind: string, icon: string, services: ExplorerServices,
    content: VersionContent, pick: (d: GroupVersionDetails) => Part<T>, create: (folder: PartFolder<T>, item: T) => ExplorerNode,
    name: (item: T) => string = (item) => (item as { name?: string }).name ?? item.id,
  ) {
    super(version, {
      key,
      label,
      words,
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


/** A row with a label, an icon and a tooltip (a device). */
export class LeafNode extends ExplorerNode {
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

