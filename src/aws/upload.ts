// Upload a model: pack a folder into a .tar.gz with a parent directory (what the Greengrass core needs to unpack
// it) or a .zip, never following links out of the folder, then upload it to the ML resource's S3 URI with
// multipart uploads, progress and cancellation.
import * as l10n from '@vscode/l10n';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdtemp, readdir, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import * as tar from 'tar';
import { ZipFile } from 'yazl';
import type { AwsClients } from './clients';
import { ShipError, shipAwsError } from './deploy';
import { archiveFormatFor, defaultExclude, parseArchiveLocation, planArchive } from '../core/archive';
import { formatBytes, formatS3Uri } from '../core/model';
import type { ArchiveFormat, ArchivePlan, ScannedEntry } from '../core/archive';

/** Walks a folder without following links; each link is resolved to say whether its target stays inside. */
export async function scanFolder(folder: string): Promise<ScannedEntry[]> {
  const root = await realpath(folder);
  const info = await stat(root);
  if (!info.isDirectory()) throw new ShipError(l10n.t('Choose a folder to pack, not a file: {0}', folder), 'input');
  const out: ScannedEntry[] = [];
  async function walk(dir: string): Promise<void> {
    const names = await readdir(dir);
    for (const name of names) {
      const abs = join(dir, name);
      const rel = relative(root, abs).split(sep).join('/');
      const st = await lstat(abs);
      if (st.isDirectory()) {
        out.push({ path: rel, kind: 'directory' });
        await walk(abs);
      } else if (st.isFile()) {
        out.push({ path: rel, kind: 'file', size: st.size });
      } else if (st.isSymbolicLink()) {
        out.push({ path: rel, kind: 'symlink', link: await resolveLink(root, abs) });
      } else {
        out.push({ path: rel, kind: 'other' });
      }
    }
  }
  await walk(root);
  return out;
}

async function resolveLink(root: string, abs: string): Promise<NonNullable<ScannedEntry['link']>> {
  let target: string;
  try {
    target = await realpath(abs);
  } catch {
    return { inside: true, target: relative(root, abs).split(sep).join('/'), targetKind: 'missing' };
  }
  const rel = relative(root, target);
  if (!rel || rel.startsWith('..') || rel.startsWith(sep) || /^[a-zA-Z]:/.test(rel)) return { inside: false, target };
  const st = await stat(target);
  return {
    inside: true, target: rel.split(sep).join('/'),
    targetKind: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', ...(st.isFile() ? { size: st.size } : {}),
  };
}

export interface PackOptions {
  format: ArchiveFormat;
  /** The archive file to write. */
  outFile: string;
  /** Leave out caches (__pycache__, .git, …); default true. */
  excludeCaches?: boolean;
}

/** Packs a folder; returns the plan (what went in, what was skipped and why). */
export async function packFolder(folder: string, options: PackOptions): Promise<ArchivePlan> {
  const root = await realpath(folder);
  const scanned = await scanFolder(root);
  // A .tar.gz gets the folder's name as its parent directory (the core cannot unpack one without); a .zip has none.
  const parent = options.format === 'tar.gz' ? basename(root) : undefined;
  const plan = planArchive(scanned, { ...(parent ? { parent } : {}), ...(options.excludeCaches === false ? {} : { exclude: defaultExclude }) });
  if (plan.fileCount === 0) throw new ShipError(l10n.t('The folder holds no files to pack: {0}', folder), 'input');
  if (options.format === 'tar.gz') await writeTar(root, plan, options.outFile);
  else await writeZip(root, plan, options.outFile);
  return plan;
}

async function writeTar(root: string, plan: ArchivePlan, outFile: string): Promise<void> {
  // The entries are given one by one (no recursion), so only what the plan allows goes in. They are read as
  // <folder name>/<path> from the folder's parent, which makes the folder's name the archive's parent directory;
  // `follow` packs a link that stays inside the folder as a copy of its target file.
  const base = basename(root);
  const prefix = `${base}/`;
  const names = plan.entries.map((e) => e.archivePath.replace(/\/$/, ''));
  if (names.some((n) => n !== base && !n.startsWith(prefix))) throw new Error(`Archive entries must be under ${prefix}`);
  // Through the packer itself, not tar.c: tar.c reads a name that starts with "@" ("@scope-model/…") as an archive
  // to merge, so a folder with such a name could not be packed.
  const pack = new tar.Pack({ gzip: true, portable: true, noDirRecurse: true, follow: true, cwd: dirname(root) });
  const written = pipeline(pack, createWriteStream(outFile));
  for (const name of names) pack.add(name);
  pack.end();
  await written;
}

async function writeZip(root: string, plan: ArchivePlan, outFile: string): Promise<void> {
  const zip = new ZipFile();
  for (const e of plan.entries) {
    if (e.kind === 'directory') zip.addEmptyDirectory(e.archivePath.replace(/\/$/, ''));
    else zip.addFile(join(root, ...e.source.split('/')), e.archivePath);
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(outFile));
}

