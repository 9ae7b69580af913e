// Publish Components: from a migration folder, upload the model archives to S3 (the bucket the user chose, or the
// one the migration recorded), create a component version for each Lambda request file and recipe (a recipe as
// inlineRecipe, its uploaded artifacts pointed at that bucket), then wait until each is DEPLOYABLE or FAILED, within
// a time limit. A version that exists already is offered as the next patch version, written back into the files.
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { CreateComponentVersionCommand, DescribeComponentCommand } from '@aws-sdk/client-greengrassv2';
import type { CreateComponentVersionCommandInput } from '@aws-sdk/client-greengrassv2';
import { watchStatus } from '../../core/deploy/status';
import type { AbortLike, Backoff, WatchOutcome, WatchResult } from '../../core/deploy/status';
import { formatS3Uri, parseS3Uri } from '../../core/model';
import {
  DEPLOYMENT_FILE, nextPatchVersion, parseComponentFile, rewriteArtifactBuckets, setJsonValue, versionPath,
} from '../../core/v2/migrationFolder';
import type { ComponentKind, ComponentRequest, RecordedComponent } from '../../core/v2/migrationFolder';
import type { AwsClients } from '../clients';
import { ShipError, nodeGroupIo, shipAwsError } from '../deploy';
import type { GroupIo } from '../deploy';
import { uploadFile } from '../upload';
import { asShipError, errorName, insideFolder, mapLimit, readMigrationRecord, readRequired } from './common';

/** How long Publish waits for the component versions to become DEPLOYABLE (or FAILED) by default. */
export const DEFAULT_READY_TIMEOUT_MS = 120_000;
/** Component versions created or polled at once. */
const CONCURRENCY = 8;

export interface VersionConflict {
  name: string;
  version: string;
  /** The next patch version that is not published yet. */
  next: string;
  /** The component file (absolute). */
  file: string;
}

export interface PublishComponentsOptions {
  io?: GroupIo | undefined;
  /** The bucket for the model archives (default: the record's artifactsBucket, else each model's own bucket). */
  bucket?: string | undefined;
  /** What to do with a version that is published already (default: 'cancel'). 'keep' uses the published one. */
  onConflict?: ((conflict: VersionConflict) => Promise<'bump' | 'keep' | 'cancel'>) | undefined;
  /** The time limit for the versions to become DEPLOYABLE (ms). */
  readyTimeoutMs?: number | undefined;
  backoff?: Backoff | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((message: string) => void) | undefined;
  log?: ((line: string) => void) | undefined;
}

export type ComponentState = 'DEPLOYABLE' | 'FAILED' | 'REQUESTED' | 'INITIATED' | 'DEPRECATED' | 'unknown';

export interface PublishedComponent {
  name: string;
  version: string;
  kind: ComponentKind;
  form: ComponentRequest['form'];
  /** The component file (absolute). */
  file: string;
  arn?: string | undefined;
  state: ComponentState;
  /** The service's message for a FAILED version, or why it is not DEPLOYABLE yet. */
  message?: string | undefined;
  /** Per artifact (or Lambda function), why the version FAILED. */
  errors?: Record<string, string> | undefined;
  /** The version the file had before it was bumped. */
  bumpedFrom?: string | undefined;
  /** The version was published before and kept as it was. */
  existing?: boolean | undefined;
}

export interface UploadedArtifact {
  file: string;
  s3Uri: string;
  bytes: number;
}

export interface PublishComponentsResult {
  folder: string;
  uploaded: UploadedArtifact[];
  components: PublishedComponent[];
  /** How waiting for the versions ended: success (every one DEPLOYABLE), failure (one FAILED), timeout, cancelled, error. */
  wait: WatchResult;
  elapsedMs: number;
}

interface Entry {
  recorded: RecordedComponent;
  index: number;
  file: string;
  text: string;
  parsed: ComponentRequest;
}

/** The CreateComponentVersion request of a component file. */
function requestOf(entry: Entry, moved: Map<string, string>, log: (line: string) => void): CreateComponentVersionCommandInput {
  if (entry.parsed.form === 'lambda') return { ...(entry.parsed.request as CreateComponentVersionCommandInput), clientToken: randomUUID() };
  const { recipe, rewritten } = rewriteArtifactBuckets(entry.parsed.recipe, (uri) => moved.get(uri));
  for (const uri of rewritten) log(`${entry.parsed.name} ${entry.parsed.version}: artifact URI set to the bucket it was uploaded to: ${uri}`);
  return { inlineRecipe: new TextEncoder().encode(JSON.stringify(recipe, null, 2)), clientToken: randomUUID() };
}

