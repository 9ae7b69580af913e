import * as vscode from 'vscode';
import type { AwsErrorKind, Page } from '../../aws/types';
import type { ExplorerServices } from '../services';
import { ErrorNode, ExplorerNode, LoadMoreNode, MessageNode } from './node';

export interface ListRequest {
  nextToken?: string | undefined;
  /** Set only for lists that filter on the server side (`serverFilter`). */
  filter?: string | undefined;
  pageSize: number;
}

/**
 * What a list says, each a whole sentence in the user's language (a translation cannot build "No groups found"
 * from a translated "groups": words agree differently in other languages).
 */
export interface ListWords {
  /** "No groups found" */
  empty: string;
  /** "No groups match the filter: cam" */
  noMatch(filter: string): string;
  /** "Failed to load groups" (the error row adds the reason) */
  failed: string;
  /** "Failed to load more groups" */
  failedMore: string;
  /** The filter box's prompt: "Show the groups whose name contains this text (empty: all)" */
  filterPrompt: string;
}

export interface ListSpec<T> {
  /** The folder's key in node ids. */
  key: string;
  label: string;
  words: ListWords;
  /** The folder's kind, part of its contextValue (`greengrassMl:folder.<kind>`). */
  kind: string;
  icon?: vscode.ThemeIcon;
  expanded?: boolean;
  tooltip?: string;
  description?: string;
  /** What the filter is, for its input box: a substring of the name (default) or an S3 key prefix. */
  filterKind?: 'name' | 'prefix';
  /** True when `load` applies the filter itself (otherwise the loaded items are filtered here by name). */
  serverFilter?: boolean;
  load(request: ListRequest): Promise<Page<T>>;
  itemKey(item: T): string;
  itemName(item: T): string;
  createNode(folder: ListFolderNode<T>, item: T): ExplorerNode;
  /** Order of the shown items (default: as loaded). */
  compare?: (a: T, b: T) => number;
  /** Called after every load, e.g. to start polling of deployments in progress. */
  onLoaded?: (folder: ListFolderNode<T>) => void;
}

interface Entry<T> {
  item: T;
  node: ExplorerNode;
}

/**
 * A folder whose children come from a paged list call: "Load more…" when there is a next page, a name filter,
 * "No … found" when empty, and an error node (Retry, Show Log) instead of throwing.
 */
export class ListFolderNode<T> extends ExplorerNode {
  filter: string | undefined;
  private entries: Entry<T>[] | undefined;
  private readonly byKey = new Map<string, Entry<T>>();
  private nextToken: string | undefined;
  private error: string | undefined;
  private errorKind: AwsErrorKind | undefined;
  private loading: Promise<void> | undefined;
  private generation = 0;
  private readonly loadMoreNode = new LoadMoreNode(this);

  constructor(parent: ExplorerNode | undefined, readonly spec: ListSpec<T>, protected readonly services: ExplorerServices) {
    super(parent, spec.key);
  }

  get filterKind(): 'name' | 'prefix' {
    return this.spec.filterKind ?? 'name';
  }

  get words(): ListWords {
    return this.spec.words;
  }

  get hasMore(): boolean {
    return this.nextToken !== undefined;
  }

  get isLoaded(): boolean {
    return this.entries !== undefined;
  }

  protected contextValue(): string {
    return `greengrassMl:folder.${this.spec.kind}${this.filter ? '.filtered' : ''}`;
  }

  protected label(): string {
    if (!this.filter) return this.spec.label;
    return this.filterKind === 'prefix'
      ? vscode.l10n.t('{0} (prefix: {1})', this.spec.label, this.filter)
      : vscode.l10n.t('{0} (filter: {1})', this.spec.label, this.filter);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.label(),
      this.spec.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.contextValue = this.contextValue();
    if (this.spec.icon) item.iconPath = this.spec.icon;
    if (this.spec.description) item.description = this.spec.description;
    if (this.spec.tooltip) item.tooltip = this.spec.tooltip;
    return item;
  }

  /** The items loaded so far (all pages), unfiltered. */
  loadedItems(): T[] {
    return (this.entries ?? []).map((e) => e.item);
  }

  /** The node of a loaded item, by key. */
  nodeFor(key: string): ExplorerNode | undefined {
    return this.byKey.get(key)?.node;
  }

  /** Loads the first page if nothing is loaded yet (for reveal and commands). */
  async ensureLoaded(): Promise<void> {
    // A refresh during a load drops that load's answer: load again for the new generation.
    for (let i = 0; i < 3 && this.entries === undefined && this.error === undefined; i++) await this.loadPage(undefined);
  }

