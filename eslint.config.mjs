// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    files: ['src/core/**/*.ts', 'src/aws/**/*.ts', 'src/server/**/*.ts', 'src/cli.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core, src/aws, the language server and the CLI must stay VS Code-free.' }] }],
    },
  },
  {
    // The AWS layer is its own bundle, loaded on first cloud use: the VS Code layer may import its types only
    // (the one value import is the dynamic import in src/connection/connectionManager.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/aws/**', 'src/cli.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)aws(/.*)?$', allowTypeImports: true, message: 'Import the AWS layer with `import type`; load it with loadAwsLayer() so it stays out of activation.' }],
      }],
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
