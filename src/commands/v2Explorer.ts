// Commands of the Greengrass V2 view: refresh, a deployment's details, a component version's recipe, and a model
// component's migration record. Publishing and deploying are the ship commands' (they call v2Explorer.refresh).
import * as vscode from 'vscode';
import { ListFolderNode } from '../views/nodes/listFolder';
import { ExplorerNode } from '../views/nodes/node';
import { V2ComponentNode, V2ComponentVersionNode } from '../views/nodes/v2Components';
import { V2EffectiveDeploymentNode } from '../views/nodes/v2CoreDevices';
import { V2DeploymentNode, V2DeploymentTargetNode } from '../views/nodes/v2Deployments';
import { deploymentDetailsUri, recipeUri } from '../views/v2Documents';
import { requireConnection, requireTrust } from './explorerGuards';
import type { CommandFactory } from './index';

/** The deployment a node stands for (a revision, a device's copy of it, a row below either). */
function deploymentOf(node: unknown): { deploymentId: string; targetArn: string; revisionId?: string | undefined } | undefined {
  let n: unknown = node;
  for (let i = 0; i < 3 && n instanceof ExplorerNode; i++) {
    if (n instanceof V2DeploymentNode) return { deploymentId: n.deploymentId, targetArn: n.targetArn, revisionId: n.deployment.revisionId };
    if (n instanceof V2EffectiveDeploymentNode) return { deploymentId: n.deploymentId, targetArn: n.targetArn };
    n = n.parent;
  }
  return undefined;
}

/** The node a command was given, else the row selected in the V2 view (a row's own click passes no argument). */
function nodeOr(f: Parameters<CommandFactory>[0], node: unknown): unknown {
  return node instanceof ExplorerNode ? node : f.v2Explorer.view.selection[0];
}

export const v2ExplorerCommands: Record<string, CommandFactory> = {
  /** The view title's Refresh: the whole V2 tree (and the credentials, when there is no connection). */
  'greengrassMl.v2.refreshAll': (f) => async () => {
    if (f.connection.state === 'ready') f.v2Explorer.refresh();
    else await f.connection.reconnect(true);
  },

  /** A node's Refresh: a list reloads; a deployment reads its components and devices again. */
  'greengrassMl.v2.refresh': (f) => (node?: unknown) => {
    if (!(node instanceof ExplorerNode)) {
      f.v2Explorer.refresh();
      return;
    }
    if (node instanceof V2DeploymentTargetNode) {
      f.v2Explorer.refresh(node.targetArn);
      return;
    }
    const target = node instanceof ListFolderNode || node.toTreeItem().collapsibleState !== vscode.TreeItemCollapsibleState.None || !node.parent ? node : node.parent;
    if (target instanceof ListFolderNode) target.refresh();
    else {
      target.reset();
      f.v2Explorer.provider.redraw(target);
    }
  },

  /** A deployment's details, read-only: what it deploys and every device's status with the full reason. */
  'greengrassMl.v2.showDeploymentDetails': (f) => async (node?: unknown) => {
    if (!requireTrust(vscode.l10n.t('read deployments'))) return undefined;
    const d = deploymentOf(nodeOr(f, node));
    if (!d) {
      void vscode.window.showInformationMessage(vscode.l10n.t("Choose a deployment in the Greengrass V2 view first: Show Deployment Details works on a deployment or a device's deployment."));
      return undefined;
    }
    if (!(await requireConnection(f.explorer, vscode.l10n.t('read deployments')))) return undefined;
    const uri = deploymentDetailsUri(d);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true });
      return uri;
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  },

  /** A component version's recipe as JSON, read-only (the linter reads it like a workspace recipe). */
  'greengrassMl.v2.openRecipe': (f) => async (given?: unknown) => {
    if (!requireTrust(vscode.l10n.t('read component recipes'))) return undefined;
    const node = nodeOr(f, given);
    if (!(node instanceof V2ComponentVersionNode)) {
      void vscode.window.showInformationMessage(vscode.l10n.t("Choose a component version in the Greengrass V2 view first: Open Recipe opens that version's recipe."));
      return undefined;
    }
    if (!(await requireConnection(f.explorer, vscode.l10n.t('read component recipes')))) return undefined;
    const uri = recipeUri(node.componentName, node.version, node.arn);
    try {
      const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
      await vscode.window.showTextDocument(doc, { preview: true });
      return uri;
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  },

  /** The migration record that says which V1 ML resource and archive a model component came from, at that component. */
  'greengrassMl.v2.openMigrationRecord': (f) => async (given?: unknown) => {
    const node = nodeOr(f, given);
    const parent = node instanceof ExplorerNode ? node.parent : undefined;
    const component = parent instanceof V2ComponentVersionNode ? parent.component : node instanceof V2ComponentVersionNode ? node.component : node;
    if (!(component instanceof V2ComponentNode) || !component.origin) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No migration record in this workspace names this component: it was not migrated from a V1 group here.'));
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(component.origin.file);
    const at = doc.getText().indexOf(JSON.stringify(component.componentName));
    const position = at >= 0 ? doc.positionAt(at) : new vscode.Position(0, 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position) });
    return component.origin.file;
  },
};
