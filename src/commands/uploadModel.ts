// Upload Model: packs a folder (.tar.gz with a parent directory, or .zip) and uploads it to an ML resource's S3 URI,
// with a cancellable progress notification; then offers to deploy again, since a deployed model changes only then.
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { parseDefinition, resolveNextTo } from '../core/deploy';
import { formatBytes, formatS3Uri } from '../core/model';
import type { CommandContext } from '../featureContext';
import { findManifests, targetFromArg, vscodeGroupIo } from './deployShared';
import type { CommandFactory } from './index';
import { runCommand } from './runCommand';

export interface UploadModelOptions {
  /** The folder to pack (skips the open dialog). */
  folder?: string | vscode.Uri;
  /** The S3 URI to upload to (skips the resource pick). */
  s3Uri?: string;
  /** false: do not offer to deploy again afterwards. */
  offerRedeploy?: boolean;
}

interface MlResource {
  id: string;
  s3Uri: string;
  manifestUri?: vscode.Uri;
  groupId?: string;
  groupName?: string;
}

/** The S3 ML resources of a group folder's resource definition. */
async function resourcesOf(manifestUri: vscode.Uri, groupName: string): Promise<MlResource[]> {
  const text = await vscodeGroupIo.readFile(manifestUri.fsPath);
  if (!text) return [];
  const manifest = parse(text) as { definitions?: { resources?: unknown }; cloud?: { groupId?: string } } | undefined;
  const rel = manifest?.definitions?.resources;
  if (typeof rel !== 'string') return [];
  const file = resolveNextTo(manifestUri.fsPath, rel);
  const defText = await vscodeGroupIo.readFile(file);
  if (!defText) return [];
  try {
    const def = parseDefinition('resources', file, defText);
    const list = Array.isArray(def.version['Resources']) ? (def.version['Resources'] as { Id?: unknown; ResourceDataContainer?: { S3MachineLearningModelResourceData?: { S3Uri?: unknown } } }[]) : [];
    return list.flatMap((r) => {
      const uri = r.ResourceDataContainer?.S3MachineLearningModelResourceData?.S3Uri;
      return typeof uri === 'string' && typeof r.Id === 'string'
        ? [{ id: r.Id, s3Uri: uri, manifestUri, groupName, ...(manifest?.cloud?.groupId ? { groupId: manifest.cloud.groupId } : {}) }]
        : [];
    });
  } catch {
    return [];
  }
}

async function pickResource(arg: unknown): Promise<MlResource | undefined> {
  // An explorer ML resource node: { resource: { id, s3Uri }, version: { groupId, groupName } }.
  const node = arg as { resource?: { id?: unknown; s3Uri?: unknown }; version?: { groupId?: unknown; groupName?: unknown } } | undefined;
  if (node && typeof node === 'object' && typeof node.resource?.s3Uri === 'string') {
    const groupId = typeof node.version?.groupId === 'string' ? node.version.groupId : undefined;
    const local = groupId ? (await findManifests()).find((m) => m.manifest.cloud?.groupId === groupId) : undefined;
    return {
      id: String(node.resource.id ?? ''), s3Uri: node.resource.s3Uri,
      ...(groupId ? { groupId } : {}), ...(local ? { manifestUri: local.uri } : {}),
      ...(typeof node.version?.groupName === 'string' ? { groupName: node.version.groupName } : {}),
    };
  }
  let candidates: MlResource[] = [];
  const target = arg && !Array.isArray(arg) ? await targetFromArg(arg) : undefined;
  if (target?.manifestUri) candidates = await resourcesOf(target.manifestUri, target.name);
  else for (const m of await findManifests()) candidates.push(...(await resourcesOf(m.uri, m.manifest.name ?? path.basename(path.dirname(m.uri.fsPath)))));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No ML resource with an S3 source was found in the group folders: add one to a resource definition first (S3MachineLearningModelResourceData).'));
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const choice = await vscode.window.showQuickPick(candidates.map((c) => ({ label: c.id, description: c.s3Uri, detail: c.groupName ?? '', c })), {
    title: vscode.l10n.t('Greengrass ML: Upload Model'), placeHolder: vscode.l10n.t('Which ML resource gets the model'), matchOnDescription: true,
  });
  return choice?.c;
}

