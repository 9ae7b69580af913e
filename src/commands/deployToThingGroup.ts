// Deploy to Thing Group: CreateDeployment from a migration folder's deployment.json. A placeholder target is chosen
// from the account's thing groups and core devices and written back into the file (formatting kept); then each
// targeted core device is watched, with progress and cancel, and failures go on the components they name.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { V2OutcomeSubject, V2WatchOutcome } from '../aws';
import { loadAwsLayer } from '../connection/connectionManager';
import { DEPLOYMENT_FILE, isPlaceholderTarget, parseDeploymentFile } from '../core/v2/migrationFolder';
import type { CommandContext } from '../featureContext';
import { showWatchResult, vscodeGroupIo, watchTimeoutMs } from './deployShared';
import type { CommandFactory } from './index';
import { runCommand } from './runCommand';
import type { Cloud, CommandRun, Step } from './runCommand';
import { plainOptions, resolveMigrationFolder, showDeploymentFailures } from './v2Shared';

export interface V2DeployCommandOptions {
  /** The thing group or core device thing ARN (skips the pick of a placeholder target). */
  targetArn: string;
  /** Choose the target again even when deployment.json names one. */
  chooseTarget: boolean;
  watchTimeoutSeconds: number;
  /** false: return once the deployment is created. */
  watch: boolean;
}

export interface V2DeployCommandResult {
  kind: 'deployed' | 'failed' | 'cancelled';
  deploymentId?: string;
  targetArn?: string;
  outcome?: V2WatchOutcome;
  message: string;
}

type Target = { arn: string } | { coreDevice: string };

/** A pick of the account's thing groups and core devices. */
async function pickTarget(run: CommandRun, folderName: string): Promise<Target | undefined> {
  const listed = await run.cloud({ title: vscode.l10n.t('Listing thing groups and core devices'), logAs: `Deploy ${folderName}: list targets` },
    ({ aws, clients }) => aws.listDeploymentTargets(clients));
  if (!listed?.ok) return undefined;
  if (listed.value.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This account and region have no thing groups and no core devices to deploy to. Set up a core device (it joins a thing group when installed), then deploy again.'));
    return undefined;
  }
  type Item = vscode.QuickPickItem & { target?: Target };
  const items: Item[] = [
    { label: vscode.l10n.t('Thing groups'), kind: vscode.QuickPickItemKind.Separator },
    ...listed.value.filter((t) => t.kind === 'thingGroup' && t.arn).map((t) => ({ label: `$(folder-library) ${t.name}`, description: t.arn ?? '', target: { arn: t.arn! } })),
    { label: vscode.l10n.t('Core devices (a deployment to one device)'), kind: vscode.QuickPickItemKind.Separator },
    ...listed.value.filter((t) => t.kind === 'coreDevice').map((t) => ({ label: `$(circuit-board) ${t.name}`, ...(t.detail ? { description: t.detail } : {}), target: { coreDevice: t.name } })),
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Deploy {0} to…', folderName), placeHolder: vscode.l10n.t('A thing group (each of its core devices, and those that join later) or one core device'), matchOnDescription: true,
  });
  return choice?.target;
}

/** Watches a created deployment inside the command's progress; the outcome. */
export async function watchWithProgress(feature: CommandContext, { aws, clients }: Cloud, deploymentId: string, step: Step, timeoutSeconds: number | undefined, scope?: vscode.Uri): Promise<V2WatchOutcome> {
  step.progress.report({ message: vscode.l10n.t('deployment {0} created; waiting for the core devices (cancel stops watching; it does not undo the deployment)', deploymentId) });
  feature.log.info(`Watching deployment ${deploymentId}`);
  return aws.watchV2Deployment(clients, deploymentId, {
    timeoutMs: timeoutSeconds !== undefined ? timeoutSeconds * 1000 : watchTimeoutMs(scope),
    signal: step.signal,
    onProgress: (devices) => {
      const done = devices.filter((d) => aws.deviceSettled(d.status)).length;
      const failed = devices.filter((d) => aws.deviceSettled(d.status) === 'failed').length;
      for (const d of devices) if (aws.deviceSettled(d.status)) feature.log.info(`Deployment ${deploymentId} on ${d.device}: ${d.status}${d.reason ? ` — ${d.reason}` : ''}`);
      step.progress.report({
        message: failed
          ? vscode.l10n.t('{0} of {1} core device(s) done, {2} failed (cancel stops watching; it does not undo the deployment)', done, devices.length, failed)
          : vscode.l10n.t('{0} of {1} core device(s) done (cancel stops watching; it does not undo the deployment)', done, devices.length),
      });
    },
  });
}

