// Deploy Several Groups: a Greengrass bulk deployment. Picks groups (group folders with cloud ids, or groups from
// the cloud), makes a group version for each, writes the JSON-lines input file to S3, starts the bulk deployment,
// follows its status and reports per group.
import * as vscode from 'vscode';
import type { BulkGroup } from '../aws/bulk';
import { describeOutcome, validateBulkInputLocation } from '../core/deploy';
import { parseIamRoleArn, parseS3Uri } from '../core/model';
import type { CommandContext } from '../featureContext';
import { lintGateOf } from '../language/lintClient';
import { errorMessage, findManifests, targetFromArg, vscodeGroupIo, watchTimeoutMs } from './deployShared';
import type { GroupTarget } from './deployShared';
import type { CommandFactory } from './index';
import { runCommand } from './runCommand';

export const EXECUTION_ROLE_SETTING = 'greengrassMl.bulkDeploy.executionRoleArn';
const LAST_LOCATION_KEY = 'greengrassMl.bulkDeploy.lastInputLocation';

export interface BulkDeployOptions {
  /** Group folders (manifest URIs) or cloud groups ({groupId}); skips the pick. */
  targets?: unknown[];
  bucket?: string;
  key?: string;
  executionRoleArn?: string;
  watchTimeoutSeconds?: number;
}

async function pickGroups(feature: CommandContext): Promise<GroupTarget[] | undefined> {
  type Item = vscode.QuickPickItem & { target: GroupTarget };
  const items: Item[] = (await findManifests()).filter((m) => m.manifest.cloud?.groupId).map((m) => ({
    label: `$(file-code) ${m.manifest.name ?? m.uri.fsPath}`, description: vscode.workspace.asRelativePath(m.uri),
    detail: vscode.l10n.t('new group version from the folder\'s files'),
    target: { manifestUri: m.uri, manifest: m.manifest, groupId: m.manifest.cloud?.groupId ?? '', name: m.manifest.name ?? m.uri.fsPath },
  }));
  const groups = feature.explorer.provider.roots?.groups;
  if (groups) {
    try {
      await groups.ensureLoaded();
      const known = new Set(items.map((i) => i.target.groupId));
      for (const row of groups.loadedItems()) {
        if (!known.has(row.id)) items.push({ label: `$(cloud) ${row.label}`, description: vscode.l10n.t('in the cloud'), detail: vscode.l10n.t('new group version from its latest version'), target: { groupId: row.id, name: row.group.name } });
      }
    } catch (error) {
      feature.log.warn(`Could not list the account's groups: ${errorMessage(error)}`);
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No deployed group was found: deploy group folders once with "Greengrass ML: Deploy Group" first.'));
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Greengrass ML: Deploy Several Groups'), placeHolder: vscode.l10n.t('Choose the groups to deploy together'), canPickMany: true, matchOnDescription: true });
  return chosen?.length ? chosen.map((c) => c.target) : undefined;
}

async function askLocation(feature: CommandContext): Promise<{ bucket: string; key: string } | undefined> {
  const last = feature.extension.workspaceState.get<string>(LAST_LOCATION_KEY) ?? '';
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Greengrass ML: Deploy Several Groups'),
    prompt: vscode.l10n.t('Where to write the bulk deployment input file (s3://bucket/key); the execution role must be able to read it'),
    value: last || `s3://my-greengrass-bucket/bulk/deploy-${new Date().toISOString().slice(0, 10)}.json`,
    validateInput: (text) => {
      const location = parseS3Uri(text.trim());
      return location ? validateBulkInputLocation(location.bucket, location.key) : vscode.l10n.t('Enter an S3 location like s3://bucket/bulk/deploy.json: {0}', text);
    },
  });
  const location = value ? parseS3Uri(value.trim()) : undefined;
  if (!location || validateBulkInputLocation(location.bucket, location.key)) return undefined;
  await feature.extension.workspaceState.update(LAST_LOCATION_KEY, value?.trim());
  return location;
}

async function askRole(): Promise<string | undefined> {
  const configured = vscode.workspace.getConfiguration().get<string>(EXECUTION_ROLE_SETTING, '').trim();
  if (configured) return configured;
  return (await vscode.window.showInputBox({
    title: vscode.l10n.t('Greengrass ML: Deploy Several Groups'),
    prompt: vscode.l10n.t('The IAM role Greengrass uses to run the bulk deployment (needs greengrass:CreateDeployment and s3:GetObject on the input file); set {0} to skip this', EXECUTION_ROLE_SETTING),
    placeHolder: vscode.l10n.t('arn:aws:iam::123456789012:role/GreengrassBulkDeployment'),
    validateInput: (t) => (parseIamRoleArn(t.trim()) ? undefined : vscode.l10n.t('Enter an IAM role ARN: {0}', t)),
  }))?.trim();
}

