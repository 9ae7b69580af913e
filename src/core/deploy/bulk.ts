// Bulk deployments: the input file (JSON lines in S3) and the bulk statuses.
import * as l10n from '@vscode/l10n';
import { isValidBucketName } from '../model';

export interface BulkInputRecord {
  GroupId: string;
  GroupVersionId: string;
  DeploymentType: 'NewDeployment' | 'Redeployment' | 'ResetDeployments' | 'ForceResetDeployments';
  DeploymentId?: string;
}

/** The StartBulkDeployment input file: one JSON object per line. */
export function bulkInputFile(records: readonly BulkInputRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** Parses an input file back (for checks and tests); throws on a line that is not a record. */
export function parseBulkInputFile(text: string): BulkInputRecord[] {
  return text.split(/\r?\n/).filter((l) => l.trim()).map((line, i) => {
    const value = JSON.parse(line) as Partial<BulkInputRecord>;
    if (typeof value.GroupId !== 'string' || typeof value.GroupVersionId !== 'string' || typeof value.DeploymentType !== 'string') {
      throw new Error(`Line ${i + 1} of the bulk deployment input file is not a deployment record: ${line}`);
    }
    return value as BulkInputRecord;
  });
}

/** Bulk statuses: Initializing, Running, Completed, Stopping, Stopped, Failed. */
export function classifyBulkStatus(status: string): 'success' | 'failure' | 'pending' {
  if (status === 'Completed') return 'success';
  if (status === 'Failed' || status === 'Stopped') return 'failure';
  return 'pending';
}

/** Why a bucket/key pair cannot hold the input file, or undefined. */
export function validateBulkInputLocation(bucket: string, key: string): string | undefined {
  if (!isValidBucketName(bucket)) return l10n.t('Enter an S3 bucket name (lowercase letters, digits, "-" and "."): {0}', bucket);
  if (!key.trim() || key.endsWith('/')) return l10n.t('Enter an object key for the input file, for example bulk/deploy.json: {0}', key);
  return undefined;
}
