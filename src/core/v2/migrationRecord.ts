// migration.json, the record `greengrass-ml migrate` writes beside the migrated components: its format (the types
// the migration writes), and the one reader, which validates it. Publish Components and Deploy read it strictly (a
// record they cannot use is an error with what to do); the linter's cross-file rules and the V2 explorer's links back
// to V1 read it leniently (components that do not validate are left out; an unusable record gives nothing).
import * as l10n from '@vscode/l10n';
import { parse, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { isInside } from '../insideFolder';

export const MIGRATION_RECORD_FILE = 'migration.json';
/** The target a migration writes until Deploy to Thing Group resolves it. */
export const THING_GROUP_PLACEHOLDER = 'arn:aws:iot:REGION:ACCOUNT:thinggroup/REPLACE_ME';
/** Records larger than this are not read (a record lists one entry per component: a few hundred bytes each). */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

export type ComponentKind = 'lambda' | 'model' | 'generic';

export interface MigrationSource {
  kind: 'group-folder' | 'template';
  /** Relative to the migration folder. */
  path: string;
  group: string;
}

export interface RecordedModel {
  s3Uri: string;
  /** Relative to the migration folder: the repacked archive in artifacts/. */
  localArchive?: string | undefined;
  destinationPath?: string | undefined;
}

export interface RecordedComponent {
  name: string;
  version: string;
  kind: ComponentKind;
  /** Relative to the migration folder: components/<Name>.request.json or recipes/<Name>-<version>.json. */
  file: string;
  v1?: { kind: 'function' | 'resource'; id: string; arn?: string | undefined } | undefined;
  /** Relative to the migration folder: the function's Python handler. */
  handler?: string | undefined;
  model?: RecordedModel | undefined;
}

export interface MigrationRecord {
  formatVersion: 1;
  /** Always written; a record read back may lack parts of it. */
  source?: Partial<MigrationSource> | undefined;
  /** The S3 bucket model artifacts are expected in, when known. */
  artifactsBucket?: string | undefined;
  components: RecordedComponent[];
  thingGroupPlaceholder?: string | undefined;
}

/** A migration folder that cannot be used as it is, with the message the user should see. */
export class MigrationFolderError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'MigrationFolderError';
  }
}

const PARSE = { allowTrailingComma: true, disallowComments: false };

