// Deploy to Thing Group (V2): CreateDeployment from a migration folder's deployment.json (its placeholder target
// resolved by the caller and written back into the file), a cancellable watch of the deployment and of each targeted
// core device's effective deployment until every device succeeded or failed or the time limit passed; Cancel; Revise
// (a new revision to the same target, from the deployment's own components or from deployment.json).
import { randomUUID } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { join } from 'node:path';
import {
  CancelDeploymentCommand, CreateDeploymentCommand, GetDeploymentCommand, ListCoreDevicesCommand, ListDeploymentsCommand,
  ListEffectiveDeploymentsCommand,
} from '@aws-sdk/client-greengrassv2';
import type { CreateDeploymentCommandInput, Deployment, EffectiveDeployment, GetDeploymentCommandOutput } from '@aws-sdk/client-greengrassv2';
import { DescribeThingCommand, ListThingGroupsCommand } from '@aws-sdk/client-iot';
import { deviceSettled, watchStatus } from '../../core/deploy/status';
import type { AbortLike, Backoff, WatchOutcome } from '../../core/deploy/status';
import { parseArn } from '../../core/model';
import { DEPLOYMENT_FILE, isPlaceholderTarget, parseDeploymentFile, setJsonValue } from '../../core/v2/migrationFolder';
import type { AwsClients } from '../clients';
import { ShipError, nodeGroupIo, shipAwsError } from '../deploy';
import type { GroupIo } from '../deploy';
import { asShipError, errorName, mapLimit, readRequired } from './common';

/** Devices whose effective deployments are read at once. */
const CONCURRENCY = 8;
/** The most core devices a watch follows (ListCoreDevices pages of 100). */
export const MAX_WATCHED_DEVICES = 5_000;

export interface CreatedV2Deployment {
  deploymentId: string;
  targetArn: string;
  iotJobId?: string | undefined;
}

/** CreateDeployment with a client token; the request as the file or the previous deployment gives it. */
export async function createV2Deployment(clients: AwsClients, request: CreateDeploymentCommandInput, doing = l10n.t('Creating the deployment')): Promise<CreatedV2Deployment> {
  try {
    const out = await clients.greengrassV2().send(new CreateDeploymentCommand({ ...request, clientToken: request.clientToken ?? randomUUID() }));
    if (!out.deploymentId) throw new ShipError(l10n.t('The cloud answered CreateDeployment without a deployment id: {0}', request.targetArn ?? ''));
    return { deploymentId: out.deploymentId, targetArn: request.targetArn ?? '', iotJobId: out.iotJobId };
  } catch (error) {
    throw shipAwsError(error, doing, 'CreateDeployment');
  }
}

export interface DeployFolderOptions {
  io?: GroupIo | undefined;
  /** The target to deploy to; written into deployment.json when it differs (the placeholder resolved). */
  targetArn?: string | undefined;
  clientToken?: string | undefined;
  log?: ((line: string) => void) | undefined;
}

/** Creates the deployment that a migration folder's deployment.json describes. */
export async function deployMigrationFolder(clients: AwsClients, folder: string, options: DeployFolderOptions = {}): Promise<CreatedV2Deployment & { file: string }> {
  const io = options.io ?? nodeGroupIo;
  const file = join(folder, DEPLOYMENT_FILE);
  let text = await readRequired(io, file, DEPLOYMENT_FILE);
  let parsed = asShipError(() => parseDeploymentFile(text, file));
  if (options.targetArn && options.targetArn !== parsed.targetArn) {
    await io.editFile(file, (t) => setJsonValue(t, ['targetArn'], options.targetArn));
    options.log?.(`${DEPLOYMENT_FILE}: targetArn set to ${options.targetArn}`);
    text = await readRequired(io, file, DEPLOYMENT_FILE);
    parsed = asShipError(() => parseDeploymentFile(text, file));
  }
  if (isPlaceholderTarget(parsed.targetArn)) {
    throw new ShipError(l10n.t('{0} still targets the placeholder; choose a thing group or core device to deploy to: {1}', DEPLOYMENT_FILE, parsed.targetArn), 'input');
  }
  const created = await createV2Deployment(clients, { ...(parsed.request as unknown as CreateDeploymentCommandInput), ...(options.clientToken ? { clientToken: options.clientToken } : {}) });
  options.log?.(`Deployment ${created.deploymentId} created for ${parsed.targetArn}`);
  return { ...created, file };
}

