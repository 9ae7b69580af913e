// Edits to the group's JSON files that keep their comments and formatting (jsonc-parser `modify`, with the
// indentation and line ending detected from the text). Returned as TextEdits so that the editor layer can apply
// them through a WorkspaceEdit (undo, open editors) and the file-system layer by splicing the text.
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import type { FormattingOptions, JSONPath } from 'jsonc-parser';
import type { GroupManifest } from '../manifest';
import type { TextEdit } from '../lint/types';
import { applyTextEdits, detectFormatting, minimalEdit } from '../model';

export { applyTextEdits, detectFormatting } from '../model';

export type CloudIds = NonNullable<GroupManifest['cloud']>;

/**
 * Applies several changes in turn and returns the new text with one edit that covers the changed span (the common
 * prefix and suffix are kept), so the caller can apply it to an editor or a file.
 *
 * An existing value is replaced in place; a new property is appended to its object in the object's own layout
 * (one line stays one line, a multi-line object gets a line at the indentation of its other properties), so the
 * rest of the file keeps its formatting. jsonc-parser's `modify` would re-format the neighbouring lines.
 */
export function modifyJson(text: string, changes: readonly (readonly [JSONPath, unknown])[]): { text: string; edits: TextEdit[] } {
  const formattingOptions = detectFormatting(text);
  let next = text;
  for (const [path, value] of changes) {
    const edit = setValue(next, path, value, formattingOptions);
    next = edit ? applyTextEdits(next, [edit]) : applyEdits(next, modify(next, [...path], value, { formattingOptions }));
  }
  return { text: next, edits: minimalEdit(text, next) };
}

const PARSE = { allowTrailingComma: true, disallowComments: false };

/** The edit that sets `path` to `value`, or undefined for cases left to jsonc-parser (array insertions, a missing root). */
function setValue(text: string, path: JSONPath, value: unknown, fmt: FormattingOptions): TextEdit | undefined {
  const root = parseTree(text, [], PARSE);
  if (!root || path.length === 0) return undefined;
  const existing = findNodeAtLocation(root, [...path]);
  const unit = fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t';
  const eol = fmt.eol ?? '\n';
  if (existing) {
    const indent = lineIndent(text, existing.offset);
    return { offset: existing.offset, length: existing.length, content: render(value, indent, unit, eol) };
  }
  // The deepest object on the path that exists: the missing rest becomes one nested value.
  let depth = path.length - 1;
  let parent = findNodeAtLocation(root, path.slice(0, depth));
  while (!parent && depth > 0) {
    depth--;
    parent = findNodeAtLocation(root, path.slice(0, depth));
  }
  if (!parent || parent.type !== 'object') return undefined;
  const key = path[depth];
  if (typeof key !== 'string') return undefined;
  let nested: unknown = value;
  for (let i = path.length - 1; i > depth; i--) {
    const k = path[i];
    if (typeof k !== 'string') return undefined;
    nested = { [k]: nested };
  }
  const props = parent.children ?? [];
  const close = parent.offset + parent.length - 1;
  const multiLine = /\r?\n/.test(text.slice(parent.offset, close));
  if (props.length === 0) {
    if (!multiLine) return { offset: parent.offset + 1, length: close - parent.offset - 1, content: ` ${JSON.stringify(key)}: ${render(nested, '', unit, eol, true)} ` };
    const outer = lineIndent(text, parent.offset);
    return { offset: parent.offset + 1, length: close - parent.offset - 1, content: `${eol}${outer}${unit}${JSON.stringify(key)}: ${render(nested, outer + unit, unit, eol)}${eol}${outer}` };
  }
  const last = props[props.length - 1];
  if (!last) return undefined;
  const end = last.offset + last.length;
  if (!multiLine) return { offset: end, length: 0, content: `, ${JSON.stringify(key)}: ${render(nested, '', unit, eol, true)}` };
  const indent = lineIndent(text, last.offset);
  return { offset: end, length: 0, content: `,${eol}${indent}${JSON.stringify(key)}: ${render(nested, indent, unit, eol)}` };
}

/** The whitespace at the start of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** JSON text of a value whose first line continues a line indented by `indent`. */
function render(value: unknown, indent: string, unit: string, eol: string, oneLine = false): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Array.isArray(value) ? value.map((v) => [undefined, v] as const) : Object.entries(value as Record<string, unknown>);
  const [open, shut] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return `${open}${shut}`;
  const item = ([k, v]: readonly [string | undefined, unknown], inner: string): string =>
    `${k === undefined ? '' : `${JSON.stringify(k)}: `}${render(v, inner, unit, eol, oneLine)}`;
  if (oneLine) return `${open} ${entries.map((e) => item(e, '')).join(', ')} ${shut}`;
  const inner = indent + unit;
  return `${open}${eol}${entries.map((e) => inner + item(e, inner)).join(`,${eol}`)}${eol}${indent}${shut}`;
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
