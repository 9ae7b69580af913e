// Greengrass V1 listings for the explorer: groups, versions, definitions, deployments; and pulling a group.
import * as l10n from '@vscode/l10n';
import {
  GetConnectorDefinitionVersionCommand, GetCoreDefinitionVersionCommand, GetDeploymentStatusCommand, GetDeviceDefinitionVersionCommand,
  GetFunctionDefinitionVersionCommand, GetGroupCommand, GetGroupVersionCommand, GetLoggerDefinitionVersionCommand,
  GetResourceDefinitionVersionCommand, GetSubscriptionDefinitionVersionCommand, ListDeploymentsCommand, ListGroupsCommand,
  ListGroupVersionsCommand,
} from '@aws-sdk/client-greengrass';
import type {
  Connector, Core, Device, Function as GgFunction, FunctionDefaultConfig, GroupInformation, Logger, Resource, Subscription,
} from '@aws-sdk/client-greengrass';
import type { GroupManifest } from '../core/manifest';
import { MANIFEST_FILE_NAME } from '../core/manifest';
import {
  DEFINITION_KIND_INFO, FILE_DEFINITION_KINDS, definitionFromApi, definitionVersionDocument, isRegionCode, lambdaQualifiedName, parseArn, parseDefinitionVersionArn, parseGroupArn,
  type FileDefinitionKind, type Group,
} from '../core/model';
import type { AwsClients } from './clients';
import { sendAws } from './call';
import { toAwsError } from './errors';
import type {
  ConnectorInfo, CoreInfo, DefinitionKind, DefinitionRef, DefinitionVersionDocument, DeploymentInfo, DeploymentStatusInfo, DeviceInfo,
  FunctionInfo, GroupInfo, GroupPageRequest, GroupRow, GroupSummary, GroupVersionDetails, GroupVersionDetailsOptions, GroupVersionInfo,
  IsolationMode, LoggerInfo, Page, PageRequest, Part, PulledFile, PullOptions, ResourceInfo, SubscriptionInfo,
} from './types';
import { DEFINITION_KINDS } from './types';

export interface DeploymentPageRequest extends PageRequest {
  /** How many of the newest deployments get their status (GetDeploymentStatus) fetched; default 5. */
  withStatus?: number;
}

export const DEFAULT_PAGE_SIZE = 50;

/** "arn:aws:lambda:us-east-1:123:function:name:alias" → "name:alias". */
export function lambdaDisplayName(arn: string): string {
  return lambdaQualifiedName(arn) ?? arn;
}

/** The region of an ARN, when it is a region code (an endpoint's answer is not trusted to name a host). */
function regionOfArn(arn: string | undefined): string | undefined {
  const region = arn ? parseArn(arn)?.region : undefined;
  return isRegionCode(region) ? region : undefined;
}

function toGroupInfo(g: GroupInformation): GroupInfo {
  return {
    id: g.Id ?? '',
    name: g.Name ?? g.Id ?? '',
    arn: g.Arn || undefined,
    latestVersionId: g.LatestVersion || undefined,
    latestVersionArn: g.LatestVersionArn || undefined,
    ...(g.CreationTimestamp ? { creationTime: String(g.CreationTimestamp) } : {}),
    ...(g.LastUpdatedTimestamp ? { lastUpdatedTime: String(g.LastUpdatedTimestamp) } : {}),
  };
}

/** Local paging tokens: some endpoints (moto) ignore MaxResults, so a server page is cut here. */
interface GroupCursor { server?: string | undefined; offset: number }
const LOCAL_TOKEN = 'ggml1:';
function decodeCursor(token: string | undefined): GroupCursor {
  if (!token) return { offset: 0 };
  if (!token.startsWith(LOCAL_TOKEN)) return { server: token, offset: 0 };
  try {
    const c = JSON.parse(Buffer.from(token.slice(LOCAL_TOKEN.length), 'base64url').toString('utf8')) as { s?: string; o?: number };
    return { server: c.s || undefined, offset: typeof c.o === 'number' && c.o >= 0 ? c.o : 0 };
  } catch {
    return { offset: 0 };
  }
}
function encodeCursor(c: GroupCursor): string {
  if (c.offset === 0 && c.server) return c.server;
  return LOCAL_TOKEN + Buffer.from(JSON.stringify({ s: c.server || undefined, o: c.offset }), 'utf8').toString('base64url');
}

