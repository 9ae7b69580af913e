// What every feature receives from the composition root.
import * as vscode from 'vscode';

/** What the extension returns from activate(): used by the integration tests and by other extensions. */
export interface ExtensionApi {
  /** Filled by features as they register (for example the explorer's tree data provider). */
  [feature: string]: unknown;
}

export interface FeatureContext {
  readonly extension: vscode.ExtensionContext;
  /** The one log of the extension (Output › Greengrass ML). Never log credentials. */
  readonly log: vscode.LogOutputChannel;
  readonly api: ExtensionApi;
}

export function createFeatureContext(extension: vscode.ExtensionContext): FeatureContext {
  const log = vscode.window.createOutputChannel('Greengrass ML', { log: true });
  extension.subscriptions.push(log);
  return { extension, log, api: {} };
}
