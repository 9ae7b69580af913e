// What is inside a model archive: the entries of a .tar.gz (read by the AWS layer as a stream) or of a .zip (from its
// central directory), the listing's limits, and the layout check Greengrass V1 needs: the core unpacks a .tar.gz
// model only when its files sit in one parent folder (`tar -czf model.tar.gz model/`). No I/O here.
import { formatBytes } from '../model/format';
import type { ArchiveFormat } from './plan';

export interface ArchiveEntry {
  /** The name in the archive, as stored ("/"-separated). */
  path: string;
  kind: 'file' | 'directory' | 'link' | 'other';
  /** Uncompressed bytes (0 for folders and links). */
  size: number;
}

export interface ArchiveListing {
  format: ArchiveFormat;
  entries: ArchiveEntry[];
  fileCount: number;
  /** Uncompressed bytes of the files listed. */
  totalBytes: number;
  /** False when the listing stopped at a limit: `note` says which. */
  complete: boolean;
  note?: string | undefined;
  /** Why Greengrass V1 cannot use the archive as it is packed, and what to do (undefined when nothing was found). */
  layoutProblem?: string | undefined;
}

export interface ListingLimits {
  /** Entries listed at most. */
  maxEntries: number;
  /** Bytes of the object read at most (compressed bytes for a .tar.gz; the central directory for a .zip). */
  maxBytes: number;
}

export const DEFAULT_LISTING_LIMITS: ListingLimits = { maxEntries: 5_000, maxBytes: 64 * 1024 * 1024 };

/** An entry's name without "./" or "/" at its start (how tar and zip tools write the same layout differently). */
function normalized(path: string): string {
  let p = path;
  for (;;) {
    if (p.startsWith('./')) p = p.slice(2);
    else if (p.startsWith('/')) p = p.slice(1);
    else return p;
  }
}

/**
 * Why Greengrass V1 cannot unpack a .tar.gz model packed like this, or undefined. The core expects every file
 * inside one parent folder; an archive made with `tar -czf model.tar.gz -C model .` has its files at the root and the
 * deployment fails. A .zip has no such rule. `complete` false: only the entries read so far were checked.
 */
