// Deploy, Redeploy and Reset Deployments: from the Command Palette (quick pick of group folders and cloud groups),
// the manifest's CodeLens and the explorer's group node. Cancel stops watching; it never undoes a deployment.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import type { AwsModule } from '../connection/connectionManager';
import type { Blocked, Deployed } from '../aws/deploy';
import { describeOutcome, locateNamedEntries, recordCloudIds } from '../core/deploy';
import type { GroupFiles, WatchOutcome } from '../core/deploy';
import type { Finding } from '../core/lint/types';
import { lintGateOf } from '../language/lintClient';
import type { CommandContext } from '../featureContext';
import {
  DIAGNOSTIC_SOURCE, WATCH_TIMEOUT_SETTING, cloudFor, deployDiagnostics, errorMessage, isCancelled, pickTarget, saveGroupFiles,
  targetFromArg, trusted, vscodeGroupIo, watchTimeoutMs,
} from './deployShared';
import type { GroupTarget } from './deployShared';
import type { CommandFactory } from './index';

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

const STOP_NOTE = 'cancel stops watching; it does not undo the deployment';

async function resolveTarget(feature: CommandContext, arg: unknown, title: string, needsGroupId: boolean): Promise<GroupTarget | undefined> {
  if (arg === undefined || Array.isArray(arg)) return pickTarget(feature, title, { includeCloud: true, needsGroupId });
  const target = await targetFromArg(arg);
  if (!target) {
    void vscode.window.showErrorMessage(`No group folder was found for this file; a group folder has a ${'greengrass-ml.json'}: ${arg instanceof vscode.Uri ? vscode.workspace.asRelativePath(arg) : String(arg)}`);
  }
  return target;
}

/** Turns findings into diagnostics of files the editor's linter has not diagnosed (files that are not open). */
async function showBlockingFindings(feature: CommandContext, findings: readonly Finding[]): Promise<void> {
  const collection = deployDiagnostics(feature);
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  for (const [file, list] of byFile) {
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    // The editor's linter may already show some of them (open files): only the others are added.
    const shown = new Set(vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE)
      .map((d) => `${String(typeof d.code === 'object' ? d.code.value : d.code)}@${doc.offsetAt(d.range.start)}`));
    const missing = list.filter((f) => !shown.has(`${f.code}@${f.offset}`));
    if (missing.length) collection.set(uri, missing.map((f) => {
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(f.offset), doc.positionAt(f.offset + f.length)), f.message,
        f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = f.code;
      return d;
    }));
  }
}

/** Puts a failed deployment's error details on the lines of the group files that name a function or resource. */
async function showFailureDiagnostics(feature: CommandContext, group: GroupFiles | undefined, outcome: WatchOutcome): Promise<number> {
  if (!group) return 0;
  const collection = deployDiagnostics(feature);
  const perFile = new Map<string, vscode.Diagnostic[]>();
  const messages = [
    ...(outcome.errorDetails ?? []).map((d) => [d.DetailedErrorCode, d.DetailedErrorMessage].filter(Boolean).join(': ')),
    ...(outcome.errorDetails?.length ? [] : [outcome.errorMessage ?? '']),
  ].filter(Boolean);
  for (const message of messages) {
    for (const loc of locateNamedEntries(group, message)) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(loc.path));
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(loc.offset), doc.positionAt(loc.offset + loc.length)),
        `The deployment failed on ${loc.what} ${loc.name}: ${message}`, vscode.DiagnosticSeverity.Error);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = 'deployment';
      perFile.set(loc.path, [...(perFile.get(loc.path) ?? []), d]);
    }
  }
  let n = 0;
  for (const [file, list] of perFile) {
    collection.set(vscode.Uri.file(file), list);
    n += list.length;
  }
  return n;
}

function clearDiagnostics(feature: CommandContext, manifestUri: vscode.Uri | undefined): void {
  if (!manifestUri) return;
  const collection = deployDiagnostics(feature);
  const dir = path.dirname(manifestUri.fsPath);
  collection.forEach((uri) => {
    if (!path.relative(dir, uri.fsPath).startsWith('..')) collection.delete(uri);
  });
}

