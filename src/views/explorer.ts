import * as vscode from 'vscode';
import type { GreengrassExplorerService, ModelSourcesService } from '../aws';
import { errorText, type Connection, type ConnectionManager } from '../connection/connectionManager';
import type { FeatureContext } from '../featureContext';
import { GroupsFolder } from './nodes/groups';
import { ModelSourcesNode } from './nodes/modelSources';
import { ExplorerNode } from './nodes/node';
import { ExplainedError, type ExplorerServices } from './services';

export const VIEW_ID = 'greengrassMl.explorer';
const PAGE_SIZE_SETTING = 'greengrassMl.explorer.pageSize';

/** The roots of one connection's tree. */
export interface ExplorerRoots {
  readonly services: ExplorerServices;
  readonly groups: GroupsFolder;
  readonly modelSources: ModelSourcesNode;
}

/**
 * The tree of the account behind the current connection. Rebuilt from scratch on every connection switch;
 * `getChildren` never throws (errors become nodes).
 */
export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly visibleEmitter = new vscode.EventEmitter<void>();
  private rootsValue: ExplorerRoots | undefined;
  private rootsConnection: Connection | undefined;
  private visible = false;

  constructor(private readonly feature: FeatureContext, readonly manager: ConnectionManager) {}

  get log(): vscode.LogOutputChannel {
    return this.feature.log;
  }

  /** The roots for the current connection (undefined while it has none: untrusted or no credentials). */
  get roots(): ExplorerRoots | undefined {
    return this.manager.state === 'ready' ? this.ensureRoots() : undefined;
  }

  setVisible(visible: boolean): void {
    const was = this.visible;
    this.visible = visible;
    if (visible && !was) this.visibleEmitter.fire();
  }

  /** Redraws a node, or drops everything and reloads the whole tree. */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.rootsValue = undefined;
      this.rootsConnection = undefined;
    }
    this.changeEmitter.fire(node);
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

  private ensureRoots(): ExplorerRoots {
    const connection = this.manager.current;
    if (!this.rootsValue || this.rootsConnection !== connection) {
      const services = this.createServices(connection);
      this.rootsValue = { services, groups: new GroupsFolder(services), modelSources: new ModelSourcesNode(services) };
      this.rootsConnection = connection;
    }
    return this.rootsValue;
  }

  private createServices(connection: Connection): ExplorerServices {
    let greengrass: Promise<GreengrassExplorerService> | undefined;
    let modelSources: Promise<ModelSourcesService> | undefined;
    let aws: Awaited<ReturnType<Connection['aws']>> | undefined;
    void connection.aws().then((m) => (aws = m), () => undefined);
    return {
      log: this.feature.log,
      connection,
      greengrass: () => (greengrass ??= Promise.all([connection.aws(), connection.clients()]).then(([m, c]) => new m.GreengrassExplorerService(c))),
      modelSources: () => (modelSources ??= Promise.all([connection.aws(), connection.clients()]).then(([m, c]) => new m.ModelSourcesService(c))),
      describeError: (error) => {
        if (error instanceof ExplainedError) return error.message;
        try {
          if (aws) return aws.describeAwsError(error, { ...connection.settings }).message;
        } catch {
          // fall through to the plain message
        }
        return errorText(error);
      },
      changed: (node) => {
        if (!connection.isDisposed && this.rootsConnection === connection) this.changeEmitter.fire(node);
      },
      pageSize: () => Math.max(1, Math.min(1000, vscode.workspace.getConfiguration().get<number>(PAGE_SIZE_SETTING, 50))),
      region: () => this.manager.description?.region ?? connection.settings.region ?? process.env['AWS_REGION'],
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
}

const explorers = new WeakMap<FeatureContext, Explorer>();

export function setExplorer(feature: FeatureContext, explorer: Explorer): void {
  explorers.set(feature, explorer);
}

/** The explorer of this extension instance (registered by registerViews before any command runs). */
export function explorerOf(feature: FeatureContext): Explorer {
  const explorer = explorers.get(feature);
  if (!explorer) throw new Error('The Greengrass ML explorer is not ready yet: try again in a moment.');
  return explorer;
}
