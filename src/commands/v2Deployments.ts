// Cancel Deployment and Revise Deployment for Greengrass V2: from a deployment node of the Greengrass V2 view
// (deploymentId, targetArn) or the Command Palette (a pick of the account's latest deployments). Revise deploys a
// new revision to the same target: the deployment's own components again, or a migration folder's deployment.json.
import * as path from 'node:path';
import type { CreateDeploymentCommandInput } from '@aws-sdk/client-greengrassv2';
import * as vscode from 'vscode';
import { loadAwsLayer } from '../connection/connectionManager';
import { DEPLOYMENT_FILE, parseDeploymentFile } from '../core/v2/migrationFolder';
import type { CommandContext } from '../featureContext';
import { vscodeGroupIo } from './deployShared';
import type { CommandFactory } from './index';
import { runCommand } from './runCommand';
import type { CommandRun } from './runCommand';
import { reportV2Outcome, watchWithProgress } from './deployToThingGroup';
import type { V2DeployCommandResult } from './deployToThingGroup';
import { findMigrationFolders, plainOptions, resolveMigrationFolder } from './v2Shared';

interface DeploymentRef {
  deploymentId: string;
  targetArn?: string | undefined;
  name?: string | undefined;
}

/** A V2 deployment node ({ deploymentId, targetArn }) or a plain id. */
function refFromArg(arg: unknown): DeploymentRef | undefined {
  if (typeof arg === 'string' && arg) return { deploymentId: arg };
  if (!arg || typeof arg !== 'object' || Array.isArray(arg)) return undefined;
  const a = arg as { deploymentId?: unknown; targetArn?: unknown; deploymentName?: unknown; label?: unknown };
  if (typeof a.deploymentId !== 'string' || !a.deploymentId) return undefined;
  return {
    deploymentId: a.deploymentId,
    ...(typeof a.targetArn === 'string' ? { targetArn: a.targetArn } : {}),
    ...(typeof a.deploymentName === 'string' ? { name: a.deploymentName } : typeof a.label === 'string' ? { name: a.label } : {}),
  };
}

/** A pick of the account's latest deployments (only the ACTIVE ones for Cancel). */
async function pickDeployment(run: CommandRun, title: string, onlyActive: boolean): Promise<DeploymentRef | undefined> {
  const listed = await run.cloud({ title: vscode.l10n.t('Listing Greengrass V2 deployments'), logAs: `${title}: list deployments` }, ({ aws, clients }) => aws.listV2Deployments(clients));
  if (!listed?.ok) return undefined;
  const rows = listed.value.filter((d) => !onlyActive || d.status === 'ACTIVE');
  if (rows.length === 0) {
    void vscode.window.showInformationMessage(onlyActive ? vscode.l10n.t('No active Greengrass V2 deployment was found in this account and region; there is nothing to cancel.') : vscode.l10n.t('No Greengrass V2 deployment was found in this account and region; deploy a migration folder first.'));
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(rows.map((d) => ({
    label: d.name ?? d.deploymentId, description: d.revisionId ? vscode.l10n.t('{0} · revision {1}', d.status ?? '', d.revisionId) : d.status ?? '', detail: d.targetArn, ref: { deploymentId: d.deploymentId, targetArn: d.targetArn, name: d.name },
  })), { title, placeHolder: vscode.l10n.t('Choose a deployment'), matchOnDescription: true, matchOnDetail: true });
  return choice?.ref;
}

export interface CancelV2Options {
  /** Skip the confirmation. */
  confirm: boolean;
}

export function cancelV2DeploymentCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<{ kind: 'canceled' | 'failed'; message: string } | undefined> {
  return runCommand(feature, vscode.l10n.t('cancel deployments'), async (run) => {
    const options = plainOptions<CancelV2Options>(rawOptions);
    const ref = refFromArg(arg) ?? await pickDeployment(run, vscode.l10n.t('Greengrass ML: Cancel Deployment'), true);
    if (!ref) return undefined;
    const label = ref.name ?? ref.deploymentId;
    if (!options.confirm) {
      const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Cancel the deployment {0}?', label), {
        modal: true,
        detail: vscode.l10n.t('Core devices that have not finished it stop applying it; devices that finished keep what it deployed. To change what runs, deploy a new revision instead.'),
      }, vscode.l10n.t('Cancel Deployment'));
      if (!ok) return undefined;
    }
    const ran = await run.cloud({ title: vscode.l10n.t('Canceling {0}', label), logAs: `Cancel deployment ${ref.deploymentId}` }, ({ aws, clients }) => aws.cancelV2Deployment(clients, ref.deploymentId));
    if (!ran) return undefined;
    if (!ran.ok) return { kind: 'failed', message: ran.message };
    // The V2 view shows the revision canceled (its target's revisions, or the whole tree when the target is unknown).
    feature.v2Explorer.refresh(ref.targetArn);
    const message = vscode.l10n.t('The deployment was canceled; devices that finished it keep what it deployed: {0}', label);
    feature.log.info(`${message} (${ref.deploymentId})`);
    void vscode.window.showInformationMessage(message);
    return { kind: 'canceled', message };
  });
}