function byNewest<T>(time: (t: T) => string | undefined): (a: T, b: T) => number {
  return (a, b) => (Date.parse(time(b) ?? '') || 0) - (Date.parse(time(a) ?? '') || 0);
}

function stripMetadata<T extends object>(value: T): Omit<T, '$metadata'> {
  const { $metadata: _drop, ...rest } = value as T & { $metadata?: unknown };
  return rest;
}

type RawDefinition = { Definition?: Record<string, unknown> } & Record<string, unknown>;

export class GreengrassExplorerService {
  constructor(readonly clients: AwsClients) {}

  /** Sends a command; any failure becomes an AwsError with a user-facing message naming the operation. */
  private send<O>(command: { constructor: { name: string } }): Promise<O> {
    return sendAws<O>(this.clients, 'greengrass', command);
  }

  /** A page of groups. moto and some endpoints ignore MaxResults: the page is then cut here and continued with a local token. */
  async listGroups(request: GroupPageRequest = {}): Promise<Page<GroupInfo>> {
    const max = Math.max(1, request.maxResults ?? DEFAULT_PAGE_SIZE);
    const filter = request.nameContains?.trim().toLowerCase();
    let cursor = decodeCursor(request.nextToken);
    const items: GroupInfo[] = [];
    // With a filter, keep reading server pages until the page is full (bounded, so a huge account still answers).
    for (let round = 0; round < 20; round++) {
      const out = await this.send<{ Groups?: GroupInformation[]; NextToken?: string }>(
        new ListGroupsCommand({ MaxResults: String(max), ...(cursor.server ? { NextToken: cursor.server } : {}) }),
      );
      const groups = out.Groups ?? [];
      let i = cursor.offset;
      for (; i < groups.length && items.length < max; i++) {
        const g = groups[i]!;
        if (!filter || (g.Name ?? '').toLowerCase().includes(filter)) items.push(toGroupInfo(g));
      }
      if (i < groups.length) return { items, nextToken: encodeCursor({ server: cursor.server || undefined, offset: i }) };
      if (!out.NextToken) return { items };
      cursor = { server: out.NextToken, offset: 0 };
      if (items.length >= max) return { items, nextToken: encodeCursor(cursor) };
    }
    return { items, nextToken: encodeCursor(cursor) };
  }

  async getGroup(groupId: string): Promise<GroupInfo> {
    return toGroupInfo(await this.send<GroupInformation>(new GetGroupCommand({ GroupId: groupId })));
  }

  /** The group, its latest version and its newest deployment with status. */
  async getGroupSummary(groupId: string): Promise<GroupSummary> {
    const [group, deployments] = await Promise.all([
      this.getGroup(groupId),
      this.listDeployments(groupId, { withStatus: 1 }).then((p) => ({ page: p }), (error: unknown) => ({ error: toAwsError(error) })),
    ]);
    return {
      group,
      latestVersionId: group.latestVersionId || undefined,
      ...(group.lastUpdatedTime ?? group.creationTime ? { latestVersionCreatedAt: (group.lastUpdatedTime ?? group.creationTime)! } : {}),
      ...('page' in deployments && deployments.page.items[0] ? { lastDeployment: deployments.page.items[0] } : {}),
      ...('error' in deployments ? { deploymentsError: deployments.error.info } : {}),
    };
  }

