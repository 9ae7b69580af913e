// The lint engine's entry points: detection, linting one document (with its group), dependents for re-linting,
// the rule table, byte decoding for the CLI and applying fixes.
import * as l10n from '@vscode/l10n';
import { createScanner } from 'jsonc-parser';
import { LineIndex } from '../model';
import { LintContext } from './context';
import { baseName, DEFINITION_KINDS, kindFromContent, kindFromName, v2KindFromContent } from './detect';
import { GroupDocument, loadGroup, manifestModel, manifestPathFor, samePath, safeRead, cachedDocument } from './group';
import { parseErrorMessage, parseJson } from './json';
import { clamp, endOfSupportMessage, rulesFor, severityResolver } from './dispatch';
import { RULE_INFO } from './rules/meta';
import { lintTemplate } from '../template';
import { decodeTemplate } from '../template/decode';
import { isTemplate, templateFormat, yamlCommentsAsJsonc } from '../template/recognize';
import { migrationFiles } from '../v2/migration';
import { maybeYamlRecipe } from '../v2/recognize';
import { isV2Kind } from './types';
import type { DocumentKind, Finding, RuleMeta, RuleSeverities, Severity, SourceFile } from './types';

export * from './types';
export { detectKind, definitionBody, definitionList, kindFromName, kindFromContent, DEFINITION_KINDS } from './detect';
export { applyTextEdits, detectFormatting } from '../model';
export { joinRelative, manifestPathFor, dirOf, samePath } from './group';
export type { ManifestModel, FunctionHint } from './group';
export { sanitizeId } from './rules/definitions';
export { MEMORY_KB_THRESHOLD } from './rules/functions';
export { decodeBytes } from '../textFile';
export { suppressionFixes, type CommentSyntax } from './suppressionFixes';
export type { RuleInfo } from './rules/meta';

/** How the engine reaches the other files of a group (cross-file rules). Paths are the engine's opaque ids. */
export interface LintHost {
  /** The text of another file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** Why `readFile` gave no text for a file that exists (too large, not a regular file, unreadable…), if known. */
  problem?(path: string): string | undefined;
}

export interface LintOptions {
  severities?: RuleSeverities;
  /** Texts longer than this many characters get one GGML-JSON002 finding instead of a lint (default 1 MiB). */
  maxSize?: number;
  /** For tests: rethrow an internal error of a rule instead of dropping it. */
  throwInternalErrors?: boolean;
}

export const DEFAULT_MAX_SIZE = 1024 * 1024;

/** Every rule, with its stable code, default severity and documentation page (`docs/rules/<code>.md`). */
export const RULES: readonly (RuleMeta & { source: string })[] = RULE_INFO;

export { END_OF_SUPPORT_DATE, END_OF_SUPPORT_URL } from './dispatch';

/** The file name conventions: used by `jsonValidation` and by detection before content. */
export const FILE_NAME_PATTERNS: readonly { kind: DocumentKind; patterns: string[] }[] = [
  { kind: 'manifest', patterns: ['greengrass-ml.json'] },
  ...DEFINITION_KINDS.map((d) => ({ kind: d.kind, patterns: [`${d.stem}.json`, `*.${d.stem}.json`] })),
  { kind: 'iamPolicy', patterns: ['service-role-policy.json', '*.policy.json'] },
];

/** Lints one document; other files of its group are read through the host. Never throws. */
export function lintDocument(file: SourceFile, host: LintHost, options: LintOptions = {}): Finding[] {
  try {
    return clamp(lintUnsafe(file, host, options), file.text.length);
  } catch (error) {
    if (options.throwInternalErrors) throw error;
    return [];
  }
}

