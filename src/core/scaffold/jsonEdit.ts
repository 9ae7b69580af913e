// Small helpers around jsonc-parser for editing group files in place: keep comments and formatting elsewhere.
import { applyEdits, findNodeAtLocation, modify, parseTree, type FormattingOptions, type JSONPath, type Node } from 'jsonc-parser';
import type { TextEdit } from '../lint/types';

/** The indentation a file already uses (tabs or n spaces), and its line ending. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: indent ? Math.min(indent.length, 8) : 2, eol };
}

/** Sets (or with `insert`, inserts into an array at) a path, returning the new text. */
export function setAt(text: string, path: JSONPath, value: unknown, insert = false): string {
  const edits = modify(text, path, value, { formattingOptions: detectFormatting(text), isArrayInsertion: insert });
  return applyEdits(text, edits);
}

export function tree(text: string): Node | undefined {
  return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
}

export function nodeAt(text: string, path: JSONPath): Node | undefined {
  const root = tree(text);
  return root ? findNodeAtLocation(root, path) : undefined;
}

/** One edit that turns `before` into `after`: the changed middle between their common prefix and suffix. */
export function diffEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return [{ offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) }];
}

/** JSON text for a new file, in the usual two-space style. */
export function jsonFile(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