/** Publishes the components of a migration folder; see the file comment. Throws ShipError for what stops it all. */
export async function publishComponents(clients: AwsClients, folder: string, options: PublishComponentsOptions = {}): Promise<PublishComponentsResult> {
  const started = Date.now();
  const io = options.io ?? nodeGroupIo;
  const log = options.log ?? ((): void => undefined);
  const progress = options.onProgress ?? ((): void => undefined);
  const cancelled = (): ShipError => new ShipError(l10n.t('Publishing was cancelled; the component versions created so far stay published.'), 'cancelled');

  progress(l10n.t('Reading the migration folder'));
  const { path: recordPath, record } = await readMigrationRecord(folder, io);
  if (record.components.length === 0) throw new ShipError(l10n.t('The migration record lists no components to publish; migrate the group again: {0}', recordPath), 'input');
  const entries: Entry[] = [];
  for (const [index, recorded] of record.components.entries()) {
    const file = await insideFolder(folder, recorded.file);
    const text = await readRequired(io, file, { componentFileOf: recorded.name });
    entries.push({ recorded, index, file, text, parsed: asShipError(() => parseComponentFile(text, file)) });
  }

  // Model archives: uploaded to the chosen bucket under the key the migration gave them.
  const moved = new Map<string, string>();
  const uploaded: UploadedArtifact[] = [];
  for (const { recorded } of entries) {
    const model = recorded.model;
    if (!model?.localArchive) continue;
    const at = parseS3Uri(model.s3Uri);
    if (!at?.key) throw new ShipError(l10n.t("The model's S3 URI names no object; fix it in the migration record: {0}", model.s3Uri), 'input');
    const bucket = options.bucket ?? record.artifactsBucket ?? at.bucket;
    const target = formatS3Uri({ bucket, key: at.key });
    const file = await insideFolder(folder, model.localArchive);
    if (options.signal?.aborted) throw cancelled();
    progress(l10n.t('Uploading {0} to {1}', model.localArchive, target));
    const out = await uploadFile(clients, {
      file, bucket, key: at.key, contentType: /\.zip$/i.test(at.key) ? 'application/zip' : undefined, signal: options.signal,
      cancelledMessage: l10n.t('Publishing was cancelled during an upload; nothing was published after it.'), doing: l10n.t('Uploading {0} to {1}', model.localArchive, target),
    });
    log(`Uploaded ${model.localArchive} (${out.bytes} bytes) to ${target}`);
    uploaded.push({ file, s3Uri: target, bytes: out.bytes });
    moved.set(model.s3Uri, target);
  }

  // Component versions.
  const gg = clients.greengrassV2();
  // First every version at once (a few at a time); then, one by one, those published already, each with its question.
  progress(l10n.t('Creating {0} component version(s)', entries.length));
  const first = await mapLimit(entries, CONCURRENCY, async (entry) => {
    if (options.signal?.aborted) throw cancelled();
    return createVersion(clients, folder, entry, moved, io, { ...options, onConflict: undefined }, log, true);
  });
  const published: PublishedComponent[] = [];
  for (const [i, entry] of entries.entries()) {
    const done = first[i];
    if (done) {
      published.push(done);
      continue;
    }
    if (options.signal?.aborted) throw cancelled();
    progress(l10n.t('{0} {1} is published already', entry.parsed.name, entry.parsed.version));
    published.push((await createVersion(clients, folder, entry, moved, io, options, log, false))!);
  }

  // Waiting until each new version is DEPLOYABLE or FAILED.
  progress(l10n.t('Waiting for the component versions to become deployable'));
  const byArn = new Map(published.filter((p) => p.arn && !p.existing).map((p) => [p.arn!, p] as const));
  const describe = async (p: PublishedComponent): Promise<void> => {
    try {
      const out = await gg.send(new DescribeComponentCommand({ arn: p.arn }));
      p.state = (out.status?.componentState as ComponentState | undefined) ?? 'unknown';
      p.message = out.status?.message && out.status.message !== 'NONE' ? out.status.message : undefined;
      p.errors = out.status?.errors && Object.keys(out.status.errors).length ? out.status.errors : undefined;
    } catch (error) {
      throw shipAwsError(error, l10n.t('Reading the state of {0} {1}', p.name, p.version), 'DescribeComponent');
    }
  };
  // Versions created before (kept): their state is read once.
  await mapLimit(published.filter((p) => p.existing && p.arn), CONCURRENCY, describe);
  const pending = (): PublishedComponent[] => [...byArn.values()].filter((p) => p.state !== 'DEPLOYABLE' && p.state !== 'FAILED');
  const outcome: Pick<WatchOutcome, 'result' | 'error'> = byArn.size === 0 ? { result: 'success' } : await watchStatus(async () => {
    await mapLimit(pending(), CONCURRENCY, describe);
    const left = pending().length;
    const failed = [...byArn.values()].filter((p) => p.state === 'FAILED').length;
    return { status: left ? `waiting:${left}` : failed ? 'FAILED' : 'DEPLOYABLE' };
  }, {
    timeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    ...(options.signal ? { signal: options.signal as AbortLike } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    classify: (s) => (s === 'DEPLOYABLE' ? 'success' : s === 'FAILED' ? 'failure' : 'pending'),
    onStatus: (a) => {
      if (a.status.startsWith('waiting:')) progress(l10n.t('Waiting for {0} component version(s) to become deployable', a.status.slice(8)));
    },
  });
  if (outcome.result === 'error') throw shipAwsError(outcome.error, l10n.t('Reading the component versions'), 'DescribeComponent');
  const anyFailed = published.some((p) => p.state === 'FAILED');
  return {
    folder, uploaded, components: published,
    wait: outcome.result === 'success' && anyFailed ? 'failure' : outcome.result,
    elapsedMs: Date.now() - started,
  };
}

/** Creates the entry's version; a version published already is asked about (`deferConflict`: left undefined for later). */
async function createVersion(
  clients: AwsClients, folder: string, entry: Entry, moved: Map<string, string>, io: GroupIo, options: PublishComponentsOptions, log: (line: string) => void,
  deferConflict: boolean,
): Promise<PublishedComponent | undefined> {
  const gg = clients.greengrassV2();
  const base = { kind: entry.recorded.kind, form: entry.parsed.form, file: entry.file };
  let bumpedFrom: string | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    const { name, version } = entry.parsed;
    try {
      const out = await gg.send(new CreateComponentVersionCommand(requestOf(entry, moved, log)));
      log(`Created ${name} ${version}: ${out.arn ?? ''}`);
      return {
        ...base, name, version, arn: out.arn, state: (out.status?.componentState as ComponentState | undefined) ?? 'REQUESTED',
        ...(bumpedFrom ? { bumpedFrom } : {}),
      };
    } catch (error) {
      if (errorName(error) !== 'ConflictException') throw shipAwsError(error, l10n.t('Publishing {0} {1}', name, version), 'CreateComponentVersion');
      if (deferConflict) return undefined;
      const conflictArn = (error as { resourceId?: unknown }).resourceId;
      const next = nextPatchVersion(version);
      const answer = next && options.onConflict ? await options.onConflict({ name, version, next, file: entry.file }) : 'cancel';
      if (answer === 'keep') {
        log(`${name} ${version} is published already; keeping it`);
        return { ...base, name, version, state: 'unknown', existing: true, ...(typeof conflictArn === 'string' && conflictArn.startsWith('arn:') ? { arn: conflictArn } : {}) };
      }
      if (answer === 'cancel' || !next) {
        throw new ShipError(l10n.t('{0} {1} is published already. Publish again and choose a new version, or raise the version in the file: {2}', name, version, entry.file), 'input', { cause: error });
      }
      bumpedFrom ??= version;
      await writeVersion(folder, entry, next, io);
      log(`${name}: ${version} is published already; the files now say ${next}`);
    }
  }
  throw new ShipError(l10n.t('No free version of {0} was found after 20 tries; raise its version in the file by hand: {1}', entry.parsed.name, entry.file), 'input');
}

/** The new version into the component file, migration.json and deployment.json (formatting kept), and into `entry`. */
async function writeVersion(folder: string, entry: Entry, version: string, io: GroupIo): Promise<void> {
  const { name, form } = entry.parsed;
  await io.editFile(entry.file, (text) => setJsonValue(text, versionPath(form), version));
  const text = await readRequired(io, entry.file, { componentFileOf: name });
  entry.text = text;
  entry.parsed = asShipError(() => parseComponentFile(text, entry.file));
  await io.editFile(join(folder, 'migration.json'), (t) => setJsonValue(t, ['components', entry.index, 'version'], version));
  const deployment = join(folder, DEPLOYMENT_FILE);
  const current = await io.readFile(deployment);
  if (current !== undefined) {
    await io.editFile(deployment, (t) => {
      const doc = parse(t, [], { allowTrailingComma: true }) as { components?: Record<string, unknown> } | undefined;
      return doc?.components && typeof doc.components === 'object' && name in doc.components ? setJsonValue(t, ['components', name, 'componentVersion'], version) : [];
    });
  }
}