/** Tells the user how the watch ended; a failure goes on the files of the migration folder when there is one. */
export async function reportV2Outcome(feature: CommandContext, aws: Cloud['aws'], outcome: V2WatchOutcome, subject: V2OutcomeSubject, folder?: string): Promise<string> {
  const marked = outcome.result === 'failure' && folder ? await showDeploymentFailures(feature, folder, outcome) : 0;
  const text = aws.describeV2Outcome(outcome, subject, { failuresInProblems: marked > 0 });
  feature.log.info(`Deployment ${outcome.deploymentId}: ${text}`);
  return showWatchResult(feature, outcome.result, text, marked);
}

export function deployToThingGroupCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<V2DeployCommandResult | undefined> {
  return runCommand(feature, vscode.l10n.t('deploy components'), async (run) => {
    const options = plainOptions<V2DeployCommandOptions>(rawOptions);
    const folder = await resolveMigrationFolder(arg, vscode.l10n.t('Greengrass ML: Deploy to Thing Group'));
    if (!folder) return undefined;
    const name = path.basename(folder);
    const file = path.join(folder, DEPLOYMENT_FILE);
    const text = await vscodeGroupIo.readFile(file);
    if (text === undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The migration folder has no {0}; migrate the group again: {1}', DEPLOYMENT_FILE, vscode.workspace.asRelativePath(folder)));
      return undefined;
    }
    let current: string;
    try {
      current = parseDeploymentFile(text, file).targetArn;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(message);
      return { kind: 'failed', message };
    }
    let target: Target | undefined = options.targetArn ? { arn: options.targetArn } : undefined;
    if (!target && (options.chooseTarget || isPlaceholderTarget(current))) {
      target = await pickTarget(run, name);
      if (!target) return undefined;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
    if (doc?.isDirty) await doc.save();
    feature.diagnostics.clearFolder(folder);
    const ran = await run.cloud({ title: vscode.l10n.t('Deploying {0}', name), cancellable: true, logAs: `Deploy ${name} to a thing group` },
      async (cloud, step): Promise<V2DeployCommandResult> => {
        const { aws, clients } = cloud;
        let targetArn: string | undefined;
        if (target && 'coreDevice' in target) {
          step.progress.report({ message: vscode.l10n.t('Reading core device {0}', target.coreDevice) });
          targetArn = await aws.coreDeviceThingArn(clients, target.coreDevice);
        } else if (target) targetArn = target.arn;
        step.progress.report({ message: vscode.l10n.t('Creating the deployment') });
        const created = await aws.deployMigrationFolder(clients, folder, { io: vscodeGroupIo, targetArn, log: (l) => feature.log.info(l) });
        // The V2 view shows the new deployment at once; its rows follow the devices while they are shown.
        feature.v2Explorer.refresh(created.targetArn);
        if (options.watch === false) return { kind: 'deployed', deploymentId: created.deploymentId, targetArn: created.targetArn, message: vscode.l10n.t('Deployment created: {0}', created.deploymentId) };
        const outcome = await watchWithProgress(feature, cloud, created.deploymentId, step, options.watchTimeoutSeconds, vscode.Uri.file(folder));
        return { kind: 'deployed', deploymentId: created.deploymentId, targetArn: outcome.targetArn || created.targetArn, outcome, message: '' };
      });
    if (!ran) return undefined;
    if (!ran.ok) return { kind: ran.cancelled ? 'cancelled' : 'failed', message: ran.message };
    const result = ran.value;
    if (result.outcome) {
      if (result.targetArn) feature.v2Explorer.refresh(result.targetArn);
      result.message = await reportV2Outcome(feature, await loadAwsLayer(), result.outcome, { kind: 'deployment', name }, folder);
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('Deployment of {0} created: {1}', name, result.deploymentId ?? ''));
    }
    return result;
  });
}

export const deployToThingGroupCommands: Record<string, CommandFactory> = {
  'greengrassMl.deployToThingGroup': (f) => (arg?: unknown, options?: unknown) => deployToThingGroupCommand(f, arg, options),
};
