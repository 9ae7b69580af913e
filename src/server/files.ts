// The walk that finds a workspace's Greengrass files, bounded in count so a deep tree cannot stall the server. The
// text of a file is read with the one bounded reader, src/core/textFile.ts.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** File names the workspace scan looks for (content detection covers the rest when a file is opened). */
// migration.json (written by `greengrass-ml migrate`) leads the scan to the V2 documents of its folder.
export const CONVENTION_NAME = /^(greengrass-ml\.json|migration\.json|(.+\.)?((resource|function|core|subscription|device)-definition|service-role-policy)\.json|.+\.policy\.json)$/i;

/** The most files the scan lints and the most folders it opens. */
export const SCAN_LIMIT = 5000;
export const SCAN_FOLDER_LIMIT = 20000;

/**
 * The Greengrass files under `roots` by file name, skipping node_modules, folders whose name starts with a dot and
 * what `excluded` says (given the path relative to its root, for folders and files). Yields between folders so
 * that edits are served while a large workspace is scanned.
 */
export async function findConventionFiles(
  roots: readonly string[], isCancelled: () => boolean, excluded: (relativePath: string) => boolean = () => false,
): Promise<string[]> {
  const found: string[] = [];
  const queue = roots.map((root) => ({ root, dir: root }));
  let folders = 0;
  while (queue.length && found.length < SCAN_LIMIT && folders < SCAN_FOLDER_LIMIT && !isCancelled()) {
    const { root, dir } = queue.shift() ?? { root: '', dir: '' };
    folders++;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.') && !excluded(relative(root, path))) queue.push({ root, dir: path });
      } else if (e.isFile() && CONVENTION_NAME.test(e.name) && !excluded(relative(root, path))) {
        found.push(path);
        if (found.length >= SCAN_LIMIT) break;
      }
    }
  }
  return found;
}
