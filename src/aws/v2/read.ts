// Greengrass V2 reads for the explorer: core devices with their installed components and effective deployments,
// deployments per target with their revisions, components with their versions, status and recipe. Every call goes
// through sendAws (bounded timeouts, retries on throttling, user-facing errors); lists page as AWS pages.
import {
  DescribeComponentCommand, GetComponentCommand, GetCoreDeviceCommand, GetDeploymentCommand, ListComponentsCommand,
  ListComponentVersionsCommand, ListCoreDevicesCommand, ListDeploymentsCommand, ListEffectiveDeploymentsCommand,
  ListInstalledComponentsCommand,
} from '@aws-sdk/client-greengrassv2';
import type {
  Component, ComponentVersionListItem, CoreDevice, DescribeComponentResponse, Deployment, EffectiveDeployment,
  GetComponentResponse, GetCoreDeviceResponse, GetDeploymentResponse, InstalledComponent,
} from '@aws-sdk/client-greengrassv2';
import type { AwsClients } from '../clients';
import { sendAws } from '../call';
import { DEFAULT_PAGE_SIZE } from '../greengrass';
import type { Page, PageRequest } from '../types';
import type {
  V2ComponentInfo, V2ComponentVersionInfo, V2ComponentVersionRef, V2CoreDeviceInfo, V2DeploymentDetails, V2DeploymentInfo,
  V2EffectiveDeploymentInfo, V2InstalledComponentInfo, V2Recipe, V2UsedBy,
} from './types';

export interface CoreDevicePageRequest extends PageRequest {
  /** Only the core devices in this thing group. */
  thingGroupArn?: string | undefined;
  status?: 'HEALTHY' | 'UNHEALTHY' | undefined;
}

export interface DeploymentPageRequestV2 extends PageRequest {
  /** Only the deployments to this thing group or thing. */
  targetArn?: string | undefined;
  /** LATEST_ONLY (default): one deployment per target, its newest revision; ALL: every revision. */
  history?: 'LATEST_ONLY' | 'ALL' | undefined;
}

/** The most deployments "Used by" reads (GetDeployment each) before it stops and says the answer is partial. */
export const USED_BY_MAX_DEPLOYMENTS = 200;
/** How many calls "Used by" and a deployment's device statuses make at once. */
const DEVICE_READS_AT_ONCE = 4;

function iso(value: Date | string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The value without its undefined properties (what exactOptionalPropertyTypes means by an absent one). */
function defined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  const out = { ...value } as Record<string, unknown>;
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out as T;
}

function pageParams(request: PageRequest): { maxResults: number; nextToken?: string } {
  return { maxResults: Math.max(1, Math.min(100, request.maxResults ?? DEFAULT_PAGE_SIZE)), ...(request.nextToken ? { nextToken: request.nextToken } : {}) };
}

function page<T>(items: T[], nextToken: string | undefined): Page<T> {
  return { items, ...(nextToken ? { nextToken } : {}) };
}

/** "arn:…:components:com.example.Foo:versions:1.0.0" → the component's ARN and version. */
export function splitComponentVersionArn(arn: string): { componentArn: string; version?: string } {
  const at = arn.lastIndexOf(':versions:');
  return at < 0 ? { componentArn: arn } : { componentArn: arn.slice(0, at), version: arn.slice(at + ':versions:'.length) };
}

function toCoreDevice(d: CoreDevice | GetCoreDeviceResponse): V2CoreDeviceInfo {
  return defined<V2CoreDeviceInfo>({
    name: d.coreDeviceThingName ?? '',
    status: d.status,
    lastStatusUpdate: iso(d.lastStatusUpdateTimestamp),
    platform: d.platform,
    architecture: d.architecture,
    runtime: d.runtime,
    coreVersion: 'coreVersion' in d ? d.coreVersion : undefined,
  });
}

function toInstalled(c: InstalledComponent): V2InstalledComponentInfo {
  return defined<V2InstalledComponentInfo>({
    name: c.componentName ?? '',
    version: c.componentVersion,
    lifecycleState: c.lifecycleState,
    details: c.lifecycleStateDetails,
    statusCodes: c.lifecycleStatusCodes?.length ? [...c.lifecycleStatusCodes] : undefined,
    isRoot: c.isRoot,
    lastStatusChange: iso(c.lastStatusChangeTimestamp),
    lastReported: iso(c.lastReportedTimestamp),
    installationSource: c.lastInstallationSource,
  });
}

function toEffective(e: EffectiveDeployment): V2EffectiveDeploymentInfo {
  return defined<V2EffectiveDeploymentInfo>({
    deploymentId: e.deploymentId ?? '',
    deploymentName: e.deploymentName,
    targetArn: e.targetArn,
    status: e.coreDeviceExecutionStatus,
    reason: e.reason,
    errorStack: e.statusDetails?.errorStack?.length ? [...e.statusDetails.errorStack] : undefined,
    errorTypes: e.statusDetails?.errorTypes?.length ? [...e.statusDetails.errorTypes] : undefined,
    createdAt: iso(e.creationTimestamp),
    modifiedAt: iso(e.modifiedTimestamp),
    iotJobId: e.iotJobId,
  });
}

