import * as vscode from 'vscode';
import type { FeatureContext } from '../featureContext';

/** The Greengrass ML explorer view. Until a connection is set up it shows its welcome content. */
export function registerViews(feature: FeatureContext): void {
  const provider: vscode.TreeDataProvider<never> = {
    getTreeItem: (element) => element,
    getChildren: () => [],
  };
  const view = vscode.window.createTreeView('greengrassMl.explorer', { treeDataProvider: provider, showCollapseAll: true });
  feature.extension.subscriptions.push(view);
  feature.api['explorerView'] = view;
}
