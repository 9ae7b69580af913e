// Localization: every user-facing text of the manifest comes from package.nls.json, every message, prompt and
// title the extension shows goes through vscode.l10n.t, and l10n/bundle.l10n.json (what a translation copies)
// lists exactly those messages. A translator adds package.nls.<locale>.json and l10n/bundle.l10n.<locale>.json.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { localizedPackageJson, packageNls, repoRoot } from '../support/packageJson';

/** Manifest fields VS Code shows to users. */
const SHOWN = new Set(['displayName', 'description', 'title', 'shortTitle', 'category', 'name', 'contextualTitle', 'contents',
  'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage', 'patternErrorMessage', 'label', 'altText']);
/** Where those field names hold something else than text for users. */
const NOT_TEXT = [/^name$/, /^contributes\.snippets/, /^contributes\.jsonValidation/, /^contributes\.yamlValidation/, /^contributes\.problemMatchers\.\d+\.name$/, /^contributes\.languages/];

function walk(value: unknown, path: string[], out: { path: string; text: string }[]): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], out);
  else if (typeof value === 'string' && SHOWN.has(path[path.length - 1]!) && !NOT_TEXT.some((re) => re.test(path.join('.')))) out.push({ path: path.join('.'), text: value });
  else if (typeof value === 'string' && path.includes('enumDescriptions')) out.push({ path: path.join('.'), text: value });
}

function vscodeLayerFiles(): string[] {
  const files: string[] = [];
  const visit = (p: string): void => {
    if (statSync(p).isDirectory()) for (const n of readdirSync(p)) visit(join(p, n));
    else if (p.endsWith('.ts')) files.push(p);
  };
  for (const d of ['commands', 'views', 'connection', 'language']) visit(join(repoRoot, 'src', d));
  files.push(join(repoRoot, 'src', 'extension.ts'));
  return files;
}

const SHOW = /^show(Information|Warning|Error)Message$/;
const PROMPT_CALLS = new Set(['showInputBox', 'showQuickPick', 'createQuickPick', 'createInputBox', 'withProgress', 'showWorkspaceFolderPick', 'showOpenDialog', 'showSaveDialog']);
const PROMPT_KEYS = new Set(['title', 'prompt', 'placeHolder', 'openLabel', 'saveLabel', 'detail']);
const isLiteral = (n: ts.Node): boolean => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n);

