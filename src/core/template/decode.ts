// Decodes a CloudFormation/SAM template, YAML or JSON, into the lint engine's one node type (jsonc-parser's `Node`)
// with offsets into the original text, so the rules that read definition files read templates unchanged.
// YAML short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub …`) become the JSON long form (`{"Ref": "X"}`, …), so there
// is one shape of intrinsic function whichever syntax the template uses.
import * as l10n from '@vscode/l10n';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { parseErrorMessage, parseJson } from '../lint/json';
import type { Node } from '../lint/json';

export interface TemplateProblem {
  code: 'GGML-TPL001' | 'GGML-JSON005' | 'GGML-JSON001' | 'GGML-JSON004';
  offset: number;
  length: number;
  message: string;
  related?: { offset: number; length: number; message: string }[];
}

export interface DecodedTemplate {
  format: 'yaml' | 'json';
  root: Node | undefined;
  problems: TemplateProblem[];
  /** True when nothing can be linted (too deep, aliases expanding beyond the budget): only the problems count. */
  fatal: boolean;
  /**
   * `offset:length` of the scalars written in the text itself (not reached through an alias): the only ranges a
   * quick fix may replace, so that no fix rewrites an intrinsic function, an alias or the structure around it.
   */
  literals: Set<string>;
}

const rangeKey = (offset: number, length: number): string => `${offset}:${length}`;
export { rangeKey };

/** Nesting deeper than this is refused: real templates stay far below it, and the walks stay off the stack limit. */
export const MAX_DEPTH = 200;
/** Aliases may expand the tree to at most this many nodes per character of text (plus a floor), so a YAML bomb is refused. */
const NODES_PER_CHAR = 4;
const NODE_FLOOR = 100_000;

/** The CloudFormation short-form tags and the long-form key each stands for. */
export const SHORT_FORM_TAGS: ReadonlyMap<string, string> = new Map(
  ['Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'FindInMap', 'ImportValue', 'Base64', 'GetAZs', 'Cidr', 'Equals', 'And', 'Or', 'Not', 'Transform', 'Length', 'ToJsonString'].map(
    (t) => [`!${t}`, t === 'Ref' || t === 'Condition' ? t : `Fn::${t}`],
  ),
);

/** Properties that came from a YAML merge key: overriding them is what merge keys are for, not a duplicate. */
const MERGED = new WeakSet<Node>();

/** The decoder builds and trims the tree it returns; jsonc-parser's Node is read-only for its readers. */
export type MutableNode = { -readonly [K in keyof Node]: Node[K] };
export function mutable(node: Node): MutableNode {
  return node as MutableNode;
}

class Refused extends Error {
  constructor(readonly problem: TemplateProblem) {
    super(problem.message);
  }
}

export function decodeTemplate(text: string, format: 'yaml' | 'json'): DecodedTemplate {
  return format === 'json' ? decodeJson(text) : decodeYaml(text);
}

function decodeJson(text: string): DecodedTemplate {
  const parsed = parseJson(text);
  if (parsed.tooDeep) {
    return { format: 'json', root: undefined, fatal: true, literals: new Set(), problems: [{ code: 'GGML-JSON004', offset: 0, length: 0, message: l10n.t('The template nests too deeply to be linted; flatten it') }] };
  }
  const literals = new Set<string>();
  const problems: TemplateProblem[] = parsed.errors.map((e) => ({ code: 'GGML-JSON001', offset: e.offset, length: e.length, message: l10n.t('The JSON is malformed; fix the syntax: {0}', parseErrorMessage(e)) }));
  const root = parsed.root;
  try {
    if (root) normalize(root, 0, problems, literals);
  } catch (error) {
    if (error instanceof Refused) return { format: 'json', root: undefined, fatal: true, literals, problems: [...problems, error.problem] };
    throw error;
  }
  return { format: 'json', root, problems, fatal: false, literals };
}

/** Drops all but the last of duplicate keys (as JSON.parse and the YAML reader below do) and reports each, depth-first. */
function normalize(node: Node, depth: number, problems: TemplateProblem[], literals?: Set<string>): void {
  if (depth > MAX_DEPTH) throw new Refused(tooDeep(node.offset));
  if (literals && node.type !== 'object' && node.type !== 'array' && node.type !== 'property') literals.add(rangeKey(node.offset, node.length));
  if (node.type === 'object' && node.children) {
    dedupe(node, problems);
    for (const p of node.children) {
      const v = p.children?.[1];
      if (v) normalize(v, depth + 1, problems, literals);
    }
  } else if (node.type === 'array' && node.children) {
    for (const c of node.children) normalize(c, depth + 1, problems, literals);
  }
}

