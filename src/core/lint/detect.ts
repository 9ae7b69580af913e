// Which kind of Greengrass document a file is: by file name convention first, then by content.
import { decodeTemplate } from '../template/decode';
import { isTemplate } from '../template/recognize';
import { maybeYamlRecipe } from '../v2/recognize';
import { items, parseJson, prop } from './json';
import type { Node } from './json';
import type { DocumentKind } from './types';
import { definitionBodyNode, kindOfDocument } from '../model';
import { baseName, DEFINITION_KINDS, kindFromName } from './fileKind';

export { baseName, DEFINITION_KINDS, kindFromName };


const LIST_OF: Partial<Record<DocumentKind, string>> = Object.fromEntries(DEFINITION_KINDS.map((d) => [d.kind, d.list]));



/** The kind the content of a parsed document says. */
export function kindFromContent(root: Node | undefined): DocumentKind {
  if (!root || root.type !== 'object') return 'unknown';
  for (const d of DEFINITION_KINDS) {
    if (definitionBody(root, d.kind)) return d.kind;
  }
  const statement = prop(root, 'Statement');
  if (statement && (statement.type === 'array' || statement.type === 'object')) return 'iamPolicy';
  return v2KindFromContent(root);
}

/**
 * The Greengrass V2 document a parsed tree holds: a component recipe (`RecipeFormatVersion` and `ComponentName`), a
 * CreateComponentVersion request (`lambdaFunction` or `inlineRecipe`) or a CreateDeployment request (`targetArn` and
 * a `components` map).
 */
export function v2KindFromContent(root: Node | undefined): DocumentKind {
  if (!root || root.type !== 'object') return 'unknown';
  if (prop(root, 'RecipeFormatVersion') && prop(root, 'ComponentName')) return 'componentRecipe';
  if (prop(root, 'lambdaFunction')?.type === 'object' || prop(root, 'inlineRecipe')) return 'componentRequest';
  if (prop(root, 'targetArn') && prop(root, 'components')?.type === 'object') return 'deploymentRequest';
  return 'unknown';
}

/**
 * The object that holds a definition's list (`Resources`, `Functions`, …) in any of the shapes users keep:
 * `{Name, InitialVersion: {…}}`, `{…DefinitionId, …}`, `{Definition: {…}}` or the bare `{Resources: […]}`.
 */
export function definitionBody(root: Node | undefined, kind: DocumentKind): Node | undefined {
  const fileKind = kindOfDocument(kind);
  return fileKind ? definitionBodyNode(fileKind.kind, root)?.node : undefined;
}

export function definitionList(root: Node | undefined, kind: DocumentKind): Node[] {
  const body = definitionBody(root, kind);
  const list = LIST_OF[kind];
  return body && list ? items(prop(body, list)) : [];
}

export function detectKind(path: string, text: string): DocumentKind {
  const byName = kindFromName(path);
  if (byName) return byName;
  if (isTemplate(text)) return 'template';
  if (maybeYamlRecipe(text)) return v2KindFromContent(decodeTemplate(text, 'yaml').root);
  if (!/\.jsonc?$/i.test(baseName(path)) && !/^\s*[{[]/.test(text.slice(0, 200))) return 'unknown';
  const parsed = parseJson(text);
  return kindFromContent(parsed.root);
}

