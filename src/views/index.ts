import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { FeatureContext } from '../featureContext';
import { ARCHIVE_SCHEME, ArchiveContentsProvider } from './archiveDocuments';
import { DEFINITION_SCHEME, DefinitionDocumentProvider } from './definitionDocuments';
import { DEPLOYMENT_SCHEME, DeploymentDocuments } from './deploymentDocuments';
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
  const deploymentDocuments = new DeploymentDocuments();
  subscriptions.push(
    provider,
    view,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(DEFINITION_SCHEME, documents),
    deploymentDocuments,
    vscode.workspace.registerTextDocumentContentProvider(DEPLOYMENT_SCHEME, deploymentDocuments),
    vscode.workspace.registerTextDocumentContentProvider(ARCHIVE_SCHEME, new ArchiveContentsProvider(manager, provider)),
    view.onDidChangeVisibility((e) => provider.setVisible(e.visible)),
    // No view.message for the problem of a connection that cannot be used: a message hides the welcome view with its
    // actions (the reason is in the status bar's tooltip and the log). An empty message shows none.
    manager.onDidChange(() => {
      view.message = healthMessage(manager) ?? '';
      provider.connectionChanged();
    }),
    // While the endpoint does not answer the view says so above the tree; when it answers again, what failed to
    // load is loaded again without a click.
    manager.onDidChangeHealth((health) => {
      view.message = healthMessage(manager) ?? '';
      if (health.state === 'ok') provider.refresh();
    }),
  );
  provider.setVisible(view.visible);
  return { provider, view, connection: manager, feature, deploymentDocuments };
}

/** The line above the tree while the endpoint of a usable connection does not answer (never in the welcome states). */
export function healthMessage(manager: ConnectionManager): string | undefined {
  if (manager.state !== 'ready') return undefined;
  const health = manager.health;
  switch (health.state) {
    case 'ok':
      return undefined;
    case 'throttled':
      return vscode.l10n.t('The AWS endpoint is throttling calls: what is shown may be out of date. Greengrass ML tries again by itself.');
    case 'unreachable':
      return vscode.l10n.t('Cannot reach the AWS endpoint: what is shown may be out of date. Greengrass ML tries again by itself (Retry in the status bar).');
  }
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
  // The migration records name the models behind the components the view shows: watched from the first time the
  // view is shown, not from activation (no file watcher in a workspace where nobody opens the view).
  let watchingRecords = false;
  const watchRecords = (): void => {
    if (watchingRecords) return;
    watchingRecords = true;
    const records = vscode.workspace.createFileSystemWatcher('**/migration.json');
    subscriptions.push(
      records,
      records.onDidChange(() => provider.migrationRecordsChanged()),
      records.onDidCreate(() => provider.migrationRecordsChanged()),
      records.onDidDelete(() => provider.migrationRecordsChanged()),
    );
  };
  subscriptions.push(
    provider,
    view,
    documents,
    vscode.workspace.registerTextDocumentContentProvider(V2_DOCUMENT_SCHEME, documents),
    view.onDidChangeVisibility((e) => {
      if (e.visible) watchRecords();
      provider.setVisible(e.visible);
    }),
    manager.onDidChange(() => provider.connectionChanged()),
  );
  if (view.visible) watchRecords();
  provider.setVisible(view.visible);
  return { provider, view, documents, refresh: (targetArn) => provider.refresh(targetArn) };
}