export interface ReviseV2Options {
  /** 'same': the deployment's own components; 'file': a migration folder's deployment.json (skips the pick). */
  source: 'same' | 'file';
  /** The migration folder for source 'file'. */
  folder: string;
  watchTimeoutSeconds: number;
  watch: boolean;
}

export function reviseV2DeploymentCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<V2DeployCommandResult | undefined> {
  return runCommand(feature, vscode.l10n.t('revise deployments'), async (run) => {
    const options = plainOptions<ReviseV2Options>(rawOptions);
    const ref = refFromArg(arg) ?? await pickDeployment(run, vscode.l10n.t('Greengrass ML: Revise Deployment'), false);
    if (!ref) return undefined;
    const label = ref.name ?? ref.deploymentId;
    let source = options.source;
    let folder = options.folder;
    if (!source) {
      const folders = await findMigrationFolders();
      const same = { label: `$(debug-restart) ${vscode.l10n.t('Deploy the same components again')}`, description: vscode.l10n.t('a new revision to the same target'), source: 'same' as const };
      const file = { label: `$(file-code) ${vscode.l10n.t("Deploy a migration folder's {0}", DEPLOYMENT_FILE)}`, description: vscode.l10n.t('its components and policies, to this deployment\'s target'), source: 'file' as const };
      const choice = await vscode.window.showQuickPick(folders.length ? [same, file] : [same], { title: vscode.l10n.t('Revise {0}', label), placeHolder: vscode.l10n.t('What the new revision deploys') });
      if (!choice) return undefined;
      source = choice.source;
    }
    let request: Record<string, unknown> | undefined;
    if (source === 'file') {
      folder ??= await resolveMigrationFolder(undefined, vscode.l10n.t('Revise {0} from {1}', label, DEPLOYMENT_FILE));
      if (!folder) return undefined;
      const file = path.join(folder, DEPLOYMENT_FILE);
      const text = await vscodeGroupIo.readFile(file);
      try {
        if (text === undefined) throw new Error(vscode.l10n.t('The migration folder has no {0}: {1}', DEPLOYMENT_FILE, vscode.workspace.asRelativePath(folder)));
        request = parseDeploymentFile(text, file).request;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(message);
        return { kind: 'failed', message };
      }
    }
    if (folder) feature.diagnostics.clearFolder(folder);
    const ran = await run.cloud({ title: vscode.l10n.t('Revising {0}', label), cancellable: true, logAs: `Revise deployment ${ref.deploymentId}` },
      async (cloud, step): Promise<V2DeployCommandResult> => {
        step.progress.report({ message: vscode.l10n.t('Creating the new revision') });
        const created = await cloud.aws.reviseV2Deployment(cloud.clients, ref.deploymentId, request ? { request: request as unknown as CreateDeploymentCommandInput } : {});
        feature.log.info(`Deployment ${ref.deploymentId} revised as ${created.deploymentId} (${created.targetArn})`);
        // The V2 view shows the new revision at once (the older one inactive); its rows follow the devices while shown.
        feature.v2Explorer.refresh(created.targetArn);
        if (options.watch === false) return { kind: 'deployed', deploymentId: created.deploymentId, targetArn: created.targetArn, message: vscode.l10n.t('New revision created: {0}', created.deploymentId) };
        const outcome = await watchWithProgress(feature, cloud, created.deploymentId, step, options.watchTimeoutSeconds);
        return { kind: 'deployed', deploymentId: created.deploymentId, targetArn: created.targetArn, outcome, message: '' };
      });
    if (!ran) return undefined;
    if (!ran.ok) return { kind: ran.cancelled ? 'cancelled' : 'failed', message: ran.message };
    const result = ran.value;
    if (result.outcome && result.targetArn) feature.v2Explorer.refresh(result.targetArn);
    if (result.outcome) result.message = await reportV2Outcome(feature, await loadAwsLayer(), result.outcome, { kind: 'revision', name: label }, folder);
    else void vscode.window.showInformationMessage(result.message);
    return result;
  });
}

export const v2DeploymentCommands: Record<string, CommandFactory> = {
  'greengrassMl.cancelDeployment': (f) => (arg?: unknown, options?: unknown) => cancelV2DeploymentCommand(f, arg, options),
  'greengrassMl.reviseDeployment': (f) => (arg?: unknown, options?: unknown) => reviseV2DeploymentCommand(f, arg, options),
};
