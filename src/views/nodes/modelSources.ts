import * as vscode from 'vscode';
import type { ArtifactState } from '../../aws';
import type { ArchiveDetails, BucketInfo, ModelArchive, TrainingJobDetails, TrainingJobInfo } from '../../aws/types';
import { esc, forEachLimited, formatBytes, formatTime, md, statusIcon } from '../format';
import type { ExplorerServices } from '../services';
import type { Identifiable } from './groups';
import { ListFolderNode } from './listFolder';
import { ExplorerNode } from './node';

/** The root "Model Sources": S3 buckets with model archives, and SageMaker training jobs. */
export class ModelSourcesNode extends ExplorerNode {
  readonly s3: BucketsFolder;
  readonly sageMaker: TrainingJobsFolder;

  constructor(services: ExplorerServices) {
    super(undefined, 'modelSources');
    this.s3 = new BucketsFolder(this, services);
    this.sageMaker = new TrainingJobsFolder(this, services);
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Model Sources'), vscode.TreeItemCollapsibleState.Expanded);
    item.contextValue = 'greengrassMl:modelSources';
    item.iconPath = new vscode.ThemeIcon('library');
    item.tooltip = vscode.l10n.t('Where ML resources get their models: archives in Amazon S3 and SageMaker training jobs');
    return item;
  }

  override children(): ExplorerNode[] {
    return [this.s3, this.sageMaker];
  }

  override reset(): void {
    this.s3.reset();
    this.sageMaker.reset();
  }
}

export class BucketsFolder extends ListFolderNode<BucketInfo> {
  constructor(parent: ModelSourcesNode, services: ExplorerServices) {
    super(parent, {
      key: 's3',
      label: 'S3',
      words: {
        empty: vscode.l10n.t('No buckets found'),
        noMatch: (filter) => vscode.l10n.t('No buckets match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load buckets'),
        failedMore: vscode.l10n.t('Failed to load more buckets'),
        filterPrompt: vscode.l10n.t('Show the buckets whose name contains this text (empty: all)'),
      },
      kind: 'buckets',
      icon: new vscode.ThemeIcon('database'),
      tooltip: vscode.l10n.t('Amazon S3 buckets and the model archives (.tar.gz, .zip) in them'),
      load: async () => ({ items: await (await services.modelSources()).listBuckets() }),
      itemKey: (b) => b.name,
      itemName: (b) => b.name,
      createNode: (folder, b) => new BucketNode(folder, b, services),
    }, services);
  }
}

/** A bucket: lists its model archives, paged, with a key prefix as its filter. */
export class BucketNode extends ListFolderNode<ModelArchive> implements Identifiable {
  constructor(parent: ExplorerNode, readonly bucket: BucketInfo, services: ExplorerServices) {
    super(parent, {
      key: `bucket:${bucket.name}`,
      label: bucket.name,
      words: {
        empty: vscode.l10n.t('No model archives found'),
        noMatch: (filter) => vscode.l10n.t('No model archives match the prefix: {0}', filter),
        failed: vscode.l10n.t('Failed to load model archives'),
        failedMore: vscode.l10n.t('Failed to load more model archives'),
        filterPrompt: vscode.l10n.t('Show the archives whose key starts with this prefix (empty: all)'),
      },
      kind: 'bucket',
      icon: new vscode.ThemeIcon('package'),
      filterKind: 'prefix',
      serverFilter: true,
      tooltip: bucket.createdAt ? `s3://${bucket.name}\n${vscode.l10n.t('Created {0}', formatTime(bucket.createdAt) ?? '')}` : `s3://${bucket.name}`,
      load: async (r) => (await services.modelSources()).listModelArchives(bucket.name, {
        prefix: r.filter,
        continuationToken: r.nextToken,
        maxKeys: r.pageSize,
      }),
      itemKey: (a) => a.key,
      itemName: (a) => a.key,
      createNode: (folder, a) => new ModelArchiveNode(folder, a),
      onLoaded: (folder) => void (folder as BucketNode).describeArchives(),
    }, services);
  }

  arn(): string | undefined {
    return `arn:aws:s3:::${this.bucket.name}`;
  }

  resourceId(): string | undefined {
    return this.bucket.name;
  }

  /** Size, encryption and last change of each archive shown (a few HeadObject calls at a time). */
  private async describeArchives(): Promise<void> {
    const nodes = this.loadedItems()
      .map((a) => this.nodeFor(a.key))
      .filter((n): n is ModelArchiveNode => n instanceof ModelArchiveNode && n.details === undefined && !n.describing);
    await describeEach(this.services, nodes, (service, node) => service.describeArchive(node.archive.bucket, node.archive.key));
  }
}

export class ModelArchiveNode extends ExplorerNode implements Identifiable {
  details: ArchiveDetails | undefined;
  detailsError: string | undefined;
  describing = false;

  constructor(parent: ExplorerNode, readonly archive: ModelArchive) {
    super(parent, `archive:${archive.key}`);
  }