export interface UploadProgress {
  loaded: number;
  total?: number;
}

export interface UploadModelOptions {
  folder: string;
  s3Uri: string;
  /** Default: from the key's extension. */
  format?: ArchiveFormat;
  onProgress?: (p: UploadProgress) => void;
  /** Status lines for a progress notification. */
  onStep?: (message: string) => void;
  signal?: AbortSignal;
  /** Multipart part size (bytes, at least 5 MiB). */
  partSize?: number;
}

export interface UploadModelResult {
  bucket: string;
  key: string;
  bytes: number;
  plan: ArchivePlan;
  etag?: string;
}

/** Packs the folder and uploads it to the S3 URI; throws ShipError with a message for the user. */
export async function uploadModel(clients: AwsClients, options: UploadModelOptions): Promise<UploadModelResult> {
  const target = parseArchiveLocation(options.s3Uri);
  if (!target) throw new ShipError(l10n.t("The ML resource's S3Uri is not an s3://bucket/key URI; fix it in the resource definition: {0}", options.s3Uri), 'input');
  const format = options.format ?? archiveFormatFor(target.key);
  if (!format) throw new ShipError(l10n.t("A model archive must be a .tar.gz or a .zip; change the S3Uri's key: {0}", target.key), 'input');
  const work = await mkdtemp(join(tmpdir(), 'greengrass-ml-upload-'));
  try {
    const outFile = join(work, format === 'zip' ? 'model.zip' : 'model.tar.gz');
    options.onStep?.(l10n.t('Packing the model folder'));
    const plan = await packFolder(options.folder, { format, outFile });
    if (options.signal?.aborted) throw new ShipError(l10n.t('The upload was cancelled; the model in S3 is unchanged.'), 'cancelled');
    const bytes = (await stat(outFile)).size;
    options.onStep?.(l10n.t('Uploading {0} to {1}', formatBytes(bytes), formatS3Uri(target)));
    const out = await uploadFile(clients, {
      file: outFile, bucket: target.bucket, key: target.key, contentType: format === 'zip' ? 'application/zip' : 'application/gzip', bytes,
      onProgress: options.onProgress, signal: options.signal, partSize: options.partSize,
      cancelledMessage: l10n.t('The upload was cancelled; the model in S3 is unchanged.'), doing: l10n.t('Uploading the model to {0}', formatS3Uri(target)),
    });
    return { bucket: target.bucket, key: target.key, bytes, plan, ...(out.etag ? { etag: out.etag } : {}) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export interface UploadFileOptions {
  file: string;
  bucket: string;
  key: string;
  contentType?: string | undefined;
  /** The file's size when already known. */
  bytes?: number | undefined;
  onProgress?: ((p: UploadProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Multipart part size (bytes, at least 5 MiB). */
  partSize?: number | undefined;
  /** What the error says when the signal aborts the upload. */
  cancelledMessage?: string | undefined;
  /** What the error says was being done: "Uploading the model to s3://…". */
  doing?: string | undefined;
}

/** Uploads one file (multipart for large files, with progress and cancellation); throws ShipError with a message for the user. */
export async function uploadFile(clients: AwsClients, options: UploadFileOptions): Promise<{ bytes: number; etag?: string }> {
  const bytes = options.bytes ?? (await stat(options.file)).size;
  const cancelled = (): ShipError => new ShipError(options.cancelledMessage ?? l10n.t('The upload was cancelled: {0}', formatS3Uri({ bucket: options.bucket, key: options.key })), 'cancelled');
  if (options.signal?.aborted) throw cancelled();
  const upload = new Upload({
    client: clients.s3(),
    params: { Bucket: options.bucket, Key: options.key, Body: createReadStream(options.file), ...(options.contentType ? { ContentType: options.contentType } : {}) },
    partSize: Math.max(options.partSize ?? 8 * 1024 * 1024, 5 * 1024 * 1024),
    queueSize: 4,
    leavePartsOnError: false,
  });
  upload.on('httpUploadProgress', (p) => options.onProgress?.({ loaded: p.loaded ?? 0, ...(p.total !== undefined ? { total: p.total } : { total: bytes }) }));
  const onAbort = (): void => void upload.abort().catch(() => undefined);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const out = await upload.done();
    return { bytes, ...(out.ETag ? { etag: out.ETag } : {}) };
  } catch (error) {
    if (options.signal?.aborted || (error as { name?: string }).name === 'AbortError') throw cancelled();
    throw shipAwsError(error, options.doing ?? l10n.t('Uploading to {0}', formatS3Uri({ bucket: options.bucket, key: options.key })), 'PutObject');
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Whether the object exists (HeadObject), for checks after an upload. */
export async function objectExists(clients: AwsClients, bucket: string, key: string): Promise<boolean> {
  try {
    await clients.s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw shipAwsError(error, l10n.t('Checking the uploaded model'), 'HeadObject');
  }
}