export function archiveLayoutProblem(format: ArchiveFormat, entries: readonly ArchiveEntry[]): string | undefined {
  if (format !== 'tar.gz') return undefined;
  const named = entries.map((e) => ({ ...e, path: normalized(e.path) })).filter((e) => e.path !== '' && e.path !== '.');
  if (named.length === 0) return undefined;
  const atRoot = named.filter((e) => e.kind !== 'directory' && !e.path.replace(/\/+$/, '').includes('/')).map((e) => e.path);
  const tops = [...new Set(named.map((e) => e.path.split('/')[0]!))];
  if (atRoot.length === 0 && tops.length <= 1) return undefined;
  const shown = (atRoot.length ? atRoot : tops).slice(0, 5);
  const more = (atRoot.length ? atRoot : tops).length - shown.length;
  return 'No parent folder: a Greengrass V1 core unpacks a .tar.gz model only when all its files are inside one folder, '
    + 'so deploying it fails. Repack the model folder with "Greengrass ML: Upload Model" (it adds the parent folder) '
    + `or with tar -czf model.tar.gz model/. At the archive's root: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The listing of the entries read, with totals, the layout check and the note of a limit reached. */
export function archiveListing(format: ArchiveFormat, entries: ArchiveEntry[], complete: boolean, note?: string): ArchiveListing {
  const files = entries.filter((e) => e.kind === 'file');
  const problem = archiveLayoutProblem(format, entries);
  return {
    format,
    entries,
    fileCount: files.length,
    totalBytes: files.reduce((n, e) => n + e.size, 0),
    complete,
    ...(note ? { note } : {}),
    ...(problem ? { layoutProblem: problem } : {}),
  };
}

/**
 * The listing as a read-only text: the problem first (what fails and what to do), then one line per entry with its
 * size, then the totals and the note of a limit reached.
 */
export function formatArchiveListing(uri: string, listing: ArchiveListing): string {
  const lines: string[] = [`${uri}`, `${listing.format} · ${listing.entries.length} entries · ${listing.fileCount} files · ${formatBytes(listing.totalBytes)} uncompressed`, ''];
  if (listing.layoutProblem) lines.push(...wrap(`WARNING  ${listing.layoutProblem}`, 100, ' '.repeat(9)), '');
  if (listing.entries.length === 0) lines.push('(the archive is empty)');
  const sizes = listing.entries.map((e) => (e.kind === 'file' ? formatBytes(e.size) : e.kind === 'directory' ? 'folder' : e.kind));
  const width = Math.max(4, ...sizes.map((s) => s.length));
  lines.push(`${'Size'.padStart(width)}  Entry`);
  listing.entries.forEach((e, i) => lines.push(`${sizes[i]!.padStart(width)}  ${e.path}`));
  lines.push('', `${formatBytes(listing.totalBytes).padStart(width)}  total of ${listing.fileCount} files`);
  if (!listing.complete) lines.push('', `Listing incomplete: ${listing.note ?? 'a limit was reached.'}`);
  return `${lines.join('\n')}\n`;
}

/** Breaks a long text at spaces into lines of at most `width` characters, the lines after the first indented. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// --- .zip: the central directory, found from the end of the object -------------------------------------------

/** Bytes to read from the end of a .zip to find its end-of-central-directory record (22 bytes + a comment ≤ 65,535). */
export const ZIP_TAIL_BYTES = 22 + 0xffff + 20 + 56;

export type ZipDirectoryLocation =
  | { offset: number; size: number; entries: number }
  | { problem: string };

/**
 * Where the central directory is, from the last bytes of the object (`tail`, which starts at `tailOffset` of an
 * object of `objectSize` bytes). Zip64 archives are read when their records are in the tail.
 */
export function findZipDirectory(tail: Buffer, tailOffset: number, objectSize: number): ZipDirectoryLocation {
  let at = -1;
  for (let i = tail.length - 22; i >= 0 && i >= tail.length - 22 - 0xffff; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50 && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) return { problem: 'It is not a .zip archive: its end-of-directory record is missing (is the file cut short, or another format with a .zip name?).' };
  let entries = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = at - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) return { problem: 'The .zip says it is a Zip64 archive but its Zip64 record is missing.' };
    const record = Number(tail.readBigUInt64LE(locator + 8)) - tailOffset;
    if (record < 0 || record + 56 > tail.length || tail.readUInt32LE(record) !== 0x06064b50) return { problem: 'The Zip64 record of the .zip could not be read.' };
    entries = Number(tail.readBigUInt64LE(record + 32));
    size = Number(tail.readBigUInt64LE(record + 40));
    offset = Number(tail.readBigUInt64LE(record + 48));
  }
  if (offset + size > objectSize) return { problem: `The .zip's directory points past the end of the object (${offset + size} > ${objectSize} bytes): the file is damaged or cut short.` };
  return { offset, size, entries };
}

/** The entries of a central directory (the bytes from its offset), at most `maxEntries`. */
export function parseZipDirectory(directory: Buffer, maxEntries: number): { entries: ArchiveEntry[]; complete: boolean; problem?: string } {
  const entries: ArchiveEntry[] = [];
  let p = 0;
  while (p + 46 <= directory.length) {
    if (directory.readUInt32LE(p) !== 0x02014b50) return { entries, complete: false, problem: `The .zip's directory is damaged at byte ${p}.` };
    if (entries.length >= maxEntries) return { entries, complete: false };
    const madeBy = directory.readUInt16LE(p + 4) >> 8;
    const flags = directory.readUInt16LE(p + 8);
    let size = directory.readUInt32LE(p + 24);
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    const external = directory.readUInt32LE(p + 38);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) return { entries, complete: false, problem: `The .zip's directory is cut short at byte ${p}.` };
    const rawName = directory.subarray(p + 46, p + 46 + nameLength);
    const path = (flags & 0x800) !== 0 ? rawName.toString('utf8') : rawName.toString('latin1');
    if (size === 0xffffffff) {
      // Zip64 extra field: the uncompressed size comes first.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = directory.readUInt16LE(e);
        const length = directory.readUInt16LE(e + 2);
        if (id === 0x0001 && length >= 8) {
          size = Number(directory.readBigUInt64LE(e + 4));
          break;
        }
        e += 4 + length;
      }
    }
    const unixType = madeBy === 3 ? (external >>> 16) & 0o170000 : 0;
    const kind: ArchiveEntry['kind'] = path.endsWith('/') || unixType === 0o040000 ? 'directory' : unixType === 0o120000 ? 'link' : 'file';
    entries.push({ path, kind, size: kind === 'file' ? size : 0 });
    p = end;
  }
  return { entries, complete: true };
}
