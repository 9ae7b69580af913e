// Publish Components: from a migration folder (explorer context on migration.json, the active editor, or a pick),
// with the bucket for the model archives picked (migration.json's artifactsBucket first); a version published
// already is offered as the next patch version. FAILED versions become diagnostics on the files that produced them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishComponentsResult, VersionConflict } from '../aws';
import { MIGRATION_RECORD_FILE, parseMigrationRecord } from '../core/v2/migrationFolder';
import type { CommandContext } from '../featureContext';
import { vscodeGroupIo } from './deployShared';
import type { CommandFactory } from './index';
import { runCommand } from './runCommand';
import type { CommandRun } from './runCommand';
import { plainOptions, resolveMigrationFolder, showPublishFailures } from './v2Shared';

export interface PublishComponentsCommandOptions {
  /** The bucket for the model archives (skips the pick). */
  bucket: string;
  /** The answer to "published already" (skips the prompt). */
  onConflict: 'bump' | 'keep' | 'cancel';
  /** The time limit for the versions to become DEPLOYABLE. */
  readyTimeoutSeconds: number;
}

export interface PublishComponentsCommandResult {
  kind: 'published' | 'failed' | 'cancelled' | 'timeout';
  folder: string;
  result?: PublishComponentsResult;
  message: string;
}

/** The bucket for the archives: the one the migration recorded first, then the account's, or a typed name. */
async function pickBucket(run: CommandRun, recorded: string | undefined, folderName: string): Promise<string | undefined> {
  const listed = await run.cloud({ title: vscode.l10n.t('Listing S3 buckets'), logAs: `Publish ${folderName}: list buckets` }, ({ aws, clients }) => new aws.ModelSourcesService(clients).listBuckets());
  const names = listed?.ok ? listed.value.map((b) => b.name) : [];
  type Item = vscode.QuickPickItem & { bucket?: string };
  const items: Item[] = [
    ...(recorded ? [{ label: `$(star-full) ${recorded}`, description: vscode.l10n.t('recorded by the migration'), bucket: recorded }] : []),
    ...names.filter((n) => n !== recorded).map((n) => ({ label: `$(database) ${n}`, bucket: n })),
    { label: `$(edit) ${vscode.l10n.t('Enter a bucket name…')}` },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Publish Components: the S3 bucket for the model archives of {0}', folderName), placeHolder: vscode.l10n.t('The archives keep their keys; the recipes are pointed at this bucket') });
  if (!choice) return undefined;
  if (choice.bucket) return choice.bucket;
  return vscode.window.showInputBox({
    title: vscode.l10n.t('S3 bucket for the model archives'), prompt: vscode.l10n.t("An existing bucket in the connection's region"), value: recorded ?? '',
    validateInput: (v) => (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v.trim()) ? undefined : vscode.l10n.t('A bucket name has 3-63 lowercase letters, digits, dots and hyphens')),
  }).then((v) => v?.trim() || undefined);
}

async function askConflict(c: VersionConflict): Promise<'bump' | 'keep' | 'cancel'> {
  const bump = vscode.l10n.t('Publish as {0}', c.next);
  const keep = vscode.l10n.t('Keep the Published One');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} {1} is published already. Publish this file as {2}?', c.name, c.version, c.next), {
    modal: true,
    detail: vscode.l10n.t('A component version cannot be replaced. {0} writes {1} into {2}, {3} and deployment.json; {4} deploys the version published before.', bump, c.next, path.basename(c.file), MIGRATION_RECORD_FILE, keep),
  }, bump, keep);
  return choice === bump ? 'bump' : choice === keep ? 'keep' : 'cancel';
}

