// The Group model every source produces: a group's definitions and their items, each value with the place it was
// read from (an offset range in a named file), so that rules, deploy, pull and migration can point at it.
// Sources today: the AWS CLI input files of a group folder (any of the shapes users keep) and the cloud's
// definition versions, read as the JSON document the explorer opens for them.
import { findNodeAtLocation, getNodeValue, parseTree, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import { DEFINITION_KIND_INFO, type DefinitionKind } from './kinds';

/** Where a value was read: `length` characters at `offset` of `file` (a path, a URI, or a document name). */
export interface SourceRange {
  file: string;
  offset: number;
  length: number;
}

export interface Located<T> {
  value: T;
  at: SourceRange;
}

export interface GroupItem {
  /** The item's Id, when it has a string Id. */
  id?: Located<string>;
  /** Each property of the item (Id, FunctionArn, ResourceDataContainer, …) with its location. */
  fields: Readonly<Record<string, Located<unknown>>>;
  at: SourceRange;
}

export interface GroupDefinition {
  kind: DefinitionKind;
  /** The definition's id, when the source names it (create-*-definition-version input, the cloud). */
  definitionId?: string;
  /** The definition version's id, when the source is a version in the cloud. */
  versionId?: string;
  /** The `Name` of create-*-definition input. */
  name?: string;
  /** Where the version body sits in a JSON source document (`['InitialVersion']`, `['Definition']`, or the root), for edits. */
  bodyPath?: ['InitialVersion'] | ['Definition'] | [] | undefined;
  items: GroupItem[];
  /** The version's other properties (a function definition's DefaultConfig). */
  extra: Readonly<Record<string, Located<unknown>>>;
  /** The whole definition version body. */
  at: SourceRange;
}

export interface Group {
  name?: string;
  groupId?: string;
  definitions: Partial<Record<DefinitionKind, GroupDefinition>>;
}

const PARSE = { allowTrailingComma: true, disallowComments: false };

/** The parse-tree node each item and definition was read from, for the readers that edit or point into it. */
const NODES = new WeakMap<object, Node>();

function range(file: string, node: Node): SourceRange {
  return { file, offset: node.offset, length: node.length };
}

/** A located value whose JSON value is built when first read: a 10,000-item definition is mostly never read whole. */
function located(file: string, node: Node): Located<unknown> {
  let value: unknown;
  let read = false;
  return {
    get value(): unknown {
      if (!read) {
        value = getNodeValue(node) as unknown;
        read = true;
      }
      return value;
    },
    at: range(file, node),
  };
}

/** The value node of `key` in an object node; when the key is repeated the LAST one counts, as for JSON.parse. */
function propertyNode(object: Node | undefined, key: string): Node | undefined {
  const children = object?.type === 'object' ? object.children ?? [] : [];
  for (let i = children.length - 1; i >= 0; i--) {
    const p = children[i]!;
    if (p.type === 'property' && p.children?.[0]?.value === key) return p.children[1];
  }
  return undefined;
}

function stringProp(object: Node, key: string): string | undefined {
  const node = propertyNode(object, key);
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * The object that holds a definition's list in any of the shapes users keep, and its path in the document: the bare
 * `{Functions: […]}` (also `create-*-definition-version` input), `{Name, InitialVersion: {…}}`, or `{Definition: {…}}`
 * as GetXDefinitionVersion answers. undefined when no such object has the kind's list as an array.
 */
export function definitionBodyNode(kind: DefinitionKind, root: Node | undefined): { node: Node; path: ['InitialVersion'] | ['Definition'] | [] } | undefined {
  if (root?.type !== 'object') return undefined;
  const list = DEFINITION_KIND_INFO[kind].list;
  const candidates: [Node | undefined, ['InitialVersion'] | ['Definition'] | []][] = [[root, []], [propertyNode(root, 'InitialVersion'), ['InitialVersion']], [propertyNode(root, 'Definition'), ['Definition']]];
  for (const [node, path] of candidates) {
    if (node?.type === 'object' && propertyNode(node, list)?.type === 'array') return { node, path };
  }
  return undefined;
}

/**
 * Where a definition file keeps its kind's list, or would keep it when it has none yet: the list found by
 * definitionBodyNode, else inside `InitialVersion` for create-*-definition input (it has `InitialVersion` or `Name`),
 * inside `Definition` for get-*-definition-version output, else at the root.
 */
export function definitionListPath(kind: DefinitionKind, root: Node | undefined): string[] {
  const list = DEFINITION_KIND_INFO[kind].list;
  const found = definitionBodyNode(kind, root);
  if (found) return [...found.path, list];
  if (propertyNode(root, 'InitialVersion') || propertyNode(root, 'Name')) return ['InitialVersion', list];
  if (propertyNode(root, 'Definition')) return ['Definition', list];
  return [list];
}

/**
 * A definition read from a parse tree of `file` (see definitionFromText). Values are read from the tree when a
 * reader asks for them; `treeNodeOf` gives the node of an item or of the definition's body.
 */
export function definitionFromTree(kind: DefinitionKind, file: string, root: Node | undefined): GroupDefinition | undefined {
  const info = DEFINITION_KIND_INFO[kind];
  const found = definitionBodyNode(kind, root);
  if (!found || !root) return undefined;
  const body = found.node;
  const list = propertyNode(body, info.list);
  const items: GroupItem[] = [];
  for (const item of list?.children ?? []) {
    const fields: Record<string, Located<unknown>> = {};
    if (item.type === 'object') {
      for (const p of item.children ?? []) {
        const key = p.children?.[0]?.value;
        const value = p.children?.[1];
        if (typeof key === 'string' && value) fields[key] = located(file, value);
      }
    }
    const idNode = propertyNode(item, 'Id');
    const entry: GroupItem = {
      ...(idNode?.type === 'string' && typeof idNode.value === 'string' ? { id: { value: idNode.value, at: range(file, idNode) } } : {}),
      fields, at: range(file, item),
    };
    NODES.set(entry, item);
    items.push(entry);
  }
  const extra: Record<string, Located<unknown>> = {};
  for (const key of info.extra) {
    const node = propertyNode(body, key);
    if (node) extra[key] = located(file, node);
  }
  const outer = found.path[0];
  const definitionId = stringProp(root, info.idKey) ?? (outer === 'Definition' ? stringProp(root, 'Id') : undefined);
  const versionId = outer === 'Definition' ? stringProp(root, 'Version') : undefined;
  const name = outer === 'InitialVersion' ? stringProp(root, 'Name') : undefined;
  const definition: GroupDefinition = {
    kind, items, extra, bodyPath: found.path, at: range(file, body),
    ...(definitionId ? { definitionId } : {}), ...(versionId ? { versionId } : {}), ...(name ? { name } : {}),
  };
  NODES.set(definition, body);
  return definition;
}

/** The parse-tree node an item (or a definition's body) was read from; undefined for a model built otherwise. */
export function treeNodeOf(read: GroupItem | GroupDefinition): Node | undefined {
  return NODES.get(read);
}

/** The value at `path` inside an item, located in its file (a nested ResourceId, an OwnerSetting). */
export function locateInItem(item: GroupItem, path: JSONPath): Located<unknown> | undefined {
  const node = NODES.get(item);
  const found = node ? findNodeAtLocation(node, path) : undefined;
  return found ? located(item.at.file, found) : undefined;
}

/** The definition version the model holds, as the API takes it: `{Functions: […], DefaultConfig?}`, `{Resources: […]}`, … */
export function definitionVersionBody(definition: GroupDefinition): Record<string, unknown> {
  const info = DEFINITION_KIND_INFO[definition.kind];
  const out: Record<string, unknown> = {};
  const body = NODES.get(definition);
  const list = propertyNode(body, info.list);
  if (list) out[info.list] = getNodeValue(list) as unknown;
  for (const key of info.extra) {
    const value = definition.extra[key];
    if (value) out[key] = value.value;
  }
  return out;
}

/**
 * A definition read from JSON text in any shape users keep: `{Name, InitialVersion: {…}}`, `{…DefinitionId, …}`,
 * `{Definition: {…}}` as GetXDefinitionVersion answers, or the bare `{Functions: […]}`. undefined when the text
 * is not JSON (comments and trailing commas allowed) or has no object with the kind's list.
 */
export function definitionFromText(kind: DefinitionKind, file: string, text: string): GroupDefinition | undefined {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, PARSE);
  } catch {
    return undefined; // nested past the parser's stack
  }
  return errors.length ? undefined : definitionFromTree(kind, file, root);
}

/** The JSON document of a definition version as GetXDefinitionVersion answers it, and as the explorer opens it. */
export function definitionVersionDocument(kind: DefinitionKind, definitionId: string, versionId: string, answer: unknown): { fileName: string; text: string } {
  return { fileName: `${kind}-definition-${definitionId}-${versionId}.json`, text: `${JSON.stringify(answer, null, 2)}\n` };
}

/** A definition version read from the cloud: located in the document the explorer opens for it. */
export function definitionFromApi(kind: DefinitionKind, definitionId: string, versionId: string, answer: unknown): GroupDefinition | undefined {
  const { fileName, text } = definitionVersionDocument(kind, definitionId, versionId, answer);
  const definition = definitionFromText(kind, fileName, text);
  return definition ? { ...definition, definitionId, versionId } : undefined;
}
