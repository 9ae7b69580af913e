// What every feature receives from the composition root (src/extension.ts).
import * as vscode from 'vscode';
import type { AwsLayerStatus, ConnectionManager } from './connection/connectionManager';
import type { DiagnosticsSink } from './language/diagnosticsSink';
import type { LintClient } from './language/lintClient';
import type { Explorer } from './views/explorer';
import type { V2Explorer } from './views/v2Explorer';

/** How long loading the bundle and running activate() took (measured by the extension itself). */
export interface ActivationTiming {
  /** Evaluating the bundle's modules; undefined when the bundle was not built with the timing banner. */
  readonly loadMs: number | undefined;
  readonly activateMs: number;
  /** activate()'s time by phase, in the order they ran (the bench reports them). */
  readonly phases: Readonly<Record<string, number>>;
}

/** What the extension returns from activate(): used by the integration tests, the bench and other extensions. */
export interface ExtensionApi {
  readonly activation: ActivationTiming;
  /** The AWS connection; it starts on first need (Greengrass files, the explorer shown, a cloud command). */
  readonly connection: ConnectionManager;
  /** Whether dist/aws.js has been loaded yet, and how long its first load took. */
  awsLayer(): AwsLayerStatus;
  /** The client of the language server that lints Greengrass files (started lazily). */
  readonly linter: LintClient;
  readonly explorer: Explorer;
  readonly explorerView: vscode.TreeView<unknown>;
  /** The Greengrass V2 view: core devices, deployments, components. */
  readonly v2Explorer: V2Explorer;
}

export interface FeatureContext {
  readonly extension: vscode.ExtensionContext;
  /** The one log of the extension (Output › Greengrass ML). Never log credentials. */
  readonly log: vscode.LogOutputChannel;
}

/** What the command factories receive: the shared services, built once by the composition root. */
export interface CommandContext extends FeatureContext {
  readonly connection: ConnectionManager;
  readonly explorer: Explorer;
  /** The Greengrass V2 view; `refresh(targetArn)` after a deployment to that target changed. */
  readonly v2Explorer: V2Explorer;
  readonly linter: LintClient;
  /** Where the commands' own findings and deploy errors become diagnostics (with their rule links). */
  readonly diagnostics: DiagnosticsSink;
}

export function createFeatureContext(extension: vscode.ExtensionContext): FeatureContext {
  const log = vscode.window.createOutputChannel('Greengrass ML', { log: true });
  extension.subscriptions.push(log);
  return { extension, log };
}
