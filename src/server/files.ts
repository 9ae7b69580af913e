// The server's only file-system reads: the text of a group file, and the walk that finds a workspace's
// Greengrass files. Both are bounded (size, count) so a huge or binary file or a deep tree cannot stall the server.
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeBytes, DEFAULT_MAX_SIZE } from '../core/lint';

/** Bytes read at most from one file: the engine reports texts over 1 Mi characters as too large anyway. */
export const MAX_READ_BYTES = 4 * DEFAULT_MAX_SIZE + 4;

/**
 * The UTF-8 text of a file (without a byte-order mark), or undefined when it does not exist, cannot be read, is
 * binary or not UTF-8. A file larger than MAX_READ_BYTES is cut there, so the engine reports it as too large.
 */
export async function readTextFile(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (!info.isFile()) return undefined;
    const size = Math.min(info.size, MAX_READ_BYTES);
    const bytes = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(bytes, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    // A cut in the middle of a UTF-8 sequence is not a decoding error of the file: drop the partial character.
    let end = read;
    if (info.size > size) while (end > 0 && ((bytes[end - 1] ?? 0) & 0xc0) === 0x80) end--;
    if (info.size > size && end > 0 && (bytes[end - 1] ?? 0) >= 0xc0) end--;
    const decoded = decodeBytes(bytes.subarray(0, end));
    if (!('text' in decoded)) return undefined;
    return decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** File names the workspace scan looks for (content detection covers the rest when a file is opened). */
export const CONVENTION_NAME = /^(greengrass-ml\.json|(.+\.)?((resource|function|core|subscription|device)-definition|service-role-policy)\.json|.+\.policy\.json)$/i;

/** The most files the scan lints and the most folders it opens. */
export const SCAN_LIMIT = 5000;
export const SCAN_FOLDER_LIMIT = 20000;

/**
 * The Greengrass files under `roots` by file name, skipping node_modules and folders whose name starts with a dot.
 * Yields between folders so that edits are served while a large workspace is scanned.
 */
export async function findConventionFiles(roots: readonly string[], isCancelled: () => boolean): Promise<string[]> {
  const found: string[] = [];
  const queue = [...roots];
  let folders = 0;
  while (queue.length && found.length < SCAN_LIMIT && folders < SCAN_FOLDER_LIMIT && !isCancelled()) {
    const dir = queue.shift() ?? '';
    folders++;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) queue.push(join(dir, e.name));
      } else if (e.isFile() && CONVENTION_NAME.test(e.name)) {
        found.push(join(dir, e.name));
        if (found.length >= SCAN_LIMIT) break;
      }
    }
  }
  return found;
}