function lintUnsafe(file: SourceFile, host: LintHost, options: LintOptions): Finding[] {
  // A byte order mark is kept as a space so that offsets still match the caller's text.
  const text = file.text.charCodeAt(0) === 0xfeff ? ` ${file.text.slice(1)}` : file.text;
  const severityOf = severityResolver(options.severities);
  const byName = kindFromName(file.path);
  const one = (code: string, message: string): Finding[] => {
    const severity = severityOf(code);
    return severity === 'off' ? [] : [{ code, severity, message, path: file.path, offset: 0, length: 0 }];
  };
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const template = !byName && isTemplate(text);
  if (text.length > maxSize) {
    if (!byName && !template && !/^\s*\{/.test(text.slice(0, 100))) return [];
    return one('GGML-JSON002', l10n.t('The file is too large to lint (limit {0} characters); split it or lint it with a higher limit: {1} characters', maxSize, text.length));
  }
  if (text.trim() === '') {
    if (!byName) return [];
    return one('GGML-JSON003', byName === 'manifest'
      ? l10n.t('The file is empty; add the group manifest or delete the file: {0}', baseName(file.path))
      : l10n.t('The file is empty; add the document or delete the file: {0}', baseName(file.path)));
  }
  if (template) {
    const findings = lintTemplate({ path: file.path, text }, host, options);
    return applySuppressions(text, findings, templateFormat(text) === 'json' ? text : yamlCommentsAsJsonc(text));
  }
  if (!byName && maybeYamlRecipe(text)) {
    const findings = lintYamlRecipe({ path: file.path, text }, host, options, severityOf);
    return findings ? applySuppressions(text, findings, yamlCommentsAsJsonc(text)) : [];
  }
  const parsed = parseJson(text);
  if (parsed.tooDeep) {
    return byName ? one('GGML-JSON004', l10n.t('The file nests too deeply to be linted; flatten it: {0}', baseName(file.path))) : [];
  }
  const kind = byName ?? kindFromContent(parsed.root);
  if (kind === 'unknown') return [];
  const doc = new GroupDocument(file.path, parsed);
  const group = loadGroup(host, doc, kind);
  const ctx = new LintContext(doc, kind, group, severityOf);

  for (const e of parsed.errors) {
    ctx.report('GGML-JSON001', { offset: e.offset, length: e.length }, l10n.t('The JSON is malformed; fix the syntax: {0}', parseErrorMessage(e)));
  }
  // Every reader (JSON.parse, the AWS CLI, deploy, this linter) takes the last of a repeated key; the others are
  // silently ignored, and could hide a value from a reviewer (a safe "region" followed by another one).
  if (ctx.enabled('GGML-JSON005')) {
    for (const k of doc.repeatedKeys) {
      ctx.report('GGML-JSON005', k, l10n.t('This key is repeated later in the same object, and readers use the last value, so this one is ignored; remove one of them: {0}', String(k.value)));
    }
  }
  runRules(ctx, options);
  // The end-of-support note is about V1 documents; a V2 document is where the move leads. One note per group: a
  // file its group's manifest names leaves the note to the manifest; a file on its own carries it.
  if (!isV2Kind(kind) && !(kind !== 'manifest' && group.selfListed)) {
    const root = parsed.root;
    ctx.report('GGML-EOS001', root ? { offset: root.offset, length: 1 } : { offset: 0, length: 0 }, endOfSupportMessage());
  }
  return applySuppressions(text, ctx.findings);
}

function runRules(ctx: LintContext, options: LintOptions): void {
  for (const rule of rulesFor(ctx.kind)) {
    try {
      rule(ctx);
    } catch (error) {
      if (options.throwInternalErrors) throw error;
    }
  }
}

/**
 * A YAML component recipe, decoded by the template decoder into the engine's tree (same offsets, same duplicate-key
 * and YAML syntax findings), then linted with the recipe rules. undefined when the YAML holds no recipe after all.
 */
function lintYamlRecipe(file: SourceFile, host: LintHost, options: LintOptions, severityOf: (code: string) => Severity | 'off'): Finding[] | undefined {
  const decoded = decodeTemplate(file.text, 'yaml');
  if (!decoded.fatal && v2KindFromContent(decoded.root) !== 'componentRecipe') return undefined;
  const parsed = { text: file.text, root: decoded.fatal ? undefined : decoded.root, errors: [], tooDeep: decoded.fatal };
  const doc = new GroupDocument(file.path, parsed, { literals: decoded.literals });
  const ctx = new LintContext(doc, 'componentRecipe', loadGroup(host, doc, 'componentRecipe'), severityOf);
  for (const p of decoded.problems) {
    ctx.report(p.code, p, p.message, p.related ? { related: p.related.map((r) => ({ ...r, path: file.path })) } : {});
  }
  if (!decoded.fatal) runRules(ctx, options);
  return ctx.findings;
}

const DIRECTIVE = 'greengrass-ml-disable';
// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read.
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const EOF = 17;
const DIRECTIVE_RE = /greengrass-ml-disable(-next-line)?(?![\w-])([^\n]*)/;

interface Suppressions {
  file: Set<string> | 'all' | undefined;
  lines: Map<number, Set<string> | 'all'>;
}

function codesOf(rest: string): Set<string> | 'all' {
  const body = rest.replace(/\*\/\s*$/, '').split(/\s--\s/)[0] ?? '';
  const codes = body.split(/[\s,]+/).filter((c) => /^GGML-[A-Z]+\d+$/i.test(c)).map((c) => c.toUpperCase());
  return codes.length ? new Set(codes) : 'all';
}

function merge(a: Set<string> | 'all' | undefined, b: Set<string> | 'all'): Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  if (!a) return b;
  for (const c of b) a.add(c);
  return a;
}

