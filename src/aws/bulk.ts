// Bulk deployments: deploy many groups at once. The input file (JSON lines) goes to S3, StartBulkDeployment
// reads it, then GetBulkDeploymentStatus and ListBulkDeploymentDetailedReports say how each group fared.
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import {
  CreateGroupVersionCommand, GetBulkDeploymentStatusCommand, GetGroupVersionCommand, ListBulkDeploymentDetailedReportsCommand,
  StartBulkDeploymentCommand, GetGroupCommand,
} from '@aws-sdk/client-greengrass';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { AwsClients } from './clients';
import { ShipError, shipAwsError } from './deploy';
import { bulkInputFile, classifyBulkStatus, watchStatus } from '../core/deploy';
import { formatS3Uri, parseIamRoleArn } from '../core/model';
import type { BulkInputRecord, WatchOptions, WatchOutcome } from '../core/deploy';

export interface BulkGroup {
  groupId: string;
  /** A version to deploy; when absent, a new group version is made from the group's latest version. */
  groupVersionId?: string;
  /** For messages. */
  name?: string;
}

export interface StartBulkOptions {
  groups: readonly BulkGroup[];
  bucket: string;
  key: string;
  executionRoleArn: string;
  clientToken?: string;
  onStep?: (message: string) => void;
}

export interface StartedBulk {
  bulkDeploymentId: string;
  bulkDeploymentArn?: string;
  inputFileUri: string;
  records: BulkInputRecord[];
}

/**
 * A fresh group version with the same definition versions as the group's latest one: each group of a bulk
 * deployment gets its own version to deploy, as a new deployment does.
 */
export async function newGroupVersionFromLatest(clients: AwsClients, groupId: string): Promise<string> {
  const gg = clients.greengrass();
  try {
    const group = await gg.send(new GetGroupCommand({ GroupId: groupId }));
    if (!group.LatestVersion) throw new ShipError(l10n.t('The group has no version to deploy; deploy it once from its folder first: {0}', group.Name ?? groupId), 'input');
    const latest = await gg.send(new GetGroupVersionCommand({ GroupId: groupId, GroupVersionId: group.LatestVersion }));
    const out = await gg.send(new CreateGroupVersionCommand({ GroupId: groupId, ...latest.Definition }));
    if (!out.Version) throw new ShipError(l10n.t('The cloud answered CreateGroupVersion without a version id: {0}', groupId));
    return out.Version;
  } catch (error) {
    throw shipAwsError(error, l10n.t('Creating the group version'), 'CreateGroupVersion');
  }
}

/** Writes the input file to S3 and starts the bulk deployment. */
export async function startBulkDeployment(clients: AwsClients, options: StartBulkOptions): Promise<StartedBulk> {
  if (!options.groups.length) throw new ShipError(l10n.t('Choose at least one group to deploy.'), 'input');
  if (!parseIamRoleArn(options.executionRoleArn)) {
    throw new ShipError(l10n.t('The bulk deployment execution role must be an IAM role ARN (arn:aws:iam::<account>:role/<name>): {0}', options.executionRoleArn), 'input');
  }
  const step = options.onStep ?? ((): void => undefined);
  const records: BulkInputRecord[] = [];
  for (const g of options.groups) {
    step(l10n.t('Creating a group version: {0}', g.name ?? g.groupId));
    const version = g.groupVersionId ?? (await newGroupVersionFromLatest(clients, g.groupId));
    records.push({ GroupId: g.groupId, GroupVersionId: version, DeploymentType: 'NewDeployment' });
  }
  const inputFileUri = formatS3Uri(options);
  step(l10n.t('Writing the input file: {0}', inputFileUri));
  try {
    await clients.s3().send(new PutObjectCommand({ Bucket: options.bucket, Key: options.key, Body: bulkInputFile(records), ContentType: 'application/json' }));
  } catch (error) {
    throw shipAwsError(error, l10n.t('Writing the bulk deployment input file to {0}', inputFileUri), 'PutObject');
  }
  step(l10n.t('Starting the bulk deployment'));
  try {
    const out = await clients.greengrass().send(new StartBulkDeploymentCommand({
      ExecutionRoleArn: options.executionRoleArn, InputFileUri: inputFileUri, AmznClientToken: options.clientToken ?? randomUUID(),
    }));
    if (!out.BulkDeploymentId) throw new ShipError(l10n.t('The cloud answered StartBulkDeployment without an id.'));
    return { bulkDeploymentId: out.BulkDeploymentId, ...(out.BulkDeploymentArn ? { bulkDeploymentArn: out.BulkDeploymentArn } : {}), inputFileUri, records };
  } catch (error) {
    throw shipAwsError(error, l10n.t('Starting the bulk deployment'), 'StartBulkDeployment');
  }
}

export interface BulkMetrics {
  recordsProcessed?: number;
  invalidInputRecords?: number;
  retryAttempts?: number;
}

/** Follows GetBulkDeploymentStatus until Completed / Failed / Stopped, the time limit or cancellation. */
export async function watchBulkDeployment(
  clients: AwsClients, bulkDeploymentId: string, options: Omit<WatchOptions, 'classify'> & { onMetrics?: (m: BulkMetrics) => void },
): Promise<WatchOutcome> {
  const gg = clients.greengrass();
  return watchStatus(async () => {
    const out = await gg.send(new GetBulkDeploymentStatusCommand({ BulkDeploymentId: bulkDeploymentId }));
    const m = out.BulkDeploymentMetrics;
    if (m) options.onMetrics?.({ recordsProcessed: m.RecordsProcessed, invalidInputRecords: m.InvalidInputRecords, retryAttempts: m.RetryAttempts } as BulkMetrics);
    return {
      status: out.BulkDeploymentStatus ?? 'Unknown',
      ...(out.ErrorMessage ? { errorMessage: out.ErrorMessage } : {}),
      ...(out.ErrorDetails?.length ? { errorDetails: out.ErrorDetails } : {}),
    };
  }, { ...options, classify: classifyBulkStatus });
}

export interface BulkGroupReport {
  groupArn?: string;
  groupId?: string;
  deploymentId?: string;
  status?: string;
  errorMessage?: string;
  errorDetails?: { DetailedErrorCode?: string; DetailedErrorMessage?: string }[];
}

/** Every per-group report of a bulk deployment (all pages). */
export async function bulkDeploymentReports(clients: AwsClients, bulkDeploymentId: string): Promise<BulkGroupReport[]> {
  const gg = clients.greengrass();
  const reports: BulkGroupReport[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await gg.send(new ListBulkDeploymentDetailedReportsCommand({ BulkDeploymentId: bulkDeploymentId, ...(token ? { NextToken: token } : {}) }));
      for (const d of page.Deployments ?? []) {
        const groupId = d.GroupArn ? /\/groups\/([^/]+)/.exec(d.GroupArn)?.[1] : undefined;
        reports.push({
          ...(d.GroupArn ? { groupArn: d.GroupArn } : {}), ...(groupId ? { groupId } : {}),
          ...(d.DeploymentId ? { deploymentId: d.DeploymentId } : {}), ...(d.DeploymentStatus ? { status: d.DeploymentStatus } : {}),
          ...(d.ErrorMessage ? { errorMessage: d.ErrorMessage } : {}), ...(d.ErrorDetails?.length ? { errorDetails: d.ErrorDetails } : {}),
        });
      }
      token = page.NextToken;
    } while (token);
  } catch (error) {
    throw shipAwsError(error, l10n.t('Reading the bulk deployment reports'), 'ListBulkDeploymentDetailedReports');
  }
  return reports;
}
