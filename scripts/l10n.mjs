// `npm run l10n`: writes l10n/bundle.l10n.json, the English bundle of every string the extension passes to
// vscode.l10n.t() (the file a translation starts from: copy it to bundle.l10n.<locale>.json and translate the
// values). `--check` exits 1, naming the strings, when the bundle on disk is not current.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = join(root, 'l10n', 'bundle.l10n.json');

/** Every `l10n.t('…')` message in the VS Code layer, in file order. */
export function l10nMessages() {
  const files = [];
  const walk = (p) => {
    if (statSync(p).isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n));
    else if (p.endsWith('.ts')) files.push(p);
  };
  walk(join(root, 'src'));
  const messages = new Set();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (!text.includes('l10n.t(')) continue;
    const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 't'
        && /(^|\.)l10n$/.test(node.expression.expression.getText(sf))) {
        const first = node.arguments[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) messages.add(first.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return [...messages].sort();
}

const wanted = `${JSON.stringify(Object.fromEntries(l10nMessages().map((m) => [m, m])), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(bundlePath, 'utf8'); } catch { /* missing: reported below */ }
  if (current !== wanted) {
    const have = new Set(Object.keys(current ? JSON.parse(current) : {}));
    const want = new Set(Object.keys(JSON.parse(wanted)));
    const missing = [...want].filter((m) => !have.has(m));
    const stale = [...have].filter((m) => !want.has(m));
    console.error(`l10n/bundle.l10n.json is not current: run npm run l10n.${missing.length ? `\nmissing: ${missing.join(' | ')}` : ''}${stale.length ? `\nno longer used: ${stale.join(' | ')}` : ''}`);
    process.exit(1);
  }
} else if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(bundlePath, wanted);
  console.log(`l10n: ${Object.keys(JSON.parse(wanted)).length} strings in ${bundlePath}`);
}
