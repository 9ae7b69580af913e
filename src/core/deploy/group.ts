// A group folder as Deploy sees it: the manifest and the definition files it names, in any of the shapes users
// keep (`create-*-definition-version` input, `create-*-definition` input, or the bare `Definition` object).
import { parse } from 'jsonc-parser';
import type { JSONPath, ParseError } from 'jsonc-parser';
import { joinRelative } from '../paths';
import { MANIFEST_FILE_NAME } from '../manifest';
import type { GroupManifest } from '../manifest';
import {
  definitionFromText, definitionVersionBody, FILE_KINDS_BY_MANIFEST_KEY, MANIFEST_DEFINITION_KEYS, namedDefinitionFiles,
  type FileDefinitionKindInfo, type Group, type GroupDefinition, type ManifestDefinitionKey,
} from '../model';

/** A group folder's definition files are keyed as greengrass-ml.json's `definitions` names them ('functions'). */
export type { ManifestDefinitionKey };
export { MANIFEST_DEFINITION_KEYS } from '../model';

/** The names of each definition kind, by manifest key (the one table is src/core/model/kinds.ts). */
export const DEFINITION_API: Readonly<Record<ManifestDefinitionKey, FileDefinitionKindInfo>> = FILE_KINDS_BY_MANIFEST_KEY;

export type DefinitionShape = 'version' | 'create' | 'definition' | 'bare';

export interface DefinitionFile {
  kind: ManifestDefinitionKey;
  path: string;
  text: string;
  shape: DefinitionShape;
  /** Where the version body sits in the file (the Group model's bodyPath), for edits. */
  bodyPath: JSONPath;
  /** The definition version to create: `{Functions, DefaultConfig?}`, `{Resources}`, … */
  version: Record<string, unknown>;
  /** `Name` of `create-*-definition` input. */
  name?: string;
  /** The file as the Group model reads it: its items and values, located in the file. */
  definition: GroupDefinition;
}

export interface GroupFiles {
  manifestPath: string;
  manifestText: string;
  manifest: GroupManifest;
  definitions: Partial<Record<ManifestDefinitionKey, DefinitionFile>>;
}

/** A group folder that cannot be deployed as it is: the message says what to change. */
export class GroupFilesError extends Error {
  constructor(message: string, readonly path?: string) {
    super(message);
    this.name = 'GroupFilesError';
  }
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false };

function parseObject(text: string, path: string, what: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, PARSE_OPTIONS);
  if (errors.length || !value || typeof value !== 'object' || Array.isArray(value)) {
    throw new GroupFilesError(`The ${what} is not a JSON object; fix it (the Problems view shows where): ${path}`, path);
  }
  return value as Record<string, unknown>;
}

/** The shape of a file whose version body sits inside a wrapper object. */
const SHAPE_OF_WRAPPER = { InitialVersion: 'create', Definition: 'definition' } as const;

/** Reads a definition file (any of the supported shapes) as the Group model, and the version body to send. */
export function parseDefinition(kind: ManifestDefinitionKey, path: string, text: string): DefinitionFile {
  const api = DEFINITION_API[kind];
  const definition = definitionFromText(api.kind, path, text);
  if (!definition) {
    parseObject(text, path, api.label); // says so when the file is not a JSON object
    throw new GroupFilesError(`The ${api.label} has no "${api.list}" list; add it: ${path}`, path);
  }
  const bodyPath = definition.bodyPath ?? [];
  const shape: DefinitionShape = bodyPath[0] ? SHAPE_OF_WRAPPER[bodyPath[0]] : definition.definitionId !== undefined ? 'version' : 'bare';
  return {
    kind, path, text, shape, bodyPath, version: definitionVersionBody(definition), definition,
    ...(definition.name !== undefined ? { name: definition.name } : {}),
  };
}

/** Joins a manifest-relative file name to the manifest's folder, exactly as the lint engine does. */
export function resolveNextTo(manifestPath: string, relative: string): string {
  return joinRelative(manifestPath, relative);
}

/**
 * Reads the manifest and the definition files it names. `readFile` returns undefined for a missing file.
 * Throws GroupFilesError when the group cannot be deployed as it is.
 */
