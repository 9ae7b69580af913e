// Deploy a group folder: new definition versions (reusing the definitions recorded in the manifest, creating
// them the first time), a group version (creating the group the first time), a deployment with a client token,
// then the ids recorded in the manifest with its formatting kept. Also: watching, redeploying, resetting.
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import {
  CreateCoreDefinitionCommand, CreateCoreDefinitionVersionCommand, CreateDeploymentCommand, CreateDeviceDefinitionCommand,
  CreateDeviceDefinitionVersionCommand, CreateFunctionDefinitionCommand, CreateFunctionDefinitionVersionCommand, CreateGroupCommand,
  CreateGroupVersionCommand, CreateResourceDefinitionCommand, CreateResourceDefinitionVersionCommand, CreateSubscriptionDefinitionCommand,
  CreateSubscriptionDefinitionVersionCommand, GetDeploymentStatusCommand, GetGroupCommand, ResetDeploymentsCommand,
} from '@aws-sdk/client-greengrass';
import type { GreengrassClient } from '@aws-sdk/client-greengrass';
import { GreengrassExplorerService } from './greengrass';
import type { AwsClients } from './clients';
import { AwsError, describeAwsError } from './errors';
import {
  DEFINITION_API, MANIFEST_DEFINITION_KEYS, applyTextEdits, groupSourceFiles, readGroupFiles, recordCloudIds, resolveNextTo,
  watchStatus,
} from '../core/deploy';
import { describeLintBlock, groupLintErrors } from '../core/deploy/lint';
import type { CloudIds, ManifestDefinitionKey, GroupFiles, WatchOptions, WatchOutcome } from '../core/deploy';
import type { Finding, LintOptions, SourceFile, TextEdit } from '../core/lint';
import type { FileDefinitionKind } from '../core/model';

/** How the deploy flow reads and edits the group's files: the file system here, open editors in VS Code. */
export interface GroupIo {
  /** The file's text, or undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Reads the current text, computes edits from it and applies them (an edit of nothing writes nothing). */
  editFile(path: string, change: (text: string) => TextEdit[]): Promise<void>;
}

export const nodeGroupIo: GroupIo = {
  async readFile(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  async editFile(path, change) {
    const text = await readFile(path, 'utf8');
    const edits = change(text);
    if (edits.length) await writeFile(path, applyTextEdits(text, edits), 'utf8');
  },
};

/** A cloud or file problem of the ship commands, with the message the user should see. */
export class ShipError extends Error {
  constructor(
    message: string,
    readonly kind: 'notSupported' | 'input' | 'aws' | 'cancelled' = 'aws',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ShipError';
  }
}

/** Wraps an SDK error into a user-facing one that names what was being done. */
export function shipAwsError(error: unknown, doing: string, operation: string): ShipError {
  if (error instanceof ShipError) return error;
  const info = error instanceof AwsError ? error.info : describeAwsError(error, { operation, endpoint: process.env['AWS_ENDPOINT_URL'] });
  if (info.kind === 'notImplemented') {
    return new ShipError(l10n.t('{0} is not supported by this endpoint (it works against AWS itself): {1}', doing, operation), 'notSupported', { cause: error });
  }
  return new ShipError(l10n.t('{0} failed. {1}', doing, info.message), 'aws', { cause: error });
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name === 'NotFoundException' || e?.name === 'IdNotFoundException') return true;
  const info = describeAwsError(error);
  return info.kind === 'notFound' && e?.$metadata?.httpStatusCode === 404;
}

interface DefinitionVersionOut { id: string; versionArn: string; created: boolean }