function dedupe(node: Node, problems: TemplateProblem[]): void {
  const children = node.children!;
  if (children.length < 2) return;
  const last = new Map<unknown, Node>();
  for (const p of children) last.set(p.children?.[0]?.value, p);
  if (last.size === children.length) return;
  const kept: Node[] = [];
  for (const p of children) {
    const key = p.children?.[0];
    const winner = last.get(key?.value);
    if (winner === p) {
      kept.push(p);
      continue;
    }
    const winnerKey = winner?.children?.[0];
    if (key && winnerKey && !MERGED.has(p)) {
      problems.push({
        code: 'GGML-JSON005',
        offset: key.offset,
        length: key.length,
        message: l10n.t('This key is repeated later in the same mapping, and readers use the last value, so this one is ignored; remove one of them: {0}', String(key.value)),
        related: [{ offset: winnerKey.offset, length: winnerKey.length, message: l10n.t('The last value of this key, the one that counts') }],
      });
    }
  }
  mutable(node).children = kept;
}

function tooDeep(offset: number): TemplateProblem {
  return { code: 'GGML-JSON004', offset, length: 0, message: l10n.t('The template nests more than {0} levels deep, so it is not linted; flatten it', MAX_DEPTH) };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstLine(message: string): string {
  const i = message.indexOf(' at line ');
  const line = (i >= 0 ? message.slice(0, i) : message.split('\n')[0] ?? message).trim();
  return line.replace(/\.$/, '');
}

function decodeYaml(text: string): DecodedTemplate {
  const problems: TemplateProblem[] = [];
  let doc: Document.Parsed;
  try {
    // uniqueKeys off: duplicates are reported below with both places, and the last value kept.
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: false, stringKeys: false });
  } catch (error) {
    if (error instanceof RangeError) return { format: 'yaml', root: undefined, fatal: true, literals: new Set(), problems: [tooDeep(0)] };
    throw error;
  }
  // The parser turns its own stack overflow on absurd nesting into an error; that is a nesting problem.
  if (doc.errors.some((e) => /call stack/i.test(e.message))) return { format: 'yaml', root: undefined, fatal: true, literals: new Set(), problems: [tooDeep(0)] };
  for (const e of doc.errors) {
    const [start, end] = e.pos;
    if (e.code === 'MULTIPLE_DOCS') {
      problems.push({ code: 'GGML-TPL001', offset: start, length: Math.max(0, Math.min(end, start + 3) - start), message: l10n.t('The file holds several YAML documents, but a template is one document; only the first is linted, so move the others to files of their own: ---') });
    } else if (e.code === 'TAB_AS_INDENT') {
      problems.push({ code: 'GGML-TPL001', offset: start, length: Math.max(0, end - start), message: l10n.t('YAML does not allow tabs for indentation; indent with spaces: line {0}', e.linePos?.[0].line ?? lineOf(text, start)) });
    } else {
      problems.push({ code: 'GGML-TPL001', offset: start, length: Math.max(0, end - start), message: l10n.t('The YAML is malformed; fix the syntax: {0}', firstLine(e.message)) });
    }
  }
  const builder = new YamlBuilder(text, doc);
  try {
    const root = doc.contents ? builder.build(doc.contents as YamlNode, undefined, 0) : undefined;
    if (root) normalize(root, 0, problems);
    for (const k of builder.aliased) builder.literals.delete(k);
    return { format: 'yaml', root, problems, fatal: false, literals: builder.literals };
  } catch (error) {
    if (error instanceof Refused) return { format: 'yaml', root: undefined, fatal: true, literals: new Set(), problems: [...problems, error.problem] };
    if (error instanceof RangeError) return { format: 'yaml', root: undefined, fatal: true, literals: new Set(), problems: [...problems, tooDeep(0)] };
    throw error;
  }
}

/** Builds jsonc-style nodes from the YAML AST; aliases are expanded within a node budget. */
class YamlBuilder {
  private count = 0;
  private readonly budget: number;
  private readonly expanding = new Set<YamlNode>();
  /** Scalars written in place, and those reached through an alias (whose edit would change every use). */
  readonly literals = new Set<string>();
  readonly aliased = new Set<string>();
  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {
    this.budget = NODE_FLOOR + NODES_PER_CHAR * text.length;
  }

  private tick(offset: number): void {
    if (++this.count > this.budget) {
      throw new Refused({
        code: 'GGML-TPL001',
        offset,
        length: 0,
        message: l10n.t('The YAML\'s aliases expand to more than {0} values, so the template is not linted; write the repeated parts out or use fewer aliases: {1} values', this.budget, this.count),
      });
    }
  }

  /** The end of a node without the line breaks and spaces a block collection's range includes. */
  private end(range: readonly number[]): number {
    let e = range[1] ?? range[0] ?? 0;
    while (e > (range[0] ?? 0) && /\s/.test(this.text.charAt(e - 1))) e--;
    return e;
  }

