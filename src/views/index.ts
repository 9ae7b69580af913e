import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { FeatureContext } from '../featureContext';
import { DEFINITION_SCHEME, DefinitionDocumentProvider } from './definitionDocuments';
import { ExplorerProvider, VIEW_ID, type Explorer } from './explorer';
import type { ExplorerNode } from './nodes/node';

/**
 * The Greengrass ML explorer view over the AWS connection, and the read-only definition documents. Without a
 * usable connection the tree is empty and the view shows its welcome content. Showing the view starts the
 * connection (its first request for the roots asks the manager).
 */
export function registerViews(feature: FeatureContext, manager: ConnectionManager): Explorer {
  const subscriptions = feature.extension.subscriptions;
  const provider = new ExplorerProvider(feature, manager);
  const view = vscode.window.createTreeView<ExplorerNode>(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const documents = new DefinitionDocumentProvider(manager, provider);
  subscriptions.push(
    provider,
    view,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(DEFINITION_SCHEME, documents),
    view.onDidChangeVisibility((e) => provider.setVisible(e.visible)),
    // No view.message for the problem: a message hides the welcome view with its actions (the reason is in
    // the status bar's tooltip and the log).
    manager.onDidChange(() => provider.connectionChanged()),
  );
  provider.setVisible(view.visible);
  return { provider, view, connection: manager, feature };
}