type Sender = GreengrassClient['send'];
/** The version bodies come from the user's files as they are: the service validates them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

async function createDefinition(send: Sender, kind: ManifestDefinitionKey, name: string, version: Record<string, unknown>): Promise<{ Id?: string; LatestVersionArn?: string }> {
  const v = version as Loose;
  switch (kind) {
    case 'core': return send(new CreateCoreDefinitionCommand({ Name: name, InitialVersion: v }));
    case 'functions': return send(new CreateFunctionDefinitionCommand({ Name: name, InitialVersion: v }));
    case 'resources': return send(new CreateResourceDefinitionCommand({ Name: name, InitialVersion: v }));
    case 'subscriptions': return send(new CreateSubscriptionDefinitionCommand({ Name: name, InitialVersion: v }));
    case 'devices': return send(new CreateDeviceDefinitionCommand({ Name: name, InitialVersion: v }));
  }
}

async function createDefinitionVersion(send: Sender, kind: ManifestDefinitionKey, id: string, version: Record<string, unknown>): Promise<{ Arn?: string }> {
  const v = version as Loose;
  switch (kind) {
    case 'core': return send(new CreateCoreDefinitionVersionCommand({ ...v, CoreDefinitionId: id }));
    case 'functions': return send(new CreateFunctionDefinitionVersionCommand({ ...v, FunctionDefinitionId: id }));
    case 'resources': return send(new CreateResourceDefinitionVersionCommand({ ...v, ResourceDefinitionId: id }));
    case 'subscriptions': return send(new CreateSubscriptionDefinitionVersionCommand({ ...v, SubscriptionDefinitionId: id }));
    case 'devices': return send(new CreateDeviceDefinitionVersionCommand({ ...v, DeviceDefinitionId: id }));
  }
}

/** What deploy was doing with a definition, for its error: each kind in its own words, so a translation inflects it. */
function creatingDefinition(kind: FileDefinitionKind, newVersion: boolean): string {
  switch (kind) {
    case 'core': return newVersion ? l10n.t('Creating a new version of the core definition') : l10n.t('Creating the core definition');
    case 'function': return newVersion ? l10n.t('Creating a new version of the function definition') : l10n.t('Creating the function definition');
    case 'resource': return newVersion ? l10n.t('Creating a new version of the resource definition') : l10n.t('Creating the resource definition');
    case 'subscription': return newVersion ? l10n.t('Creating a new version of the subscription definition') : l10n.t('Creating the subscription definition');
    case 'device': return newVersion ? l10n.t('Creating a new version of the device definition') : l10n.t('Creating the device definition');
  }
}

async function definitionVersion(
  gg: GreengrassClient, group: GroupFiles, kind: ManifestDefinitionKey, log: (line: string) => void,
): Promise<DefinitionVersionOut | undefined> {
  const def = group.definitions[kind];
  if (!def) return undefined;
  const api = DEFINITION_API[kind];
  const send: Sender = gg.send.bind(gg);
  const recorded = group.manifest.cloud?.[api.cloudKey];
  if (recorded) {
    try {
      const out = await createDefinitionVersion(send, kind, recorded, def.version);
      if (!out.Arn) throw new ShipError(l10n.t('The cloud answered Create{0}Version without a version ARN: {1}', api.apiName, recorded));
      return { id: recorded, versionArn: out.Arn, created: false };
    } catch (error) {
      if (!isNotFound(error)) throw shipAwsError(error, creatingDefinition(api.kind, true), `Create${api.apiName}Version`);
      log(`The ${api.label} recorded in the manifest no longer exists in the cloud; creating a new one: ${recorded}`);
    }
  }
  const name = def.name ?? `${group.manifest.name}-${kind}`;
  try {
    const out = await createDefinition(send, kind, name, def.version);
    if (!out.Id || !out.LatestVersionArn) throw new ShipError(l10n.t('The cloud answered Create{0} without an id or version: {1}', api.apiName, name));
    return { id: out.Id, versionArn: out.LatestVersionArn, created: true };
  } catch (error) {
    throw shipAwsError(error, creatingDefinition(api.kind, false), `Create${api.apiName}`);
  }
}

export interface DeployOptions {
  io?: GroupIo;
  /** Idempotency token of CreateDeployment (a new one per deploy by default). */
  clientToken?: string;
  /** Deploy even when the group's files have lint errors. */
  skipLint?: boolean;
  lintOptions?: LintOptions;
  /** The lint gate's check: the error findings of these files (default: the engine, here). The editor asks its language server. */
  lint?: (files: SourceFile[]) => Promise<Finding[]>;
  /** Short steps for a progress notification. */
  onProgress?: (message: string) => void;
  log?: (line: string) => void;
  /** Stops before the deployment is created (nothing already created is undone). */
  signal?: AbortSignal;
  /**
   * Leaves the ids for the caller to write with the deployment's, so that a deploy edits the manifest once. They are
   * still written at once when the deploy stops or fails before that, so the next deploy reuses what was created.
   */
  recordLater?: boolean;
}

export interface Deployed {
  kind: 'deployed';
  group: GroupFiles;
  groupId: string;
  groupVersionId: string;
  deploymentId: string;
  deploymentArn?: string;
  /** Every id written to the manifest's `cloud`. */
  cloud: Partial<CloudIds>;
  /** Definitions created by this deploy (the others got new versions). */
  createdDefinitions: ManifestDefinitionKey[];
  createdGroup: boolean;
}

export interface Blocked {
  kind: 'blocked';
  group: GroupFiles;
  findings: Finding[];
  message: string;
}