export function bulkDeployCommand(feature: CommandContext, rawOptions?: unknown): Promise<{ bulkDeploymentId: string; result?: string; reports: { groupId?: string; status?: string }[] } | undefined> {
  return runCommand(feature, vscode.l10n.t('deploy groups'), async (run) => {
    const options = (rawOptions && typeof rawOptions === 'object' && !Array.isArray(rawOptions) && !(rawOptions instanceof vscode.Uri) ? rawOptions : {}) as BulkDeployOptions;
    let targets: GroupTarget[] | undefined;
    if (options.targets) {
      targets = [];
      for (const t of options.targets) {
        const resolved = await targetFromArg(t);
        if (resolved?.groupId) targets.push(resolved);
        else {
          void vscode.window.showErrorMessage(vscode.l10n.t('A bulk deployment takes groups that exist in the cloud; deploy this one once first: {0}', resolved?.name ?? String(t)));
          return undefined;
        }
      }
    } else {
      targets = await pickGroups(feature);
    }
    if (!targets?.length) return undefined;
    const location = options.bucket && options.key ? { bucket: options.bucket, key: options.key } : await askLocation(feature);
    if (!location) return undefined;
    const role = options.executionRoleArn ?? (await askRole());
    if (!role) return undefined;
    const chosen = targets;
    const ran = await run.cloud({ title: vscode.l10n.t('Deploying {0} groups (bulk deployment)', chosen.length), cancellable: true, logAs: 'Bulk deployment' },
      async ({ aws, clients }, step) => {
        const { progress, signal } = step;
        const groups: BulkGroup[] = [];
        for (const t of chosen) {
          if (signal.aborted) throw new Error(vscode.l10n.t('The bulk deployment was cancelled before it started; group versions made so far stay in the cloud.'));
          if (t.manifestUri) {
            progress.report({ message: vscode.l10n.t('Creating a group version: {0}', t.name) });
            const prepared = await aws.prepareGroupVersion(clients, t.manifestUri.fsPath, { io: vscodeGroupIo, log: (l) => feature.log.info(l), ...lintGateOf(feature.linter, t.manifestUri.fsPath, step.token) });
            if (prepared.kind === 'blocked') throw new Error(`${t.name}: ${prepared.message}`);
            groups.push({ groupId: prepared.groupId, groupVersionId: prepared.groupVersionId, name: t.name });
          } else {
            groups.push({ groupId: t.groupId ?? '', name: t.name });
          }
        }
        const started = await aws.startBulkDeployment(clients, { groups, bucket: location.bucket, key: location.key, executionRoleArn: role, onStep: (m) => progress.report({ message: m }) });
        feature.log.info(`Bulk deployment ${started.bulkDeploymentId} started for ${groups.length} groups; input file ${started.inputFileUri}`);
        const outcome = await aws.watchBulkDeployment(clients, started.bulkDeploymentId, {
          timeoutMs: options.watchTimeoutSeconds !== undefined ? options.watchTimeoutSeconds * 1000 : watchTimeoutMs(),
          signal,
          onStatus: (s) => progress.report({ message: vscode.l10n.t('{0} (cancel stops watching; it does not undo the deployments)', s.status) }),
          onMetrics: (m) => feature.log.info(`Bulk deployment ${started.bulkDeploymentId}: ${m.recordsProcessed ?? 0} records processed, ${m.invalidInputRecords ?? 0} invalid`),
        });
        const reports = await aws.bulkDeploymentReports(clients, started.bulkDeploymentId).catch((error: unknown) => {
          feature.log.warn(errorMessage(error));
          return [];
        });
        for (const r of reports) feature.log.info(`Bulk deployment ${started.bulkDeploymentId}: group ${r.groupId ?? r.groupArn ?? '?'} ${r.status ?? '?'}${r.errorMessage ? `: ${r.errorMessage}` : ''}`);
        const failed = reports.filter((r) => r.status === 'Failure').length;
        const summary = !reports.length ? ''
          : failed ? vscode.l10n.t('{0} of {1} groups deployed, {2} failed (see the log).', reports.length - failed, reports.length, failed)
            : vscode.l10n.t('{0} of {1} groups deployed.', reports.length, reports.length);
        const text = `${describeOutcome(outcome, { kind: 'bulkDeployment', id: started.bulkDeploymentId })}${summary ? ` ${summary}` : ''}`;
        if (outcome.result === 'failure' || failed) void vscode.window.showErrorMessage(text, vscode.l10n.t('Show Log')).then((c) => (c ? feature.log.show(true) : undefined));
        else void vscode.window.showInformationMessage(text);
        for (const g of groups) if (g.groupId) await feature.explorer.provider.refreshGroup(g.groupId);
        return { bulkDeploymentId: started.bulkDeploymentId, result: outcome.result, reports: reports.map((r) => ({ ...(r.groupId ? { groupId: r.groupId } : {}), ...(r.status ? { status: r.status } : {}) })) };
    });
    return ran?.ok ? ran.value : undefined;
  });
}

export const bulkDeployCommands: Record<string, CommandFactory> = {
  'greengrassMl.bulkDeploy': (f) => (options?: unknown) => bulkDeployCommand(f, options),
};
