// Which kind of Greengrass document a file's name alone says. Import-light (no parser, no YAML), so that the
// extension can decide cheaply whether a file is worth starting the language server for.
import { MANIFEST_FILE_NAME } from '../manifest';
import { FILE_DEFINITION_KINDS, type DefinitionDocumentKind } from '../model';
import type { DocumentKind } from './types';

/**
 * The list property of each definition document kind, and the file-name stem that names it (from the one table of
 * kinds), in the order content detection tries them: a resource definition first, as the ML groups' main document.
 */
export const DEFINITION_KINDS: readonly { kind: DefinitionDocumentKind; list: string; stem: string; idKey: string }[] = (['resource', 'function', 'core', 'subscription', 'device'] as const)
  .map((kind) => FILE_DEFINITION_KINDS[kind])
  .map((k) => ({ kind: k.documentKind, list: k.list, stem: k.stem, idKey: k.idKey }));

/** The last segment of a path or URI. */
export function baseName(path: string): string {
  let end = path.length;
  const q = path.search(/[?#]/);
  if (q >= 0 && /^[a-z][a-z0-9+.-]+:\/\//i.test(path)) end = q;
  const trimmed = path.slice(0, end);
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return trimmed.slice(i + 1);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The kind a file name alone says, or undefined when the name follows no convention. */
export function kindFromName(path: string): DocumentKind | undefined {
  const name = safeDecode(baseName(path)).toLowerCase();
  if (name === MANIFEST_FILE_NAME) return 'manifest';
  const stem = name.replace(/\.jsonc?$/, '');
  if (stem === name) return undefined;
  for (const d of DEFINITION_KINDS) {
    if (stem === d.stem || stem.endsWith(`.${d.stem}`)) return d.kind;
  }
  if (stem === 'service-role-policy' || stem.endsWith('.policy')) return 'iamPolicy';
  return undefined;
}