export type DeployResult = Deployed | Blocked;

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Reads the group and lints it; the error findings that block a deploy. */
export async function checkGroup(
  manifestPath: string, io: GroupIo = nodeGroupIo, lintOptions?: LintOptions, lint?: DeployOptions['lint'],
): Promise<{ group: GroupFiles; errors: Finding[] }> {
  const group = await readGroupFiles(manifestPath, (p) => io.readFile(p));
  const files = groupSourceFiles(group);
  const policy = group.manifest.serviceRolePolicy;
  if (typeof policy === 'string' && policy) {
    const path = resolveNextTo(manifestPath, policy);
    const text = await io.readFile(path);
    if (text !== undefined) files.push({ path, text });
  }
  return { group, errors: lint ? await lint(files) : groupLintErrors(files, lintOptions) };
}

export interface Prepared {
  kind: 'prepared';
  group: GroupFiles;
  groupId: string;
  groupVersionId: string;
  /** Every id written to the manifest's `cloud` so far. */
  cloud: Partial<CloudIds>;
  createdDefinitions: ManifestDefinitionKey[];
  createdGroup: boolean;
  /** Writes more ids into the manifest's `cloud` (formatting kept). */
  record(ids: Partial<CloudIds>): Promise<void>;
}

/**
 * Everything of a deploy up to the deployment: lint gate, definition versions (reusing the recorded definitions,
 * creating them the first time), the group (the first time) and a group version; the ids go into the manifest.
 */
export async function prepareGroupVersion(clients: AwsClients, manifestPath: string, options: DeployOptions = {}): Promise<Prepared | Blocked> {
  const io = options.io ?? nodeGroupIo;
  const log = options.log ?? ((): void => undefined);
  const progress = options.onProgress ?? ((): void => undefined);
  progress(l10n.t('Checking the group files'));
  const { group, errors } = await checkGroup(manifestPath, io, options.lintOptions, options.lint);
  if (errors.length && !options.skipLint) {
    return { kind: 'blocked', group, findings: errors, message: describeLintBlock(errors, baseName) };
  }
  const gg = clients.greengrass();
  const abortIfAsked = (): void => {
    if (options.signal?.aborted) throw new ShipError(l10n.t('Deploy was cancelled before the deployment was created; the definitions and group version made so far stay in the cloud.'), 'cancelled');
  };

  progress(l10n.t('Creating definition versions'));
  const kinds = MANIFEST_DEFINITION_KEYS.filter((k) => group.definitions[k]);
  const versions = await Promise.all(kinds.map((k) => definitionVersion(gg, group, k, log)));
  const cloud: Partial<CloudIds> = {};
  const groupVersionInput: Record<string, string> = {};
  const createdDefinitions: ManifestDefinitionKey[] = [];
  kinds.forEach((k, i) => {
    const v = versions[i];
    if (!v) return;
    cloud[DEFINITION_API[k].cloudKey] = v.id;
    groupVersionInput[DEFINITION_API[k].groupVersionKey] = v.versionArn;
    if (v.created) createdDefinitions.push(k);
  });
  for (const k of createdDefinitions) log(`Created the ${DEFINITION_API[k].label}: ${cloud[DEFINITION_API[k].cloudKey] ?? ''}`);

  // Record what exists as soon as it exists: a failed deploy must not create the definitions again next time.
  const record = (ids: Partial<CloudIds>): Promise<void> => io.editFile(manifestPath, (text) => recordCloudIds(text, ids).edits);
  const failing = async (error: unknown, doing: string, operation: string): Promise<never> => {
    await record(cloud);
    throw error instanceof ShipError ? error : shipAwsError(error, doing, operation);
  };
  if (options.signal?.aborted) await failing(new ShipError(l10n.t('Deploy was cancelled before the deployment was created; the definitions made so far stay in the cloud.'), 'cancelled'), '', '');

  progress(l10n.t('Creating the group version'));
  let groupId = group.manifest.cloud?.groupId;
  let createdGroup = false;
  if (groupId) {
    try {
      await gg.send(new GetGroupCommand({ GroupId: groupId }));
    } catch (error) {
      if (!isNotFound(error)) await failing(error, l10n.t('Reading the group'), 'GetGroup');
      log(`The group recorded in the manifest no longer exists in the cloud; creating a new one: ${groupId}`);
      groupId = undefined;
    }
  }
  if (!groupId) {
    try {
      const out = await gg.send(new CreateGroupCommand({ Name: group.manifest.name }));
      if (!out.Id) throw new ShipError(l10n.t('The cloud answered CreateGroup without an id: {0}', group.manifest.name));
      groupId = out.Id;
      createdGroup = true;
      log(`Created the group ${group.manifest.name}: ${groupId}`);
    } catch (error) {
      await failing(error, l10n.t('Creating the group'), 'CreateGroup');
    }
  }
  if (!groupId) throw new ShipError(l10n.t('No group to deploy.'));
  cloud.groupId = groupId;
  let groupVersionId = '';
  try {
    const out = await gg.send(new CreateGroupVersionCommand({ GroupId: groupId, ...groupVersionInput }));
    if (!out.Version) throw new ShipError(l10n.t('The cloud answered CreateGroupVersion without a version id: {0}', groupId));
    groupVersionId = out.Version;
  } catch (error) {
    await failing(error, l10n.t('Creating the group version'), 'CreateGroupVersion');
  }
  cloud.groupVersionId = groupVersionId;
  if (!options.recordLater || options.signal?.aborted) await record(cloud);
  abortIfAsked();
  return { kind: 'prepared', group, groupId, groupVersionId, cloud, createdDefinitions, createdGroup, record };
}

