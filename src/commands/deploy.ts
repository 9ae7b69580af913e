// Deploy, Redeploy and Reset Deployments: from the Command Palette (quick pick of group folders and cloud groups),
// the manifest's CodeLens and the explorer's group node. Cancel stops watching; it never undoes a deployment.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Blocked, Deployed } from '../aws/deploy';
import { describeOutcome, locateNamedEntries, recordCloudIds } from '../core/deploy';
import type { GroupFiles, WatchOutcome } from '../core/deploy';
import type { Finding } from '../core/lint/types';
import type { LocatedProblem } from '../language/diagnosticsSink';
import { lintGateOf } from '../language/lintClient';
import type { CommandContext } from '../featureContext';
import { pickTarget, saveGroupFiles, showWatchResult, targetFromArg, vscodeGroupIo, watchTimeoutMs } from './deployShared';
import type { GroupTarget } from './deployShared';
import type { CommandFactory } from './index';
import { runCommand } from './runCommand';
import type { Cloud, Step } from './runCommand';

/** Options a caller (a test, another command) may pass as the second argument to skip prompts. */
export interface DeployCommandOptions {
  /** Watch time limit for this run (default: the setting). */
  watchTimeoutSeconds?: number;
  /** false: return once the deployment is created. */
  watch?: boolean;
  /** resetDeployments: the answer to the confirmation ('Reset' or 'Force Reset'). */
  confirm?: 'Reset' | 'Force Reset';
}

export interface DeployCommandResult {
  kind: 'deployed' | 'blocked' | 'failed' | 'cancelled';
  groupId?: string;
  groupVersionId?: string;
  deploymentId?: string;
  outcome?: WatchOutcome;
  message: string;
}

function optionsOf(value: unknown): DeployCommandOptions {
  // Menus pass the selection as the second argument (an array): only a plain object is options.
  if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof vscode.Uri) return {};
  return value as DeployCommandOptions;
}

async function resolveTarget(feature: CommandContext, arg: unknown, title: string, needsGroupId: boolean): Promise<GroupTarget | undefined> {
  if (arg === undefined || Array.isArray(arg)) return pickTarget(feature, title, { includeCloud: true, needsGroupId });
  const target = await targetFromArg(arg);
  if (!target) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No group folder was found for this file; a group folder has a {0}: {1}', 'greengrass-ml.json', arg instanceof vscode.Uri ? vscode.workspace.asRelativePath(arg) : String(arg)));
  }
  return target;
}

/** Puts a failed deployment's error details on the lines of the group files that name a function or resource. */
async function showFailureDiagnostics(feature: CommandContext, group: GroupFiles | undefined, outcome: WatchOutcome): Promise<number> {
  if (!group) return 0;
  const messages = [
    ...(outcome.errorDetails ?? []).map((d) => [d.DetailedErrorCode, d.DetailedErrorMessage].filter(Boolean).join(': ')),
    ...(outcome.errorDetails?.length ? [] : [outcome.errorMessage ?? '']),
  ].filter(Boolean);
  const problems: LocatedProblem[] = messages.flatMap((message) => locateNamedEntries(group, message).map((loc) => ({
    path: loc.path, offset: loc.offset, length: loc.length, code: 'deployment',
    message: loc.what === 'function' ? vscode.l10n.t('The deployment failed on function {0}: {1}', loc.name, message) : vscode.l10n.t('The deployment failed on resource {0}: {1}', loc.name, message),
  })));
  return feature.diagnostics.showProblems(problems);
}

/** Tells the user how the watch ended; diagnostics for a failure. */
async function reportOutcome(feature: CommandContext, name: string, deploymentId: string, outcome: WatchOutcome, group?: GroupFiles): Promise<string> {
  let text = describeOutcome(outcome, { kind: 'deployment', name });
  feature.log.info(`Deployment ${deploymentId}: ${text}`);
  let marked = 0;
  if (outcome.result === 'failure') {
    marked = await showFailureDiagnostics(feature, group, outcome);
    if (marked) text = vscode.l10n.t("{0} (marked in the group's files)", text);
  }
  return showWatchResult(feature, outcome.result, text, marked);
}

