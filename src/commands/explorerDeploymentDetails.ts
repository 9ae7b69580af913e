// Show Deployment Details: a deployment's status, type, times, error message and every error detail as a read-only
// Markdown document, with links to the entries of the workspace's group files that the errors name and the paths of
// the core's logs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DeploymentInfo } from '../aws/types';
import { deploymentDetailsMarkdown, groupSourceFiles, locateNamedEntries } from '../core/deploy';
import { deploymentTypeWords, formatTime, statusWords } from '../views/format';
import { DeploymentNode } from '../views/nodes/groups';
import { workspaceGroup } from './deployShared';
import { pickGroup, requireConnection } from './explorerGuards';
import type { CommandFactory } from './index';

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * A link the Markdown preview opens: it renders no file: link, and resolves a path that starts with / against the
 * workspace folder, so a file inside the workspace is linked by that path.
 */
function previewHref(file: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  const relative = folder ? path.relative(folder.uri.fsPath, file) : undefined;
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return vscode.Uri.file(file).toString();
  return `/${relative.split(path.sep).map(encodeURIComponent).join('/')}`;
}

async function pickDeployment(node: unknown, explorer: Parameters<typeof pickGroup>[0]): Promise<DeploymentNode | undefined> {
  if (node instanceof DeploymentNode) return node;
  const group = await pickGroup(explorer, vscode.l10n.t('Greengrass ML: Show Deployment Details'));
  if (!group) return undefined;
  const folder = (await group.children()).find((n) => n.id.endsWith('|deployments'));
  const rows = folder ? (await folder.children()).filter((n): n is DeploymentNode => n instanceof DeploymentNode) : [];
  if (!rows.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This group has no deployments: {0}', group.groupName));
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(rows.map((r) => ({
    label: statusWords(r.deployment.status) ?? vscode.l10n.t('Status not loaded'),
    description: [formatTime(r.deployment.createdAt, true), deploymentTypeWords(r.deployment.deploymentType)].filter(Boolean).join(' · '),
    detail: r.deployment.deploymentId,
    row: r,
  })), { title: vscode.l10n.t('Show Deployment Details: {0}', group.groupName), placeHolder: vscode.l10n.t('Which deployment') });
  return choice?.row;
}

export const explorerDeploymentDetailsCommands: Record<string, CommandFactory> = {
  /** node: a deployment row (else a quick pick of a group, then of its deployments). Returns the opened document. */
  'greengrassMl.explorer.showDeploymentDetails': (f) => async (node?: unknown): Promise<vscode.TextDocument | undefined> => {
    const explorer = f.explorer;
    if (!(await requireConnection(explorer, vscode.l10n.t('show a deployment\'s details')))) return undefined;
    const row = await pickDeployment(node, explorer);
    if (!row) return undefined;
    const { group } = row;
    const services = explorer.provider.roots?.services;
    if (!services) return undefined;
    const text = await vscode.window.withProgress({ location: { viewId: 'greengrassMl.explorer' } }, async () => {
      const service = await services.greengrass();
      // The row may show a status read a while ago (or none): read it again.
      let deployment: DeploymentInfo = row.deployment;
      let statusError: string | undefined;
      try {
        deployment = { ...deployment, ...(await service.getDeploymentStatus(group.groupId, deployment.deploymentId)) };
      } catch (error) {
        statusError = services.describeError(error);
      }
      let functions: { id: string; arn: string }[] = [];
      let functionsError: string | undefined;
      if (deployment.groupVersionId) {
        try {
          const details = await service.getGroupVersionDetails(group.groupId, deployment.groupVersionId);
          if (details.functions.status === 'ok') functions = details.functions.items.map((fn) => ({ id: fn.id, arn: fn.functionArn }));
          else if (details.functions.status === 'error') functionsError = details.functions.error.message;
        } catch (error) {
          functionsError = services.describeError(error);
        }
      }
      const files = await workspaceGroup(group.groupId, group.groupName);
      const texts = new Map((files ? groupSourceFiles(files) : []).map((s) => [s.path, s.text]));
      return deploymentDetailsMarkdown({
        groupName: group.groupName,
        groupId: group.groupId,
        deployment: {
          id: deployment.deploymentId,
          arn: deployment.deploymentArn,
          status: deployment.status,
          type: deployment.deploymentType,
          createdAt: deployment.createdAt,
          updatedAt: deployment.updatedAt,
          groupVersionId: deployment.groupVersionId,
          errorMessage: deployment.errorMessage,
          errorDetails: deployment.errorDetails,
          statusError: statusError ?? deployment.statusError?.message,
        },
        functions,
        functionsError,
        groupFolder: files ? vscode.workspace.asRelativePath(path.dirname(files.manifestPath), true) : undefined,
        locate: (message) => (files ? locateNamedEntries(files, message) : []).map((loc) => {
          const line = lineOf(texts.get(loc.path) ?? '', loc.offset);
          return { label: vscode.l10n.t('{0} line {1}', path.basename(loc.path), line), href: `${previewHref(loc.path)}#L${line}`, what: loc.what, name: loc.name };
        }),
        words: { status: statusWords, type: deploymentTypeWords, time: (iso) => formatTime(iso, true) },
      });
    });
    const uri = explorer.deploymentDocuments.uriFor(group.groupName, row.deployment.deploymentId);
    explorer.deploymentDocuments.set(uri, text);
    const document = await vscode.workspace.openTextDocument(uri);
    const markdown = document.languageId === 'markdown' ? document : await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    // The rendered preview, where the links open the group's files; the text itself when there is no preview.
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(markdown, { preview: true });
    }
    return markdown;
  },
};
