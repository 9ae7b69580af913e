import * as vscode from 'vscode';
import type { GreengrassExplorerService, GreengrassV2ExplorerService, ModelSourcesService } from '../aws';
import { errorText, type Connection, type ConnectionManager } from '../connection/connectionManager';
import type { FeatureContext } from '../featureContext';
import type { DeploymentDocuments } from './deploymentDocuments';
import { GroupNode, GroupsFolder } from './nodes/groups';
import { ModelSourcesNode } from './nodes/modelSources';
import { type ExplorerNode } from './nodes/node';
import { ExplainedError, type ExplainedFailure, type ExplorerServices } from './services';

export const VIEW_ID = 'greengrassMl.explorer';
const PAGE_SIZE_SETTING = 'greengrassMl.explorer.pageSize';

/** The roots of one connection's tree. */
export interface ExplorerRoots {
  readonly services: ExplorerServices;
  readonly groups: GroupsFolder;
  readonly modelSources: ModelSourcesNode;
}

/**
 * The tree of the account behind the current connection. The two root nodes live as long as the view; a
 * connection switch or a global refresh empties them and redraws each root, rather than the whole tree: after
 * a refresh of the tree's root, VS Code can no longer reveal nodes below it (TreeView.reveal silently does
 * nothing), and Reveal Model Source depends on reveal. `getChildren` never throws (errors become nodes).
 */
export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly visibleEmitter = new vscode.EventEmitter<void>();
  /** The AWS services of the current connection, shared with the Greengrass V2 view. */
  readonly services: ExplorerServices;
  private rootsValue: ExplorerRoots | undefined;
  private rootsGeneration = 0;
  /** Whether the tree shows the roots now (the last root request returned them). */
  private shown = false;
  private visible = false;

  constructor(private readonly feature: FeatureContext, readonly manager: ConnectionManager) {
    this.services = this.createServices();
  }

  get log(): vscode.LogOutputChannel {
    return this.feature.log;
  }

  /** The roots for the current connection (undefined while it has none: untrusted or no credentials). */
  get roots(): ExplorerRoots | undefined {
    if (this.manager.state !== 'ready') return undefined;
    this.rootsValue ??= { services: this.services, groups: new GroupsFolder(this.services), modelSources: new ModelSourcesNode(this.services) };
    if (this.rootsGeneration !== this.manager.current.generation) {
      this.rootsGeneration = this.manager.current.generation;
      this.rootsValue.groups.reset();
      this.rootsValue.modelSources.reset();
    }
    return this.rootsValue;
  }

  setVisible(visible: boolean): void {
    const was = this.visible;
    this.visible = visible;
    if (visible && !was) this.visibleEmitter.fire();
  }

  /** Redraws a node, or empties and reloads the whole tree. */
  refresh(node?: ExplorerNode): void {
    if (node) {
      this.changeEmitter.fire(node);
      return;
    }
    const roots = this.rootsValue;
    if (roots) {
      roots.groups.reset();
      roots.modelSources.reset();
    }
    this.redrawRoots();
  }

  /**
   * After a ship command deployed (or reset) one group: reads that group again and redraws it; the rest of the tree
   * keeps what it loaded. A group the tree has not listed (a new one) reloads the group list instead.
   */
  async refreshGroup(groupId: string): Promise<void> {
    const groups = this.rootsValue?.groups;
    if (!groups) return;
    const node = groups.nodeFor(groupId);
    if (node instanceof GroupNode) {
      try {
        await node.reload();
        return;
      } catch (error) {
        this.log.warn(`Explorer: could not read the group again (${errorText(error)}); reloading the group list: ${groupId}`);
      }
    }
    groups.reset();
    this.changeEmitter.fire(groups);
  }

  /** After the connection's state or the connection itself changed. */
  connectionChanged(): void {
    if (this.manager.state === 'connecting') return; // the root request waits for the state
    this.redrawRoots();
  }

  private redrawRoots(): void {
    const roots = this.roots;
    if (roots && this.shown) {
      this.changeEmitter.fire(roots.groups);
      this.changeEmitter.fire(roots.modelSources);
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
        return roots ? [roots.groups, roots.modelSources] : [];
      }
      return await node.children();
    } catch (error) {
      // Never throw out of getChildren: the tree would show a bare error and stop working.
      this.log.error(`Explorer: ${errorText(error)}`);
      return [];
    }
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  /** One set of services for the view's lifetime; each call uses the connection that is current then. */
  private createServices(): ExplorerServices {
    const manager = this.manager;
    const greengrass = new WeakMap<Connection, Promise<GreengrassExplorerService>>();
    const modelSources = new WeakMap<Connection, Promise<ModelSourcesService>>();
    const greengrassV2 = new WeakMap<Connection, Promise<GreengrassV2ExplorerService>>();
    let aws: Awaited<ReturnType<Connection['aws']>> | undefined;
    const explainError = (error: unknown): ExplainedFailure => {
      if (error instanceof ExplainedError) return { message: error.message };
      try {
        if (aws) {
          const info = aws.describeAwsError(error, { ...manager.current.settings });
          return { message: info.message, kind: info.kind };
        }
      } catch {
        // fall through to the plain message
      }
      return { message: errorText(error) };
    };
    const service = <T>(cache: WeakMap<Connection, Promise<T>>, make: (m: NonNullable<typeof aws>, c: Awaited<ReturnType<Connection['clients']>>) => T): Promise<T> => {
      const connection = manager.current;
      let value = cache.get(connection);
      if (!value) {
        value = Promise.all([connection.aws(), connection.clients()]).then(([m, c]) => {
          aws = m;
          return make(m, c);
        });
        cache.set(connection, value);
      }
      return value;
    };
    return {
      log: this.feature.log,
      get connection() {
        return manager.current;
      },
      greengrass: () => service(greengrass, (m, c) => new m.GreengrassExplorerService(c)),
      modelSources: () => service(modelSources, (m, c) => new m.ModelSourcesService(c)),
      greengrassV2: () => service(greengrassV2, (m, c) => new m.GreengrassV2ExplorerService(c)),
      describeError: (error) => explainError(error).message,
      explainError: (error) => explainError(error),
      changed: (node) => {
        if (manager.state === 'ready') this.changeEmitter.fire(node);
      },
      pageSize: () => Math.max(1, Math.min(1000, vscode.workspace.getConfiguration().get<number>(PAGE_SIZE_SETTING, 50))),
      region: () => manager.description?.region ?? manager.current.settings.region ?? process.env['AWS_REGION'],
      isVisible: () => this.visible,
      onDidBecomeVisible: this.visibleEmitter.event,
    };
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.visibleEmitter.dispose();
  }
}

/** What the commands and the integration tests use: the provider, the view and the connection. */
export interface Explorer {
  readonly provider: ExplorerProvider;
  readonly view: vscode.TreeView<ExplorerNode>;
  readonly connection: ConnectionManager;
  readonly feature: FeatureContext;
  /** The read-only documents of deployment details. */
  readonly deploymentDocuments: DeploymentDocuments;
}