  /** The raw output of one get-*-definition-version call (without SDK metadata). */
  async getDefinitionVersion(kind: DefinitionKind, definitionId: string, versionId: string): Promise<RawDefinition> {
    let out: object;
    switch (kind) {
      case 'core': out = await this.send(new GetCoreDefinitionVersionCommand({ CoreDefinitionId: definitionId, CoreDefinitionVersionId: versionId })); break;
      case 'function': out = await this.send(new GetFunctionDefinitionVersionCommand({ FunctionDefinitionId: definitionId, FunctionDefinitionVersionId: versionId })); break;
      case 'resource': out = await this.send(new GetResourceDefinitionVersionCommand({ ResourceDefinitionId: definitionId, ResourceDefinitionVersionId: versionId })); break;
      case 'subscription': out = await this.send(new GetSubscriptionDefinitionVersionCommand({ SubscriptionDefinitionId: definitionId, SubscriptionDefinitionVersionId: versionId })); break;
      case 'device': out = await this.send(new GetDeviceDefinitionVersionCommand({ DeviceDefinitionId: definitionId, DeviceDefinitionVersionId: versionId })); break;
      case 'logger': out = await this.send(new GetLoggerDefinitionVersionCommand({ LoggerDefinitionId: definitionId, LoggerDefinitionVersionId: versionId })); break;
      case 'connector': out = await this.send(new GetConnectorDefinitionVersionCommand({ ConnectorDefinitionId: definitionId, ConnectorDefinitionVersionId: versionId })); break;
    }
    return stripMetadata(out) as RawDefinition;
  }

  /** The definition versions a group version names (GetGroupVersion). */
  async getGroupVersionRefs(groupId: string, versionId: string): Promise<{ refs: DefinitionRef[]; arn?: string | undefined; createdAt?: string | undefined }> {
    const out = await this.send<{ Arn?: string; CreationTimestamp?: string; Definition?: Record<string, string | undefined> }>(
      new GetGroupVersionCommand({ GroupId: groupId, GroupVersionId: versionId }),
    );
    const refs: DefinitionRef[] = [];
    for (const kind of DEFINITION_KINDS) {
      const arn = out.Definition?.[DEFINITION_KIND_INFO[kind].groupVersionKey];
      const parsed = arn ? parseDefinitionVersionArn(arn) : undefined;
      if (arn && parsed) refs.push({ ...parsed, kind, arn });
    }
    return { refs, arn: out.Arn || undefined, ...(out.CreationTimestamp ? { createdAt: String(out.CreationTimestamp) } : {}) };
  }