/** `// greengrass-ml-disable-next-line CODE, CODE` and `// greengrass-ml-disable [CODE…]` in JSONC comments. */
export function findSuppressions(text: string): Suppressions | undefined {
  if (!text.includes(DIRECTIVE)) return undefined;
  const result: Suppressions = { file: undefined, lines: new Map() };
  const scanner = createScanner(text, false);
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token !== LINE_COMMENT && token !== BLOCK_COMMENT) continue;
    const value = scanner.getTokenValue();
    const m = DIRECTIVE_RE.exec(value);
    if (!m) continue;
    const codes = codesOf(m[2] ?? '');
    if (m[1]) {
      // The comment's own text, not getTokenValue(): the scanner folds a line break before a comment that starts a
      // line into its value, which would push the directive one line too far.
      const start = scanner.getTokenOffset();
      const raw = text.slice(start, start + scanner.getTokenLength());
      let endLine = scanner.getTokenStartLine();
      for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) endLine++;
      const line = endLine + 1;
      result.lines.set(line, merge(result.lines.get(line), codes));
    } else {
      result.file = merge(result.file, codes);
    }
  }
  return result;
}

/** `directives` is the text whose comments are read (YAML comments rewritten as JSONC ones), `text` the one linted. */
function applySuppressions(text: string, findings: Finding[], directives = text): Finding[] {
  const s = findSuppressions(directives);
  if (!s) return findings;
  const index = new LineIndex(text);
  const lineOf = (offset: number): number => index.position(offset).line;
  const hit = (set: Set<string> | 'all' | undefined, code: string) => set === 'all' || (set !== undefined && set.has(code));
  return findings.filter((f) => !hit(s.file, f.code) && !hit(s.lines.get(lineOf(f.offset)), f.code));
}

/**
 * The files whose findings may change when `path` changes, for re-linting: the other files of its group, and for a
 * migration folder's migration.json or V2 document, the other component files of that folder (dependency cycles,
 * migrated models).
 */
export function dependentsOf(path: string, host: LintHost): string[] {
  const out: string[] = [];
  const add = (p: string) => {
    if (!samePath(p, path) && !out.some((o) => samePath(o, p))) out.push(p);
  };
  try {
    const isManifest = kindFromName(path) === 'manifest';
    const manifestPath = isManifest ? path : manifestPathFor(path);
    const text = safeRead(host, manifestPath);
    if (text !== undefined) {
      const model = manifestModel(manifestPath, cachedDocument(manifestPath, text).parsed);
      for (const p of [manifestPath, ...model.files.values()]) add(p);
    }
  } catch {
    // No group: nothing depends on the file through a manifest.
  }
  try {
    for (const p of migrationFiles(host, path)) add(p);
  } catch {
    // No migration folder either.
  }
  return out;
}
