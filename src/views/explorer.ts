import * as vscode from 'vscode';
import type { GreengrassExplorerService, GreengrassV2ExplorerService, ModelSourcesService } from '../aws';
import { errorText, type Connection, type ConnectionManager } from '../connection/connectionManager';
import type { FeatureContext } from '../featureContext';
import { ConnectionTreeProvider } from './connectionTree';
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
 * The tree of the account behind the current connection: groups and model sources (the scaffolding, shared with
 * the Greengrass V2 view, is in ConnectionTreeProvider). Reveal Model Source depends on the roots living as long
 * as the view (see there).
 */
export class ExplorerProvider extends ConnectionTreeProvider<ExplorerRoots> {
  /** The AWS services of the current connection, shared with the Greengrass V2 view. */
  readonly services: ExplorerServices;

  constructor(feature: FeatureContext, manager: ConnectionManager) {
    super(feature, manager);
    this.services = this.createServices();
  }

  protected logFailure(text: string): void {
    this.log.error(`Explorer: ${text}`);
  }

  protected createRoots(): ExplorerRoots {
    return { services: this.services, groups: new GroupsFolder(this.services), modelSources: new ModelSourcesNode(this.services) };
  }

  protected rootNodes(roots: ExplorerRoots): ExplorerNode[] {
    return [roots.groups, roots.modelSources];
  }

  /** Redraws a node, or empties and reloads the whole tree. */
  refresh(node?: ExplorerNode): void {
    if (node) {
      this.changeEmitter.fire(node);
      return;
    }
    this.resetRoots();
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