/** A deployment's details (GetDeployment). */
export async function getV2Deployment(clients: AwsClients, deploymentId: string): Promise<GetDeploymentCommandOutput> {
  try {
    return await clients.greengrassV2().send(new GetDeploymentCommand({ deploymentId }));
  } catch (error) {
    throw shipAwsError(error, l10n.t('Reading deployment {0}', deploymentId), 'GetDeployment');
  }
}

/** Cancels an active deployment; one that is not active is refused with its status. */
export async function cancelV2Deployment(clients: AwsClients, deploymentId: string): Promise<string> {
  try {
    const out = await clients.greengrassV2().send(new CancelDeploymentCommand({ deploymentId }));
    return out.message ?? `The deployment was canceled: ${deploymentId}`;
  } catch (error) {
    if (errorName(error) === 'ConflictException') {
      const status = await getV2Deployment(clients, deploymentId).then((d) => d.deploymentStatus).catch(() => undefined);
      throw new ShipError(l10n.t('Only an active deployment can be canceled; this one is {0}. Refresh the Greengrass V2 view: {1}', status ?? l10n.t('no longer active'), deploymentId), 'input', { cause: error });
    }
    throw shipAwsError(error, l10n.t('Canceling deployment {0}', deploymentId), 'CancelDeployment');
  }
}

export interface ReviseOptions {
  /** The components of the new revision (default: the deployment's own). */
  components?: Record<string, unknown> | undefined;
  /** The whole request of the new revision (deployment.json); its target is replaced by the deployment's. */
  request?: CreateDeploymentCommandInput | undefined;
  clientToken?: string | undefined;
}

/** A new revision to the same target as an existing deployment: its components, policies and job configuration, or `request`. */
export async function reviseV2Deployment(clients: AwsClients, deploymentId: string, options: ReviseOptions = {}): Promise<CreatedV2Deployment & { previous: Deployment }> {
  const previous = await getV2Deployment(clients, deploymentId);
  if (!previous.targetArn) throw new ShipError(l10n.t('The deployment has no target to deploy to again: {0}', deploymentId));
  const request: CreateDeploymentCommandInput = options.request ? { ...options.request, targetArn: previous.targetArn } : {
    targetArn: previous.targetArn,
    ...(previous.deploymentName ? { deploymentName: previous.deploymentName } : {}),
    components: (options.components ?? previous.components ?? {}) as CreateDeploymentCommandInput['components'],
    ...(previous.deploymentPolicies ? { deploymentPolicies: previous.deploymentPolicies } : {}),
    ...(previous.iotJobConfiguration ? { iotJobConfiguration: previous.iotJobConfiguration } : {}),
    ...(previous.parentTargetArn ? { parentTargetArn: previous.parentTargetArn } : {}),
  };
  const created = await createV2Deployment(clients, { ...request, ...(options.clientToken ? { clientToken: options.clientToken } : {}) }, l10n.t('Revising the deployment'));
  return { ...created, previous };
}

/** What a pick of deployment targets offers: thing groups and core devices. */
export interface TargetChoice {
  kind: 'thingGroup' | 'coreDevice';
  name: string;
  arn?: string | undefined;
  detail?: string | undefined;
}

