// Composition root: builds the shared services once and hands them to each feature. No logic lives here.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { setDisplayLocale } from './core/locale';
import { awsLayerStatus, ConnectionManager } from './connection/connectionManager';
import { startConnectionWhenNeeded } from './connection/startWhenNeeded';
import { createFeatureContext, type ExtensionApi } from './featureContext';
import { registerLanguageFeatures } from './language';
import { DiagnosticsSink } from './language/diagnosticsSink';
import { registerV2View, registerViews } from './views';

/** Set by the bundle's first and last lines (scripts/build.mjs): how long evaluating the bundle's modules took. */
declare const __ggmlLoadStart: number | undefined;
declare const __ggmlLoadEnd: number | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const activateStart = performance.now();
  // Where activation time goes, phase by phase (the bench prints them; the log has the total).
  const phases: Record<string, number> = {};
  let phaseStart = activateStart;
  const phase = (name: string): void => {
    const now = performance.now();
    phases[name] = now - phaseStart;
    phaseStart = now;
  };
  // The core's words (the tree's status words, the V2 rows) come from the same translation as the VS Code layer's,
  // and dates are written as the display language writes them.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  setDisplayLocale(vscode.env.language);
  const feature = createFeatureContext(context);
  phase('log');
  let services: Omit<ExtensionApi, 'activation'>;
  try {
    // Built here, started on first need (Greengrass files in the workspace, the explorer shown, a cloud command).
    const connection = new ConnectionManager(feature);
    context.subscriptions.push(connection);
    phase('connection');
    const { linter } = registerLanguageFeatures(feature);
    phase('language');
    const explorer = registerViews(feature, connection);
    phase('explorer');
    const v2Explorer = registerV2View(feature, connection, explorer);
    phase('v2Explorer');
    const diagnostics = new DiagnosticsSink(context.extensionUri);
    context.subscriptions.push(diagnostics);
    registerCommands({ ...feature, connection, explorer, v2Explorer, linter, diagnostics });
    phase('commands');
    startConnectionWhenNeeded(feature, connection);
    phase('startWhenNeeded');
    services = { connection, awsLayer: awsLayerStatus, linter, explorer, explorerView: explorer.view, v2Explorer };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    feature.log.error(`Activation failed: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Greengrass ML could not start. See the Greengrass ML log: {0}', message));
    throw error;
  }
  const activateMs = performance.now() - activateStart;
  const loadMs =
    typeof __ggmlLoadStart === 'number' && typeof __ggmlLoadEnd === 'number' ? __ggmlLoadEnd - __ggmlLoadStart : undefined;
  feature.log.info(
    `Greengrass ML ${String(context.extension.packageJSON.version)} activated in ${activateMs.toFixed(1)} ms` +
      (loadMs === undefined ? '' : ` (bundle modules loaded in ${loadMs.toFixed(1)} ms)`),
  );
  return { ...services, activation: { loadMs, activateMs, phases } };
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions.
}