  build(y: YamlNode | null, parent: Node | undefined, depth: number, at = 0): Node {
    if (depth > MAX_DEPTH) throw new Refused(tooDeep(at));
    if (y === null) {
      this.tick(at);
      return { type: 'null', value: null, offset: at, length: 0, ...(parent ? { parent } : {}) };
    }
    if (isAlias(y)) {
      const target = y.resolve(this.doc);
      const start = y.range?.[0] ?? at;
      if (!target || this.expanding.has(target)) {
        this.tick(start);
        return { type: 'null', value: null, offset: start, length: 0, ...(parent ? { parent } : {}) };
      }
      // The expansion keeps the anchored node's positions: a finding in it points where the value is written.
      this.expanding.add(target);
      try {
        return this.build(target, parent, depth, start);
      } finally {
        this.expanding.delete(target);
      }
    }
    const range = y.range ?? [at, at, at];
    const tag = y.tag;
    const longForm = tag !== undefined ? SHORT_FORM_TAGS.get(tag) : undefined;
    if (longForm !== undefined) {
      // `!Ref X` → {"Ref": "X"}: the object spans the tag and the value; the key is the tag itself.
      const tagStart = this.text.lastIndexOf(tag!, range[0]);
      const start = tagStart >= 0 && tagStart <= range[0] ? tagStart : range[0];
      this.tick(start);
      const obj: Node = { type: 'object', offset: start, length: this.end(range) - start, children: [], ...(parent ? { parent } : {}) };
      const prop: Node = { type: 'property', offset: start, length: obj.length, parent: obj, children: [] };
      const key: Node = { type: 'string', value: longForm, offset: start, length: tag!.length, parent: prop };
      prop.children!.push(key, this.plain(y, prop, depth + 1, range));
      obj.children!.push(prop);
      return obj;
    }
    return this.plain(y, parent, depth, range);
  }

  private plain(y: YamlNode, parent: Node | undefined, depth: number, range: readonly number[]): Node {
    const offset = range[0] ?? 0;
    const length = this.end(range) - offset;
    this.tick(offset);
    const base = parent ? { parent } : {};
    if (isScalar(y)) {
      // An empty value (`Key:` and nothing) is not written in the text: where a fix would put one is a guess.
      if (length > 0) (this.expanding.size ? this.aliased : this.literals).add(rangeKey(offset, length));
      const v = y.value;
      if (typeof v === 'string') return { type: 'string', value: v, offset, length, ...base };
      if (typeof v === 'number') return { type: 'number', value: v, offset, length, ...base };
      if (typeof v === 'bigint') return { type: 'number', value: Number(v), offset, length, ...base };
      if (typeof v === 'boolean') return { type: 'boolean', value: v, offset, length, ...base };
      if (v === null || v === undefined) return { type: 'null', value: null, offset, length, ...base };
      return { type: 'string', value: String(v as string), offset, length, ...base };
    }
    if (isSeq(y)) {
      const arr: Node = { type: 'array', offset, length, children: [], ...base };
      for (const item of y.items) arr.children!.push(this.build(item as YamlNode | null, arr, depth + 1, offset));
      return arr;
    }
    if (isMap(y)) {
      const obj: Node = { type: 'object', offset, length, children: [], ...base };
      for (const pair of y.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as YamlNode | null;
        const keyRange = k?.range ?? [offset, offset, offset];
        const keyValue = k && isScalar(k) ? k.value : undefined;
        if (keyValue === '<<' && k && isScalar(k) && !(k.type === 'QUOTE_DOUBLE' || k.type === 'QUOTE_SINGLE')) {
          this.merge(obj, pair.value as YamlNode | null, depth, keyRange[0] ?? offset);
          continue;
        }
        const prop: MutableNode = { type: 'property', offset: keyRange[0] ?? offset, length: 0, parent: obj, children: [] };
        this.tick(prop.offset);
        const keyText = keyValue === null || keyValue === undefined ? (k ? this.text.slice(keyRange[0], keyRange[1]) : '') : String(keyValue as string);
        const key: Node = { type: 'string', value: keyText, offset: prop.offset, length: this.end(keyRange) - prop.offset, parent: prop };
        const value = this.build(pair.value as YamlNode | null, prop, depth + 1, keyRange[1] ?? prop.offset);
        prop.colonOffset = key.offset + key.length;
        prop.length = Math.max(value.offset + value.length, key.offset + key.length) - prop.offset;
        prop.children!.push(key, value);
        obj.children!.push(prop);
      }
      return obj;
    }
    return { type: 'null', value: null, offset, length, ...base };
  }

  /** YAML merge keys (`<<: *defaults`): the merged mapping's keys, unless the mapping sets them itself. */
  private merge(obj: Node, source: YamlNode | null, depth: number, at: number): void {
    const sources: (YamlNode | null)[] = isSeq(source) ? (source.items as (YamlNode | null)[]) : [source];
    for (const s of sources) {
      const built = this.build(s, obj, depth + 1, at);
      if (built.type !== 'object') continue;
      // Merged keys go first, so the mapping's own keys (kept last by dedupe) win, as YAML says.
      const merged = built.children ?? [];
      for (const p of merged) {
        mutable(p).parent = obj;
        MERGED.add(p);
      }
      obj.children!.unshift(...merged);
    }
  }
}
