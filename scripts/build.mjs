// Builds the extension. Default: the bundles in dist/ with source maps (development).
//   --production  minified bundles without source maps (what `npm run package` ships)
//   --tests       also transpiles src/ and test/ file by file into out/ for mocha
//   --watch       rebuilds the bundles on change
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/**
 * The AWS layer is its own bundle (dist/aws.js), loaded on first cloud use: a dynamic `import('../aws')` in the
 * VS Code layer becomes a lazy `require("./aws.js")` of the sibling bundle at run time.
 */
const awsExternal = {
  name: 'aws-layer-external',
  setup(build) {
    build.onResolve({ filter: /(^|\/)aws(\/index)?$/ }, (a) => {
      if (a.kind !== 'dynamic-import') return undefined;
      return { path: 'aws-layer', namespace: 'aws-layer' };
    });
    build.onLoad({ filter: /.*/, namespace: 'aws-layer' }, () => ({ contents: 'module.exports = require("./aws.js");', loader: 'js' }));
  },
};

/**
 * The language client (vscode-languageclient and its protocol libraries, a third of the extension's code) is its
 * own bundle too (dist/languageclient.js): the client starts after activation, only in a workspace with Greengrass
 * files, so activation neither parses nor evaluates it.
 */
const languageClientExternal = {
  name: 'language-client-external',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageclient\/node$/ }, (a) => {
      if (a.kind !== 'dynamic-import') return undefined;
      return { path: 'language-client', namespace: 'language-client' };
    });
    build.onLoad({ filter: /.*/, namespace: 'language-client' }, () => ({ contents: 'module.exports = require("./languageclient.js");', loader: 'js' }));
  },
};

/**
 * @aws-sdk/util-arn-parser (the generic ARN split of src/core/model/arn.ts) is a few lines of string handling with
 * no SDK client code. It is bundled under the name "arn-parser:util-arn-parser", so that "@aws-sdk/" in
 * dist/extension.js keeps meaning that SDK code leaked into the activation bundle.
 */
const arnParser = {
  name: 'arn-parser',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/util-arn-parser$/ }, () => ({ path: 'util-arn-parser', namespace: 'arn-parser' }));
    build.onLoad({ filter: /.*/, namespace: 'arn-parser' }, () => ({
      contents: readFileSync(join(root, 'node_modules', '@aws-sdk', 'util-arn-parser', 'dist-es', 'index.js'), 'utf8'),
      loader: 'js',
    }));
  },
};

/**
 * `vscode` is provided by the extension host as a CommonJS module. Marked external, every `import * as vscode`
 * would get its own `__toESM(require("vscode"))` — a full copy of the API object per importing module, evaluated
 * at load. Instead every import resolves to one ES module that re-exports the API once.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (a) =>
      a.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' });
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's "main" is a UMD build whose dynamic requires a bundle cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
  absWorkingDir: root,
};

/**
 * The rule pages (docs/rules/*.md) by rule code, built into dist/cli.js: SARIF rules carry their page as
 * `help.markdown`, since no public URL serves them and a file:// link into an install is useless to a code-scanning UI.
 */
function ruleDocs() {
  const dir = join(root, 'docs', 'rules');
  const docs = {};
  for (const name of readdirSync(dir).sort()) {
    if (/^GGML-[A-Z]+\d+\.md$/.test(name)) docs[name.slice(0, -3)] = readFileSync(join(dir, name), 'utf8');
  }
  return docs;
}

const bundles = [
  {
    ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './aws.js', './languageclient.js'], plugins: [awsExternal, languageClientExternal, arnParser, vscodeOnce],
    banner: { js: 'var __ggmlLoadStart = performance.now();' },
    footer: { js: 'var __ggmlLoadEnd = performance.now();' },
  },
  { ...common, entryPoints: ['src/aws/index.ts'], outfile: 'dist/aws.js', external: ['vscode'], plugins: [arnParser] },
  { ...common, entryPoints: ['vscode-languageclient/node'], outfile: 'dist/languageclient.js', external: ['vscode'], plugins: [vscodeOnce] },
  {
    ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', external: ['vscode', './aws.js'], banner: { js: '#!/usr/bin/env node' }, plugins: [awsExternal, arnParser],
    define: { __GGML_RULE_DOCS__: JSON.stringify(ruleDocs()) },
  },
  // The language server (src/server): its own process, started by the extension over node IPC.
  { ...common, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', external: ['vscode'], plugins: [arnParser] },
];

function tsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(relative(root, p));
  }
  return out;
}

// A clean build in CI; locally, outputs are overwritten in place so that parallel test runs don't pull files away.
if (process.env.CI) rmSync(join(root, 'dist'), { recursive: true, force: true });
if (args.has('--watch')) {
  for (const b of bundles) await (await esbuild.context(b)).watch();
  console.log('build: watching src/ for changes');
} else {
  await Promise.all(bundles.map((b) => esbuild.build(b)));
  if (args.has('--tests')) {
    if (process.env.CI) rmSync(join(root, 'out'), { recursive: true, force: true });
    await esbuild.build({
      entryPoints: [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'test'))],
      outdir: 'out',
      outbase: '.',
      bundle: false,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: 'inline',
      logLevel: 'warning',
      absWorkingDir: root,
    });
  }
}
