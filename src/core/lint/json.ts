// JSON helpers of the lint engine: one parse per document, property look-ups on the tree, edits that keep
// comments and formatting (jsonc-parser `modify` with formatting options detected from the text).
import { findNodeAtLocation, getNodePath, getNodeValue, modify, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { FormattingOptions, JSONPath, Node, ParseError } from 'jsonc-parser';
import { detectFormatting } from '../model';
import type { TextEdit } from './types';

export type { Node, JSONPath };

export interface ParsedJson {
  text: string;
  root: Node | undefined;
  errors: ParseError[];
  /** True when parseTree overflowed the stack (absurdly deep nesting). */
  tooDeep: boolean;
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

export function parseJson(text: string): ParsedJson {
  const errors: ParseError[] = [];
  try {
    const root = parseTree(text, errors, PARSE_OPTIONS);
    return { text, root, errors, tooDeep: false };
  } catch (error) {
    if (error instanceof RangeError) return { text, root: undefined, errors: [], tooDeep: true };
    throw error;
  }
}

export function parseErrorMessage(error: ParseError): string {
  return printParseErrorCode(error.error);
}

/**
 * The value node of `key` in an object node, or undefined. When the key appears more than once the LAST value
 * counts, as for JSON.parse, the AWS CLI and every other reader in Greengrass ML (GGML-JSON005 reports the rest).
 */
export function prop(node: Node | undefined, key: string): Node | undefined {
  return propNode(node, key)?.children?.[1];
}

/** The property node (key + value) of `key` in an object node (the last one when the key is repeated). */
export function propNode(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  for (let i = node.children.length - 1; i >= 0; i--) {
    const p = node.children[i]!;
    if (p.children?.[0]?.value === key) return p;
  }
  return undefined;
}

/** Every key node that a later property of the same object overrides, in document order (stack-safe walk). */
export function overriddenKeys(root: Node | undefined): Node[] {
  const out: Node[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    const children = node.children;
    if (!children) continue;
    if (node.type === 'object') {
      const last = new Map<string, Node>();
      for (const p of children) {
        const k = p.children?.[0];
        if (!k || typeof k.value !== 'string') continue;
        const previous = last.get(k.value);
        if (previous) out.push(previous);
        last.set(k.value, k);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** The key node of `key` in an object node. */
export function keyNode(node: Node | undefined, key: string): Node | undefined {
  return propNode(node, key)?.children?.[0];
}

/** Follows a chain of object keys. */
export function at(node: Node | undefined, ...keys: string[]): Node | undefined {
  let n = node;
  for (const k of keys) {
    n = prop(n, k);
    if (!n) return undefined;
  }
  return n;
}

export function str(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function num(node: Node | undefined): number | undefined {
  return node?.type === 'number' ? (node.value as number) : undefined;
}

export function bool(node: Node | undefined): boolean | undefined {
  return node?.type === 'boolean' ? (node.value as boolean) : undefined;
}

/** A scalar's value as text (strings as-is, numbers/booleans printed); undefined for objects/arrays/null. */
export function scalarText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') return node.value as string;
  if (node.type === 'number' || node.type === 'boolean') return String(node.value);
  return undefined;
}

export function items(node: Node | undefined): Node[] {
  return node?.type === 'array' && node.children ? node.children : [];
}

export function keys(node: Node | undefined): string[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: string[] = [];
  for (const p of node.children) {
    const k = p.children?.[0]?.value;
    if (typeof k === 'string') out.push(k);
  }
  return out;
}

export function pathOf(node: Node): JSONPath {
  return getNodePath(node);
}

/** Edits that set (or, with `undefined`, remove) the value at `path`, formatted like the document. */
export function setEdits(text: string, path: JSONPath, value: unknown, isArrayInsertion = false, insertFirst = false, formatting?: FormattingOptions): TextEdit[] {
  const options = {
    formattingOptions: formatting ?? detectFormatting(text),
    isArrayInsertion,
    ...(insertFirst ? { getInsertionIndex: () => 0 } : {}),
  };
  return modify(text, path, value, options).map((e) => ({ offset: e.offset, length: e.length, content: e.content }));
}

/**
 * Like setEdits, but re-parses only the innermost existing object or array on `path` instead of the whole document,
 * so that fixes on a 10,000-entry definition stay cheap. The slice keeps the indentation of its first line, so the
 * inserted text is formatted at the right depth.
 */
export function scopedSetEdits(text: string, root: Node | undefined, path: JSONPath, value: unknown, isArrayInsertion = false, insertFirst = false): TextEdit[] {
  const formatting = detectFormatting(text);
  for (let depth = path.length - 1; depth > 0 && root; depth--) {
    const scope = findNodeAtLocation(root, path.slice(0, depth));
    if (!scope || (scope.type !== 'object' && scope.type !== 'array')) continue;
    const lineStart = text.lastIndexOf('\n', scope.offset - 1) + 1;
    let indentEnd = lineStart;
    while (indentEnd < scope.offset && (text.charCodeAt(indentEnd) === 32 || text.charCodeAt(indentEnd) === 9)) indentEnd++;
    const indent = text.slice(lineStart, indentEnd);
    const slice = indent + text.slice(scope.offset, scope.offset + scope.length);
    const shift = scope.offset - indent.length;
    const edits = setEdits(slice, path.slice(depth), value, isArrayInsertion, insertFirst, formatting);
    // The indentation prefix stands in for the text before the scope. modify widens an edit to the start of its line;
    // when it left the prefix itself unchanged, the edit is trimmed to begin after it, otherwise the whole text is used.
    const mapped: TextEdit[] = [];
    for (const e of edits) {
      if (e.offset >= indent.length) {
        mapped.push({ ...e, offset: e.offset + shift });
        continue;
      }
      const head = slice.slice(e.offset, indent.length);
      if (e.offset + e.length < indent.length || !e.content.startsWith(head)) return setEdits(text, path, value, isArrayInsertion, insertFirst, formatting);
      mapped.push({ offset: indent.length + shift, length: e.length - head.length, content: e.content.slice(head.length) });
    }
    return mapped;
  }
  return setEdits(text, path, value, isArrayInsertion, insertFirst, formatting);
}

/** The whole extent of a property (key and value) when `node` is a value inside an object; else the node. */
export function propertyOf(node: Node): Node {
  return node.parent?.type === 'property' ? node.parent : node;
}

/** The plain value of a (small) node; undefined if it cannot be built. */
export function getNodeValueSafe(node: Node): unknown {
  try {
    return getNodeValue(node);
  } catch {
    return undefined;
  }
}