export function publishComponentsCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<PublishComponentsCommandResult | undefined> {
  return runCommand(feature, vscode.l10n.t('publish components'), async (run) => {
    const options = plainOptions<PublishComponentsCommandOptions>(rawOptions);
    const folder = await resolveMigrationFolder(arg, vscode.l10n.t('Greengrass ML: Publish Components'));
    if (!folder) return undefined;
    const name = path.basename(folder);
    const recordText = await vscodeGroupIo.readFile(path.join(folder, MIGRATION_RECORD_FILE));
    let record;
    try {
      record = recordText ? parseMigrationRecord(recordText) : undefined;
    } catch (error) {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return { kind: 'failed', folder, message: error instanceof Error ? error.message : String(error) };
    }
    const needsBucket = record?.components.some((c) => c.model?.localArchive) ?? false;
    let bucket = options.bucket;
    if (needsBucket && !bucket) {
      bucket = await pickBucket(run, record?.artifactsBucket, name);
      if (!bucket) return undefined;
    }
    // Documents open in editors are what gets published: save them first.
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty && doc.uri.scheme === 'file' && doc.uri.fsPath.startsWith(folder + path.sep)) await doc.save();
    feature.diagnostics.clearFolder(folder);
    const ran = await run.cloud({ title: vscode.l10n.t('Publishing the components of {0}', name), cancellable: true, logAs: `Publish components of ${name}` },
      ({ aws, clients }, step) => aws.publishComponents(clients, folder, {
        io: vscodeGroupIo, bucket, signal: step.signal,
        readyTimeoutMs: options.readyTimeoutSeconds !== undefined ? options.readyTimeoutSeconds * 1000 : undefined,
        onConflict: options.onConflict ? () => Promise.resolve(options.onConflict!) : askConflict,
        onProgress: (m) => step.progress.report({ message: m }),
        log: (l) => feature.log.info(l),
      }));
    if (!ran) return undefined;
    if (!ran.ok) return { kind: ran.cancelled ? 'cancelled' : 'failed', folder, message: ran.message };
    const result = ran.value;
    const failed = result.components.filter((c) => c.state === 'FAILED');
    const ready = result.components.filter((c) => c.state === 'DEPLOYABLE');
    for (const c of result.components) feature.log.info(`${c.name} ${c.version}: ${c.state}${c.message ? ` — ${c.message}` : ''}`);
    if (failed.length) {
      const marked = await showPublishFailures(feature, failed);
      const message = vscode.l10n.t('{0} of {1} component version(s) FAILED; fix what Problems shows on their files, raise their versions and publish again: {2}',
        failed.length, result.components.length, failed.map((c) => `${c.name} ${c.version}`).join(', '));
      const showProblems = vscode.l10n.t('Show Problems');
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(message, ...(marked ? [showProblems] : []), showLog).then((c) => {
        if (c === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
        else if (c === showLog) feature.log.show(true);
      });
      return { kind: 'failed', folder, result, message };
    }
    if (result.wait !== 'success') {
      const message = vscode.l10n.t('{0} component version(s) are not DEPLOYABLE yet; stopped waiting, they are still being created in the cloud. Publish Components again later to check: {1}',
        result.components.length - ready.length, result.components.filter((c) => c.state !== 'DEPLOYABLE').map((c) => `${c.name} ${c.version} (${c.state})`).join(', '));
      void vscode.window.showWarningMessage(message);
      return { kind: result.wait === 'cancelled' ? 'cancelled' : 'timeout', folder, result, message };
    }
    const published = result.components.map((c) => `${c.name} ${c.version}`).join(', ');
    const message = result.uploaded.length
      ? vscode.l10n.t('Published {0} component version(s), all DEPLOYABLE ({1} model archive(s) uploaded to {2}): {3}', result.components.length, result.uploaded.length, `s3://${bucket ?? ''}`, published)
      : vscode.l10n.t('Published {0} component version(s), all DEPLOYABLE: {1}', result.components.length, published);
    void vscode.window.showInformationMessage(message, vscode.l10n.t('Deploy to Thing Group')).then((c) => (c ? vscode.commands.executeCommand('greengrassMl.deployToThingGroup', vscode.Uri.file(folder)) : undefined));
    return { kind: 'published', folder, result, message };
  });
}

export const publishComponentsCommands: Record<string, CommandFactory> = {
  'greengrassMl.publishComponents': (f) => (arg?: unknown, options?: unknown) => publishComponentsCommand(f, arg, options),
};
