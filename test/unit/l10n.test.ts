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

  it('ships an English bundle that lists exactly the messages the code localizes (npm run l10n writes it)', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'l10n.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const bundle = JSON.parse(readFileSync(join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    assert.ok(Object.keys(bundle).length > 100);
    assert.ok(Object.entries(bundle).every(([k, v]) => k === v));
  });
});
