// The migration folder a V2 document belongs to: `migration.json` (written by `greengrass-ml migrate`) in the
// document's folder or its parent, and what the cross-file V2 rules need from it: the components with their files,
// handlers and models. Pure: files are read through the host, whose reader is the one bounded reader.
import { baseName } from '../lint/detect';
import { cachedDocument, dirOf, joinRelative, safeRead, samePath } from '../lint/group';
import type { ReadHost } from '../lint/group';
import { getNodeValueSafe } from '../lint/json';
import type { Node } from '../lint/json';
import { decodeTemplate } from '../template/decode';
import { MIGRATION_RECORD_FILE, readMigrationRecord } from './migrationRecord';
import type { MigrationRecord, RecordedModel } from './migrationRecord';
import { maybeYamlRecipe } from './recognize';

export const MIGRATION_FILE_NAME = MIGRATION_RECORD_FILE;

export interface MigratedComponent {
  name: string;
  version?: string | undefined;
  kind?: string | undefined;
  /** The joined path of the component's request or recipe file. */
  file?: string | undefined;
  /** The joined path of the function's Python handler. */
  handler?: string | undefined;
  model?: Partial<RecordedModel> | undefined;
}

export interface MigrationFolder {
  /** The path of migration.json. */
  path: string;
  artifactsBucket?: string;
  components: MigratedComponent[];
  byName: Map<string, MigratedComponent>;
}

function parent(dir: string): string | undefined {
  const trimmed = dir.replace(/[\\/]+$/, '');
  const up = dirOf(trimmed);
  return up && up !== dir ? up : undefined;
}

/** migration.json in the document's folder, else in its parent (the layout puts requests in components/, recipes in recipes/). */
export function findMigration(host: ReadHost, docPath: string): MigrationFolder | undefined {
  const dir = dirOf(docPath);
  for (const d of [dir, parent(dir)]) {
    if (d === undefined || d === '') continue;
    const path = `${d}${MIGRATION_FILE_NAME}`;
    if (samePath(path, docPath)) continue;
    const text = safeRead(host, path);
    if (text === undefined) continue;
    const doc = cachedDocument(path, text);
    if (!doc.clean || doc.root?.type !== 'object') return undefined;
    return migrationModel(path, doc.root);
  }
  return undefined;
}

/** The lint view of a migration record (read leniently: components that do not validate are left out). */
export function migrationModel(path: string, root: Node): MigrationFolder {
  let record: MigrationRecord | undefined;
  try {
    record = readMigrationRecord(getNodeValueSafe(root), path, { lenient: true });
  } catch {
    record = undefined;
  }
  const components: MigratedComponent[] = (record?.components ?? []).map((c) => ({
    name: c.name,
    version: c.version,
    kind: c.kind,
    file: joinRelative(path, c.file),
    ...(c.handler ? { handler: joinRelative(path, c.handler) } : {}),
    ...(c.model ? { model: { ...c.model } } : {}),
  }));
  const byName = new Map(components.map((c) => [c.name, c]));
  return { path, components, byName, ...(record?.artifactsBucket ? { artifactsBucket: record.artifactsBucket } : {}) };
}

/**
 * The files of the migration folder `path` belongs to (or that `path`, a migration.json, describes): the components'
 * files and the deployment request beside migration.json. Empty when there is no migration folder.
 */
export function migrationFiles(host: ReadHost, path: string): string[] {
  let migration: MigrationFolder | undefined;
  if (baseName(path) === MIGRATION_FILE_NAME) {
    const text = safeRead(host, path);
    const doc = text === undefined ? undefined : cachedDocument(path, text);
    if (doc?.clean && doc.root?.type === 'object') migration = migrationModel(path, doc.root);
  } else {
    migration = findMigration(host, path);
  }
  if (!migration) return [];
  const files = migration.components.flatMap((c) => (c.file ? [c.file] : []));
  return [...files, joinRelative(migration.path, 'deployment.json')];
}

/** The tree of a V2 document's text (JSON, or a YAML recipe), or undefined when it does not parse cleanly. */
export function v2DocumentTree(path: string, text: string): Node | undefined {
  if (maybeYamlRecipe(text)) {
    const decoded = decodeTemplate(text, 'yaml');
    return decoded.fatal || decoded.problems.some((p) => p.code !== 'GGML-JSON005') ? undefined : decoded.root;
  }
  const doc = cachedDocument(path, text);
  return doc.clean ? doc.root : undefined;
}