function toDeployment(d: Deployment | GetDeploymentResponse): V2DeploymentInfo {
  return defined<V2DeploymentInfo>({
    deploymentId: d.deploymentId ?? '',
    deploymentName: d.deploymentName,
    targetArn: d.targetArn ?? '',
    revisionId: d.revisionId,
    status: d.deploymentStatus,
    createdAt: iso(d.creationTimestamp),
    isLatestForTarget: d.isLatestForTarget,
    parentTargetArn: d.parentTargetArn,
  });
}

export class GreengrassV2ExplorerService {
  constructor(readonly clients: AwsClients) {}

  private send<O>(command: { constructor: { name: string } }): Promise<O> {
    return sendAws<O>(this.clients, 'greengrassV2', command);
  }

  async listCoreDevices(request: CoreDevicePageRequest = {}): Promise<Page<V2CoreDeviceInfo>> {
    const out = await this.send<{ coreDevices?: CoreDevice[]; nextToken?: string }>(new ListCoreDevicesCommand({
      ...pageParams(request),
      ...(request.thingGroupArn ? { thingGroupArn: request.thingGroupArn } : {}),
      ...(request.status ? { status: request.status } : {}),
    }));
    return page((out.coreDevices ?? []).map(toCoreDevice), out.nextToken);
  }

  async getCoreDevice(name: string): Promise<V2CoreDeviceInfo> {
    return toCoreDevice(await this.send<GetCoreDeviceResponse>(new GetCoreDeviceCommand({ coreDeviceThingName: name })));
  }

  /** The components on a core device: those deployed to it (ROOT, default) or with their dependencies (ALL). */
  async listInstalledComponents(name: string, request: PageRequest & { topology?: 'ROOT' | 'ALL' } = {}): Promise<Page<V2InstalledComponentInfo>> {
    const out = await this.send<{ installedComponents?: InstalledComponent[]; nextToken?: string }>(new ListInstalledComponentsCommand({
      coreDeviceThingName: name, ...pageParams(request), topologyFilter: request.topology ?? 'ROOT',
    }));
    return page((out.installedComponents ?? []).map(toInstalled), out.nextToken);
  }

  /** The deployments a core device has taken, newest first, each with its status on that device and the reason. */
  async listEffectiveDeployments(name: string, request: PageRequest = {}): Promise<Page<V2EffectiveDeploymentInfo>> {
    const out = await this.send<{ effectiveDeployments?: EffectiveDeployment[]; nextToken?: string }>(new ListEffectiveDeploymentsCommand({
      coreDeviceThingName: name, ...pageParams(request),
    }));
    const items = (out.effectiveDeployments ?? []).map(toEffective);
    items.sort((a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? '') || 0);
    return page(items, out.nextToken);
  }

  async listDeployments(request: DeploymentPageRequestV2 = {}): Promise<Page<V2DeploymentInfo>> {
    const out = await this.send<{ deployments?: Deployment[]; nextToken?: string }>(new ListDeploymentsCommand({
      ...pageParams(request),
      ...(request.targetArn ? { targetArn: request.targetArn } : {}),
      historyFilter: request.history ?? 'LATEST_ONLY',
    }));
    return page((out.deployments ?? []).map(toDeployment), out.nextToken);
  }