/** Thing groups (IoT ListThingGroups) and core devices (ListCoreDevices), at most `limit` of each. */
export async function listDeploymentTargets(clients: AwsClients, limit = 200): Promise<TargetChoice[]> {
  const out: TargetChoice[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const page = await clients.iot().send(new ListThingGroupsCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
      for (const g of page.thingGroups ?? []) if (g.groupName) out.push({ kind: 'thingGroup', name: g.groupName, arn: g.groupArn });
      nextToken = page.nextToken;
    } while (nextToken && out.length < limit);
  } catch (error) {
    throw shipAwsError(error, l10n.t('Listing the thing groups'), 'ListThingGroups');
  }
  const groups = out.length;
  try {
    let nextToken: string | undefined;
    do {
      const page = await clients.greengrassV2().send(new ListCoreDevicesCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
      for (const d of page.coreDevices ?? []) {
        if (d.coreDeviceThingName) out.push({ kind: 'coreDevice', name: d.coreDeviceThingName, detail: [d.status, d.platform, d.architecture].filter(Boolean).join(' · ') });
      }
      nextToken = page.nextToken;
    } while (nextToken && out.length - groups < limit);
  } catch (error) {
    throw shipAwsError(error, l10n.t('Listing the core devices'), 'ListCoreDevices');
  }
  return out;
}

/** The thing ARN of a core device (IoT DescribeThing). */
export async function coreDeviceThingArn(clients: AwsClients, thingName: string): Promise<string> {
  try {
    const out = await clients.iot().send(new DescribeThingCommand({ thingName }));
    if (!out.thingArn) throw new ShipError(l10n.t('AWS IoT answered DescribeThing without an ARN: {0}', thingName));
    return out.thingArn;
  } catch (error) {
    throw shipAwsError(error, l10n.t('Reading the IoT thing of core device {0}', thingName), 'DescribeThing');
  }
}

/** The ACTIVE (or any) latest deployments of the account, for a pick. */
export async function listV2Deployments(clients: AwsClients, limit = 200): Promise<{ deploymentId: string; targetArn: string; name?: string | undefined; status?: string | undefined; revisionId?: string | undefined }[]> {
  const out: { deploymentId: string; targetArn: string; name?: string | undefined; status?: string | undefined; revisionId?: string | undefined }[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const page = await clients.greengrassV2().send(new ListDeploymentsCommand({ historyFilter: 'LATEST_ONLY', maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
      for (const d of page.deployments ?? []) {
        if (d.deploymentId && d.targetArn) out.push({ deploymentId: d.deploymentId, targetArn: d.targetArn, name: d.deploymentName, status: d.deploymentStatus, revisionId: d.revisionId });
      }
      nextToken = page.nextToken;
    } while (nextToken && out.length < limit);
  } catch (error) {
    throw shipAwsError(error, l10n.t('Listing the deployments'), 'ListDeployments');
  }
  return out;
}

// ------------------------------------------------------------------------------------------------------- watching

/** Where one core device stands with the watched deployment. */
export interface DeviceProgress {
  device: string;
  /** QUEUED, IN_PROGRESS, SUCCEEDED, FAILED, … or WAITING before the device has the deployment. */
  status: string;
  reason?: string | undefined;
  errorStack?: string[] | undefined;
  errorTypes?: string[] | undefined;
}

export { deviceSettled };

export interface V2WatchOptions {
  timeoutMs: number;
  signal?: AbortLike | undefined;
  backoff?: Backoff | undefined;
  /** Called when any device's status changes, with every device's. */
  onProgress?: ((devices: readonly DeviceProgress[], deploymentStatus: string | undefined) => void) | undefined;
  now?: (() => number) | undefined;
  sleep?: ((ms: number, signal?: AbortLike) => Promise<void>) | undefined;
}

export interface V2WatchOutcome extends WatchOutcome {
  deploymentId: string;
  targetArn: string;
  /** The deployment's own status at the last poll (ACTIVE, COMPLETED, FAILED, CANCELED, INACTIVE). */
  deploymentStatus?: string | undefined;
  devices: DeviceProgress[];
}

/** The core devices a target reaches: the members of a thing group that are core devices, or the one thing. */
export async function targetCoreDevices(clients: AwsClients, targetArn: string): Promise<string[]> {
  const arn = parseArn(targetArn);
  const thing = arn?.service === 'iot' ? /^thing\/(.+)$/.exec(arn.resource)?.[1] : undefined;
  if (thing) return [thing];
  const names: string[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const page = await clients.greengrassV2().send(new ListCoreDevicesCommand({ thingGroupArn: targetArn, maxResults: 100, ...(nextToken ? { nextToken } : {}) }));
      for (const d of page.coreDevices ?? []) if (d.coreDeviceThingName) names.push(d.coreDeviceThingName);
      nextToken = page.nextToken;
    } while (nextToken && names.length < MAX_WATCHED_DEVICES);
  } catch (error) {
    throw shipAwsError(error, l10n.t('Listing the core devices of the target'), 'ListCoreDevices');
  }
  return names;
}

/** The device's effective deployment for `deploymentId` (the newest pages first); undefined while it has none. */
async function effectiveFor(clients: AwsClients, device: string, deploymentId: string): Promise<EffectiveDeployment | undefined> {
  let nextToken: string | undefined;
  for (let page = 0; page < 3; page++) {
    const out = await clients.greengrassV2().send(new ListEffectiveDeploymentsCommand({ coreDeviceThingName: device, maxResults: 50, ...(nextToken ? { nextToken } : {}) }));
    const found = out.effectiveDeployments?.find((e) => e.deploymentId === deploymentId);
    if (found) return found;
    nextToken = out.nextToken;
    if (!nextToken) return undefined;
  }
  return undefined;
}

/**
 * Follows a deployment until every targeted core device succeeded or failed with it, the deployment itself ended
 * (canceled, replaced by a newer one), the time limit passed or the signal aborted. Polls with the shared back-off
 * (watchStatus); never throws for those endings: the outcome says what happened, per device.
 */
export async function watchV2Deployment(clients: AwsClients, deploymentId: string, options: V2WatchOptions): Promise<V2WatchOutcome> {
  const devices = new Map<string, DeviceProgress>();
  let targetArn = '';
  let deploymentStatus: string | undefined;
  let listed = false;
  const snapshot = (): DeviceProgress[] => [...devices.values()].map((d) => ({ ...d }));

  const outcome = await watchStatus(async () => {
    const d = await getV2Deployment(clients, deploymentId);
    targetArn = d.targetArn ?? targetArn;
    deploymentStatus = d.deploymentStatus;
    // The target's devices: listed once, again while there are none (a device may join).
    if (!listed || devices.size === 0) {
      for (const name of await targetCoreDevices(clients, targetArn)) if (!devices.has(name)) devices.set(name, { device: name, status: 'WAITING' });
      listed = true;
    }
    const open = [...devices.values()].filter((p) => !deviceSettled(p.status));
    let changed = false;
    await mapLimit(open, CONCURRENCY, async (p) => {
      let e: EffectiveDeployment | undefined;
      try {
        e = await effectiveFor(clients, p.device, deploymentId);
      } catch (error) {
        throw shipAwsError(error, l10n.t('Reading the deployments of core device {0}', p.device), 'ListEffectiveDeployments');
      }
      const status = e?.coreDeviceExecutionStatus ?? 'WAITING';
      if (status !== p.status) changed = true;
      p.status = status;
      if (e?.reason && deviceSettled(status) === 'failed') p.reason = e.reason;
      if (e?.statusDetails?.errorStack?.length) p.errorStack = e.statusDetails.errorStack;
      if (e?.statusDetails?.errorTypes?.length) p.errorTypes = e.statusDetails.errorTypes;
    });
    if (changed) options.onProgress?.(snapshot(), deploymentStatus);
    const all = [...devices.values()];
    const failed = all.filter((p) => deviceSettled(p.status) === 'failed');
    const done = all.filter((p) => deviceSettled(p.status)).length;
    const ended = deploymentStatus === 'CANCELED' || deploymentStatus === 'INACTIVE' || deploymentStatus === 'FAILED' || deploymentStatus === 'COMPLETED';
    let status: string;
    if (all.length === 0) status = ended ? deploymentStatus ?? 'ENDED' : 'NO_DEVICES';
    else if (done === all.length) status = failed.length ? 'FAILED' : 'SUCCEEDED';
    else if (deploymentStatus === 'CANCELED' || deploymentStatus === 'INACTIVE') status = deploymentStatus;
    else status = `IN_PROGRESS ${done}/${all.length}`;
    const errorMessage = failed.length ? failed.map((p) => `${p.device}: ${p.reason ?? p.status}`).join('; ') : undefined;
    return { status, ...(errorMessage ? { errorMessage } : {}) };
  }, {
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    classify: (s) => (s === 'SUCCEEDED' || s === 'NO_DEVICES' || s === 'COMPLETED' ? 'success'
      : s === 'FAILED' || s === 'CANCELED' || s === 'INACTIVE' || s === 'ENDED' ? 'failure' : 'pending'),
  });
  return { ...outcome, deploymentId, targetArn, ...(deploymentStatus ? { deploymentStatus } : {}), devices: snapshot() };
}

/** What a V2 watch followed, so that each outcome is one whole sentence a translation can order freely. */
export type V2OutcomeSubject =
  | { kind: 'deployment'; name?: string | undefined }
  | { kind: 'revision'; name: string };

export interface DescribeV2OutcomeOptions {
  /** Whether the failed components are marked in the Problems view (the sentence then points there); default true. */
  failuresInProblems?: boolean | undefined;
}

/** One sentence for the user on how a watch ended; the per-device reasons of a failure last. */
export function describeV2Outcome(o: V2WatchOutcome, subject: V2OutcomeSubject = { kind: 'deployment' }, options: DescribeV2OutcomeOptions = {}): string {
  const secs = Math.round(o.elapsedMs / 1000);
  const n = o.devices.length;
  const ok = o.devices.filter((d) => deviceSettled(d.status) === 'succeeded').length;
  const failed = o.devices.filter((d) => deviceSettled(d.status) === 'failed');
  const waiting = n - ok - failed.length;
  /** The sentence for this subject: the deployment, the deployment of a folder, or the new revision of a deployment. */
  const says = (plain: () => string, of: (name: string) => string, revision: (name: string) => string): string =>
    subject.kind === 'revision' ? revision(subject.name) : subject.name !== undefined ? of(subject.name) : plain();
  switch (o.result) {
    case 'success':
      if (n === 0) {
        return says(
          () => l10n.t('The deployment was created, but its target has no core devices yet; a core device that joins the thing group takes it: {0}', o.targetArn),
          (x) => l10n.t('The deployment of {0} was created, but its target has no core devices yet; a core device that joins the thing group takes it: {1}', x, o.targetArn),
          (x) => l10n.t('The new revision of {0} was created, but its target has no core devices yet; a core device that joins the thing group takes it: {1}', x, o.targetArn));
      }
      if (n === 1) {
        return says(
          () => l10n.t('The deployment succeeded on the core device (after {0} s).', secs),
          (x) => l10n.t('The deployment of {0} succeeded on the core device (after {1} s).', x, secs),
          (x) => l10n.t('The new revision of {0} succeeded on the core device (after {1} s).', x, secs));
      }
      return says(
        () => l10n.t('The deployment succeeded on all {0} core devices (after {1} s).', n, secs),
        (x) => l10n.t('The deployment of {0} succeeded on all {1} core devices (after {2} s).', x, n, secs),
        (x) => l10n.t('The new revision of {0} succeeded on all {1} core devices (after {2} s).', x, n, secs));
    case 'failure': {
      if (o.status === 'CANCELED') {
        return says(
          () => l10n.t('The deployment was canceled before every device finished ({0} of {1} succeeded): {2}', ok, n, o.deploymentId),
          (x) => l10n.t('The deployment of {0} was canceled before every device finished ({1} of {2} succeeded): {3}', x, ok, n, o.deploymentId),
          (x) => l10n.t('The new revision of {0} was canceled before every device finished ({1} of {2} succeeded): {3}', x, ok, n, o.deploymentId));
      }
      if (o.status === 'INACTIVE') {
        return says(
          () => l10n.t('The deployment was replaced by a newer deployment to the same target before every device finished: {0}', o.deploymentId),
          (x) => l10n.t('The deployment of {0} was replaced by a newer deployment to the same target before every device finished: {1}', x, o.deploymentId),
          (x) => l10n.t('The new revision of {0} was replaced by a newer deployment to the same target before every device finished: {1}', x, o.deploymentId));
      }
      const reasons = failed.map((d) => `${d.device}: ${d.reason ?? d.status}`).join('; ');
      if (options.failuresInProblems ?? true) {
        return says(
          () => l10n.t('The deployment failed on {0} of {1} core device(s); see Problems for the components it names: {2}', failed.length, n, reasons),
          (x) => l10n.t('The deployment of {0} failed on {1} of {2} core device(s); see Problems for the components it names: {3}', x, failed.length, n, reasons),
          (x) => l10n.t('The new revision of {0} failed on {1} of {2} core device(s); see Problems for the components it names: {3}', x, failed.length, n, reasons));
      }
      return says(
        () => l10n.t('The deployment failed on {0} of {1} core device(s): {2}', failed.length, n, reasons),
        (x) => l10n.t('The deployment of {0} failed on {1} of {2} core device(s): {3}', x, failed.length, n, reasons),
        (x) => l10n.t('The new revision of {0} failed on {1} of {2} core device(s): {3}', x, failed.length, n, reasons));
    }
    case 'timeout':
      return says(
        () => l10n.t('The deployment is still running on {0} of {1} core device(s) after {2} s ({3} succeeded, {4} failed); stopped watching, it continues in the cloud: {5}.', waiting, n, secs, ok, failed.length, o.deploymentId),
        (x) => l10n.t('The deployment of {0} is still running on {1} of {2} core device(s) after {3} s ({4} succeeded, {5} failed); stopped watching, it continues in the cloud: {6}.', x, waiting, n, secs, ok, failed.length, o.deploymentId),
        (x) => l10n.t('The new revision of {0} is still running on {1} of {2} core device(s) after {3} s ({4} succeeded, {5} failed); stopped watching, it continues in the cloud: {6}.', x, waiting, n, secs, ok, failed.length, o.deploymentId));
    case 'cancelled':
      return l10n.t('Stopped watching; this undoes nothing, the deployment continues in the cloud ({0} of {1} device(s) succeeded so far). To stop it, use Cancel Deployment: {2}', ok, n, o.deploymentId);
    case 'error':
      return l10n.t('Could not read the progress of the deployment; it may still be running in the cloud: {0}', o.error instanceof Error ? o.error.message : String(o.error));
  }
}