  /** The group version (latest when versionId is undefined) and all its definition versions; a failing part is an error entry. */
  async getGroupVersionDetails(groupId: string, versionId?: string, options: GroupVersionDetailsOptions = {}): Promise<GroupVersionDetails> {
    const started = Date.now();
    const version = versionId ?? (await this.getGroup(groupId)).latestVersionId;
    if (!version) {
      const absent = { status: 'absent' } as const;
      return {
        groupId, versionId: '', definitions: [], cores: absent, functions: absent, resources: absent, subscriptions: absent, devices: absent,
        loggers: absent, connectors: absent, unresolvedResourceIds: [], elapsedMs: Date.now() - started,
      };
    }
    const { refs, arn, createdAt } = await this.getGroupVersionRefs(groupId, version);
    type Loaded = { ref: DefinitionRef; raw?: RawDefinition; error?: unknown };
    const load = (ref: DefinitionRef): Promise<Loaded> =>
      this.getDefinitionVersion(ref.kind, ref.definitionId, ref.versionId).then((raw) => ({ ref, raw }), (error: unknown) => ({ ref, error }));
    let loaded: Loaded[];
    if (options.sequential) {
      loaded = [];
      for (const ref of refs) loaded.push(await load(ref));
    } else {
      loaded = await Promise.all(refs.map(load));
    }
    const byKind = new Map(loaded.map((l) => [l.ref.kind, l]));
    function part<T>(kind: DefinitionKind, map: (definition: Record<string, unknown>) => T[]): Part<T> {
      const l = byKind.get(kind);
      if (!l) return { status: 'absent' };
      if (l.error !== undefined || !l.raw) return { status: 'error', ref: l.ref, error: toAwsError(l.error).info };
      try {
        return { status: 'ok', ref: l.ref, items: map(l.raw.Definition ?? {}) };
      } catch (error) {
        return { status: 'error', ref: l.ref, error: { kind: 'unknown', message: l10n.t('The {0} definition version has an unexpected shape: {1}', kind, String(error)) } };
      }
    }
    const functionDefinition = byKind.get('function')?.raw?.Definition as { DefaultConfig?: FunctionDefaultConfig } | undefined;
    const defaults = functionDefinition?.DefaultConfig?.Execution;
    const functionDefaults = defaults
      ? {
          ...(defaults.IsolationMode ? { isolationMode: defaults.IsolationMode as IsolationMode } : {}),
          ...(defaults.RunAs ? { runAs: runAsOf(defaults.RunAs) } : {}),
        }
      : undefined;

    const resources = part('resource', (d) => ((d['Resources'] as Resource[] | undefined) ?? []).map(toResourceInfo));
    const resourceNames = new Map(resources.status === 'ok' ? resources.items.map((r) => [r.id, r.name]) : []);
    const functions = part('function', (d) => ((d['Functions'] as GgFunction[] | undefined) ?? []).map((f) => toFunctionInfo(f, functionDefaults?.isolationMode)));
    const unresolved = new Set<string>();
    if (functions.status === 'ok' && resources.status !== 'error') {
      for (const f of functions.items) {
        for (const p of f.resourceAccessPolicies) {
          const name = resourceNames.get(p.resourceId);
          p.resolved = name !== undefined;
          if (name !== undefined) p.resourceName = name;
          else unresolved.add(p.resourceId);
        }
      }
    }
    if (resources.status === 'ok' && functions.status === 'ok') {
      for (const r of resources.items) r.usedBy = functions.items.filter((f) => f.resourceAccessPolicies.some((p) => p.resourceId === r.id)).map((f) => f.id);
    }
    return {
      groupId,
      versionId: version,
      versionArn: arn || undefined,
      createdAt: createdAt || undefined,
      definitions: refs,
      cores: part('core', (d) => ((d['Cores'] as Core[] | undefined) ?? []).map(toCoreInfo)),
      functions,
      functionDefaults: functionDefaults || undefined,
      resources,
      subscriptions: part('subscription', (d) => ((d['Subscriptions'] as Subscription[] | undefined) ?? []).map((s) => ({
        id: s.Id ?? '', source: s.Source ?? '', subject: s.Subject ?? '', target: s.Target ?? '',
      } satisfies SubscriptionInfo))),
      devices: part('device', (d) => ((d['Devices'] as Device[] | undefined) ?? []).map(toCoreInfo satisfies (c: Device) => DeviceInfo)),
      loggers: part('logger', (d) => ((d['Loggers'] as Logger[] | undefined) ?? []).map((l) => ({
        id: l.Id ?? '', component: l.Component || undefined, level: l.Level || undefined,
        type: l.Type || undefined, space: l.Space,
      } satisfies LoggerInfo))),
      connectors: part('connector', (d) => ((d['Connectors'] as Connector[] | undefined) ?? []).map((c) => ({
        id: c.Id ?? '', connectorArn: c.ConnectorArn || undefined, parameters: { ...(c.Parameters ?? {}) },
      } satisfies ConnectorInfo))),
      unresolvedResourceIds: [...unresolved].sort(),
      elapsedMs: Date.now() - started,
    };
  }

