// Model sources: S3 buckets with model archives, and SageMaker training jobs.
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { GetBucketEncryptionCommand, GetObjectCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import * as tar from 'tar';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';
import type { TrainingJobStatus } from '@aws-sdk/client-sagemaker';
import type { AwsClients } from './clients';
import { sendAws } from './call';
import { AwsError, describeAwsError, toAwsError } from './errors';
import { GreengrassExplorerService, toResourceInfo } from './greengrass';
import {
  archiveFormatFor, archiveListing, DEFAULT_LISTING_LIMITS, findZipDirectory, parseZipDirectory, ZIP_TAIL_BYTES,
  type ArchiveEntry, type ArchiveListing, type ListingLimits,
} from '../core/archive';
import { formatBytes, formatS3Uri, parseS3Uri, parseTrainingJobArn } from '../core/model';
import type {
  ArchiveDetails, BucketInfo, EncryptionKind, ModelArchive, ModelArchivePageRequest, Page, TrainingJobDetails,
  TrainingJobInfo, TrainingJobPageRequest,
} from './types';


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
        const format = o.Key ? archiveFormatFor(o.Key) : undefined;
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

/**
 * Bytes one ranged GetObject reads. Archives are read in pieces this size, so that each request stays far under the
 * answer size limit and arrives within the request timeout even on a slow link, whatever the size of the model.
 */
export const OBJECT_CHUNK_BYTES = 4 * 1024 * 1024;

/** Groups "Used by" reads at most (their latest versions' resource definitions). */
export const USED_BY_MAX_GROUPS = 500;

export interface ObjectReadOptions {
  /** Stops the reads; the call then rejects with an AbortError. */
  signal?: AbortSignal | undefined;
  /** Bytes read so far, of the object's size. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** An ML resource that names a model source, in the latest version of its group. */
export interface ModelUser {
  groupId: string;
  groupName: string;
  groupVersionId: string;
  resourceId: string;
  resourceName: string;
  destinationPath?: string | undefined;
}

export interface ModelUsers {
  users: ModelUser[];
  groupsRead: number;
  /** False when the scan stopped at USED_BY_MAX_GROUPS or some groups could not be read (see `failures`). */
  complete: boolean;
  failures: string[];
}

/** What is known of a training job's model artifact in S3. */
export type ArtifactState =
  | { state: 'present'; size?: number | undefined }
  | { state: 'missing' | 'denied' | 'unknown'; message: string }
  | { state: 'none'; message: string };

function aborted(): Error {
  return Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
}

async function bodyBytes(body: Readable, signal: AbortSignal | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stop = (): void => void body.destroy(aborted());
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  if (signal?.aborted) throw aborted();
  return Buffer.concat(chunks);
}

export class ModelObjectReader {
  constructor(private readonly clients: AwsClients) {}

  async head(bucket: string, key: string): Promise<{ size: number; etag?: string | undefined }> {
    const head = await sendAws<{ ContentLength?: number; ETag?: string }>(this.clients, 's3', new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: head.ContentLength ?? 0, etag: head.ETag || undefined };
  }

  /** Bytes [start, end) of the object, one ranged GetObject (at most OBJECT_CHUNK_BYTES plus a little). */
  async range(bucket: string, key: string, start: number, end: number, etag: string | undefined, signal?: AbortSignal): Promise<Buffer> {
    if (signal?.aborted) throw aborted();
    if (end <= start) return Buffer.alloc(0);
    const out = await sendAws<{ Body?: Readable }>(this.clients, 's3', new GetObjectCommand({
      Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}`, ...(etag ? { IfMatch: etag } : {}),
    }));
    if (!out.Body) return Buffer.alloc(0);
    const bytes = await bodyBytes(out.Body, signal);
    if (bytes.length !== end - start) {
      throw new AwsError({ kind: 'unknown', message: l10n.t('The endpoint sent {0} bytes for a range of {1}; try again: {2}', bytes.length, end - start, `s3://${bucket}/${key}`) });
    }
    return bytes;
  }

  /** The object's bytes [start, end) in pieces of OBJECT_CHUNK_BYTES, each checked against the first ETag. */
  async *chunks(bucket: string, key: string, start: number, end: number, etag: string | undefined, options: ObjectReadOptions = {}): AsyncGenerator<Buffer> {
    for (let at = start; at < end; at += OBJECT_CHUNK_BYTES) {
      const chunk = await this.range(bucket, key, at, Math.min(end, at + OBJECT_CHUNK_BYTES), etag, options.signal);
      options.onProgress?.(at + chunk.length - start, end - start);
      yield chunk;
    }
  }
}

/** Lists the entries of a .tar.gz from its first bytes (tar's own parser, which also reads an uncompressed tar). */
async function listTarGz(source: AsyncIterable<Buffer>, limits: ListingLimits): Promise<{ entries: ArchiveEntry[]; stoppedAtEntries: boolean; bytes: number; problem?: string }> {
  const entries: ArchiveEntry[] = [];
  let stoppedAtEntries = false;
  let problem: string | undefined;
  const parser = new tar.Parser({
    strict: false,
    onReadEntry: (entry) => {
      if (entries.length >= limits.maxEntries) stoppedAtEntries = true;
      else {
        const t = entry.type;
        const kind: ArchiveEntry['kind'] = t === 'Directory' ? 'directory'
          : t === 'SymbolicLink' || t === 'Link' ? 'link'
            : t === 'File' || t === 'OldFile' || t === 'ContiguousFile' ? 'file' : 'other';
        entries.push({ path: entry.path, kind, size: kind === 'file' ? entry.size : 0 });
      }
      entry.resume();
    },
    onwarn: (code, message) => {
      if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ABORT' || /zlib/i.test(code)) problem ??= String(message);
    },
  });
  parser.on('error', (error: Error) => {
    problem ??= error.message;
  });
  let bytes = 0;
  for await (const chunk of source) {
    bytes += chunk.length;
    parser.write(chunk);
    if (stoppedAtEntries || (problem && entries.length === 0)) break;
  }
  return { entries, stoppedAtEntries, bytes, ...(problem && entries.length === 0 ? { problem } : {}) };
}

export class ModelArchiveService {
  private readonly objects: ModelObjectReader;

  constructor(private readonly clients: AwsClients) {
    this.objects = new ModelObjectReader(clients);
  }

  /**
   * The entries of a model archive (.tar.gz or .zip) with sizes, totals and the V1 layout check. A .tar.gz is read
   * from its start, gunzipped and parsed as it arrives, up to `limits.maxBytes` of the object or `maxEntries`; a .zip
   * by its central directory, found with a ranged read of the object's end.
   */
  async listArchive(bucket: string, key: string, limits: ListingLimits = DEFAULT_LISTING_LIMITS, options: ObjectReadOptions = {}): Promise<ArchiveListing> {
    const format = archiveFormatFor(key);
    if (!format) throw new AwsError({ kind: 'unknown', message: l10n.t('Only .tar.gz and .zip model archives can be listed: {0}', `s3://${bucket}/${key}`) });
    const { size, etag } = await this.objects.head(bucket, key);
    if (format === 'tar.gz') {
      const end = Math.min(size, limits.maxBytes);
      const read = await listTarGz(this.objects.chunks(bucket, key, 0, end, etag, options), limits);
      if (read.problem) throw new AwsError({ kind: 'unknown', message: l10n.t('It is not a readable .tar.gz archive ({0}): {1}', read.problem, `s3://${bucket}/${key}`) });
      if (read.stoppedAtEntries) {
        return archiveListing(format, read.entries, false, `Only the first ${limits.maxEntries} entries are listed; the archive has more.`);
      }
      if (end < size) {
        return archiveListing(format, read.entries, false, `Only the entries in the first ${formatBytes(end) ?? `${end} bytes`} of ${formatBytes(size) ?? `${size} bytes`} were read; download the archive to see the rest.`);
      }
      return archiveListing(format, read.entries, true);
    }
    const tailStart = Math.max(0, size - ZIP_TAIL_BYTES);
    const tail = await this.objects.range(bucket, key, tailStart, size, etag, options.signal);
    const location = findZipDirectory(tail, tailStart, size);
    if ('problem' in location) throw new AwsError({ kind: 'unknown', message: `${location.problem.replace(/\.$/, '')}: s3://${bucket}/${key}` });
    const directoryBytes = Math.min(location.size, limits.maxBytes);
    let directory: Buffer;
    if (location.offset >= tailStart) {
      directory = tail.subarray(location.offset - tailStart, location.offset - tailStart + directoryBytes);
    } else {
      const parts: Buffer[] = [];
      for await (const c of this.objects.chunks(bucket, key, location.offset, location.offset + directoryBytes, etag, options)) parts.push(c);
      directory = Buffer.concat(parts);
    }
    const parsed = parseZipDirectory(directory, limits.maxEntries);
    if (parsed.problem && directoryBytes === location.size) throw new AwsError({ kind: 'unknown', message: `${parsed.problem.replace(/\.$/, '')}: s3://${bucket}/${key}` });
    if (!parsed.complete || directoryBytes < location.size) {
      return archiveListing(format, parsed.entries, false, `Only the first ${parsed.entries.length} of ${location.entries} entries are listed.`);
    }
    return archiveListing(format, parsed.entries, true);
  }

  /**
   * Saves the object to `file`: written to a new temporary file beside it in pieces, then renamed over `file` (so a
   * cancelled or failed download leaves no partial file, and an existing file stays as it was until the end).
   */
  async download(bucket: string, key: string, file: string, options: ObjectReadOptions = {}): Promise<{ bytes: number }> {
    const { size, etag } = await this.objects.head(bucket, key);
    const part = `${file}.${randomBytes(4).toString('hex')}.part`;
    // 'wx': never opens an existing file or follows a link planted at the temporary name.
    const handle = await open(part, 'wx');
    let closed = false;
    try {
      let written = 0;
      options.onProgress?.(0, size);
      for await (const chunk of this.objects.chunks(bucket, key, 0, size, etag, options)) {
        await handle.write(chunk);
        written += chunk.length;
      }
      await handle.close();
      closed = true;
      if (options.signal?.aborted) throw aborted();
      await rename(part, file);
      return { bytes: written };
    } catch (error) {
      if (!closed) await handle.close().catch(() => undefined);
      await rm(part, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Whether a training job's model artifact is in S3. HeadObject: 404 is "missing"; 403 is "denied" (S3 answers 403
   * for a missing key too when the caller may not list the bucket).
   */
  async artifactState(uri: string | undefined, status: string | undefined): Promise<ArtifactState> {
    if (status !== undefined && status !== 'Completed') {
      return { state: 'none', message: status === 'InProgress' ? l10n.t('The job is still running: it has no model artifact yet.') : l10n.t('The job is {0}: it has no model artifact.', status.toLowerCase()) };
    }
    if (!uri) return { state: 'none', message: l10n.t('The job names no model artifact.') };
    const location = parseS3Uri(uri);
    if (!location?.key) return { state: 'unknown', message: l10n.t("The job's model artifact is not an s3:// object URI: {0}", uri) };
    try {
      return { state: 'present', size: (await this.objects.head(location.bucket, location.key)).size };
    } catch (error) {
      const info = toAwsError(error).info;
      if (info.kind === 'notFound') return { state: 'missing', message: l10n.t('Model artifact missing: {0}', uri) };
      if (info.kind === 'accessDenied') return { state: 'denied', message: l10n.t('Model artifact not readable (access denied, or it is missing): {0}', uri) };
      return { state: 'unknown', message: info.message };
    }
  }

  /**
   * The ML resources, in the latest version of each group, that name an archive's S3 URI or a training job's ARN.
   * Reads at most `maxGroups` groups, a few at a time; the resource definition versions groups share are read once.
   */
  async findUsers(source: { s3Uri: string } | { sageMakerJobArn: string }, options: { maxGroups?: number; signal?: AbortSignal; onProgress?: (read: number) => void } = {}): Promise<ModelUsers> {
    const gg = new GreengrassExplorerService(this.clients);
    const maxGroups = options.maxGroups ?? USED_BY_MAX_GROUPS;
    const groups: { id: string; name: string; latestVersionId?: string | undefined }[] = [];
    let token: string | undefined;
    do {
      if (options.signal?.aborted) throw aborted();
      const page = await gg.listGroups({ maxResults: 100, ...(token ? { nextToken: token } : {}) });
      groups.push(...page.items);
      token = page.nextToken;
    } while (token && groups.length < maxGroups);
    const read = groups.slice(0, maxGroups).filter((g) => g.latestVersionId);
    const wanted = 's3Uri' in source ? parseS3Uri(source.s3Uri) : undefined;
    const wantedJob = 'sageMakerJobArn' in source ? parseTrainingJobArn(source.sageMakerJobArn) : undefined;
    const matches = (r: ReturnType<typeof toResourceInfo>): boolean => {
      if (wanted && r.type === 'mlS3' && r.s3Uri) {
        const l = parseS3Uri(r.s3Uri);
        return l?.bucket === wanted.bucket && l.key === wanted.key;
      }
      if (wantedJob && r.type === 'mlSageMaker' && r.sageMakerJobArn) {
        const j = parseTrainingJobArn(r.sageMakerJobArn);
        return j?.jobName === wantedJob.jobName && j.region === wantedJob.region && j.account === wantedJob.account;
      }
      return false;
    };
    const definitions = new Map<string, Promise<ReturnType<typeof toResourceInfo>[]>>();
    const users: ModelUser[] = [];
    const failures: string[] = [];
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < read.length) {
        if (options.signal?.aborted) throw aborted();
        const g = read[next++]!;
        try {
          const { refs } = await gg.getGroupVersionRefs(g.id, g.latestVersionId!);
          const ref = refs.find((r) => r.kind === 'resource');
          if (ref) {
            let resources = definitions.get(ref.arn);
            if (!resources) {
              resources = gg.getDefinitionVersion('resource', ref.definitionId, ref.versionId)
                .then((raw) => (((raw.Definition as { Resources?: Parameters<typeof toResourceInfo>[0][] } | undefined)?.Resources) ?? []).map(toResourceInfo));
              definitions.set(ref.arn, resources);
            }
            for (const r of (await resources).filter(matches)) {
              users.push({ groupId: g.id, groupName: g.name, groupVersionId: g.latestVersionId!, resourceId: r.id, resourceName: r.name, destinationPath: r.destinationPath });
            }
          }
        } catch (error) {
          if (options.signal?.aborted) throw aborted();
          failures.push(`${g.name}: ${toAwsError(error).message}`);
        }
        options.onProgress?.(++done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, read.length) }, worker));
    users.sort((a, b) => a.groupName.localeCompare(b.groupName) || a.resourceName.localeCompare(b.resourceName));
    return { users, groupsRead: read.length, complete: !token && groups.length <= maxGroups && failures.length === 0, failures };
  }
}
