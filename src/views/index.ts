import * as vscode from 'vscode';
import { ConnectionManager } from '../connection/connectionManager';
import { createConnectionStatusBar } from '../connection/statusBar';
import type { FeatureContext } from '../featureContext';
import { DEFINITION_SCHEME, DefinitionDocumentProvider } from './definitionDocuments';
import { ExplorerProvider, setExplorer, VIEW_ID, type Explorer } from './explorer';
import type { ExplorerNode } from './nodes/node';

/**
 * The Greengrass ML explorer view, its AWS connection (status bar, state context key) and the read-only
 * definition documents. Without a usable connection the tree is empty and the view shows its welcome content.
 */
export function registerViews(feature: FeatureContext): void {
  const subscriptions = feature.extension.subscriptions;
  const manager = new ConnectionManager(feature);
  const provider = new ExplorerProvider(feature, manager);
  const view = vscode.window.createTreeView<ExplorerNode>(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const documents = new DefinitionDocumentProvider(manager, provider);
  subscriptions.push(
    manager,
    provider,
    view,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(DEFINITION_SCHEME, documents),
    createConnectionStatusBar(manager),
    view.onDidChangeVisibility((e) => provider.setVisible(e.visible)),
    // No view.message for the problem: a message hides the welcome view with its actions (the reason is in
    // the status bar's tooltip and the log).
    manager.onDidChange(() => provider.connectionChanged()),
  );
  provider.setVisible(view.visible);
  const explorer: Explorer = { provider, view, connection: manager, feature };
  setExplorer(feature, explorer);
  feature.api['explorer'] = explorer;
  feature.api['explorerView'] = view;
}
