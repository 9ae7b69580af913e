import * as vscode from 'vscode';
import { errorText, type ConnectionManager } from '../connection/connectionManager';
import type { FeatureContext } from '../featureContext';
import type { ExplorerNode } from './nodes/node';

/**
 * What the Greengrass (V1) explorer and the Greengrass V2 view share: a tree of the account behind the current
 * connection. The root nodes live as long as the view; a connection switch empties them (they load again for the
 * new connection) and redraws each root rather than the whole tree: after a refresh of the tree's root, VS Code can
 * no longer reveal nodes below it. `getChildren` never throws (errors become nodes, or an empty list and the log).
 */
export abstract class ConnectionTreeProvider<R> implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  protected readonly changeEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  protected readonly visibleEmitter = new vscode.EventEmitter<void>();
  protected rootsValue: R | undefined;
  private rootsGeneration = 0;
  /** Whether the tree shows the roots now (the last root request returned them). */
  private shown = false;
  protected visible = false;

  constructor(protected readonly feature: FeatureContext, readonly manager: ConnectionManager) {}

  /** Logs a failed root or node request, saying which tree it was ("Explorer", "Greengrass V2 explorer"). */
  protected abstract logFailure(text: string): void;

  /** The root nodes of a new view (made once, on the first request with a usable connection). */
  protected abstract createRoots(): R;

  /** The nodes below the tree's root, in order. */
  protected abstract rootNodes(roots: R): ExplorerNode[];

  get log(): vscode.LogOutputChannel {
    return this.feature.log;
  }

  /** The roots for the current connection (undefined while it has none: untrusted or no credentials). */
  get roots(): R | undefined {
    if (this.manager.state !== 'ready') return undefined;
    this.rootsValue ??= this.createRoots();
    if (this.rootsGeneration !== this.manager.current.generation) {
      this.rootsGeneration = this.manager.current.generation;
      this.resetRoots();
    }
    return this.rootsValue;
  }

  setVisible(visible: boolean): void {
    const was = this.visible;
    this.visible = visible;
    if (visible && !was) this.visibleEmitter.fire();
  }

  /** After the connection's state or the connection itself changed. */
  connectionChanged(): void {
    if (this.manager.state === 'connecting') return; // the root request waits for the state
    this.redrawRoots();
  }

  /** Empties every root (each loads again when shown). */
  protected resetRoots(): void {
    if (this.rootsValue) for (const node of this.rootNodes(this.rootsValue)) node.reset();
  }

  protected redrawRoots(): void {
    const roots = this.roots;
    if (roots && this.shown) {
      for (const node of this.rootNodes(roots)) this.changeEmitter.fire(node);
    } else if (roots || this.shown) {
      this.changeEmitter.fire(undefined);
    }
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = node.toTreeItem();
    item.id = node.id;
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    try {
      if (!node) {
        await this.manager.whenSettled();
        const roots = this.roots;
        this.shown = roots !== undefined;
        return roots ? this.rootNodes(roots) : [];
      }
      return await node.children();
    } catch (error) {
      // Never throw out of getChildren: the tree would show a bare error and stop working.
      this.logFailure(errorText(error));
      return [];
    }
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.visibleEmitter.dispose();
  }
}
