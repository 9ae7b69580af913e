// Commands of the tree itself: refresh, load more, retry, filter, and the links between nodes.
import * as vscode from 'vscode';
import type { Explorer } from '../views/explorer';
import { ResourceAccessNode } from '../views/nodes/groups';
import { ListFolderNode } from '../views/nodes/listFolder';
import { ErrorNode, ExplorerNode, LoadMoreNode } from '../views/nodes/node';
import { revealNode } from '../views/reveal';
import { pickFolder } from './explorerGuards';
import type { CommandFactory } from './index';

async function refreshAll(explorer: Explorer): Promise<void> {
  if (explorer.connection.state === 'ready') explorer.provider.refresh();
  else await explorer.connection.reconnect(true);
}

export const explorerTreeCommands: Record<string, CommandFactory> = {
  /**
   * The view title's Refresh: rebuilds the whole tree (and retries the credentials when there is no connection).
   * It takes no node: VS Code passes the focused item to view-title actions, and that must not narrow it.
   */
  'greengrassMl.explorer.refreshAll': (f) => () => refreshAll(f.explorer),

  /** A node's Refresh (context menu): reloads that node; without a node, the whole tree. */
  'greengrassMl.explorer.refresh': (f) => async (node?: unknown) => {
    const explorer = f.explorer;
    if (!(node instanceof ExplorerNode)) return refreshAll(explorer);
    // A leaf (a deployment, an error, "Load more…") is refreshed through the list it is in.
    const leaf = node.toTreeItem().collapsibleState === vscode.TreeItemCollapsibleState.None;
    const target = leaf && node.parent ? node.parent : node;
    if (target instanceof ListFolderNode) target.refresh();
    else {
      target.reset();
      explorer.provider.refresh(target);
    }
  },

  'greengrassMl.explorer.loadMore': (f) => async (node?: unknown) => {
    const folder = node instanceof LoadMoreNode ? node.parent : node instanceof ListFolderNode ? node : f.explorer.provider.roots?.groups;
    if (folder instanceof ListFolderNode) await folder.loadMore();
  },

  'greengrassMl.explorer.retry': (f) => (node?: unknown) => {
    if (node instanceof ErrorNode) node.retry();
    else f.explorer.provider.refresh();
  },

  /** Filters a list by name (or an S3 bucket by key prefix); an empty value clears the filter. */
  'greengrassMl.explorer.filter': (f) => async (node?: unknown, value?: unknown) => {
    const folder = node instanceof ListFolderNode ? node : await pickFolder(f.explorer);
    if (!folder) return;
    const text = typeof value === 'string' ? value : await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter {0}', folder.spec.label),
      prompt: folder.words.filterPrompt,
      value: folder.filter ?? '',
    });
    if (text === undefined) return;
    folder.setFilter(text);
  },

  'greengrassMl.explorer.clearFilter': (f) => async (node?: unknown) => {
    const folder = node instanceof ListFolderNode ? node : await pickFolder(f.explorer);
    folder?.setFilter(undefined);
  },

  /** From a function's resource access policy to the resource node of the same group version. */
  'greengrassMl.explorer.revealResource': (f) => async (node?: unknown) => {
    if (!(node instanceof ResourceAccessNode)) return undefined;
    const explorer = f.explorer;
    const target = await node.fn.version.resourceNode(node.policy.resourceId);
    if (!target) {
      void vscode.window.showWarningMessage(vscode.l10n.t("The resource is not in this group version's resource definition: {0}", node.policy.resourceId));
      return undefined;
    }
    if (!(await revealNode(explorer.view, target))) f.log.warn(`Show Resource: the view did not select ${target.id}`);
    return target;
  },
};