/** Messages and prompt texts written as literals instead of through l10n.t, as file:line: text. */
function unlocalized(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (n: ts.Node): void => {
    found.push(`${file.slice(repoRoot.length + 1)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${n.getText(sf).slice(0, 80)}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      const first = node.arguments[0];
      if (SHOW.test(name) && first && isLiteral(first)) report(first);
      if (SHOW.test(name) || PROMPT_CALLS.has(name)) {
        for (const a of node.arguments) {
          if (!ts.isObjectLiteralExpression(a)) continue;
          for (const p of a.properties) if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && PROMPT_KEYS.has(p.name.text) && isLiteral(p.initializer)) report(p.initializer);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Where an object's or an item's property holds text that the tree, a quick pick, the status bar or a view shows. */
const SHOWN_PROPS = new Set(['label', 'description', 'detail', 'tooltip', 'title', 'placeholder', 'message', 'text', 'emptyText', 'markdownDescription']);
/** Constructors of tree rows whose arguments after the parent and key are shown text. */
const ROW_CLASSES = new Set(['MessageNode', 'V2InfoNode', 'ErrorNode']);
/** Files whose every word-bearing literal is shown text: the tree's wording, in the views layer and the core. */
const WORDING_FILES = ['src/views', 'src/core/v2/labels.ts', 'src/core/deploy/details.ts', 'src/connection/statusBar.ts', 'src/connection/health.ts', 'src/connection/pickers.ts'];

/** Words to translate: not icons (`$(cloud)`), not acronyms alone ("AWS"). */
const hasWords = (text: string): boolean => /[A-Za-z][a-z]+/.test(text.replace(/\$\([a-z~-]+\)/g, ''));
const isL10nCall = (n: ts.Node): boolean => ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 't'
  && /(^|\.)l10n$/.test(n.expression.expression.getText());
/** The literal text an expression puts on screen as it is written (not through l10n.t), if any. */
function literalText(n: ts.Node): ts.Node | undefined {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return hasWords(n.text) ? n : undefined;
  if (ts.isTemplateExpression(n)) {
    if (hasWords(n.head.text) || n.templateSpans.some((s) => hasWords(s.literal.text))) return n;
    for (const s of n.templateSpans) { const f = literalText(s.expression); if (f) return f; }
    return undefined;
  }
  if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n)) return literalText(n.expression);
  if (ts.isConditionalExpression(n)) return literalText(n.whenTrue) ?? literalText(n.whenFalse);
  if (ts.isBinaryExpression(n) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.PlusToken].includes(n.operatorToken.kind)) {
    return (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? undefined : literalText(n.left)) ?? literalText(n.right);
  }
  if (ts.isArrayLiteralExpression(n)) { for (const e of n.elements) { const f = literalText(e); if (f) return f; } return undefined; }
  if (ts.isArrowFunction(n)) return ts.isBlock(n.body) ? undefined : literalText(n.body);
  if (ts.isNewExpression(n) && /MarkdownString$/.test(n.expression.getText()) && n.arguments?.[0]) return literalText(n.arguments[0]);
  if (ts.isCallExpression(n) && !isL10nCall(n)) {
    if (ts.isPropertyAccessExpression(n.expression) && ['join', 'filter', 'concat', 'trim', 'slice'].includes(n.expression.name.text)) return literalText(n.expression.expression);
    if (ts.isIdentifier(n.expression) && n.expression.text === 'md' && n.arguments[0]) return literalText(n.arguments[0]);
  }
  return undefined;
}

/** A literal the code compares, switches on, indexes with or logs: API values and log lines, not shown text. */
function notShown(n: ts.Node): boolean {
  for (let p: ts.Node | undefined = n.parent, child: ts.Node = n; p; child = p, p = p.parent) {
    if (isL10nCall(p) || ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isCaseClause(p) && child === p.expression || ts.isElementAccessExpression(p)) return true;
    if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(p.operatorToken.kind)) return true;
    if (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression)) {
      const name = p.expression.name.text;
      if (/(^|\.)log$/.test(p.expression.expression.getText()) || ['includes', 'startsWith', 'endsWith', 'has', 'get', 'executeCommand', 'registerCommand', 'getConfiguration', 'test', 'exec', 'replace', 'split'].includes(name)) return true;
    }
    if (ts.isNewExpression(p) && /(Error|ThemeIcon|ThemeColor|RegExp|Uri|EventEmitter)$/.test(p.expression.getText())) return true;
    if (ts.isTypeNode(p) || ts.isLiteralTypeNode(p)) return true;
    if (ts.isPropertyAssignment(p) && child === p.initializer && ts.isIdentifier(p.name) && ['command', 'contextValue', 'id', 'key', 'kind', 'scheme', 'language', 'viewId', 'icon', 'iconPath', 'ext', 'mode'].includes(p.name.text)) return true;
  }
  return false;
}

/** Tree-row labels, descriptions and tooltips, quick-pick items and status-bar texts written as literals. */
function unlocalizedShown(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const rel = file.slice(repoRoot.length + 1);
  const wording = WORDING_FILES.some((w) => rel === w || rel.startsWith(`${w}/`));
  const found = new Set<string>();
  const report = (n: ts.Node | undefined): void => {
    if (n && !notShown(n)) found.add(`${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${n.getText(sf).slice(0, 80)}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const callee = node.expression.getText(sf);
      if (/(^|\.)TreeItem$/.test(callee) && node.arguments?.[0]) report(literalText(node.arguments[0]));
      if (ROW_CLASSES.has(callee)) for (const a of (node.arguments ?? []).slice(2)) report(literalText(a));
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && SHOWN_PROPS.has(node.name.text)) report(literalText(node.initializer));
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && SHOWN_PROPS.has(node.left.name.text)) report(literalText(node.right));
    if (wording && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))) {
      const words = (ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ') : node.text)
        .replace(/\$\([a-z~-]+\)/g, '').trim();
      if (/[A-Za-z]{2,} [A-Za-z]|^[A-Z][a-z]+$/.test(words) && (!ts.isPropertyAssignment(node.parent) || node.parent.initializer === node)) report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...found];
}

