// Edits to the group's JSON files that keep their comments and formatting (jsonc-parser `modify`, with the
// indentation and line ending detected from the text). Returned as TextEdits so that the editor layer can apply
// them through a WorkspaceEdit (undo, open editors) and the file-system layer by splicing the text.
import { applyEdits, modify } from 'jsonc-parser';
import type { FormattingOptions, JSONPath } from 'jsonc-parser';
import type { GroupManifest } from '../manifest';
import type { TextEdit } from '../lint/types';

export type CloudIds = NonNullable<GroupManifest['cloud']>;

/** The indentation and line ending a JSON text already uses (two spaces and "\n" when it says nothing). */
export function detectFormatting(text: string): FormattingOptions {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const indented = /^([ \t]+)\S/m.exec(text);
  if (indented?.[1]?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  const width = indented?.[1]?.length ?? 2;
  return { insertSpaces: true, tabSize: Math.min(Math.max(width, 1), 8), eol };
}

/**
 * Applies several `modify` changes in turn and returns the new text with one edit that covers the changed span
 * (the common prefix and suffix are kept), so the caller can apply it to an editor or a file.
 */
export function modifyJson(text: string, changes: readonly (readonly [JSONPath, unknown])[]): { text: string; edits: TextEdit[] } {
  const formattingOptions = detectFormatting(text);
  let next = text;
  for (const [path, value] of changes) {
    next = applyEdits(next, modify(next, [...path], value, { formattingOptions }));
  }
  return { text: next, edits: minimalEdit(text, next) };
}

/** One edit turning `before` into `after`, or none when they are equal. */
export function minimalEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return [{ offset: start, length: endB - start, content: after.slice(start, endA) }];
}

/** Applies TextEdits (non-overlapping, any order) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
  }
  return out;
}

const CLOUD_KEYS: readonly (keyof CloudIds)[] = [
  'groupId', 'groupVersionId', 'coreDefinitionId', 'functionDefinitionId', 'resourceDefinitionId',
  'subscriptionDefinitionId', 'deviceDefinitionId', 'lastDeploymentId',
];

/** Writes the given cloud ids into the manifest's `cloud` object (creating it when missing); other keys stay. */
export function recordCloudIds(manifestText: string, ids: Partial<CloudIds>): { text: string; edits: TextEdit[] } {
  const changes: [JSONPath, unknown][] = [];
  for (const key of CLOUD_KEYS) {
    const value = ids[key];
    if (typeof value === 'string' && value) changes.push([['cloud', key], value]);
  }
  return modifyJson(manifestText, changes);
}
