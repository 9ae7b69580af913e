import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { errorText } from '../connection/connectionManager';
import { migratedModels } from '../core/v2/migrationRecord';
import type { FeatureContext } from '../featureContext';
import { ConnectionTreeProvider } from './connectionTree';
import type { ExplorerProvider } from './explorer';
import type { ExplorerNode } from './nodes/node';
import { V2ComponentsFolder, type ModelOrigin, type V2Services } from './nodes/v2Components';
import { V2CoreDevicesFolder } from './nodes/v2CoreDevices';
import { V2DeploymentTargetsFolder } from './nodes/v2Deployments';

export const V2_VIEW_ID = 'greengrassMl.v2Explorer';
const MIGRATION_GLOB = '**/migration.json';
const MIGRATION_EXCLUDE = '**/node_modules/**';
const MAX_MIGRATION_RECORDS = 20;

export interface V2Roots {
  readonly coreDevices: V2CoreDevicesFolder;
  readonly deployments: V2DeploymentTargetsFolder;
  readonly components: V2ComponentsFolder;
}

/**
 * The Greengrass V2 view: core devices, deployments by target, components; over the same connection and AWS
 * services as the V1 explorer, and on the same scaffolding (ConnectionTreeProvider): the roots live as long as the
 * view and are emptied on a refresh or a connection switch; `getChildren` never throws.
 */
export class V2ExplorerProvider extends ConnectionTreeProvider<V2Roots> {
  readonly services: V2Services;
  private origins: Promise<Map<string, ModelOrigin>> | undefined;

  constructor(feature: FeatureContext, manager: ConnectionManager, v1: ExplorerProvider) {
    super(feature, manager);
    const base = v1.services;
    const changed = (node?: ExplorerNode): void => {
      if (manager.state === 'ready') this.changeEmitter.fire(node);
    };
    this.services = {
      log: base.log,
      get connection() {
        return base.connection;
      },
      greengrass: () => base.greengrass(),
      modelSources: () => base.modelSources(),
      greengrassV2: () => base.greengrassV2(),
      describeError: (error) => base.describeError(error),
      explainError: (error) => base.explainError(error),
      changed,
      pageSize: () => base.pageSize(),
      region: () => base.region(),
      isVisible: () => this.visible,
      onDidBecomeVisible: this.visibleEmitter.event,
      modelOrigin: async (name) => (await this.modelOrigins()).get(name),
    };
  }

  protected logFailure(text: string): void {
    this.log.error(`Greengrass V2 explorer: ${text}`);
  }

  protected createRoots(): V2Roots {
    return {
      coreDevices: new V2CoreDevicesFolder(this.services),
      deployments: new V2DeploymentTargetsFolder(this.services),
      components: new V2ComponentsFolder(this.services),
    };
  }

  protected rootNodes(roots: V2Roots): ExplorerNode[] {
    return [roots.coreDevices, roots.deployments, roots.components];
  }

  /**
   * Reloads what a deployment to `targetArn` changes: that target's revisions (or the Deployments list when the
   * target is not shown yet) and the core devices; without a target, the whole tree.
   */
  refresh(targetArn?: string): void {
    const roots = this.rootsValue;
    if (!roots || targetArn === undefined) {
      this.origins = undefined;
      this.resetRoots();
      this.redrawRoots();
      return;
    }
    const target = roots.deployments.target(targetArn);
    if (target) target.refresh();
    else roots.deployments.refresh();
    roots.coreDevices.refresh();
  }

  /** Redraws one node after its content changed. */
  redraw(node: ExplorerNode): void {
    this.changeEmitter.fire(node);
  }

  /** Migration records changed in the workspace: the components' links back to V1 are read again. */
  migrationRecordsChanged(): void {
    this.origins = undefined;
    if (this.rootsValue?.components.isLoaded) this.rootsValue.components.refresh();
  }

  /** Model components recorded by the migration records of the workspace (read once, until one changes). */
  private modelOrigins(): Promise<Map<string, ModelOrigin>> {
    this.origins ??= (async () => {
      const map = new Map<string, ModelOrigin>();
      if (!vscode.workspace.isTrusted) return map;
      // Dot-folders are skipped by their path inside the workspace: an exclude glob would also match a workspace
      // that itself lies below a dot-folder, and then find nothing.
      const found = await vscode.workspace.findFiles(MIGRATION_GLOB, MIGRATION_EXCLUDE, MAX_MIGRATION_RECORDS * 5);
      const files = found.filter((f) => !vscode.workspace.asRelativePath(f, false).split(/[/\\]/).some((part) => part.startsWith('.'))).slice(0, MAX_MIGRATION_RECORDS);
      for (const file of files) {
        try {
          const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file));
          for (const m of migratedModels(text)) {
            if (!map.has(m.componentName)) {
              map.set(m.componentName, { file, resourceId: m.resourceId, resourceArn: m.resourceArn, s3Uri: m.s3Uri, localArchive: m.localArchive, group: m.group });
            }
          }
        } catch (error) {
          this.log.warn(`Could not read the migration record ${file.fsPath}: ${errorText(error)}`);
        }
      }
      return map;
    })();
    return this.origins;
  }
}

/** What the V2 commands and tests use: the provider (with `refresh(targetArn?)`) and the view. */
export interface V2Explorer {
  readonly provider: V2ExplorerProvider;
  readonly view: vscode.TreeView<ExplorerNode>;
  /** Reloads what a deployment to `targetArn` changes (or the whole tree). */
  refresh(targetArn?: string): void;
}