export async function readGroupFiles(
  manifestPath: string,
  readFile: (path: string) => Promise<string | undefined>,
): Promise<GroupFiles> {
  const manifestText = await readFile(manifestPath);
  if (manifestText === undefined) throw new GroupFilesError(`The group manifest was not found: ${manifestPath}`, manifestPath);
  const manifest = parseObject(manifestText, manifestPath, MANIFEST_FILE_NAME) as unknown as GroupManifest;
  if (typeof manifest.name !== 'string' || !manifest.name.trim()) {
    throw new GroupFilesError(`The group has no name; add "name" to ${MANIFEST_FILE_NAME}: ${manifestPath}`, manifestPath);
  }
  const definitions: Partial<Record<ManifestDefinitionKey, DefinitionFile>> = {};
  await Promise.all(namedDefinitionFiles(manifestPath, manifest.definitions).map(async ({ kind: { manifestKey: kind }, name: rel, path }) => {
    const text = await readFile(path);
    if (text === undefined) {
      throw new GroupFilesError(`The ${DEFINITION_API[kind].label} named in ${MANIFEST_FILE_NAME} was not found; create it or fix "definitions.${kind}": ${rel}`, manifestPath);
    }
    definitions[kind] = parseDefinition(kind, path, text);
  }));
  if (!definitions.core) {
    throw new GroupFilesError(`A group deploys only with a core; add "definitions": {"core": "core-definition.json"} to ${MANIFEST_FILE_NAME}: ${manifestPath}`, manifestPath);
  }
  const cores = definitions.core.version['Cores'];
  if (!Array.isArray(cores) || cores.length !== 1) {
    throw new GroupFilesError(`A group has exactly one core; the core definition lists ${Array.isArray(cores) ? cores.length : 0}: ${definitions.core.path}`, definitions.core.path);
  }
  return { manifestPath, manifestText, manifest, definitions };
}

/** The group folder as the Group model: each definition file's items, located in the file. */
export function groupModel(group: GroupFiles): Group {
  const definitions: Group['definitions'] = {};
  for (const key of MANIFEST_DEFINITION_KEYS) {
    const file = group.definitions[key];
    if (file) definitions[file.definition.kind] = file.definition;
  }
  return { name: group.manifest.name, ...(group.manifest.cloud?.groupId ? { groupId: group.manifest.cloud.groupId } : {}), definitions };
}

/** Every file of the group (manifest first), for linting and diagnostics. */
export function groupSourceFiles(group: GroupFiles): { path: string; text: string }[] {
  return [{ path: group.manifestPath, text: group.manifestText }, ...MANIFEST_DEFINITION_KEYS.flatMap((k) => {
    const d = group.definitions[k];
    return d ? [{ path: d.path, text: d.text }] : [];
  })];
}

/** A location in one of the group's files that an error message names. */
export interface NamedLocation {
  path: string;
  offset: number;
  length: number;
  /** The id or ARN the message names. */
  name: string;
  what: 'function' | 'resource';
}

const LIST_WHAT = { functions: 'function', resources: 'resource' } as const;

/**
 * The entries of the group's definitions whose `Id` (or a function's `FunctionArn`, or a resource's `Name`) appears
 * in `message`: where a deployment error message names a function or resource, these are the lines to mark.
 */
export function locateNamedEntries(group: GroupFiles, message: string): NamedLocation[] {
  const found: NamedLocation[] = [];
  // Only functions and resources: core, device and subscription ids are often plain words ("core") that
  // messages use in their ordinary sense.
  for (const kind of ['functions', 'resources'] as const) {
    const def = group.definitions[kind];
    for (const item of def?.definition.items ?? []) {
      for (const key of ['Id', 'FunctionArn', 'Name']) {
        const field = item.fields[key];
        const value = field?.value;
        if (field && typeof value === 'string' && value.length >= 2 && mentions(message, value)) {
          found.push({ path: field.at.file, offset: field.at.offset, length: field.at.length, name: value, what: LIST_WHAT[kind] });
          break;
        }
      }
    }
  }
  return found;
}

function mentions(message: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_:-])${escaped}($|[^A-Za-z0-9_-])`).test(message);
}