  override async children(): Promise<ExplorerNode[]> {
    await this.ensureLoaded();
    if (this.entries === undefined) {
      return [new ErrorNode(this, this.spec.words.failed, this.error ?? vscode.l10n.t('unknown error'), () => this.refresh(), this.errorKind)];
    }
    let shown = this.entries;
    if (this.filter && !this.spec.serverFilter) {
      const needle = this.filter.toLowerCase();
      shown = shown.filter((e) => this.spec.itemName(e.item).toLowerCase().includes(needle));
    }
    if (this.spec.compare) {
      const compare = this.spec.compare;
      shown = [...shown].sort((a, b) => compare(a.item, b.item));
    }
    const nodes: ExplorerNode[] = shown.map((e) => e.node);
    if (this.error !== undefined) {
      nodes.push(new ErrorNode(this, this.spec.words.failedMore, this.error, () => void this.loadMore(), this.errorKind));
    } else if (this.nextToken !== undefined) {
      nodes.push(this.loadMoreNode);
    }
    if (nodes.length === 0) {
      nodes.push(new MessageNode(this, 'empty', this.emptyText()));
    }
    return nodes;
  }

  /** "No groups found", "No groups match the filter: cam". */
  private emptyText(): string {
    return this.filter ? this.spec.words.noMatch(this.filter) : this.spec.words.empty;
  }

  /** Fetches the next page and shows it below the ones already there. */
  async loadMore(): Promise<void> {
    if (this.nextToken === undefined && this.error === undefined) return;
    await this.loadPage(this.nextToken);
    this.services.changed(this);
  }

  /** Loads pages until `found` returns something or the list ends (for reveal); at most `maxPages` pages. */
  async loadUntil<R>(found: () => R | undefined, maxPages = 20): Promise<R | undefined> {
    await this.ensureLoaded();
    let result = found();
    for (let i = 0; result === undefined && this.nextToken !== undefined && this.error === undefined && i < maxPages; i++) {
      await this.loadPage(this.nextToken);
      this.services.changed(this);
      result = found();
    }
    return result;
  }

  setFilter(filter: string | undefined): void {
    const value = filter?.trim() || undefined;
    if (value === this.filter) return;
    this.filter = value;
    if (this.spec.serverFilter) this.clear();
    this.services.changed(this);
  }

  override reset(): void {
    this.clear();
  }

  /** Drops what was loaded and redraws (the next expansion loads the first page again). */
  refresh(): void {
    this.clear();
    this.services.changed(this);
  }

  private clear(): void {
    this.generation++;
    for (const e of this.entries ?? []) e.node.reset();
    this.entries = undefined;
    this.byKey.clear();
    this.nextToken = undefined;
    this.error = undefined;
    this.errorKind = undefined;
    this.loading = undefined;
  }

  private loadPage(nextToken: string | undefined): Promise<void> {
    // One load at a time; a refresh while loading starts afresh (the old answer is dropped).
    if (this.loading) return this.loading;
    const generation = this.generation;
    const run = (async () => {
      try {
        const request = { filter: this.spec.serverFilter ? this.filter : undefined, pageSize: this.services.pageSize() };
        let page = await this.spec.load({ ...request, nextToken });
        // A filtered page can come back empty with more to come (the service filters after paging): go on a little.
        for (let i = 0; i < 10 && page.items.length === 0 && page.nextToken && generation === this.generation; i++) {
          page = await this.spec.load({ ...request, nextToken: page.nextToken });
        }
        if (generation !== this.generation) return;
        const entries = this.entries ?? [];
        for (const item of page.items) {
          const key = this.spec.itemKey(item);
          const existing = this.byKey.get(key);
          if (existing) {
            existing.item = item;
            continue;
          }
          const entry = { item, node: this.spec.createNode(this, item) };
          this.byKey.set(key, entry);
          entries.push(entry);
        }
        this.entries = entries;
        this.nextToken = page.nextToken || undefined;
        this.error = undefined;
      } catch (error) {
        if (generation !== this.generation) return;
        const { message, kind } = this.services.explainError(error);
        this.services.log.error(`Failed to load the list ${this.id}: ${message}`);
        this.error = message;
        this.errorKind = kind;
      } finally {
        if (generation === this.generation) this.loading = undefined;
      }
      if (generation === this.generation) this.spec.onLoaded?.(this);
    })();
    this.loading = run;
    return run;
  }
}