function wordingFiles(): string[] {
  const files = new Set(vscodeLayerFiles());
  for (const w of WORDING_FILES) if (w.endsWith('.ts')) files.add(join(repoRoot, w));
  return [...files];
}

/** Where the linter's texts are written: diagnostics and their notes, configuration errors, quick-fix titles. */
const LINT_TEXT_DIRS = ['src/core/lint', 'src/core/python', 'src/core/template', 'src/server'];
/** Parameters and properties that carry a diagnostic message, a related note or a quick-fix title. */
const LINT_TEXT_NAMES = new Set(['message', 'title']);

function tsFilesUnder(dir: string): string[] {
  const files: string[] = [];
  const visit = (p: string): void => {
    if (statSync(p).isDirectory()) for (const n of readdirSync(p)) visit(join(p, n));
    else if (p.endsWith('.ts')) files.push(p);
  };
  visit(join(repoRoot, dir));
  return files;
}

/** Function or method name → positions of its parameters named message or title, over the declarations in `files`. */
function textParameters(files: string[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const note = (name: ts.Node | undefined, params: ts.NodeArray<ts.ParameterDeclaration>): void => {
    if (!name || !ts.isIdentifier(name)) return;
    params.forEach((p, i) => {
      if (ts.isIdentifier(p.name) && LINT_TEXT_NAMES.has(p.name.text)) {
        const set = out.get(name.text) ?? new Set<number>();
        out.set(name.text, set.add(i));
      }
    });
  };
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) note(node.name, node.parameters);
      if (ts.isVariableDeclaration(node) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) note(node.name, node.initializer.parameters);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * Diagnostic messages, related notes, configuration errors and quick-fix titles written as literals instead of through
 * l10n.t: what `report(…)` gets in the whole core, and in the linter's own files every argument of a `message` or
 * `title` parameter, every `message`/`title` property and variable.
 */
function unlocalizedLintText(file: string, params: Map<string, Set<number>>, linter: boolean): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const rel = file.slice(repoRoot.length + 1);
  const found = new Set<string>();
  const report = (n: ts.Node | undefined): void => {
    if (n && !notShown(n)) found.add(`${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${n.getText(sf).slice(0, 80)}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = ts.isIdentifier(node.expression) ? node.expression.text : ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : undefined;
      if (callee !== undefined && (linter || callee === 'report')) for (const i of params.get(callee) ?? []) if (node.arguments[i]) report(literalText(node.arguments[i]));
    }
    if (linter) {
      if ((ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node)) && ts.isIdentifier(node.name) && LINT_TEXT_NAMES.has(node.name.text) && node.initializer) report(literalText(node.initializer));
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && LINT_TEXT_NAMES.has(node.left.name.text)) report(literalText(node.right));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...found];
}

/** Where the AWS layer's progress lines and the watch outcomes are built: the AWS layer, and the V1 outcome's sentences. */
function shippingFiles(): string[] {
  const files: string[] = [];
  const visit = (p: string): void => {
    if (statSync(p).isDirectory()) for (const n of readdirSync(p)) visit(join(p, n));
    else if (p.endsWith('.ts')) files.push(p);
  };
  visit(join(repoRoot, 'src', 'aws'));
  files.push(join(repoRoot, 'src', 'core', 'deploy', 'status.ts'));
  return files;
}

const PROGRESS_CALLBACKS = new Set(['onStep', 'onProgress']);
const OUTCOME_SENTENCES = new Set(['describeOutcome', 'describeV2Outcome']);

/**
 * Progress lines sent through `onStep(…)`/`onProgress(…)` (or a local name for them) and the sentences the
 * outcome describers return, written as literals instead of through l10n.t; and, in the VS Code layer, shown text
 * edited by matching its English words (`text.replace('; see Problems…', '')`), which a translation breaks.
 */
function unlocalizedShipping(files: readonly string[], commandFiles: readonly string[]): string[] {
  const found: string[] = [];
  const at = (file: string, sf: ts.SourceFile, n: ts.Node): string =>
    `${file.slice(repoRoot.length + 1)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${n.getText(sf).slice(0, 80)}`;
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const report = (n: ts.Node | undefined): void => {
      if (n && !notShown(n)) found.push(at(file, sf, n));
    };
    // `const step = options.onStep ?? (() => undefined)`: calls of `step` send progress lines too.
    const aliases = new Set<string>();
    const collect = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer
        && /\.(onStep|onProgress)\b/.test(node.initializer.getText(sf))) aliases.add(node.name.text);
      ts.forEachChild(node, collect);
    };
    collect(sf);
    const returned = (e: ts.Expression): void => {
      report(literalText(e));
      // A sentence chosen by a helper (`says(() => l10n.t(…), …)`): its arguments are the sentences.
      if (ts.isCallExpression(e) && !isL10nCall(e)) for (const a of e.arguments) report(literalText(a));
    };
    const visit = (node: ts.Node, inOutcome: boolean): void => {
      if (ts.isCallExpression(node)) {
        const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ts.isIdentifier(node.expression) ? node.expression.text : '';
        if (PROGRESS_CALLBACKS.has(callee) || aliases.has(callee)) for (const a of node.arguments) report(literalText(a));
      }
      if (inOutcome && ts.isReturnStatement(node) && node.expression) returned(node.expression);
      const entering = ts.isFunctionDeclaration(node) && !!node.name && OUTCOME_SENTENCES.has(node.name.text);
      ts.forEachChild(node, (c) => visit(c, inOutcome || entering));
    };
    visit(sf, false);
  }
  for (const file of commandFiles) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^replace(All)?$/.test(node.expression.name.text)) {
        const first = node.arguments[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) && /[A-Za-z]{2,} [A-Za-z]/.test(first.text)) found.push(at(file, sf, first));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe('localization', () => {
  it('takes every text the manifest shows from package.nls.json, and package.nls.json holds no unused key', () => {
    const raw = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as unknown;
    const shown: { path: string; text: string }[] = [];
    walk(raw, [], shown);
    const literal = shown.filter((s) => !/^%.+%$/.test(s.text));
    assert.deepEqual(literal.map((s) => `${s.path}: ${s.text}`), [], 'manifest texts written in package.json instead of package.nls.json');
    const used = new Set(shown.map((s) => s.text.slice(1, -1)));
    assert.deepEqual(Object.keys(packageNls()).filter((k) => !used.has(k)), [], 'package.nls.json keys nothing uses');
    const pkg = localizedPackageJson<{ displayName: string; contributes: { commands: { command: string; title: string }[] } }>();
    assert.equal(pkg.displayName, 'Greengrass ML');
    assert.ok(pkg.contributes.commands.every((c) => c.title.length > 2 && !c.title.includes('%')), 'every command title resolves');
    assert.equal((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { l10n?: string }).l10n, './l10n');
  });

  it('shows every message, prompt and progress title through vscode.l10n.t', () => {
    assert.deepEqual(vscodeLayerFiles().flatMap(unlocalized), []);
  });

  it('shows every tree row, quick-pick item, status-bar text and the tree\'s status words through l10n', () => {
    const found = wordingFiles().flatMap(unlocalizedShown);
    assert.equal(found.length, 0, `texts shown as written instead of through l10n.t:\n${found.join('\n')}`);
  });

  it('shows every diagnostic message, related note, configuration error and quick-fix title of the linter through l10n.t', () => {
    const linterFiles = LINT_TEXT_DIRS.flatMap(tsFilesUnder);
    const params = textParameters([...new Set([...tsFilesUnder('src/core'), ...linterFiles])]);
    const core = tsFilesUnder('src/core').filter((f) => !linterFiles.includes(f));
    const found = [...linterFiles.flatMap((f) => unlocalizedLintText(f, params, true)), ...core.flatMap((f) => unlocalizedLintText(f, params, false))];
    assert.equal(found.length, 0, `linter texts written as literals instead of through l10n.t:\n${found.join('\n')}`);
  });

  it('sends the AWS layer\'s progress lines and the deploy outcomes through l10n, and no command edits shown English text', () => {
    const found = unlocalizedShipping(shippingFiles(), vscodeLayerFiles());
    assert.equal(found.length, 0, `progress lines or outcome sentences written as literals, or English text edited by its words:\n${found.join('\n')}`);
  });

  it('ships an English bundle that lists exactly the messages the code localizes (npm run l10n writes it)', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'l10n.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const bundle = JSON.parse(readFileSync(join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    assert.ok(Object.keys(bundle).length > 100);
    assert.ok(Object.entries(bundle).every(([k, v]) => k === v));
  });
});
