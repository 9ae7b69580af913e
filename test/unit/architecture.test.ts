// The layer rules of the README's "Architecture" section are ESLint rules: each test lints a small file placed
// in one layer with the project's own eslint.config.mjs and expects the import restriction to fire (or not).
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';

const root = resolve(__dirname, '..', '..', '..');

let eslint: ESLint | undefined;
function linter(): ESLint {
  // Only the import rules run, so the files need no type information and need not exist on disk.
  eslint ??= new ESLint({
    cwd: root,
    ruleFilter: ({ ruleId }) => ruleId.endsWith('no-restricted-imports') || ruleId === '@typescript-eslint/consistent-type-imports',
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  });
  return eslint;
}

/** The import-restriction messages ESLint reports for `code` as if it were the file at `path` (relative to the repo). */
async function restrictions(path: string, code: string): Promise<string[]> {
  const [result] = await linter().lintText(code, { filePath: resolve(root, path) });
  assert.ok(result, 'ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `ESLint could not parse the sample for ${path}`);
  return result.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

async function expectRestricted(path: string, code: string, mentions: RegExp): Promise<void> {
  const messages = await restrictions(path, code);
  assert.equal(messages.length, 1, `expected one import restriction for ${path}:\n${code}\ngot: ${JSON.stringify(messages)}`);
  assert.match(messages[0]!, mentions);
}

async function expectAllowed(path: string, code: string): Promise<void> {
  assert.deepEqual(await restrictions(path, code), [], `expected ${path} to be allowed:\n${code}`);
}

describe('architecture: the layers of src/ and which way imports go', function () {
  this.timeout(60_000);

  describe('src/core (the Greengrass model, rules and transforms)', () => {
    const file = 'src/core/lint/sample.ts';
    it('may not import vscode', () => expectRestricted(file, "import * as vscode from 'vscode';\nexport const v = vscode;\n", /VS Code-free/));
    for (const layer of ['aws', 'views', 'commands', 'language', 'connection', 'server']) {
      it(`may not import src/${layer}, not even its types`, () =>
        expectRestricted(file, `import type { X } from '../../${layer}/something';\nexport type Y = X;\n`, /src\/core .* imports nothing from the other layers/));
    }
    it('may not import the AWS SDK', () =>
      expectRestricted(file, "import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;\n", /makes no AWS calls/));
    it('may import other parts of src/core and the ARN parser', () =>
      expectAllowed(file, "import { parse } from '@aws-sdk/util-arn-parser';\nimport { LineIndex } from '../model';\nexport const x = [parse, LineIndex];\n"));
  });

  describe('src/aws (the cloud layer)', () => {
    const file = 'src/aws/sample.ts';
    it('may not import vscode', () => expectRestricted(file, "import * as vscode from 'vscode';\nexport const v = vscode;\n", /VS Code-free/));
    for (const layer of ['views', 'commands', 'language', 'connection', 'server', 'extension']) {
      it(`may not import ${layer === 'extension' ? 'src/extension.ts' : `src/${layer}`}`, () =>
        expectRestricted(file, `import { x } from '../${layer}/something';\nexport const y = x;\n`, /cloud layer: it imports src\/core only/));
    }
    it('may import src/core and the SDK', () =>
      expectAllowed(file, "import { S3Client } from '@aws-sdk/client-s3';\nimport { parseS3Uri } from '../core/model';\nexport const x = [S3Client, parseS3Uri];\n"));
  });

  describe('src/server (the language server)', () => {
    const file = 'src/server/sample.ts';
    it('may not import vscode', () => expectRestricted(file, "import * as vscode from 'vscode';\nexport const v = vscode;\n", /VS Code-free/));
    it('may not import src/aws', () =>
      expectRestricted(file, "import { makeClients } from '../aws/clients';\nexport const c = makeClients;\n", /language server lints with src\/core only/));
    it('may not import the VS Code layer', () =>
      expectRestricted(file, "import { x } from '../language/lintClient';\nexport const y = x;\n", /language server lints with src\/core only/));
    it('may import src/core', () => expectAllowed(file, "import * as lint from '../core/lint';\nexport const l = lint;\n"));
  });

  describe('the CLI', () => {
    it('may not import vscode', () => expectRestricted('src/cli.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n", /CLI must stay VS Code-free/));
    it('may not import the VS Code layer', () =>
      expectRestricted('src/cli.ts', "import { x } from './commands/deploy';\nexport const y = x;\n", /CLI runs without VS Code/));
  });

  describe('the VS Code layer (extension, views, commands, language, connection)', () => {
    for (const file of ['src/extension.ts', 'src/views/nodes/sample.ts', 'src/commands/sample.ts', 'src/language/sample.ts', 'src/connection/sample.ts']) {
      const up = file.split('/').length === 2 ? './' : '../'.repeat(file.split('/').length - 2);
      it(`${file}: a value import of src/aws is refused (it would load the AWS bundle at activation)`, () =>
        expectRestricted(file, `import { makeClients } from '${up}aws/clients';\nexport const c = makeClients;\n`, /import type/));
      it(`${file}: a type import of src/aws is allowed`, () =>
        expectAllowed(file, `import type { AwsProfile } from '${up}aws/types';\nexport type P = AwsProfile;\n`));
    }
    it('may not call the SDK itself', () =>
      expectRestricted('src/commands/sample.ts', "import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;\n", /no SDK calls of its own/));
  });
});
