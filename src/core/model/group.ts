// The Group model every source produces: a group's definitions and their items, each value with the place it was
// read from (an offset range in a named file), so that rules, deploy, pull and migration can point at it.
// Sources today: the AWS CLI input files of a group folder (any of the shapes users keep) and the cloud's
// definition versions, read as the JSON document the explorer opens for them.
import { findNodeAtLocation, getNodeValue, parseTree, type JSONPath, type Node } from 'jsonc-parser';
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

function range(file: string, node: Node): SourceRange {
  return { file, offset: node.offset, length: node.length };
}

function located(file: string, node: Node): Located<unknown> {
  return { value: getNodeValue(node) as unknown, at: range(file, node) };
}

function propertyNode(object: Node, key: string): Node | undefined {
  for (const p of object.children ?? []) {
    if (p.type === 'property' && p.children?.[0]?.value === key) return p.children[1];
  }
  return undefined;
}

function stringProp(object: Node, key: string): string | undefined {
  const node = propertyNode(object, key);
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * A definition read from JSON text in any shape users keep: `{Name, InitialVersion: {…}}`, `{…DefinitionId, …}`,
 * `{Definition: {…}}` as GetXDefinitionVersion answers, or the bare `{Functions: […]}`. undefined when the text
 * has no object with the kind's list.
 */
export function definitionFromText(kind: DefinitionKind, file: string, text: string): GroupDefinition | undefined {
  const info = DEFINITION_KIND_INFO[kind];
  const root = parseTree(text, [], PARSE);
  if (root?.type !== 'object') return undefined;
  const candidates: [JSONPath, Node | undefined][] = [[['InitialVersion'], propertyNode(root, 'InitialVersion')], [['Definition'], propertyNode(root, 'Definition')], [[], root]];
  const found = candidates.find(([, node]) => node?.type === 'object' && propertyNode(node, info.list)?.type === 'array');
  const body = found?.[1];
  if (!body) return undefined;
  const list = findNodeAtLocation(body, [info.list]);
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
    const idNode = item.type === 'object' ? propertyNode(item, 'Id') : undefined;
    items.push({
      ...(idNode?.type === 'string' && typeof idNode.value === 'string' ? { id: { value: idNode.value, at: range(file, idNode) } } : {}),
      fields, at: range(file, item),
    });
  }
  const extra: Record<string, Located<unknown>> = {};
  for (const key of info.extra) {
    const node = propertyNode(body, key);
    if (node) extra[key] = located(file, node);
  }
  const definitionId = stringProp(root, info.idKey) ?? (found?.[0][0] === 'Definition' ? stringProp(root, 'Id') : undefined);
  const versionId = found?.[0][0] === 'Definition' ? stringProp(root, 'Version') : undefined;
  const name = found?.[0][0] === 'InitialVersion' ? stringProp(root, 'Name') : undefined;
  return {
    kind, items, extra, at: range(file, body),
    ...(definitionId ? { definitionId } : {}), ...(versionId ? { versionId } : {}), ...(name ? { name } : {}),
  };
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
