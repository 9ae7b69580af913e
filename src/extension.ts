// Composition root: builds the shared services once and hands them to each feature. No logic lives here.
import * as vscode from 'vscode';
import { createFeatureContext, type ExtensionApi } from './featureContext';
import { registerCommands } from './commands';
import { registerLanguageFeatures } from './language';
import { registerViews } from './views';

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const feature = createFeatureContext(context);
  try {
    registerLanguageFeatures(feature);
    registerViews(feature);
    registerCommands(feature);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    feature.log.error(`Activation failed: ${message}`);
    void vscode.window.showErrorMessage(`Greengrass ML could not start. See the Greengrass ML log: ${message}`);
    throw error;
  }
  feature.log.info(`Greengrass ML ${String(context.extension.packageJSON.version)} activated`);
  return feature.api;
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions.
}
