// What the V2 publish and deploy flows share: the migration folder's files read and edited through a GroupIo (open
// editors in VS Code, the disk elsewhere), kept inside the folder; a bounded-concurrency map.
import * as l10n from '@vscode/l10n';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { isInside } from '../../core/insideFolder';
import { MIGRATION_RECORD_FILE, MigrationFolderError, parseMigrationRecord } from '../../core/v2/migrationFolder';
import type { MigrationRecord } from '../../core/v2/migrationFolder';
import { ShipError, nodeGroupIo } from '../deploy';
import type { GroupIo } from '../deploy';

/** Runs `fn` on every item, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A file of the migration folder, by its path relative to the folder; refused when a link leads out of the folder. */
export async function insideFolder(folder: string, rel: string): Promise<string> {
  const abs = join(folder, rel);
  const [root, real] = await Promise.all([realpath(folder), realpath(abs).catch(() => abs)]);
  if (!isInside(root, real)) throw new ShipError(l10n.t('The migration record names a file outside the migration folder (through a link); fix the record: {0}', rel), 'input');
  return abs;
}

/** A file of the migration folder that must exist: `what` is its file name, or the component whose file it is. */
export async function readRequired(io: GroupIo, path: string, what: string | { componentFileOf: string }): Promise<string> {
  const text = await io.readFile(path);
  if (text === undefined) {
    throw new ShipError(typeof what === 'string'
      ? l10n.t('The migration folder has no {0}; migrate the group again or restore the file: {1}', what, path)
      : l10n.t('The migration folder has no component file for {0}; migrate the group again or restore the file: {1}', what.componentFileOf, path), 'input');
  }
  return text;
}

/** migration.json of a migration folder, as a ShipError when it cannot be used. */
export async function readMigrationRecord(folder: string, io: GroupIo = nodeGroupIo): Promise<{ path: string; text: string; record: MigrationRecord }> {
  const path = join(folder, MIGRATION_RECORD_FILE);
  const text = await readRequired(io, path, MIGRATION_RECORD_FILE);
  return { path, text, record: asShipError(() => parseMigrationRecord(text, path)) };
}

export function asShipError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MigrationFolderError) throw new ShipError(error.message, 'input', { cause: error });
    throw error;
  }
}

export function errorName(error: unknown): string | undefined {
  const n = (error as { name?: unknown } | undefined)?.name;
  return typeof n === 'string' ? n : undefined;
}