  /** Deployments newest first; the newest `withStatus` carry their status and error details. */
  async listDeployments(groupId: string, request: DeploymentPageRequest = {}): Promise<Page<DeploymentInfo>> {
    const out = await this.send<{ Deployments?: { DeploymentId?: string; DeploymentArn?: string; DeploymentType?: string; GroupArn?: string; CreatedAt?: string }[]; NextToken?: string }>(
      new ListDeploymentsCommand({
        GroupId: groupId,
        ...(request.maxResults ? { MaxResults: String(request.maxResults) } : {}),
        ...(request.nextToken ? { NextToken: request.nextToken } : {}),
      }),
    );
    const items: DeploymentInfo[] = (out.Deployments ?? []).map((d) => {
      const groupVersionId = parseGroupArn(d.GroupArn ?? '')?.versionId;
      return {
        deploymentId: d.DeploymentId ?? '',
        deploymentArn: d.DeploymentArn || undefined,
        deploymentType: d.DeploymentType || undefined,
        groupVersionId: groupVersionId || undefined,
        ...(d.CreatedAt ? { createdAt: String(d.CreatedAt) } : {}),
      };
    });
    items.sort(byNewest((d) => d.createdAt));
    const withStatus = items.slice(0, Math.max(0, request.withStatus ?? 5));
    const statuses = await Promise.allSettled(withStatus.map((d) => this.getDeploymentStatus(groupId, d.deploymentId)));
    statuses.forEach((s, i) => {
      const d = withStatus[i]!;
      if (s.status === 'fulfilled') Object.assign(d, s.value);
      else d.statusError = toAwsError(s.reason).info;
    });
    return { items, nextToken: out.NextToken || undefined };
  }

  async getDeploymentStatus(groupId: string, deploymentId: string): Promise<DeploymentStatusInfo> {
    const out = await this.send<{ DeploymentStatus?: string; DeploymentType?: string; UpdatedAt?: string; ErrorMessage?: string; ErrorDetails?: { DetailedErrorCode?: string; DetailedErrorMessage?: string }[] }>(
      new GetDeploymentStatusCommand({ GroupId: groupId, DeploymentId: deploymentId }),
    );
    return {
      status: out.DeploymentStatus || undefined,
      deploymentType: out.DeploymentType || undefined,
      ...(out.UpdatedAt ? { updatedAt: String(out.UpdatedAt) } : {}),
      errorMessage: out.ErrorMessage || undefined,
      ...(out.ErrorDetails?.length
        ? { errorDetails: out.ErrorDetails.map((e) => ({ code: e.DetailedErrorCode || undefined, message: e.DetailedErrorMessage || undefined })) }
        : {}),
    };
  }

  /** Group versions newest first. */
  async listGroupVersions(groupId: string, request: PageRequest = {}): Promise<Page<GroupVersionInfo>> {
    const out = await this.send<{ Versions?: { Arn?: string; CreationTimestamp?: string; Version?: string }[]; NextToken?: string }>(
      new ListGroupVersionsCommand({
        GroupId: groupId,
        ...(request.maxResults ? { MaxResults: String(request.maxResults) } : {}),
        ...(request.nextToken ? { NextToken: request.nextToken } : {}),
      }),
    );
    const items = (out.Versions ?? []).map((v) => ({
      versionId: v.Version ?? '',
      arn: v.Arn || undefined,
      ...(v.CreationTimestamp ? { createdAt: String(v.CreationTimestamp) } : {}),
    }));
    items.sort(byNewest((v) => v.createdAt));
    return { items, nextToken: out.NextToken || undefined };
  }

  /** The raw get-*-definition-version output for read-only display. */
  async getDefinitionVersionJson(kind: DefinitionKind, definitionId: string, versionId: string): Promise<DefinitionVersionDocument> {
    const value = await this.getDefinitionVersion(kind, definitionId, versionId);
    return { kind, definitionId, versionId, ...definitionVersionDocument(kind, definitionId, versionId, value), value };
  }

  /**
   * A definition version as the file Pull Group writes for it (AWS CLI create-*-definition-version input), so that
   * it compares with a workspace's file line by line.
   */
  async getDefinitionVersionFileText(kind: FileDefinitionKind, definitionId: string, versionId: string): Promise<string> {
    return definitionFileText(kind, definitionId, await this.getDefinitionVersion(kind, definitionId, versionId));
  }