/** The deploy flow behind the Deploy command (and the benchmark): see the file comment. */
export async function deployGroup(clients: AwsClients, manifestPath: string, options: DeployOptions = {}): Promise<DeployResult> {
  const prepared = await prepareGroupVersion(clients, manifestPath, { ...options, recordLater: true });
  if (prepared.kind === 'blocked') return prepared;
  const { group, groupId, groupVersionId, cloud, createdDefinitions, createdGroup } = prepared;
  options.onProgress?.(l10n.t('Creating the deployment'));
  let deployment: Awaited<ReturnType<typeof createDeployment>>;
  try {
    deployment = await createDeployment(clients, groupId, groupVersionId, options.clientToken);
  } catch (error) {
    await prepared.record(cloud);
    throw error;
  }
  cloud.lastDeploymentId = deployment.deploymentId;
  // One edit of the manifest per deploy: every id at once.
  await prepared.record(cloud);
  options.log?.(`Deployment ${deployment.deploymentId} created for group ${groupId}, version ${groupVersionId}`);
  return {
    kind: 'deployed', group, groupId, groupVersionId, deploymentId: deployment.deploymentId,
    ...(deployment.deploymentArn ? { deploymentArn: deployment.deploymentArn } : {}),
    cloud, createdDefinitions, createdGroup,
  };
}

/** CreateDeployment (NewDeployment) of a group version, with a client token. */
export async function createDeployment(clients: AwsClients, groupId: string, groupVersionId: string, clientToken?: string): Promise<{ deploymentId: string; deploymentArn?: string }> {
  try {
    const out = await clients.greengrass().send(new CreateDeploymentCommand({
      GroupId: groupId, GroupVersionId: groupVersionId, DeploymentType: 'NewDeployment', AmznClientToken: clientToken ?? randomUUID(),
    }));
    if (!out.DeploymentId) throw new ShipError(l10n.t('The cloud answered CreateDeployment without a deployment id: {0}', groupId));
    return { deploymentId: out.DeploymentId, ...(out.DeploymentArn ? { deploymentArn: out.DeploymentArn } : {}) };
  } catch (error) {
    throw shipAwsError(error, l10n.t('Creating the deployment'), 'CreateDeployment');
  }
}

/** Deploys a group's latest version as it is in the cloud (a group without a folder in the workspace). */
export async function deployLatestVersion(clients: AwsClients, groupId: string, clientToken?: string): Promise<{ deploymentId: string; groupVersionId: string; name?: string }> {
  let latest: string | undefined;
  let name: string | undefined;
  try {
    const g = await clients.greengrass().send(new GetGroupCommand({ GroupId: groupId }));
    latest = g.LatestVersion;
    name = g.Name;
  } catch (error) {
    throw shipAwsError(error, l10n.t('Reading the group'), 'GetGroup');
  }
  if (!latest) throw new ShipError(l10n.t('The group has no version to deploy: {0}', name ?? groupId), 'input');
  const d = await createDeployment(clients, groupId, latest, clientToken);
  return { deploymentId: d.deploymentId, groupVersionId: latest, ...(name ? { name } : {}) };
}

export type WatchDeploymentOptions = Omit<WatchOptions, 'classify'>;

/** Follows GetDeploymentStatus until Success / Failure, the time limit, cancellation, or repeated errors. */
export function watchDeployment(clients: AwsClients, groupId: string, deploymentId: string, options: WatchDeploymentOptions): Promise<WatchOutcome> {
  const gg = clients.greengrass();
  return watchStatus(async () => {
    const out = await gg.send(new GetDeploymentStatusCommand({ GroupId: groupId, DeploymentId: deploymentId }));
    return {
      status: out.DeploymentStatus ?? 'Unknown',
      ...(out.ErrorMessage ? { errorMessage: out.ErrorMessage } : {}),
      ...(out.ErrorDetails?.length ? { errorDetails: out.ErrorDetails } : {}),
    };
  }, options);
}

