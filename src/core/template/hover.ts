// Hover and completion for the Greengrass parts of a template, for the language server: what an
// `AWS::Greengrass::*` type is, what a Greengrass property key means (from the definition schemas in schemas/, the
// same text the JSON definition files show), and the types after `Type:`. No `vscode`, no I/O: the caller passes
// the schemas in.
import * as l10n from '@vscode/l10n';
import { decodeTemplate } from './decode';
import type { Node } from '../lint/json';
import { cloudFormationDocs, greengrassType, GREENGRASS_TYPES } from './greengrassTypes';
import { isTemplate, templateFormat } from './recognize';

export interface TemplateHover {
  markdown: string;
  offset: number;
  length: number;
}

/** A JSON schema as read from schemas/ (only what the walk needs). */
interface Schema {
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  enum?: unknown[];
  enumDescriptions?: string[];
}

/** The deepest node whose range holds `offset`. */
function nodeAt(root: Node, offset: number): Node | undefined {
  let found: Node | undefined;
  let level: readonly Node[] = [root];
  for (let depth = 0; depth < 400 && level.length; depth++) {
    const hit = level.find((n) => n.offset <= offset && offset < n.offset + Math.max(n.length, 1));
    if (!hit) break;
    found = hit;
    level = hit.children ?? [];
  }
  return found;
}

/** The keys (and list indexes) from the root to `node`, or undefined when `node` is not a key or a value. */
function pathTo(node: Node): (string | number)[] {
  const path: (string | number)[] = [];
  let n: Node | undefined = node;
  while (n?.parent) {
    const parent: Node = n.parent;
    if (parent.type === 'property') {
      const key = parent.children?.[0];
      if (typeof key?.value === 'string') path.unshift(key.value);
    } else if (parent.type === 'array') {
      path.unshift(parent.children?.indexOf(n) ?? 0);
    }
    n = parent;
  }
  return path;
}

function schemaAt(schema: Schema | undefined, path: readonly (string | number)[]): Schema | undefined {
  let s = schema;
  for (const key of path) {
    if (!s) return undefined;
    if (typeof key === 'number') s = s.items;
    else s = s.properties?.[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
  }
  return s;
}

function describe(schema: Schema): string | undefined {
  const text = schema.markdownDescription ?? schema.description;
  if (!text) return undefined;
  const values = schema.enum?.map((v, i) => `- \`${String(v)}\`${schema.enumDescriptions?.[i] ? `: ${schema.enumDescriptions[i]}` : ''}`) ?? [];
  return [text, ...(values.length ? ['', ...values] : [])].join('\n');
}

/**
 * What to show when hovering at `offset` of a template: the Greengrass type under the cursor, or the meaning of a
 * property key of a Greengrass resource. Undefined anywhere else (the editor shows the diagnostics there itself).
 */
export function templateHover(text: string, offset: number, schemaOf: (file: string) => unknown): TemplateHover | undefined {
  if (!isTemplate(text)) return undefined;
  const decoded = decodeTemplate(text, templateFormat(text));
  if (decoded.fatal || !decoded.root) return undefined;
  const node = nodeAt(decoded.root, offset);
  const property = node?.parent;
  if (!node || property?.type !== 'property' || typeof node.value !== 'string') return undefined;
  const path = pathTo(node);
  if (path[0] !== 'Resources' || typeof path[1] !== 'string') return undefined;
  const isKey = property.children?.[0] === node;
  const span = { offset: node.offset, length: node.length };
  // `Type: AWS::Greengrass::…`
  if (!isKey && path.length === 3 && path[2] === 'Type') {
    const t = greengrassType(node.value);
    if (!t) return undefined;
    return { ...span, markdown: `**${t.type}**\n\n${t.description}\n\n${referenceLink(t.type)}` };
  }
  if (!isKey || path[2] !== 'Properties' || path.length < 4) return undefined;
  const resource = resourceType(decoded.root, path[1]);
  const t = resource ? greengrassType(resource) : undefined;
  if (!t?.schema) return undefined;
  const schema = schemaAt(schemaOf(t.schema) as Schema | undefined, path.slice(3));
  const about = schema && describe(schema);
  if (!about) return undefined;
  return { ...span, markdown: `**${String(path[path.length - 1])}** (${t.type})\n\n${about}\n\n${referenceLink(t.type)}` };
}

/** The Markdown link to a type's CloudFormation reference page. */
function referenceLink(type: string): string {
  return l10n.t('[CloudFormation reference]({0})', cloudFormationDocs(type));
}

function resourceType(root: Node, id: string): string | undefined {
  const resources = root.children?.find((p) => p.children?.[0]?.value === 'Resources')?.children?.[1];
  const resource = resources?.children?.find((p) => p.children?.[0]?.value === id)?.children?.[1];
  const type = resource?.children?.find((p) => p.children?.[0]?.value === 'Type')?.children?.[1]?.value;
  return typeof type === 'string' ? type : undefined;
}

export interface TemplateCompletion {
  label: string;
  documentation: string;
  /** The text the completion replaces: what was typed of the value so far. */
  offset: number;
  length: number;
}

const TYPE_PREFIX_YAML = /^\s*Type:\s*(["']?)([\w:]*)$/;
const TYPE_PREFIX_JSON = /"Type"\s*:\s*"([\w:]*)$/;

/**
 * The Greengrass types after `Type:` (YAML) or `"Type": "` (JSON) in a template, from the text of the line only
 * (no parse); an empty list anywhere else.
 */
export function templateCompletions(text: string, offset: number): TemplateCompletion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  const typed = TYPE_PREFIX_YAML.exec(line)?.[2] ?? TYPE_PREFIX_JSON.exec(line)?.[1];
  if (typed === undefined || !isTemplate(text)) return [];
  if (typed && !'AWS::Greengrass::'.startsWith(typed) && !typed.startsWith('AWS::Greengrass::')) return [];
  return GREENGRASS_TYPES.filter((t) => t.type.startsWith(typed)).map((t) => ({
    label: t.type,
    documentation: `${t.description}\n\n${referenceLink(t.type)}`,
    offset: offset - typed.length,
    length: typed.length,
  }));
}