async function watch(
  feature: CommandContext, { aws, clients }: Cloud, groupId: string, deploymentId: string,
  { progress, signal }: Step, options: DeployCommandOptions, scope?: vscode.Uri,
): Promise<WatchOutcome> {
  progress.report({ message: vscode.l10n.t('deployment {0} created; watching its status (cancel stops watching; it does not undo the deployment)', deploymentId) });
  feature.log.info(`Watching deployment ${deploymentId} of group ${groupId}`);
  return aws.watchDeployment(clients, groupId, deploymentId, {
    timeoutMs: options.watchTimeoutSeconds !== undefined ? options.watchTimeoutSeconds * 1000 : watchTimeoutMs(scope),
    signal,
    onStatus: (s) => progress.report({ message: vscode.l10n.t('{0} (cancel stops watching; it does not undo the deployment)', s.status) }),
  });
}

export function deployCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<DeployCommandResult | undefined> {
  return runCommand(feature, vscode.l10n.t('deploy groups'), async (run) => {
    const options = optionsOf(rawOptions);
    const target = await resolveTarget(feature, arg, vscode.l10n.t('Greengrass ML: Deploy Group'), false);
    if (!target) return undefined;
    if (target.manifestUri) await saveGroupFiles(target.manifestUri);
    let findings: Finding[] = [];
    let group: GroupFiles | undefined;
    const ran = await run.cloud({ title: vscode.l10n.t('Deploying {0}', target.name), cancellable: true, region: target.manifest?.region, logAs: `Deploy ${target.name}` },
      async (cloud, step): Promise<DeployCommandResult> => {
        if (target.manifestUri) feature.diagnostics.clearFolder(path.dirname(target.manifestUri.fsPath));
        const { aws, clients } = cloud;
        let deployed: Deployed | Blocked | { kind: 'cloud'; groupId: string; groupVersionId: string; deploymentId: string };
        if (target.manifestUri) {
          deployed = await aws.deployGroup(clients, target.manifestUri.fsPath, {
            io: vscodeGroupIo, signal: step.signal, onProgress: (m) => step.progress.report({ message: m }), log: (l) => feature.log.info(l),
            ...lintGateOf(feature.linter, target.manifestUri.fsPath, step.token),
          });
        } else {
          step.progress.report({ message: vscode.l10n.t('Creating a deployment of the group\'s latest version') });
          const d = await aws.deployLatestVersion(clients, target.groupId ?? '');
          deployed = { kind: 'cloud', groupId: target.groupId ?? '', ...d };
        }
        if (deployed.kind === 'blocked') {
          findings = deployed.findings;
          return { kind: 'blocked', message: deployed.message };
        }
        if (deployed.kind === 'deployed') group = deployed.group;
        await feature.explorer.provider.refreshGroup(deployed.groupId);
        const base = { groupId: deployed.groupId, groupVersionId: deployed.groupVersionId, deploymentId: deployed.deploymentId };
        if (options.watch === false) return { kind: 'deployed', ...base, message: vscode.l10n.t('Deployment created: {0}', deployed.deploymentId) };
        const outcome = await watch(feature, cloud, deployed.groupId, deployed.deploymentId, step, options, target.manifestUri);
        await feature.explorer.provider.refreshGroup(deployed.groupId);
        return { kind: 'deployed', ...base, outcome, message: '' };
      });
    if (!ran) return undefined;
    if (!ran.ok) return { kind: ran.cancelled ? 'cancelled' : 'failed', message: ran.message };
    const result = ran.value;
    if (result.kind === 'blocked') {
      // The language server publishes the group's diagnostics; only what it does not show is added here.
      await feature.linter.whenIdle();
      await feature.diagnostics.showFindings(findings);
      feature.log.warn(result.message);
      void vscode.window.showErrorMessage(result.message, vscode.l10n.t('Show Problems')).then((c) => (c ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
      return result;
    }
    if (result.outcome && result.deploymentId) result.message = await reportOutcome(feature, target.name, result.deploymentId, result.outcome, group);
    else void vscode.window.showInformationMessage(vscode.l10n.t('Deployment of {0} created: {1}', target.name, result.deploymentId ?? ''));
    return result;
  });
}

export function redeployCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<DeployCommandResult | undefined> {
  return runCommand(feature, vscode.l10n.t('redeploy groups'), async (run) => {
    const options = optionsOf(rawOptions);
    const target = await resolveTarget(feature, arg, vscode.l10n.t('Greengrass ML: Redeploy Group'), true);
    if (!target) return undefined;
    if (!target.groupId) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The group has not been deployed yet, so there is nothing to redeploy; deploy it first: {0}', target.name), vscode.l10n.t('Deploy Group'))
        .then((c) => (c ? vscode.commands.executeCommand('greengrassMl.deploy', target.manifestUri) : undefined));
      return undefined;
    }
    const groupId = target.groupId;
    const ran = await run.cloud({ title: vscode.l10n.t('Redeploying {0}', target.name), cancellable: true, region: target.manifest?.region, logAs: `Redeploy ${target.name}` },
      async (cloud, step) => {
        step.progress.report({ message: vscode.l10n.t('Creating the redeployment') });
        const recorded = target.manifest?.cloud;
        const r = await cloud.aws.redeployGroup(cloud.clients, groupId, recorded?.lastDeploymentId && recorded.groupId === groupId
          ? { deploymentId: recorded.lastDeploymentId, ...(recorded.groupVersionId ? { groupVersionId: recorded.groupVersionId } : {}) }
          : {});
        if (target.manifestUri) await vscodeGroupIo.editFile(target.manifestUri.fsPath, (text) => recordCloudIds(text, { lastDeploymentId: r.deploymentId }).edits);
        await feature.explorer.provider.refreshGroup(groupId);
        if (options.watch === false) return { kind: 'deployed' as const, groupId, deploymentId: r.deploymentId, message: vscode.l10n.t('Redeployment created: {0}', r.deploymentId) };
        const outcome = await watch(feature, cloud, groupId, r.deploymentId, step, options, target.manifestUri);
        await feature.explorer.provider.refreshGroup(groupId);
        return { kind: 'deployed' as const, groupId, deploymentId: r.deploymentId, outcome, message: '' };
      });
    if (!ran) return undefined;
    if (!ran.ok) return { kind: 'failed', message: ran.message };
    const result: DeployCommandResult = ran.value;
    if (result.outcome && result.deploymentId) result.message = await reportOutcome(feature, target.name, result.deploymentId, result.outcome);
    else void vscode.window.showInformationMessage(result.message);
    return result;
  });
}

export function resetDeploymentsCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<DeployCommandResult | undefined> {
  return runCommand(feature, vscode.l10n.t('reset deployments'), async (run) => {
    const options = optionsOf(rawOptions);
    const target = await resolveTarget(feature, arg, vscode.l10n.t('Greengrass ML: Reset Group Deployments'), true);
    if (!target?.groupId) {
      if (target) void vscode.window.showInformationMessage(vscode.l10n.t('The group has no deployments to reset; it was never deployed: {0}', target.name));
      return undefined;
    }
    const groupId = target.groupId;
    let confirmed = options.confirm;
    if (!confirmed) {
      const reset = vscode.l10n.t('Reset');
      const forceReset = vscode.l10n.t('Force Reset');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Reset the deployments of {0}?', target.name), {
        modal: true,
        detail: vscode.l10n.t('The cloud forgets the group\'s deployments (needed, for example, before deleting the group or moving its core). Use Force Reset when the core cannot be reached: the cloud then resets without waiting for the core, which keeps running what it has.'),
      }, reset, forceReset);
      confirmed = choice === forceReset ? 'Force Reset' : choice === reset ? 'Reset' : undefined;
    }
    if (!confirmed) return undefined;
    const force = confirmed === 'Force Reset';
    const ran = await run.cloud({ title: vscode.l10n.t('Resetting the deployments of {0}', target.name), region: target.manifest?.region, logAs: `Reset deployments of ${target.name}` },
      ({ aws, clients }) => aws.resetDeployments(clients, groupId, { force }));
    if (!ran) return undefined;
    if (!ran.ok) return { kind: 'failed', message: ran.message };
    await feature.explorer.provider.refreshGroup(groupId);
    const message = force
      ? vscode.l10n.t('The deployments of {0} were reset (forced): {1}', target.name, ran.value.deploymentId ?? groupId)
      : vscode.l10n.t('The deployments of {0} were reset: {1}', target.name, ran.value.deploymentId ?? groupId);
    void vscode.window.showInformationMessage(message);
    return { kind: 'deployed', groupId, ...(ran.value.deploymentId ? { deploymentId: ran.value.deploymentId } : {}), message };
  });
}

export const deployCommands: Record<string, CommandFactory> = {
  'greengrassMl.deploy': (f) => (arg?: unknown, options?: unknown) => deployCommand(f, arg, options),
  'greengrassMl.redeploy': (f) => (arg?: unknown, options?: unknown) => redeployCommand(f, arg, options),
  'greengrassMl.resetDeployments': (f) => (arg?: unknown, options?: unknown) => resetDeploymentsCommand(f, arg, options),
};