/** A JSON object from a migration folder's file (comments and trailing commas allowed), or a MigrationFolderError. */
export function parseJsonObject(text: string, file: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const value = parse(text, errors, PARSE) as unknown;
  if (errors.length) {
    const e = errors[0]!;
    throw new MigrationFolderError(l10n.t('The file is not valid JSON ({0} at offset {1}); fix it or migrate again: {2}', printParseErrorCode(e.error), e.offset, file), file);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new MigrationFolderError(l10n.t('The file must hold a JSON object; fix it or migrate again: {0}', file), file);
  return value as Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** A relative path that does not leave its folder (no absolute path, no "..", no drive letter). */
export function isRelativeInside(rel: string): boolean {
  if (!rel || rel.startsWith('/') || rel.startsWith('\\') || /^[a-zA-Z]:/.test(rel)) return false;
  return isInside('/m', `/m/${rel.replace(/\\/g, '/')}`) && !rel.split(/[\\/]/).includes('..');
}

export interface ReadOptions {
  /** Leave out components that do not validate instead of refusing the record. */
  lenient?: boolean | undefined;
}

/** Reads migration.json's text: every listed file must stay inside the migration folder. */
export function parseMigrationRecord(text: string, file = MIGRATION_RECORD_FILE, options: ReadOptions = {}): MigrationRecord {
  if (text.length > MAX_RECORD_CHARS) throw new MigrationFolderError(l10n.t('The migration record is larger than {0} characters; migrate the group again: {1}', MAX_RECORD_CHARS, file), file);
  return readMigrationRecord(parseJsonObject(text, file), file, options);
}

/** Validates a parsed migration.json. */
export function readMigrationRecord(value: unknown, file = MIGRATION_RECORD_FILE, options: ReadOptions = {}): MigrationRecord {
  const doc = obj(value);
  if (!doc) throw new MigrationFolderError(l10n.t('The file must hold a JSON object; fix it or migrate again: {0}', file), file);
  if (doc['formatVersion'] !== 1) {
    throw new MigrationFolderError(l10n.t('This migration record has formatVersion {0}; this version of Greengrass ML reads formatVersion 1. Migrate the group again: {1}', JSON.stringify(doc['formatVersion'] ?? null), file), file);
  }
  const list = doc['components'];
  if (!Array.isArray(list)) throw new MigrationFolderError(l10n.t('The migration record lists no "components"; migrate the group again: {0}', file), file);
  const components: RecordedComponent[] = [];
  list.forEach((raw: unknown, i) => {
    try {
      components.push(readComponent(raw, i, file));
    } catch (error) {
      if (!options.lenient) throw error;
    }
  });
  const source = obj(doc['source']);
  const sourceKind = source?.['kind'];
  return {
    formatVersion: 1, components,
    ...(source ? {
      source: {
        ...(sourceKind === 'group-folder' || sourceKind === 'template' ? { kind: sourceKind } : {}),
        ...(str(source['path']) ? { path: str(source['path'])! } : {}),
        ...(str(source['group']) ? { group: str(source['group'])! } : {}),
      },
    } : {}),
    ...(str(doc['artifactsBucket']) ? { artifactsBucket: str(doc['artifactsBucket']) } : {}),
    ...(str(doc['thingGroupPlaceholder']) ? { thingGroupPlaceholder: str(doc['thingGroupPlaceholder']) } : {}),
  };
}

function readComponent(raw: unknown, i: number, file: string): RecordedComponent {
  const c = obj(raw) ?? {};
  const name = str(c['name']);
  const version = str(c['version']);
  const path = str(c['file']);
  const kind = c['kind'];
  if (!name || !version || !path || (kind !== 'lambda' && kind !== 'model' && kind !== 'generic')) {
    throw new MigrationFolderError(l10n.t('Component {0} of the migration record needs "name", "version", "kind" (lambda, model or generic) and "file"; migrate the group again: {1}', i + 1, file), file);
  }
  if (!isRelativeInside(path)) throw new MigrationFolderError(l10n.t('A component file must be a path inside the migration folder: {0}', path), file);
  const model = obj(c['model']);
  const archive = model ? str(model['localArchive']) : undefined;
  if (archive && !isRelativeInside(archive)) throw new MigrationFolderError(l10n.t("A model's localArchive must be a path inside the migration folder: {0}", archive), file);
  const handler = str(c['handler']);
  const v1 = obj(c['v1']);
  const v1Kind = v1?.['kind'];
  const v1Id = v1 ? str(v1['id']) : undefined;
  return {
    name, version, kind, file: path,
    ...(v1 && (v1Kind === 'function' || v1Kind === 'resource') && v1Id ? { v1: { kind: v1Kind, id: v1Id, ...(str(v1['arn']) ? { arn: str(v1['arn']) } : {}) } } : {}),
    ...(handler ? { handler } : {}),
    ...(model && str(model['s3Uri']) ? {
      model: { s3Uri: str(model['s3Uri'])!, ...(archive ? { localArchive: archive } : {}), ...(str(model['destinationPath']) ? { destinationPath: str(model['destinationPath']) } : {}) },
    } : {}),
  };
}

/** A model component of a migration record, with the V1 resource and archive it came from (for the V2 explorer). */
export interface MigratedModel {
  /** The V2 component's name. */
  componentName: string;
  version?: string | undefined;
  /** The V1 resource's Id, and its ARN or URI when the migration recorded it. */
  resourceId: string;
  resourceArn?: string | undefined;
  s3Uri?: string | undefined;
  localArchive?: string | undefined;
  /** The V1 group's name. */
  group?: string | undefined;
}

/** The model components of a migration record that name the V1 resource they came from; nothing for a record that cannot be read. */
export function migratedModels(text: string): MigratedModel[] {
  let record: MigrationRecord;
  try {
    record = parseMigrationRecord(text, MIGRATION_RECORD_FILE, { lenient: true });
  } catch {
    return [];
  }
  return record.components.flatMap((c) => (c.kind === 'model' && c.v1 ? [{
    componentName: c.name,
    version: c.version,
    resourceId: c.v1.id,
    resourceArn: c.v1.arn,
    s3Uri: c.model?.s3Uri,
    localArchive: c.model?.localArchive,
    group: record.source?.group,
  }] : []));
}
