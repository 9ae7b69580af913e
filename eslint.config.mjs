// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A relative import that reaches one of these top-level folders (or files) of src/. */
const layerImport = (/** @type {string[]} */ names) => `^(\\.{1,2}/)+(${names.join('|')})(/|$)`;
const vscodeBanned = (/** @type {string} */ who) => ({ name: 'vscode', message: `${who} must stay VS Code-free: it also runs in the CLI and the language server.` });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test-server/**', '.test-output/**', '.start/**', 'examples/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name="only"][callee.object.name=/^(it|describe|test|suite)$/]', message: 'No focused tests.' }],
    },
  },
  // Layers of src/ and which way imports go (README "Architecture"). Each file set gets one
  // `@typescript-eslint/no-restricted-imports` entry: a later entry would replace, not extend, an earlier one.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [vscodeBanned('src/core')],
        patterns: [
          { regex: layerImport(['aws', 'views', 'commands', 'language', 'connection', 'server', 'extension', 'featureContext', 'cli']), message: 'src/core is the Greengrass model, rules and transforms: it imports nothing from the other layers (they import it).' },
          { group: ['@aws-sdk/*', '!@aws-sdk/util-arn-parser', '@smithy/*'], message: 'src/core makes no AWS calls: put SDK use in src/aws.' },
        ],
      }],
    },
  },
  {
    files: ['src/aws/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [vscodeBanned('src/aws')],
        patterns: [{ regex: layerImport(['views', 'commands', 'language', 'connection', 'server', 'extension', 'featureContext', 'cli']), message: 'src/aws is the cloud layer: it imports src/core only, never the VS Code layer, the language server or the CLI.' }],
      }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [vscodeBanned('The language server')],
        patterns: [{ regex: layerImport(['aws', 'views', 'commands', 'language', 'connection', 'extension', 'featureContext', 'cli']), message: 'The language server lints with src/core only: no AWS layer, no VS Code layer.' }],
      }],
    },
  },
  {
    files: ['src/cli.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [vscodeBanned('The CLI')],
        patterns: [{ regex: layerImport(['views', 'commands', 'language', 'connection', 'extension', 'featureContext']), message: 'The CLI runs without VS Code: it imports src/core, src/aws and src/server only.' }],
      }],
    },
  },
  {
    // The VS Code layer. The AWS layer is its own bundle, loaded on first cloud use: this layer imports its types
    // only (the one value import is the dynamic import in loadAwsLayer(), src/connection/connectionManager.ts).
    files: ['src/extension.ts', 'src/featureContext.ts', 'src/views/**/*.ts', 'src/commands/**/*.ts', 'src/language/**/*.ts', 'src/connection/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: layerImport(['aws']), allowTypeImports: true, message: 'Import the AWS layer with `import type`; load it with loadAwsLayer() so it stays out of activation.' },
          { group: ['@aws-sdk/*', '@smithy/*'], allowTypeImports: true, message: 'The VS Code layer makes no SDK calls of its own: call src/aws through loadAwsLayer().' },
        ],
      }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/aws/**', 'src/cli.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['test/ui/**/*.mjs'],
    languageOptions: { globals: { describe: 'readonly', it: 'readonly', before: 'readonly', after: 'readonly', beforeEach: 'readonly', afterEach: 'readonly' } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly' },
    },
  },
);
