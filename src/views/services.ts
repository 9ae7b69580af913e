import type * as vscode from 'vscode';
import type { GreengrassExplorerService, GreengrassV2ExplorerService, ModelSourcesService } from '../aws';
import type { AwsErrorKind } from '../aws/types';
import type { Connection } from '../connection/connectionManager';
import type { ExplorerNode } from './nodes/node';
import { InProgressRefresh } from '../core/deploy/refresh';

/** What the nodes of one connection's tree use: the AWS layer's services, the log and the tree's change event. */
export interface ExplorerServices {
  readonly log: vscode.LogOutputChannel;
  readonly connection: Connection;
  greengrass(): Promise<GreengrassExplorerService>;
  modelSources(): Promise<ModelSourcesService>;
  /** Greengrass V2: core devices, deployments, components. */
  greengrassV2(): Promise<GreengrassV2ExplorerService>;
  /** A user-facing message for a failed call (never credentials). */
  describeError(error: unknown): string;
  /** The message and what kind of failure it is (`region`: no region, or one without Greengrass V1). */
  explainError(error: unknown): ExplainedFailure;
  /** Redraws a node (or the whole tree); does nothing once the connection is gone. */
  changed(node?: ExplorerNode): void;
  /** How many items a list asks for per page. */
  pageSize(): number;
  /** The region the connection resolved to (for pulled manifests). */
  region(): string | undefined;
  /** Whether the explorer view is visible now (pollers pause while it is hidden). */
  isVisible(): boolean;
  /** Fires when the view becomes visible again. */
  readonly onDidBecomeVisible: vscode.Event<void>;
}

export interface ExplainedFailure {
  readonly message: string;
  readonly kind?: AwsErrorKind;
}

/** An error whose message is already user-facing (a failed part of a group version, say). */
export class ExplainedError extends Error {}

/**
 * The reload-while-in-progress of a node of a view: owned by the connection (stopped when it changes), paused while
 * the view is hidden; `reload` reads the node's list again.
 */
export function inProgressPoller(services: ExplorerServices, reload: () => void): InProgressRefresh {
  return new InProgressRefresh({
    owner: () => services.connection.scope,
    isVisible: () => services.isVisible(),
    onDidBecomeVisible: (listener) => services.onDidBecomeVisible(listener),
    reload,
  });
}