  arn(): string | undefined {
    return `arn:aws:s3:::${this.archive.bucket}/${this.archive.key}`;
  }

  resourceId(): string | undefined {
    return this.archive.uri;
  }

  /** The archive's s3:// URI (Copy S3 URI, Download, Show Contents, Used By). */
  s3Uri(): string {
    return this.archive.uri;
  }

  toTreeItem(): vscode.TreeItem {
    const a = this.archive;
    const d = this.details;
    const size = d?.size ?? a.size;
    const item = new vscode.TreeItem(a.key, vscode.TreeItemCollapsibleState.None);
    item.contextValue = 'greengrassMl:modelArchive';
    item.iconPath = new vscode.ThemeIcon('file-zip');
    const encryption = d ? (d.encryption === 'none' ? vscode.l10n.t('not encrypted') : d.encryption) : undefined;
    item.description = [formatBytes(d?.size ?? a.size), encryption, formatTime(d?.lastModified ?? a.lastModified)].filter(Boolean).join(' · ');
    item.tooltip = md([
      `**${esc(a.uri)}**`,
      vscode.l10n.t('Format: {0}', esc(a.format)),
      size === undefined ? vscode.l10n.t('Size: {0}', vscode.l10n.t('unknown')) : vscode.l10n.t('Size: {0} ({1} bytes)', esc(formatBytes(size)), size),
      vscode.l10n.t('Last modified: {0}', esc(formatTime(d?.lastModified ?? a.lastModified) ?? vscode.l10n.t('unknown'))),
      d && encryptionLine(d),
      d?.encryption === 'SSE-C' && `$(warning) ${vscode.l10n.t('Greengrass cannot read archives encrypted with SSE-C.')}`,
      this.detailsError && vscode.l10n.t('Details could not be read: {0}', esc(this.detailsError)),
    ]);
    return item;
  }
}

/** "Encryption: SSE-KMS (bucket default) with key …". */
function encryptionLine(d: ArchiveDetails): string {
  const mode = esc(d.encryption);
  const bucket = d.encryptionSource === 'bucket';
  if (d.kmsKeyId) {
    return bucket
      ? vscode.l10n.t('Encryption: {0} (bucket default) with key {1}', mode, esc(d.kmsKeyId))
      : vscode.l10n.t('Encryption: {0} with key {1}', mode, esc(d.kmsKeyId));
  }
  return bucket ? vscode.l10n.t('Encryption: {0} (bucket default)', mode) : vscode.l10n.t('Encryption: {0}', mode);
}

export class TrainingJobsFolder extends ListFolderNode<TrainingJobInfo> {
  constructor(parent: ModelSourcesNode, services: ExplorerServices) {
    super(parent, {
      key: 'sagemaker',
      label: vscode.l10n.t('SageMaker Training Jobs'),
      words: {
        empty: vscode.l10n.t('No training jobs found'),
        noMatch: (filter) => vscode.l10n.t('No training jobs match the filter: {0}', filter),
        failed: vscode.l10n.t('Failed to load training jobs'),
        failedMore: vscode.l10n.t('Failed to load more training jobs'),
        filterPrompt: vscode.l10n.t('Show the training jobs whose name contains this text (empty: all)'),
      },
      kind: 'trainingJobs',
      icon: new vscode.ThemeIcon('beaker'),
      serverFilter: true,
      load: async (r) => (await services.modelSources()).listTrainingJobs({
        nextToken: r.nextToken,
        maxResults: r.pageSize,
        nameContains: r.filter,
      }),
      itemKey: (j) => j.name,
      itemName: (j) => j.name,
      createNode: (folder, j) => new TrainingJobNode(folder, j),
      onLoaded: (folder) => void (folder as TrainingJobsFolder).describeJobs(),
    }, services);
  }

  /**
   * The model artifact of each job shown (a few DescribeTrainingJob calls at a time), and whether the artifact is in
   * S3 (HeadObject): a job whose artifact was deleted cannot be deployed as an ML resource.
   */
  private async describeJobs(): Promise<void> {
    const nodes = this.loadedItems()
      .map((j) => this.nodeFor(j.name))
      .filter((n): n is TrainingJobNode => n instanceof TrainingJobNode && n.details === undefined && !n.describing);
    await describeEach(this.services, nodes, async (service, node) => {
      const details = await service.describeTrainingJob(node.job.name);
      try {
        const connection = this.services.connection;
        const [aws, clients] = await Promise.all([connection.aws(), connection.clients()]);
        node.artifact = await new aws.ModelArchiveService(clients).artifactState(details.modelArtifactUri, details.status);
      } catch (error) {
        this.services.log.warn(`Could not check the model artifact of training job ${node.job.name}: ${this.services.describeError(error)}`);
      }
      return details;
    });
  }
}

export class TrainingJobNode extends ExplorerNode implements Identifiable {
  details: TrainingJobDetails | undefined;
  detailsError: string | undefined;
  describing = false;
  /** Whether the model artifact is in S3, once checked. */
  artifact: ArtifactState | undefined;

