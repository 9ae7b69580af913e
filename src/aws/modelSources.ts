// Model sources: S3 buckets with model archives, and SageMaker training jobs.
import { GetBucketEncryptionCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';
import type { TrainingJobStatus } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from './clients';
import { sendAws } from './call';
import { describeAwsError } from './errors';
import { formatS3Uri, parseTrainingJobArn } from '../core/model';
import type {
  ArchiveDetails, ArchiveFormat, BucketInfo, EncryptionKind, ModelArchive, ModelArchivePageRequest, Page, TrainingJobDetails,
  TrainingJobInfo, TrainingJobPageRequest,
} from './types';

/** The archive format of a key, or undefined when Greengrass cannot use it as an ML resource. */
export function archiveFormat(key: string): ArchiveFormat | undefined {
  const k = key.toLowerCase();
  if (k.endsWith('.tar.gz')) return 'tar.gz';
  if (k.endsWith('.zip')) return 'zip';
  return undefined;
}

function iso(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  return d instanceof Date ? d.toISOString() : String(d);
}

function encryptionOf(sse: string | undefined, customerAlgorithm: string | undefined): EncryptionKind | undefined {
  if (customerAlgorithm) return 'SSE-C';
  if (!sse) return undefined;
  if (sse === 'AES256') return 'SSE-S3';
  if (sse.startsWith('aws:kms')) return 'SSE-KMS';
  return undefined;
}

/** How many S3 pages one call reads at most to find archives among other keys. */
const MAX_SCAN_PAGES = 10;

export class ModelSourcesService {
  constructor(readonly clients: AwsClients) {}

  private send<O>(service: 's3' | 'sagemaker', command: { constructor: { name: string } }): Promise<O> {
    return sendAws<O>(this.clients, service, command);
  }

  async listBuckets(): Promise<BucketInfo[]> {
    const out = await this.send<{ Buckets?: { Name?: string; CreationDate?: Date }[] }>('s3', new ListBucketsCommand({}));
    return (out.Buckets ?? [])
      .filter((b) => b.Name)
      .map((b) => ({ name: b.Name!, ...(b.CreationDate ? { createdAt: iso(b.CreationDate)! } : {}) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Only `.tar.gz` / `.zip` keys; nextToken is S3's continuation token. Pages holding no archive are skipped (up to a
   * few), so the tree does not show empty pages with "Load more…".
   */
  async listModelArchives(bucket: string, request: ModelArchivePageRequest = {}): Promise<Page<ModelArchive>> {
    const items: ModelArchive[] = [];
    let token = request.continuationToken;
    for (let page = 0; page < MAX_SCAN_PAGES; page++) {
      const out = await this.send<{ Contents?: { Key?: string; Size?: number; LastModified?: Date }[]; NextContinuationToken?: string; IsTruncated?: boolean }>(
        's3',
        new ListObjectsV2Command({
          Bucket: bucket,
          ...(request.prefix ? { Prefix: request.prefix } : {}),
          ...(token ? { ContinuationToken: token } : {}),
          ...(request.maxKeys ? { MaxKeys: request.maxKeys } : {}),
        }),
      );
      for (const o of out.Contents ?? []) {
        const format = o.Key ? archiveFormat(o.Key) : undefined;
        if (!o.Key || !format) continue;
        items.push({
          bucket, key: o.Key, uri: formatS3Uri({ bucket, key: o.Key }), format,
          size: o.Size,
          ...(o.LastModified ? { lastModified: iso(o.LastModified)! } : {}),
        });
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
      if (!token || items.length > 0) break;
    }
    return { items, nextToken: token || undefined };
  }

  /** Size, last change and encryption (the object's, else the bucket's default). */
  async describeArchive(bucket: string, key: string): Promise<ArchiveDetails> {
    const head = await this.send<{ ContentLength?: number; LastModified?: Date; ContentType?: string; ServerSideEncryption?: string; SSECustomerAlgorithm?: string; SSEKMSKeyId?: string }>(
      's3', new HeadObjectCommand({ Bucket: bucket, Key: key }),
    );
    const base = {
      bucket, key, uri: formatS3Uri({ bucket, key }),
      size: head.ContentLength,
      ...(head.LastModified ? { lastModified: iso(head.LastModified)! } : {}),
      contentType: head.ContentType || undefined,
    };
    const fromObject = encryptionOf(head.ServerSideEncryption, head.SSECustomerAlgorithm);
    if (fromObject) return { ...base, encryption: fromObject, encryptionSource: 'object', kmsKeyId: head.SSEKMSKeyId || undefined };
    try {
      const enc = await this.send<{ ServerSideEncryptionConfiguration?: { Rules?: { ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: string } }[] } }>(
        's3', new GetBucketEncryptionCommand({ Bucket: bucket }),
      );
      const rule = enc.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
      const kind = encryptionOf(rule?.SSEAlgorithm, undefined) ?? 'none';
      return { ...base, encryption: kind, encryptionSource: 'bucket', ...(rule?.KMSMasterKeyID ? { kmsKeyId: rule.KMSMasterKeyID } : {}) };
    } catch (error) {
      // No default encryption configured on the bucket (or not allowed to read it).
      const info = describeAwsError(error);
      if (/ServerSideEncryptionConfigurationNotFound/i.test(String((error as Error & { cause?: { name?: string } }).cause?.name ?? '')) || info.kind === 'notFound') {
        return { ...base, encryption: 'none', encryptionSource: 'bucket' };
      }
      return { ...base, encryption: 'none', encryptionSource: 'unknown' };
    }
  }

  async listTrainingJobs(request: TrainingJobPageRequest = {}): Promise<Page<TrainingJobInfo>> {
    const out = await this.send<{ TrainingJobSummaries?: { TrainingJobName?: string; TrainingJobArn?: string; TrainingJobStatus?: string; CreationTime?: Date; TrainingEndTime?: Date }[]; NextToken?: string }>(
      'sagemaker',
      new ListTrainingJobsCommand({
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        ...(request.maxResults ? { MaxResults: request.maxResults } : {}),
        ...(request.nextToken ? { NextToken: request.nextToken } : {}),
        ...(request.nameContains ? { NameContains: request.nameContains } : {}),
        ...(request.statusEquals ? { StatusEquals: request.statusEquals as TrainingJobStatus } : {}),
      }),
    );
    const items = (out.TrainingJobSummaries ?? []).map((j) => ({
      name: j.TrainingJobName ?? '',
      arn: j.TrainingJobArn || undefined,
      status: j.TrainingJobStatus || undefined,
      ...(j.CreationTime ? { createdAt: iso(j.CreationTime)! } : {}),
      ...(j.TrainingEndTime ? { endedAt: iso(j.TrainingEndTime)! } : {}),
    }));
    return { items, nextToken: out.NextToken || undefined };
  }

  /** Accepts a job name or its ARN (as ML resources name it). */
  async describeTrainingJob(nameOrArn: string): Promise<TrainingJobDetails> {
    const name = parseTrainingJobArn(nameOrArn)?.jobName ?? nameOrArn;
    const j = await this.send<{
      TrainingJobName?: string; TrainingJobArn?: string; TrainingJobStatus?: string; SecondaryStatus?: string; FailureReason?: string;
      CreationTime?: Date; TrainingEndTime?: Date; ModelArtifacts?: { S3ModelArtifacts?: string }; OutputDataConfig?: { S3OutputPath?: string };
    }>('sagemaker', new DescribeTrainingJobCommand({ TrainingJobName: name }));
    const region = j.TrainingJobArn ? parseTrainingJobArn(j.TrainingJobArn)?.region : undefined;
    return {
      name: j.TrainingJobName ?? name,
      arn: j.TrainingJobArn || undefined,
      status: j.TrainingJobStatus || undefined,
      secondaryStatus: j.SecondaryStatus || undefined,
      failureReason: j.FailureReason || undefined,
      ...(j.CreationTime ? { createdAt: iso(j.CreationTime)! } : {}),
      ...(j.TrainingEndTime ? { endedAt: iso(j.TrainingEndTime)! } : {}),
      ...(j.ModelArtifacts?.S3ModelArtifacts ? { modelArtifactUri: j.ModelArtifacts.S3ModelArtifacts } : {}),
      ...(j.OutputDataConfig?.S3OutputPath ? { outputPath: j.OutputDataConfig.S3OutputPath } : {}),
      region: region || undefined,
    };
  }
}