  /** The group's version (latest when versionId is undefined) as the Group model, located in the documents the explorer opens. */
  async getGroupModel(groupId: string, versionId?: string): Promise<Group> {
    const group = await this.getGroup(groupId);
    const version = versionId ?? group.latestVersionId;
    const refs = version ? (await this.getGroupVersionRefs(groupId, version)).refs : [];
    const definitions: Group['definitions'] = {};
    await Promise.all(refs.map(async (ref) => {
      const definition = definitionFromApi(ref.kind, ref.definitionId, ref.versionId, await this.getDefinitionVersion(ref.kind, ref.definitionId, ref.versionId));
      if (definition) definitions[ref.kind] = definition;
    }));
    return { name: group.name, groupId, definitions };
  }

  /** The group as workspace files: greengrass-ml.json plus each definition as AWS CLI create-*-definition-version input. */
  async pullGroup(groupId: string, options: PullOptions = {}): Promise<PulledFile[]> {
    const group = await this.getGroup(groupId);
    const versionId = options.versionId ?? group.latestVersionId;
    const refs = versionId ? (await this.getGroupVersionRefs(groupId, versionId)).refs : [];
    const wanted = refs.filter((r) => r.kind in FILE_DEFINITION_KINDS);
    const raws = await Promise.all(wanted.map(async (ref) => ({ ref, raw: await this.getDefinitionVersion(ref.kind, ref.definitionId, ref.versionId) })));
    const region = options.region ?? regionOfArn(group.arn);
    const definitions: NonNullable<GroupManifest['definitions']> = {};
    const cloud: NonNullable<GroupManifest['cloud']> = { groupId, ...(versionId ? { groupVersionId: versionId } : {}) };
    const files: PulledFile[] = [];
    for (const { ref, raw } of raws) {
      const spec = FILE_DEFINITION_KINDS[ref.kind as FileDefinitionKind];
      definitions[spec.manifestKey] = spec.fileName;
      cloud[spec.cloudKey] = ref.definitionId;
      files.push({ fileName: spec.fileName, text: definitionFileText(ref.kind as FileDefinitionKind, ref.definitionId, raw) });
    }
    const manifest: GroupManifest = { name: group.name, ...(region ? { region } : {}), definitions, cloud };
    return [{ fileName: MANIFEST_FILE_NAME, text: `${JSON.stringify(manifest, null, 2)}\n` }, ...files];
  }
}

/** A definition version's body as a workspace file holds it: `{ <IdKey>: id, <List>: [...], DefaultConfig? }`. */
function definitionFileText(kind: FileDefinitionKind, definitionId: string, raw: RawDefinition): string {
  const spec = FILE_DEFINITION_KINDS[kind];
  const def = (raw.Definition ?? {}) as Record<string, unknown>;
  const body: Record<string, unknown> = { [spec.idKey]: definitionId, [spec.list]: def[spec.list] ?? [] };
  if (kind === 'function' && def['DefaultConfig']) body['DefaultConfig'] = def['DefaultConfig'];
  return `${JSON.stringify(body, null, 2)}\n`;
}

function runAsOf(r: { Uid?: number; Gid?: number }): { uid?: number | undefined; gid?: number | undefined } {
  return { uid: r.Uid, gid: r.Gid };
}

function toCoreInfo(c: Core | Device): CoreInfo {
  return {
    id: c.Id ?? '',
    thingArn: c.ThingArn || undefined,
    certificateArn: c.CertificateArn || undefined,
    syncShadow: c.SyncShadow,
  };
}

