// A group folder as the Group model: the definition files greengrass-ml.json names, joined to its folder and read
// through the caller's reader (the file system, open editors, or a test's map), so this module does no I/O itself.
import { joinRelative } from '../paths';
import { definitionFromText, type Group } from './group';
import { FILE_KINDS, type FileDefinitionKindInfo } from './kinds';

export interface NamedDefinitionFile {
  kind: FileDefinitionKindInfo;
  /** The name as the manifest writes it ('function-definition.json', '../shared/resources.json'). */
  name: string;
  /** The name joined to the manifest's folder. */
  path: string;
}

/** The definition files a manifest's `definitions` object names, in the manifest's order of kinds. */
export function namedDefinitionFiles(manifestPath: string, definitions: unknown): NamedDefinitionFile[] {
  if (!definitions || typeof definitions !== 'object' || Array.isArray(definitions)) return [];
  const named = definitions as Record<string, unknown>;
  const out: NamedDefinitionFile[] = [];
  for (const kind of FILE_KINDS) {
    const name = named[kind.manifestKey];
    if (typeof name === 'string' && name) out.push({ kind, name, path: joinRelative(manifestPath, name) });
  }
  return out;
}

/**
 * The group a manifest describes, read with `read` (undefined for a file that is missing or unreadable). A file that
 * is missing, is not JSON, or holds no list of its kind is left out: the linter reports those on the manifest.
 */
export function groupFromFolder(
  manifestPath: string,
  manifest: { name?: unknown; definitions?: unknown; cloud?: unknown },
  read: (path: string) => string | undefined,
): Group {
  const definitions: Group['definitions'] = {};
  for (const file of namedDefinitionFiles(manifestPath, manifest.definitions)) {
    const text = read(file.path);
    const definition = text !== undefined ? definitionFromText(file.kind.kind, file.path, text) : undefined;
    if (definition) definitions[file.kind.kind] = definition;
  }
  const cloud = manifest.cloud && typeof manifest.cloud === 'object' ? (manifest.cloud as { groupId?: unknown }) : undefined;
  return {
    ...(typeof manifest.name === 'string' ? { name: manifest.name } : {}),
    ...(typeof cloud?.groupId === 'string' && cloud.groupId ? { groupId: cloud.groupId } : {}),
    definitions,
  };
}