/** The group's newest deployment (ListDeployments), or undefined when it was never deployed. */
export function latestDeployment(clients: AwsClients, groupId: string): Promise<{ deploymentId: string; groupVersionId?: string; createdAt?: string } | undefined> {
  return findDeployment(clients, groupId);
}

/** One deployment of the group by id, or the newest when no id is given (ListDeployments, all pages). */
export async function findDeployment(clients: AwsClients, groupId: string, deploymentId?: string): Promise<{ deploymentId: string; groupVersionId?: string; createdAt?: string } | undefined> {
  const greengrass = new GreengrassExplorerService(clients);
  let best: { deploymentId: string; groupVersionId?: string; createdAt?: string } | undefined;
  let token: string | undefined;
  try {
    do {
      const page = await greengrass.listDeployments(groupId, { withStatus: 0, ...(token ? { nextToken: token } : {}) });
      for (const d of page.items) {
        if (!d.deploymentId || (deploymentId && d.deploymentId !== deploymentId)) continue;
        const createdAt = d.createdAt;
        if (!best || (createdAt && (!best.createdAt || Date.parse(createdAt) >= Date.parse(best.createdAt)))) {
          best = { deploymentId: d.deploymentId, ...(d.groupVersionId ? { groupVersionId: d.groupVersionId } : {}), ...(createdAt ? { createdAt } : {}) };
        }
      }
      token = page.nextToken;
    } while (token);
  } catch (error) {
    throw shipAwsError(error, l10n.t('Listing the group\'s deployments'), 'ListDeployments');
  }
  return best;
}

/** Redeploys a deployment (DeploymentType Redeployment); the newest deployment when none is given. */
export async function redeployGroup(
  clients: AwsClients, groupId: string, options: { deploymentId?: string; groupVersionId?: string; clientToken?: string } = {},
): Promise<{ deploymentId: string; redeployedId: string }> {
  let deploymentId = options.deploymentId;
  let groupVersionId = options.groupVersionId;
  if (!deploymentId || !groupVersionId) {
    // The deployment's group version comes from ListDeployments (some endpoints need it with the deployment id).
    const found = await findDeployment(clients, groupId, deploymentId);
    if (!found) {
      throw new ShipError(deploymentId
        ? `The deployment to redeploy was not found in the group's deployments; deploy the group again instead: ${deploymentId}`
        : `The group has never been deployed, so there is nothing to redeploy; deploy it first: ${groupId}`, 'input');
    }
    deploymentId = found.deploymentId;
    groupVersionId ??= found.groupVersionId;
  }
  try {
    const out = await clients.greengrass().send(new CreateDeploymentCommand({
      GroupId: groupId, DeploymentId: deploymentId, DeploymentType: 'Redeployment', AmznClientToken: options.clientToken ?? randomUUID(),
      ...(groupVersionId ? { GroupVersionId: groupVersionId } : {}),
    }));
    if (!out.DeploymentId) throw new ShipError(l10n.t('The cloud answered CreateDeployment without a deployment id: {0}', groupId));
    return { deploymentId: out.DeploymentId, redeployedId: deploymentId };
  } catch (error) {
    throw shipAwsError(error, l10n.t('Redeploying the group'), 'CreateDeployment');
  }
}

/** Resets the group's deployments (ResetDeployments; Force when the core cannot be reached). */
export async function resetDeployments(clients: AwsClients, groupId: string, options: { force?: boolean; clientToken?: string } = {}): Promise<{ deploymentId?: string }> {
  try {
    const out = await clients.greengrass().send(new ResetDeploymentsCommand({
      GroupId: groupId, Force: options.force === true, AmznClientToken: options.clientToken ?? randomUUID(),
    }));
    return out.DeploymentId ? { deploymentId: out.DeploymentId } : {};
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } };
    const status = e?.$metadata?.httpStatusCode ?? e?.$response?.statusCode;
    // An endpoint without the route answers 404 with no Greengrass error name (moto in server mode).
    if (status === 404 && e?.name !== 'NotFoundException' && e?.name !== 'BadRequestException') {
      throw new ShipError(l10n.t('Resetting deployments is not supported by this endpoint (it works against AWS itself): ResetDeployments'), 'notSupported', { cause: error });
    }
    throw shipAwsError(error, l10n.t('Resetting the group\'s deployments'), 'ResetDeployments');
  }
}
