// The migration folder a V2 document belongs to: `migration.json` (written by `greengrass-ml migrate`) in the
// document's folder or its parent, and what the cross-file V2 rules need from it: the components with their files,
// handlers and models. Pure: files are read through the host, whose reader is the one bounded reader.
import { baseName } from '../lint/detect';
import { cachedDocument, dirOf, joinRelative, safeRead, samePath } from '../lint/group';
import type { ReadHost } from '../lint/group';
import { items, prop, str } from '../lint/json';
import type { Node } from '../lint/json';
import { decodeTemplate } from '../template/decode';
import { maybeYamlRecipe } from './recognize';

export const MIGRATION_FILE_NAME = 'migration.json';

export interface MigratedModel {
  s3Uri?: string;
  localArchive?: string;
  destinationPath?: string;
}

export interface MigratedComponent {
  name: string;
  version?: string;
  kind?: string;
  /** The joined path of the component's request or recipe file. */
  file?: string;
  /** The joined path of the function's Python handler. */
  handler?: string;
  model?: MigratedModel;
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

export function migrationModel(path: string, root: Node): MigrationFolder {
  const components: MigratedComponent[] = [];
  const byName = new Map<string, MigratedComponent>();
  for (const c of items(prop(root, 'components'))) {
    const name = str(prop(c, 'name'));
    if (!name) continue;
    const file = str(prop(c, 'file'));
    const handler = str(prop(c, 'handler'));
    const m = prop(c, 'model');
    const component: MigratedComponent = { name };
    const version = str(prop(c, 'version'));
    const kind = str(prop(c, 'kind'));
    if (version !== undefined) component.version = version;
    if (kind !== undefined) component.kind = kind;
    if (file) component.file = joinRelative(path, file);
    if (handler) component.handler = joinRelative(path, handler);
    if (m?.type === 'object') {
      const model: MigratedModel = {};
      const s3Uri = str(prop(m, 's3Uri'));
      const localArchive = str(prop(m, 'localArchive'));
      const destinationPath = str(prop(m, 'destinationPath'));
      if (s3Uri !== undefined) model.s3Uri = s3Uri;
      if (localArchive !== undefined) model.localArchive = localArchive;
      if (destinationPath !== undefined) model.destinationPath = destinationPath;
      component.model = model;
    }
    components.push(component);
    byName.set(name, component);
  }
  const bucket = str(prop(root, 'artifactsBucket'));
  return { path, components, byName, ...(bucket ? { artifactsBucket: bucket } : {}) };
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
