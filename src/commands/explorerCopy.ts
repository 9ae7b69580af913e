// Copy ARN / Copy Id of a tree node (or of a group picked from the Command Palette), and Copy S3 URI of a model source.
import * as vscode from 'vscode';
import { isIdentifiable, type Identifiable } from '../views/nodes/groups';
import { ModelArchiveNode, TrainingJobNode } from '../views/nodes/modelSources';
import { pickGroup, requireConnection } from './explorerGuards';
import type { CommandFactory } from './index';

type Copied = 'ARN' | 'Id' | 'S3 URI';

function copy(what: Copied, get: (node: Identifiable) => string | undefined): CommandFactory {
  return (f) => async (node?: unknown) => {
    let target: Identifiable | undefined = isIdentifiable(node) ? node : undefined;
    if (!target && what === 'S3 URI') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Choose a model archive or a training job in the Greengrass ML explorer, then use Copy S3 URI on it.'));
      return undefined;
    }
    if (!target) {
      const explorer = f.explorer;
      if (!(await requireConnection(explorer, vscode.l10n.t("copy a group's {0}", what)))) return undefined;
      target = await pickGroup(explorer, vscode.l10n.t('Greengrass ML: Copy {0}', what));
    }
    if (!target) return undefined;
    const text = get(target);
    if (!text) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This item has no {0} to copy.', what));
      return undefined;
    }
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(copy) ${vscode.l10n.t('Copied {0}: {1}', what, text)}`, 4000);
    return text;
  };
}

export const explorerCopyCommands: Record<string, CommandFactory> = {
  'greengrassMl.explorer.copyArn': copy('ARN', (n) => n.arn()),
  'greengrassMl.explorer.copyId': copy('Id', (n) => n.resourceId()),
  'greengrassMl.explorer.copyS3Uri': copy('S3 URI', (n) => (n instanceof ModelArchiveNode || n instanceof TrainingJobNode ? n.s3Uri() : undefined)),
};
