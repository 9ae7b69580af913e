import * as vscode from 'vscode';

/**
 * A node of the explorer tree. Nodes keep their children once loaded so that the same object comes back
 * from `getChildren` (what `TreeView.reveal` needs), and every node knows its parent (for `getParent`).
 */
export abstract class ExplorerNode {
  /** Unique within the tree and stable across refreshes: the path of keys from the root. */
  readonly id: string;

  constructor(readonly parent: ExplorerNode | undefined, key: string) {
    // No "/" in ids: VS Code's tree reads "/" in an item's handle as structure, and then cannot reveal it.
    const safe = key.replace(/[%/|]/g, (c) => encodeURIComponent(c));
    this.id = parent ? `${parent.id}|${safe}` : safe;
  }

  abstract toTreeItem(): vscode.TreeItem;

  children(): ExplorerNode[] | Promise<ExplorerNode[]> {
    return [];
  }

  /** Forgets what was loaded below this node so that the next expansion loads it again. */
  reset(): void {}
}

/** A label-only row: "No groups found", "Loading…" and the like. */
export class MessageNode extends ExplorerNode {
  constructor(parent: ExplorerNode, key: string, private readonly label: string, private readonly tooltip?: string) {
    super(parent, key);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.contextValue = 'greengrassMl:placeholder';
    if (this.tooltip) item.tooltip = this.tooltip;
    return item;
  }
}

/**
 * Something failed to load: says what and why; offers Retry (inline and context menu) and Show Log (click). A
 * region problem (none set, or one without Greengrass V1) offers Choose Region instead of the log on click.
 * `failed` is the sentence in the user's language ("Failed to load groups"); the row adds the reason.
 */
export class ErrorNode extends ExplorerNode {
  constructor(parent: ExplorerNode, readonly failed: string, readonly message: string, readonly retry: () => void, readonly kind?: string) {
    super(parent, 'error');
  }

  get label(): string {
    return `${this.failed}: ${this.message}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    const region = this.kind === 'region';
    item.contextValue = region ? 'greengrassMl:error.region' : 'greengrassMl:error';
    const heading = `**${escapeMarkdown(this.failed)}**`;
    const action = region ? vscode.l10n.t('Click to choose a region; use Retry to load again.') : vscode.l10n.t('Click for the log; use Retry to load again.');
    item.tooltip = new vscode.MarkdownString(`${heading}\n\n${escapeMarkdown(this.message)}\n\n${action}`);
    item.command = region
      ? { command: 'greengrassMl.chooseRegion', title: vscode.l10n.t('Choose Region') }
      : { command: 'greengrassMl.showLog', title: vscode.l10n.t('Show Log') };
    return item;
  }
}

/** "Load more…": fetches the next page of its list. */
export class LoadMoreNode extends ExplorerNode {
  constructor(parent: ExplorerNode & { loadMore(): Promise<void> }) {
    super(parent, 'loadMore');
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'greengrassMl:loadMore';
    item.command = { command: 'greengrassMl.explorer.loadMore', title: vscode.l10n.t('Load More'), arguments: [this] };
    return item;
  }
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}