  /** A deployment with the components and versions it deploys. */
  async getDeployment(deploymentId: string): Promise<V2DeploymentDetails> {
    const out = await this.send<GetDeploymentResponse>(new GetDeploymentCommand({ deploymentId }));
    const components = Object.entries(out.components ?? {})
      .map(([name, spec]) => ({ name, version: spec.componentVersion ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return defined<V2DeploymentDetails>({
      ...toDeployment(out),
      components,
      failureHandlingPolicy: out.deploymentPolicies?.failureHandlingPolicy,
      iotJobId: out.iotJobId,
    });
  }

  /** The account's own components (PRIVATE, default) or the AWS-provided ones (PUBLIC), each with its latest version. */
  async listComponents(request: PageRequest & { scope?: 'PRIVATE' | 'PUBLIC' } = {}): Promise<Page<V2ComponentInfo>> {
    const out = await this.send<{ components?: Component[]; nextToken?: string }>(new ListComponentsCommand({
      ...pageParams(request), scope: request.scope ?? 'PRIVATE',
    }));
    return page((out.components ?? []).map((c) => defined<V2ComponentInfo>({
      name: c.componentName ?? '',
      arn: c.arn ?? '',
      latestVersion: c.latestVersion?.componentVersion,
      latestVersionArn: c.latestVersion?.arn,
      description: c.latestVersion?.description,
      publisher: c.latestVersion?.publisher,
      createdAt: iso(c.latestVersion?.creationTimestamp),
    })), out.nextToken);
  }

  /** A component's versions, newest first (the component's ARN, without a version). */
  async listComponentVersions(componentArn: string, request: PageRequest = {}): Promise<Page<V2ComponentVersionRef>> {
    const out = await this.send<{ componentVersions?: ComponentVersionListItem[]; nextToken?: string }>(new ListComponentVersionsCommand({
      arn: componentArn, ...pageParams(request),
    }));
    return page((out.componentVersions ?? []).map((v) => ({ name: v.componentName ?? '', version: v.componentVersion ?? '', arn: v.arn ?? '' })), out.nextToken);
  }

  /** A component version's status (DEPLOYABLE, FAILED with the reason per artifact, …), description and platforms. */
  async describeComponent(componentVersionArn: string): Promise<V2ComponentVersionInfo> {
    const out = await this.send<DescribeComponentResponse>(new DescribeComponentCommand({ arn: componentVersionArn }));
    const errors = Object.entries(out.status?.errors ?? {}).map(([subject, message]) => ({ subject, message }));
    return defined<V2ComponentVersionInfo>({
      name: out.componentName ?? '',
      version: out.componentVersion ?? '',
      arn: out.arn ?? componentVersionArn,
      state: out.status?.componentState,
      message: out.status?.message && out.status.message !== 'NONE' ? out.status.message : undefined,
      errors,
      description: out.description,
      publisher: out.publisher,
      createdAt: iso(out.creationTimestamp),
      platforms: (out.platforms ?? []).map((p) => p.name || Object.entries(p.attributes ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')).filter(Boolean),
    });
  }

  /** A component version's recipe as pretty-printed JSON (what the editor shows and the linter reads). */
  async getRecipe(componentVersionArn: string): Promise<V2Recipe> {
    const out = await this.send<GetComponentResponse>(new GetComponentCommand({ arn: componentVersionArn, recipeOutputFormat: 'JSON' }));
    const raw = new TextDecoder('utf-8').decode(out.recipe ?? new Uint8Array());
    let text = raw;
    try {
      text = `${JSON.stringify(JSON.parse(raw), null, 2)}\n`;
    } catch {
      // Shown as the endpoint sent it: the linter says what is wrong with it.
    }
    return { arn: componentVersionArn, format: out.recipeOutputFormat ?? 'JSON', text };
  }

  /**
   * Which deployments deploy a component (any version, or the one given): each target's latest revision, read with
   * GetDeployment a few at a time. At most USED_BY_MAX_DEPLOYMENTS are read; `complete` says whether all were.
   */
  async usedBy(componentName: string, version?: string): Promise<V2UsedBy> {
    const latest: V2DeploymentInfo[] = [];
    let token: string | undefined;
    do {
      const p = await this.listDeployments({ maxResults: 100, ...(token ? { nextToken: token } : {}) });
      latest.push(...p.items);
      token = p.nextToken;
    } while (token && latest.length < USED_BY_MAX_DEPLOYMENTS);
    const read = latest.slice(0, USED_BY_MAX_DEPLOYMENTS);
    const found: V2UsedBy['deployments'] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < read.length) {
        const d = read[next++]!;
        const details = await this.getDeployment(d.deploymentId);
        const c = details.components.find((x) => x.name === componentName && (version === undefined || x.version === version));
        if (c) found.push({ ...d, ...(details.deploymentName ? { deploymentName: details.deploymentName } : {}), componentVersion: c.version });
      }
    };
    await Promise.all(Array.from({ length: Math.min(DEVICE_READS_AT_ONCE, read.length) }, worker));
    found.sort((a, b) => a.targetArn.localeCompare(b.targetArn));
    return { deployments: found, complete: !token && latest.length <= USED_BY_MAX_DEPLOYMENTS };
  }

  /**
   * Each core device of a deployment's target with its status for that deployment (the device's effective
   * deployment of that id), for the failure details. Reads at most `maxDevices` devices.
   */
  async deviceStatuses(deployment: V2DeploymentInfo, maxDevices = 100): Promise<{ devices: { device: string; effective?: V2EffectiveDeploymentInfo }[]; complete: boolean }> {
    const thing = /:thing\/(.+)$/.exec(deployment.targetArn)?.[1];
    let names: string[];
    let complete = true;
    if (thing) {
      names = [thing];
    } else {
      const p = await this.listCoreDevices({ thingGroupArn: deployment.targetArn, maxResults: Math.min(100, maxDevices) });
      names = p.items.map((d) => d.name);
      complete = !p.nextToken;
    }
    // A few devices at a time: a fleet of hundreds must not open hundreds of connections at once.
    const devices: { device: string; effective?: V2EffectiveDeploymentInfo }[] = names.map((device) => ({ device }));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < devices.length) {
        const entry = devices[next++]!;
        const effective = await this.listEffectiveDeployments(entry.device, { maxResults: 100 });
        const mine = effective.items.find((e) => e.deploymentId === deployment.deploymentId);
        if (mine) entry.effective = mine;
      }
    };
    await Promise.all(Array.from({ length: Math.min(DEVICE_READS_AT_ONCE, devices.length) }, worker));
    return { devices, complete };
  }
}