function toFunctionInfo(f: GgFunction, defaultIsolation: IsolationMode | undefined): FunctionInfo {
  const cfg = f.FunctionConfiguration ?? {};
  const env = cfg.Environment ?? {};
  const own = env.Execution?.IsolationMode as IsolationMode | undefined;
  const runAs = env.Execution?.RunAs;
  return {
    id: f.Id ?? '',
    functionArn: f.FunctionArn ?? '',
    displayName: lambdaDisplayName(f.FunctionArn ?? f.Id ?? ''),
    isolationMode: own ?? defaultIsolation ?? 'GreengrassContainer',
    isolationModeSource: own ? 'function' : defaultIsolation ? 'default' : 'implicit',
    memorySizeKb: cfg.MemorySize,
    timeoutSeconds: cfg.Timeout,
    pinned: cfg.Pinned,
    executable: cfg.Executable || undefined,
    encodingType: cfg.EncodingType || undefined,
    ...(runAs ? { runAs: runAsOf(runAs) } : {}),
    accessSysfs: env.AccessSysfs,
    environmentVariables: { ...(env.Variables ?? {}) },
    resourceAccessPolicies: (env.ResourceAccessPolicies ?? []).map((p) => ({
      resourceId: p.ResourceId ?? '',
      permission: p.Permission || undefined,
      resolved: true,
    })),
  };
}

export function toResourceInfo(r: Resource): ResourceInfo {
  const c = r.ResourceDataContainer ?? {};
  const base = { id: r.Id ?? '', name: r.Name ?? r.Id ?? '', usedBy: [] as string[] };
  const owner = (o: { GroupOwner?: string | undefined; GroupPermission?: string | undefined } | undefined) =>
    o ? { ownerSetting: { groupOwner: o.GroupOwner, groupPermission: o.GroupPermission || undefined } } : {};
  const groupOwner = (o: { AutoAddGroupOwner?: boolean | undefined; GroupOwner?: string | undefined } | undefined) =>
    o ? { groupOwnerSetting: { autoAddGroupOwner: o.AutoAddGroupOwner, groupOwner: o.GroupOwner || undefined } } : {};
  if (c.S3MachineLearningModelResourceData) {
    const d = c.S3MachineLearningModelResourceData;
    return { ...base, type: 'mlS3', s3Uri: d.S3Uri || undefined, destinationPath: d.DestinationPath || undefined, ...owner(d.OwnerSetting) };
  }
  if (c.SageMakerMachineLearningModelResourceData) {
    const d = c.SageMakerMachineLearningModelResourceData;
    return { ...base, type: 'mlSageMaker', sageMakerJobArn: d.SageMakerJobArn || undefined, destinationPath: d.DestinationPath || undefined, ...owner(d.OwnerSetting) };
  }
  if (c.LocalDeviceResourceData) {
    const d = c.LocalDeviceResourceData;
    return { ...base, type: 'localDevice', sourcePath: d.SourcePath || undefined, ...groupOwner(d.GroupOwnerSetting) };
  }
  if (c.LocalVolumeResourceData) {
    const d = c.LocalVolumeResourceData;
    return { ...base, type: 'localVolume', sourcePath: d.SourcePath || undefined, destinationPath: d.DestinationPath || undefined, ...groupOwner(d.GroupOwnerSetting) };
  }
  if (c.SecretsManagerSecretResourceData) {
    return { ...base, type: 'secret', secretArn: c.SecretsManagerSecretResourceData.ARN || undefined };
  }
  return { ...base, type: 'unknown' };
}

/** What a group looks like in a list (no extra calls). */
export function toGroupRow(group: GroupInfo): GroupRow {
  const lines = [group.name, `Id: ${group.id}`];
  if (group.latestVersionId) lines.push(`Latest version: ${group.latestVersionId}`);
  if (group.lastUpdatedTime) lines.push(`Last changed: ${group.lastUpdatedTime}`);
  if (group.arn) lines.push(group.arn);
  return {
    id: group.id,
    label: group.name,
    description: group.latestVersionId ? `version ${group.latestVersionId.slice(0, 8)}` : 'no version',
    tooltip: lines.join('\n'),
    contextValue: 'greengrassMl:group',
    group,
  };
}

/** The first (or next) page of group rows as the tree shows them: the tree and the benchmark both call this. */
export async function loadGroupRows(service: GreengrassExplorerService, request: GroupPageRequest = {}): Promise<Page<GroupRow>> {
  const page = await service.listGroups(request);
  return { items: page.items.map(toGroupRow), nextToken: page.nextToken || undefined };
}
