// Model archives in the explorer: Download… into the workspace, Show Contents (the archive's entries and the V1 layout
// check), and Show Used By (the ML resources that name an archive or a training job). For S3 archives and for the
// model artifacts of SageMaker training jobs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isInside, realPathOfNearest } from '../core/insideFolder';
import { parseS3Uri } from '../core/model';
import { archiveContentsUri } from '../views/archiveDocuments';
import type { Explorer } from '../views/explorer';
import { GroupNode } from '../views/nodes/groups';
import { ModelArchiveNode, TrainingJobNode } from '../views/nodes/modelSources';
import { revealNode } from '../views/reveal';
import { exists } from './deployShared';
import { requireConnection } from './explorerGuards';
import type { CommandFactory } from './index';

interface ArchiveSource {
  bucket: string;
  key: string;
  uri: string;
  /** For file names: the key's last segment, or the job's name for a training job's model.tar.gz. */
  fileName: string;
}

/** The S3 object behind a node: the archive, or a training job's model artifact (described first when needed). */
async function archiveOf(explorer: Explorer, node: unknown): Promise<ArchiveSource | undefined> {
  if (node instanceof ModelArchiveNode) {
    const a = node.archive;
    return { bucket: a.bucket, key: a.key, uri: a.uri, fileName: path.posix.basename(a.key) };
  }
  if (node instanceof TrainingJobNode) {
    let uri = node.s3Uri();
    if (!uri && !node.details) {
      const service = await explorer.provider.roots?.services.modelSources();
      uri = (await service?.describeTrainingJob(node.job.name))?.modelArtifactUri;
    }
    const location = uri ? parseS3Uri(uri) : undefined;
    if (!uri || !location?.key) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This training job has no model artifact in S3 yet: {0}', node.job.name));
      return undefined;
    }
    const base = path.posix.basename(location.key);
    return { bucket: location.bucket, key: location.key, uri, fileName: base === 'model.tar.gz' ? `${node.job.name}-model.tar.gz` : base };
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Choose a model archive or a training job in the Greengrass ML explorer first.'));
  return undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export const explorerModelArchiveCommands: Record<string, CommandFactory> = {
  /** node: a model archive or a training job; `target` (tests) is the file to save to, instead of the save dialog. */
  'greengrassMl.explorer.downloadArchive': (f) => async (node?: unknown, target?: unknown): Promise<vscode.Uri | undefined> => {
    const explorer = f.explorer;
    if (!(await requireConnection(explorer, vscode.l10n.t('download a model archive')))) return undefined;
    const source = await archiveOf(explorer, node);
    if (!source) return undefined;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: Greengrass ML downloads model archives into a workspace folder.'));
      return undefined;
    }
    const file = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Download {0}', source.uri),
      saveLabel: vscode.l10n.t('Download'),
      defaultUri: vscode.Uri.joinPath(folders[0]!.uri, 'models', source.fileName),
      filters: { [vscode.l10n.t('Model archives')]: [source.fileName.toLowerCase().endsWith('.zip') ? 'zip' : 'gz'] },
    });
    if (!file) return undefined;
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(file);
    const realRoot = workspaceFolder ? await realPathOfNearest(workspaceFolder.uri.fsPath) : undefined;
    if (!workspaceFolder || file.scheme !== 'file' || !realRoot || !isInside(workspaceFolder.uri.fsPath, file.fsPath) || !isInside(realRoot, await realPathOfNearest(file.fsPath))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Greengrass ML saves model archives only inside the workspace. Choose a file in it instead of: {0}', file.fsPath));
      return undefined;
    }
    if (await exists(file)) {
      const replace = vscode.l10n.t('Replace');
      const overwrite = await vscode.window.showWarningMessage(
        vscode.l10n.t('Replace {0} with the archive from S3?', vscode.workspace.asRelativePath(file, false)),
        { modal: true, detail: source.uri },
        replace,
      );
      if (overwrite !== replace) return undefined;
    }
    const aws = await explorer.connection.current.aws();
    const clients = await explorer.connection.current.clients();
    const service = new aws.ModelArchiveService(clients);
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(file.fsPath)));
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', source.uri), cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          try {
            return await service.download(source.bucket, source.key, file.fsPath, {
              signal: controller.signal,
              onProgress: (done, total) => {
                const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
                progress.report({ increment: percent - reported, message: `${aws.formatBytes(done)} / ${aws.formatBytes(total)}` });
                reported = percent;
              },
            });
          } finally {
            subscription.dispose();
          }
        },
      );
      f.log.info(`Downloaded ${source.uri} to ${file.fsPath} (${result.bytes} bytes)`);
      void vscode.window
        .showInformationMessage(vscode.l10n.t('Downloaded {0} to {1}', source.uri, vscode.workspace.asRelativePath(file, false)), vscode.l10n.t('Reveal in Explorer'))
        .then((c) => (c ? vscode.commands.executeCommand('revealInExplorer', file) : undefined));
      return file;
    } catch (error) {
      if (isAbort(error)) {
        f.log.info(`Download of ${source.uri} cancelled; nothing was written`);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Download cancelled: {0}', source.uri), 4000);
        return undefined;
      }
      f.log.error(`Failed to download ${source.uri}: ${message(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Failed to download the model archive; nothing was written. {0}', message(error)), vscode.l10n.t('Show Log'))
        .then((c) => (c ? f.log.show(true) : undefined));
      return undefined;
    }
  },

  /** Opens the read-only listing of the archive's entries (the document reads S3 when it opens). */
  'greengrassMl.explorer.showArchiveContents': (f) => async (node?: unknown): Promise<vscode.TextDocument | undefined> => {
    const explorer = f.explorer;
    if (!(await requireConnection(explorer, vscode.l10n.t('list a model archive')))) return undefined;
    const source = await archiveOf(explorer, node);
    if (!source) return undefined;
    try {
      const document = await vscode.window.withProgress(
        { location: { viewId: 'greengrassMl.explorer' }, title: vscode.l10n.t('Listing {0}', source.uri) },
        () => vscode.workspace.openTextDocument(archiveContentsUri(source.bucket, source.key)),
      );
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot show the contents of {0}. {1}', source.uri, message(error)), vscode.l10n.t('Show Log'))
        .then((c) => (c ? f.log.show(true) : undefined));
      return undefined;
    }
  },

  /**
   * Which ML resources (in the latest version of each group) use the archive or the training job: a quick pick that
   * reveals the chosen resource in the tree. Returns what was found (tests), or undefined when cancelled.
   */
  'greengrassMl.explorer.showUsedBy': (f) => async (node?: unknown) => {
    const explorer = f.explorer;
    if (!(await requireConnection(explorer, vscode.l10n.t('find the ML resources that use a model')))) return undefined;
    const what = node instanceof ModelArchiveNode ? { s3Uri: node.archive.uri } : node instanceof TrainingJobNode && node.job.arn ? { sageMakerJobArn: node.job.arn } : undefined;
    if (!what) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Choose a model archive or a training job in the Greengrass ML explorer first.'));
      return undefined;
    }
    const label = 's3Uri' in what ? what.s3Uri : (node as TrainingJobNode).job.name;
    const aws = await explorer.connection.current.aws();
    const service = new aws.ModelArchiveService(await explorer.connection.current.clients());
    let found: Awaited<ReturnType<typeof service.findUsers>>;
    try {
      found = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding the ML resources that use {0}', label), cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          try {
            return await service.findUsers(what, { signal: controller.signal, onProgress: (read) => progress.report({ message: vscode.l10n.t('{0} groups read', read) }) });
          } finally {
            subscription.dispose();
          }
        },
      );
    } catch (error) {
      if (isAbort(error)) return undefined;
      f.log.error(`Show Used By failed for ${label}: ${message(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot find the ML resources that use {0}. {1}', label, message(error)));
      return undefined;
    }
    for (const failure of found.failures) f.log.warn(`Show Used By: a group could not be read: ${failure}`);
    const partial = found.complete ? '' : vscode.l10n.t(' (incomplete: {0} groups read, {1} could not be read; see the log)', found.groupsRead, found.failures.length);
    if (found.users.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No ML resource in the latest version of {0} groups uses {1}{2}', found.groupsRead, label, partial));
      return found;
    }
    const choice = await vscode.window.showQuickPick(
      found.users.map((u) => ({ label: u.resourceName, description: u.groupName, ...(u.destinationPath ? { detail: vscode.l10n.t('Destination path: {0}', u.destinationPath) } : {}), user: u })),
      { title: vscode.l10n.t('Used by {0} ML resources{1}', found.users.length, partial), placeHolder: vscode.l10n.t('Choose a resource to show it in its group') },
    );
    if (!choice) return found;
    const groups = explorer.provider.roots?.groups;
    if (groups?.filter) groups.setFilter(undefined);
    const group = await groups?.loadUntil(() => groups.nodeFor(choice.user.groupId));
    const resource = group instanceof GroupNode ? await group.resourceNode(choice.user.resourceId) : undefined;
    if (!resource) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The resource is no longer in the group; refresh the explorer: {0}', `${choice.user.groupName} / ${choice.user.resourceName}`));
      return found;
    }
    if (!(await revealNode(explorer.view, resource))) f.log.warn(`Show Used By: the view did not select ${resource.id}`);
    return found;
  },
};