/** Tells the user how the watch ended; diagnostics for a failure. */
async function reportOutcome(feature: CommandContext, name: string, deploymentId: string, outcome: WatchOutcome, group?: GroupFiles): Promise<string> {
  const what = `The deployment of ${name}`;
  let text = describeOutcome(outcome, what);
  feature.log.info(`Deployment ${deploymentId}: ${text}`);
  switch (outcome.result) {
    case 'success':
      void vscode.window.showInformationMessage(text);
      break;
    case 'failure': {
      const marked = await showFailureDiagnostics(feature, group, outcome);
      if (marked) text += ` (marked in the group's files)`;
      void vscode.window.showErrorMessage(text, ...(marked ? ['Show Problems'] : []), 'Show Log').then((c) => {
        if (c === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
        else if (c === 'Show Log') feature.log.show(true);
      });
      break;
    }
    case 'timeout':
      text += ` To watch longer, raise the setting: ${WATCH_TIMEOUT_SETTING}`;
      void vscode.window.showInformationMessage(text);
      break;
    case 'cancelled':
      void vscode.window.showInformationMessage(text);
      break;
    case 'error':
      void vscode.window.showWarningMessage(text, 'Show Log').then((c) => (c ? feature.log.show(true) : undefined));
      break;
  }
  return text;
}

async function watch(
  feature: CommandContext, aws: AwsModule, clients: AwsClients, groupId: string, deploymentId: string,
  progress: vscode.Progress<{ message?: string }>, signal: AbortSignal, options: DeployCommandOptions, scope?: vscode.Uri,
): Promise<WatchOutcome> {
  progress.report({ message: `deployment ${deploymentId} created; watching its status (${STOP_NOTE})` });
  feature.log.info(`Watching deployment ${deploymentId} of group ${groupId}`);
  return aws.watchDeployment(clients, groupId, deploymentId, {
    timeoutMs: options.watchTimeoutSeconds !== undefined ? options.watchTimeoutSeconds * 1000 : watchTimeoutMs(scope),
    signal,
    onStatus: (s) => progress.report({ message: `${s.status} (${STOP_NOTE})` }),
  });
}

export async function deployCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<DeployCommandResult | undefined> {
  if (!trusted('deploy groups')) return undefined;
  const options = optionsOf(rawOptions);
  const target = await resolveTarget(feature, arg, 'Greengrass ML: Deploy Group', false);
  if (!target) return undefined;
  if (target.manifestUri) await saveGroupFiles(target.manifestUri);
  const cloud = await cloudFor(feature, 'deploy groups', target.manifest?.region);
  if (!cloud) return undefined;
  const { aws, clients } = cloud;
  clearDiagnostics(feature, target.manifestUri);
  let result: DeployCommandResult;
  let findings: Finding[] = [];
  let group: GroupFiles | undefined;
  try {
    result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Deploying ${target.name}`, cancellable: true }, async (progress, token): Promise<DeployCommandResult> => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let deployed: Deployed | Blocked | { kind: 'cloud'; groupId: string; groupVersionId: string; deploymentId: string };
      if (target.manifestUri) {
        deployed = await aws.deployGroup(clients, target.manifestUri.fsPath, {
          io: vscodeGroupIo, signal: controller.signal, onProgress: (m) => progress.report({ message: m }), log: (l) => feature.log.info(l),
          ...lintGateOf(feature.linter, target.manifestUri.fsPath, token),
        });
      } else {
        progress.report({ message: 'Creating a deployment of the group\'s latest version' });
        const d = await aws.deployLatestVersion(clients, target.groupId ?? '');
        deployed = { kind: 'cloud', groupId: target.groupId ?? '', ...d };
      }
      if (deployed.kind === 'blocked') {
        findings = deployed.findings;
        return { kind: 'blocked', message: deployed.message };
      }
      if (deployed.kind === 'deployed') group = deployed.group;
      feature.explorer.provider.refresh();
      const base = { groupId: deployed.groupId, groupVersionId: deployed.groupVersionId, deploymentId: deployed.deploymentId };
      if (options.watch === false) return { kind: 'deployed', ...base, message: `Deployment created: ${deployed.deploymentId}` };
      const outcome = await watch(feature, aws, clients, deployed.groupId, deployed.deploymentId, progress, controller.signal, options, target.manifestUri);
      return { kind: 'deployed', ...base, outcome, message: '' };
    });
  } catch (error) {
    const message = errorMessage(error);
    feature.log.error(`Deploy ${target.name}: ${message}`);
    if (isCancelled(error)) void vscode.window.showInformationMessage(message);
    else void vscode.window.showErrorMessage(message, 'Show Log').then((c) => (c ? feature.log.show(true) : undefined));
    return { kind: isCancelled(error) ? 'cancelled' : 'failed', message };
  } finally {
    cloud.done();
  }
  if (result.kind === 'blocked') {
    // The language server publishes the group's diagnostics; only what it does not show is added here.
    await feature.linter.whenIdle();
    await showBlockingFindings(feature, findings);
    feature.log.warn(result.message);
    void vscode.window.showErrorMessage(result.message, 'Show Problems').then((c) => (c ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
    return result;
  }
  if (result.outcome && result.deploymentId) result.message = await reportOutcome(feature, target.name, result.deploymentId, result.outcome, group);
  else void vscode.window.showInformationMessage(`Deployment of ${target.name} created: ${result.deploymentId ?? ''}`);
  return result;
}

export async function redeployCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<DeployCommandResult | undefined> {
  if (!trusted('redeploy groups')) return undefined;
  const options = optionsOf(rawOptions);
  const target = await resolveTarget(feature, arg, 'Greengrass ML: Redeploy Group', true);
  if (!target) return undefined;
  if (!target.groupId) {
    void vscode.window.showErrorMessage(`The group has not been deployed yet, so there is nothing to redeploy; deploy it first: ${target.name}`, 'Deploy Group')
      .then((c) => (c ? vscode.commands.executeCommand('greengrassMl.deploy', target.manifestUri) : undefined));
    return undefined;
  }
  const groupId = target.groupId;
  const cloud = await cloudFor(feature, 'redeploy groups', target.manifest?.region);
  if (!cloud) return undefined;
  const { aws, clients } = cloud;
  try {
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Redeploying ${target.name}`, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      progress.report({ message: 'Creating the redeployment' });
      const recorded = target.manifest?.cloud;
      const r = await aws.redeployGroup(clients, groupId, recorded?.lastDeploymentId && recorded.groupId === groupId
        ? { deploymentId: recorded.lastDeploymentId, ...(recorded.groupVersionId ? { groupVersionId: recorded.groupVersionId } : {}) }
        : {});
      if (target.manifestUri) await vscodeGroupIo.editFile(target.manifestUri.fsPath, (text) => recordCloudIds(text, { lastDeploymentId: r.deploymentId }).edits);
      feature.explorer.provider.refresh();
      if (options.watch === false) return { kind: 'deployed' as const, groupId, deploymentId: r.deploymentId, message: `Redeployment created: ${r.deploymentId}` };
      const outcome = await watch(feature, aws, clients, groupId, r.deploymentId, progress, controller.signal, options, target.manifestUri);
      return { kind: 'deployed' as const, groupId, deploymentId: r.deploymentId, outcome, message: '' };
    });
    if (result.outcome) result.message = await reportOutcome(feature, target.name, result.deploymentId, result.outcome);
    else void vscode.window.showInformationMessage(result.message);
    return result;
  } catch (error) {
    const message = errorMessage(error);
    feature.log.error(`Redeploy ${target.name}: ${message}`);
    void vscode.window.showErrorMessage(message);
    return { kind: 'failed', message };
  } finally {
    cloud.done();
  }
}

