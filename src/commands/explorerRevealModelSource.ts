// Reveal Model Source: from an ML resource to its S3 archive or SageMaker training job in "Model Sources".
import * as vscode from 'vscode';
import type { Explorer } from '../views/explorer';
import { type GroupNode, ResourceNode } from '../views/nodes/groups';
import { findModelSource, revealNode } from '../views/reveal';
import { pickGroup, requireConnection } from './explorerGuards';
import type { CommandFactory } from './index';

async function pickMlResource(explorer: Explorer): Promise<ResourceNode | undefined> {
  const group: GroupNode | undefined = await pickGroup(explorer, vscode.l10n.t('Greengrass ML: Reveal Model Source'));
  if (!group) return undefined;
  await group.children();
  const folder = group.resourcesFolder;
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This group has no resources: {0}', group.groupName));
    return undefined;
  }
  await folder.ensureLoaded();
  const nodes = folder.loadedItems().map((r) => folder.nodeFor(r.id)).filter((n): n is ResourceNode => n instanceof ResourceNode && n.isMl);
  if (nodes.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This group has no ML resources: {0}', group.groupName));
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(
    nodes.map((node) => ({ label: node.resource.name, description: node.resource.s3Uri ?? node.resource.sageMakerJobArn ?? '', node })),
    { title: vscode.l10n.t('Greengrass ML: Reveal Model Source'), placeHolder: vscode.l10n.t('Which ML resource') },
  );
  return choice?.node;
}

export const explorerRevealModelSourceCommands: Record<string, CommandFactory> = {
  'greengrassMl.explorer.revealModelSource': (f) => async (node?: unknown) => {
    const explorer = f.explorer;
    if (!(await requireConnection(explorer, vscode.l10n.t('show a model source')))) return undefined;
    const resource = node instanceof ResourceNode ? node : await pickMlResource(explorer);
    const roots = explorer.provider.roots;
    if (!resource || !roots) return undefined;
    const found = await vscode.window.withProgress({ location: { viewId: 'greengrassMl.explorer' } }, () => findModelSource(roots, resource.resource));
    if ('problem' in found) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Cannot show the model source. {0}', found.problem));
      return undefined;
    }
    if (!(await revealNode(explorer.view, found.node))) f.log.warn(`Reveal Model Source: the view did not select ${found.node.id}`);
    return found.node;
  },
};
