// What goes into a model or function archive. The file-system walk (src/aws/upload.ts) reports what it found;
// this decides, without I/O, which entries to pack, under which names, and which to leave out and why.
// Links are never followed out of the folder: a link whose target leaves it is skipped and reported.
import { parseS3Location, type S3Location } from '../model';

export type ArchiveFormat = 'tar.gz' | 'zip';

export interface ScannedEntry {
  /** Relative to the folder, "/"-separated, no leading "./". */
  path: string;
  kind: 'file' | 'directory' | 'symlink' | 'other';
  size?: number;
  /** For links: where the target resolves, relative to the folder ("/"-separated), or outside it. */
  link?: { inside: true; target: string; targetKind: 'file' | 'directory' | 'missing' | 'other'; size?: number } | { inside: false; target: string };
}

export interface PlannedEntry {
  /** The name inside the archive. */
  archivePath: string;
  /** The path to read, relative to the folder (a link inside the folder is packed as a copy of its target file). */
  source: string;
  kind: 'file' | 'directory';
  size: number;
}

export interface SkippedEntry {
  path: string;
  reason: string;
}

export interface ArchivePlan {
  entries: PlannedEntry[];
  skipped: SkippedEntry[];
  totalBytes: number;
  fileCount: number;
}

export interface PlanOptions {
  /** A parent directory every entry is put under (required for .tar.gz models: "model/…"). */
  parent?: string;
  /** Paths (relative) to leave out silently, e.g. caches. */
  exclude?: (path: string) => boolean;
}

/** Caches and editor clutter that never belong in a deployment package. */
export function defaultExclude(path: string): boolean {
  return path.split('/').some((seg) => seg === '__pycache__' || seg === '.git' || seg === '.DS_Store' || seg === '.venv' || seg.endsWith('.pyc'));
}

export function planArchive(scanned: readonly ScannedEntry[], options: PlanOptions = {}): ArchivePlan {
  const prefix = options.parent ? `${options.parent.replace(/\/+$/, '')}/` : '';
  const entries: PlannedEntry[] = [];
  const skipped: SkippedEntry[] = [];
  if (prefix) entries.push({ archivePath: prefix, source: '', kind: 'directory', size: 0 });
  const sorted = [...scanned].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const e of sorted) {
    if (!isSafeRelative(e.path)) {
      skipped.push({ path: e.path, reason: 'its name leaves the folder' });
      continue;
    }
    if (options.exclude?.(e.path)) continue;
    switch (e.kind) {
      case 'directory':
        entries.push({ archivePath: `${prefix}${e.path}/`, source: e.path, kind: 'directory', size: 0 });
        break;
      case 'file':
        entries.push({ archivePath: `${prefix}${e.path}`, source: e.path, kind: 'file', size: e.size ?? 0 });
        break;
      case 'symlink': {
        const link = e.link;
        if (!link || !link.inside) {
          skipped.push({ path: e.path, reason: `it is a link to ${link?.target ?? 'an unknown target'}, outside the folder` });
        } else if (link.targetKind === 'file') {
          entries.push({ archivePath: `${prefix}${e.path}`, source: link.target, kind: 'file', size: link.size ?? 0 });
        } else if (link.targetKind === 'directory') {
          skipped.push({ path: e.path, reason: 'it is a link to a folder (links to folders are not followed)' });
        } else {
          skipped.push({ path: e.path, reason: `it is a link to ${link.targetKind === 'missing' ? 'a missing file' : 'something that is not a file'}` });
        }
        break;
      }
      default:
        skipped.push({ path: e.path, reason: 'it is not a regular file (a socket, pipe or device)' });
    }
  }
  const files = entries.filter((e) => e.kind === 'file');
  return { entries, skipped, totalBytes: files.reduce((n, e) => n + e.size, 0), fileCount: files.length };
}

function isSafeRelative(path: string): boolean {
  if (!path || path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.includes('\\')) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/**
 * The archive format of an S3 key: ".tar.gz" or ".zip", the two a Greengrass V1 ML resource can name; undefined
 * for anything else (".tgz" included). The linter, the explorer, Upload Model and Show Contents all decide with it.
 */
export function archiveFormatFor(key: string): ArchiveFormat | undefined {
  const k = key.toLowerCase();
  if (k.endsWith('.tar.gz')) return 'tar.gz';
  if (k.endsWith('.zip')) return 'zip';
  return undefined;
}

/**
 * Where to upload an archive: an S3 object written as `s3://bucket/key` or one of the URL forms users paste
 * (see parseS3Location); undefined for a bucket or prefix without an object key.
 */
export function parseArchiveLocation(uri: string): S3Location | undefined {
  const location = parseS3Location(uri.trim());
  return location && location.form !== 'arn' && location.key && !location.key.endsWith('/') ? { bucket: location.bucket, key: location.key } : undefined;
}

/** The parent directory name for a folder path (its last segment), safe for an archive entry. */
export function parentName(folder: string): string {
  const seg = folder.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  return seg && seg !== '.' && seg !== '..' ? seg : 'model';
}