  constructor(parent: ExplorerNode, readonly job: TrainingJobInfo) {
    super(parent, `job:${job.name}`);
  }

  arn(): string | undefined {
    return this.job.arn;
  }

  resourceId(): string | undefined {
    return this.job.name;
  }

  /** The model artifact's s3:// URI, once the job is described and has one. */
  s3Uri(): string | undefined {
    return this.details?.modelArtifactUri;
  }

  /** The artifact's problem (missing, unreadable, none yet), when there is one. */
  get artifactWarning(): Exclude<ArtifactState, { state: 'present' }> | undefined {
    return this.artifact && this.artifact.state !== 'present' ? this.artifact : undefined;
  }

  override children(): ExplorerNode[] {
    const warning = this.artifactWarning;
    return warning ? [new ArtifactWarningNode(this, warning)] : [];
  }

  toTreeItem(): vscode.TreeItem {
    const j = this.details ?? this.job;
    const artifact = this.details?.modelArtifactUri;
    const warning = this.artifactWarning;
    const secondary = this.details?.secondaryStatus && this.details.secondaryStatus !== j.status ? this.details.secondaryStatus : undefined;
    const item = new vscode.TreeItem(this.job.name, warning ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.contextValue = 'greengrassMl:trainingJob';
    item.iconPath = statusIcon(j.status);
    item.description = [j.status, artifact ? artifact.slice(artifact.lastIndexOf('/') + 1) : undefined, formatTime(j.endedAt ?? j.createdAt)].filter(Boolean).join(' · ');
    item.tooltip = md([
      `**${esc(this.job.name)}**`,
      j.arn && vscode.l10n.t('ARN: {0}', esc(j.arn)),
      secondary
        ? vscode.l10n.t('Status: {0} ({1})', esc(j.status ?? vscode.l10n.t('unknown')), esc(secondary))
        : vscode.l10n.t('Status: {0}', esc(j.status ?? vscode.l10n.t('unknown'))),
      artifact ? vscode.l10n.t('Model artifact: {0}', esc(artifact)) : this.details ? vscode.l10n.t('No model artifact yet') : undefined,
      this.details?.failureReason && vscode.l10n.t('Failure: {0}', esc(this.details.failureReason)),
      vscode.l10n.t('Created: {0}', esc(formatTime(j.createdAt) ?? vscode.l10n.t('unknown'))),
      j.endedAt && vscode.l10n.t('Ended: {0}', esc(formatTime(j.endedAt))),
      warning && `$(warning) ${esc(warning.message)}`,
      this.detailsError && vscode.l10n.t('Details could not be read: {0}', esc(this.detailsError)),
    ]);
    return item;
  }
}

/** Below a training job: its model artifact is missing or unreadable, or the job has none yet; says what to do. */
export class ArtifactWarningNode extends ExplorerNode {
  constructor(parent: TrainingJobNode, readonly warning: Exclude<ArtifactState, { state: 'present' }>) {
    super(parent, 'artifactWarning');
  }

  toTreeItem(): vscode.TreeItem {
    const w = this.warning;
    const item = new vscode.TreeItem(w.message, vscode.TreeItemCollapsibleState.None);
    item.contextValue = `greengrassMl:artifactWarning.${w.state}`;
    item.iconPath = w.state === 'none' ? new vscode.ThemeIcon('info') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    const todo = w.state === 'missing'
      ? vscode.l10n.t('The object the job names is not in S3 (deleted or moved): an ML resource that uses this job fails to deploy. Copy the model back to that S3 URI, or retrain the job, or point the resource at an S3 archive instead.')
      : w.state === 'denied'
        ? vscode.l10n.t('S3 refused to read the object (403). It may be missing, or the profile may not read this bucket: check with an account that can.')
        : w.state === 'none'
          ? vscode.l10n.t('An ML resource can use this job once it has completed and written its model artifact.')
          : vscode.l10n.t('The artifact could not be checked; use Refresh to try again.');
    item.tooltip = md([`**${esc(w.message)}**`, esc(todo)]);
    return item;
  }
}

type ModelSources = Awaited<ReturnType<ExplorerServices['modelSources']>>;

/** Fills in the details of nodes shown in a list, a few calls at a time; a failure marks only its own node. */
async function describeEach<N extends { details: D | undefined; detailsError: string | undefined; describing: boolean } & ExplorerNode, D>(
  services: ExplorerServices,
  nodes: N[],
  describe: (service: ModelSources, node: N) => Promise<D>,
): Promise<void> {
  if (!nodes.length) return;
  for (const n of nodes) n.describing = true;
  let service: ModelSources;
  try {
    service = await services.modelSources();
  } catch (error) {
    for (const n of nodes) n.describing = false;
    services.log.warn(`Could not read the details of the model sources: ${services.describeError(error)}`);
    return;
  }
  await forEachLimited(nodes, 4, async (node) => {
    node.details = await describe(service, node);
    node.describing = false;
    services.changed(node);
  }, (node, error) => {
    node.describing = false;
    node.detailsError = services.describeError(error);
    services.changed(node);
  });
}
