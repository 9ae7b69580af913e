import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { FeatureContext } from '../featureContext';
import { DEFINITION_SCHEME, DefinitionDocumentProvider } from './definitionDocuments';
import { ExplorerProvider, VIEW_ID, type Explorer } from './explorer';
import type { ExplorerNode } from './nodes/node';
import { V2DocumentProvider, V2_DOCUMENT_SCHEME } from './v2Documents';
import { V2ExplorerProvider, V2_VIEW_ID, type V2Explorer } from './v2Explorer';

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

/**
 * The Greengrass V2 view beside the V1 explorer, over the same connection and services, and its read-only
 * documents (recipes, deployment details). Empty (welcome content) without a usable connection.
 */
export function registerV2View(feature: FeatureContext, manager: ConnectionManager, explorer: Explorer): V2Explorer & { readonly documents: V2DocumentProvider } {
  const subscriptions = feature.extension.subscriptions;
  const provider = new V2ExplorerProvider(feature, manager, explorer.provider);
  const view = vscode.window.createTreeView<ExplorerNode>(V2_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const documents = new V2DocumentProvider(manager, provider.services);
  const records = vscode.workspace.createFileSystemWatcher('**/migration.json');
  subscriptions.push(
    provider,
    view,
    documents,
    records,
    vscode.workspace.registerTextDocumentContentProvider(V2_DOCUMENT_SCHEME, documents),
    view.onDidChangeVisibility((e) => provider.setVisible(e.visible)),
    manager.onDidChange(() => provider.connectionChanged()),
    records.onDidChange(() => provider.migrationRecordsChanged()),
    records.onDidCreate(() => provider.migrationRecordsChanged()),
    records.onDidDelete(() => provider.migrationRecordsChanged()),
  );
  provider.setVisible(view.visible);
  return { provider, view, documents, refresh: (targetArn) => provider.refresh(targetArn) };
}