export async function resetDeploymentsCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<DeployCommandResult | undefined> {
  if (!trusted('reset deployments')) return undefined;
  const options = optionsOf(rawOptions);
  const target = await resolveTarget(feature, arg, 'Greengrass ML: Reset Group Deployments', true);
  if (!target?.groupId) {
    if (target) void vscode.window.showInformationMessage(`The group has no deployments to reset; it was never deployed: ${target.name}`);
    return undefined;
  }
  const groupId = target.groupId;
  const choice = options.confirm ?? await vscode.window.showWarningMessage(`Reset the deployments of ${target.name}?`, {
    modal: true,
    detail: 'The cloud forgets the group\'s deployments (needed, for example, before deleting the group or moving its core). '
      + 'Use Force Reset when the core cannot be reached: the cloud then resets without waiting for the core, which keeps running what it has.',
  }, 'Reset', 'Force Reset');
  if (!choice) return undefined;
  const cloud = await cloudFor(feature, 'reset deployments', target.manifest?.region);
  if (!cloud) return undefined;
  try {
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Resetting the deployments of ${target.name}` },
      () => cloud.aws.resetDeployments(cloud.clients, groupId, { force: choice === 'Force Reset' }));
    feature.explorer.provider.refresh();
    const message = `The deployments of ${target.name} were reset${choice === 'Force Reset' ? ' (forced)' : ''}: ${r.deploymentId ?? groupId}`;
    void vscode.window.showInformationMessage(message);
    return { kind: 'deployed', groupId, ...(r.deploymentId ? { deploymentId: r.deploymentId } : {}), message };
  } catch (error) {
    const message = errorMessage(error);
    feature.log.error(`Reset deployments of ${target.name}: ${message}`);
    void vscode.window.showErrorMessage(message);
    return { kind: 'failed', message };
  } finally {
    cloud.done();
  }
}

export const deployCommands: Record<string, CommandFactory> = {
  'greengrassMl.deploy': (f) => (arg?: unknown, options?: unknown) => deployCommand(f, arg, options),
  'greengrassMl.redeploy': (f) => (arg?: unknown, options?: unknown) => redeployCommand(f, arg, options),
  'greengrassMl.resetDeployments': (f) => (arg?: unknown, options?: unknown) => resetDeploymentsCommand(f, arg, options),
};
