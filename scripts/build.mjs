// Builds the extension. Default: the bundles in dist/ with source maps (development).
//   --production  minified bundles without source maps (what `npm run package` ships)
//   --tests       also transpiles src/ and test/ file by file into out/ for mocha
//   --watch       rebuilds the bundles on change
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
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

const bundles = [
  {
    ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './aws.js'], plugins: [awsExternal, vscodeOnce],
    banner: { js: 'var __ggmlLoadStart = performance.now();' },
    footer: { js: 'var __ggmlLoadEnd = performance.now();' },
  },
  { ...common, entryPoints: ['src/aws/index.ts'], outfile: 'dist/aws.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', external: ['vscode', './aws.js'], banner: { js: '#!/usr/bin/env node' }, plugins: [awsExternal] },
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
