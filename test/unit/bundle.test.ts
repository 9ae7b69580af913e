import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('the extension bundle', () => {
  const bundle = readFileSync(join(root, 'dist', 'extension.js'), 'utf8');

  it('carries no AWS SDK code, so activation loads none (the AWS layer is dist/aws.js, loaded on first use)', () => {
    for (const marker of ['@aws-sdk/', '@smithy/', 'GreengrassClient', 'S3Client', 'SageMakerClient']) {
      assert.ok(!bundle.includes(marker), `dist/extension.js contains ${marker}`);
    }
    assert.match(bundle, /require\("\.\/aws\.js"\)/, 'the extension loads ./aws.js at run time');
  });

  it('carries neither the lint engine nor the YAML parser (they run in the language server, dist/server.js)', () => {
    for (const marker of ['YAMLParseError', 'GGML-ACC001', 'GGML-TPL001']) {
      assert.ok(!bundle.includes(marker), `dist/extension.js contains ${marker}`);
    }
  });

  it('loads the language client from its own bundle when it starts, not at activation', () => {
    for (const marker of ['vscode-jsonrpc', 'textDocument/publishDiagnostics']) {
      assert.ok(!bundle.includes(marker), `dist/extension.js contains ${marker}`);
    }
    assert.match(bundle, /require\("\.\/languageclient\.js"\)/, 'the extension loads ./languageclient.js at run time');
    const client = readFileSync(join(root, 'dist', 'languageclient.js'), 'utf8');
    assert.ok(client.includes('textDocument/publishDiagnostics'), 'dist/languageclient.js holds the language client');
  });

  it('loads the AWS layer bundle, which holds the SDK clients', () => {
    const aws = readFileSync(join(root, 'dist', 'aws.js'), 'utf8');
    assert.ok(aws.includes('GreengrassClient'), 'dist/aws.js holds the Greengrass client');
  });
});
