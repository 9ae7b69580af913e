// Small helpers around jsonc-parser for editing group files in place: keep comments and formatting elsewhere.
import { applyEdits, findNodeAtLocation, modify, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { detectFormatting } from '../model';

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

/** JSON text for a new file, in the usual two-space style. */
export function jsonFile(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