export function uploadModelCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<{ s3Uri: string; bytes: number; skipped: string[] } | undefined> {
  return runCommand(feature, vscode.l10n.t('upload models'), async (run) => {
    const options = (rawOptions && typeof rawOptions === 'object' && !Array.isArray(rawOptions) ? rawOptions : {}) as UploadModelOptions;
    const resource = options.s3Uri ? { id: '', s3Uri: options.s3Uri } as MlResource : await pickResource(arg);
    if (!resource) return undefined;
    let folder = typeof options.folder === 'string' ? options.folder : options.folder?.fsPath;
    if (!folder) {
      const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Upload This Folder'),
        title: vscode.l10n.t('The model folder to upload to {0}', resource.s3Uri),
        ...(resource.manifestUri ? { defaultUri: vscode.Uri.file(path.dirname(resource.manifestUri.fsPath)) } : {}),
      });
      folder = picked?.[0]?.fsPath;
    }
    if (!folder) return undefined;
    const modelFolder = folder;
    const ran = await run.cloud({ title: vscode.l10n.t('Uploading the model to {0}', resource.s3Uri), cancellable: true, logAs: 'Upload model' }, ({ aws, clients }, { progress, signal }) => {
      let reported = 0;
      return aws.uploadModel(clients, {
        folder: modelFolder, s3Uri: resource.s3Uri, signal,
        onStep: (m) => progress.report({ message: m }),
        onProgress: (p) => {
          const pct = p.total ? Math.floor((p.loaded / p.total) * 100) : 0;
          progress.report({ increment: Math.max(0, pct - reported), message: p.total ? vscode.l10n.t('{0} of {1}', formatBytes(p.loaded), formatBytes(p.total)) : formatBytes(p.loaded) });
          reported = Math.max(reported, pct);
        },
      });
    });
    if (!ran?.ok) return undefined;
    const r = ran.value;
    const skipped = r.plan.skipped.map((s) => `${s.path} (${s.reason})`);
    for (const s of skipped) feature.log.warn(`Left out of the model archive: ${s}`);
    feature.log.info(`Uploaded ${formatBytes(r.bytes)} (${r.plan.fileCount} files) to ${formatS3Uri(r)}`);
    const message = !skipped.length
      ? vscode.l10n.t('Uploaded the model to {0}. A deployed model changes only when the group is deployed again.', formatS3Uri(r))
      : skipped.length === 1
        ? vscode.l10n.t('Uploaded the model to {0} (left out {1} link, see the log). A deployed model changes only when the group is deployed again.', formatS3Uri(r), skipped.length)
        : vscode.l10n.t('Uploaded the model to {0} (left out {1} links, see the log). A deployed model changes only when the group is deployed again.', formatS3Uri(r), skipped.length);
    if (options.offerRedeploy !== false && (resource.manifestUri || resource.groupId)) {
      void vscode.window.showInformationMessage(message, vscode.l10n.t('Redeploy Group')).then((c) => {
        if (!c) return undefined;
        return resource.manifestUri
          ? vscode.commands.executeCommand('greengrassMl.deploy', resource.manifestUri)
          : vscode.commands.executeCommand('greengrassMl.redeploy', { groupId: resource.groupId });
      });
    } else {
      void vscode.window.showInformationMessage(message);
    }
    return { s3Uri: formatS3Uri(r), bytes: r.bytes, skipped };
  });
}

export const uploadModelCommands: Record<string, CommandFactory> = {
  'greengrassMl.uploadModel': (f) => (arg?: unknown, options?: unknown) => uploadModelCommand(f, arg, options),
};
