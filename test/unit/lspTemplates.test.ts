// CloudFormation/SAM templates in the language server, driven over stdio as an editor drives it: YAML templates
// get diagnostics at the right node with their links and related locations, their quick fixes keep comments, YAML
// that is no template gets nothing, hover explains the Greengrass parts, and the handler a SAM function names is
// checked with that function's configuration from the template.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyEdits, codes, offsetAt, openDocument as open, positionOf, startStdioSession, textOf } from '../support/lspSession';
import type { LspSession, Position, TextEdit } from '../support/lspSession';

const root = resolve(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixture = join(root, 'test', 'fixtures', 'lsp', 'sam-app');

interface Range { start: Position; end: Position }
interface CodeAction { title: string; isPreferred?: boolean; edit?: { changes?: Record<string, TextEdit[]> } }
interface Hover { contents: { kind: string; value: string }; range?: Range }
interface CompletionItem { label: string; documentation?: { value: string } | string }

describe('templates in the language server (a scripted LSP session)', function () {
  this.timeout(30_000);
  let dir: string;
  let app: string;
  let session: LspSession | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-lsp-tpl-'));
    app = join(dir, 'sam-app');
    cpSync(fixture, app, { recursive: true });
  });
  afterEach(async () => {
    // A clean shutdown: the server may still be asking for settings, which a killed session could not answer.
    const s = session;
    session = undefined;
    if (s) {
      await s.request('shutdown', null).catch(() => undefined);
      s.notify('exit');
      await Promise.race([s.exited, new Promise((r) => setTimeout(r, 5_000))]);
      s.kill();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<LspSession> {
    session = (await startStdioSession(cli, dir)).session;
    return session;
  }

  it('lints a YAML template: each diagnostic at its node, with its rule link and the parameter use as related location', async () => {
    const s = await start();
    const text = readFileSync(join(app, 'template.yaml'), 'utf8');
    const uri = open(s, join(app, 'template.yaml'), text, 'yaml');
    const published = await s.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(codes(published), ['GGML-EOS001', 'GGML-FN004', 'GGML-ML001']);
    assert.equal(published.version, 1);

    const fn004 = published.diagnostics.find((d) => d.code === 'GGML-FN004')!;
    assert.equal(textOf(text, fn004.range), '512');
    assert.equal(offsetAt(text, fn004.range.start), text.indexOf('512  # the model'), 'the Greengrass MemorySize, not the Lambda function\'s');
    assert.ok(fn004.codeDescription?.href.endsWith('/docs/rules/GGML-FN004.md'), fn004.codeDescription?.href);

    const ml001 = published.diagnostics.find((d) => d.code === 'GGML-ML001')!;
    assert.equal(textOf(text, ml001.range), 'https://my-greengrass-models.s3.amazonaws.com/ssd/ssd_mobilenet.tar.gz', 'at the parameter\'s Default');
    assert.match(ml001.message, /Default of parameter ModelUri/);
    const related = ml001.relatedInformation ?? [];
    assert.deepEqual(related.map((r) => [r.location.uri, textOf(text, r.location.range as Range)]), [[uri, '!Ref ModelUri']]);

    const eos = published.diagnostics.find((d) => d.code === 'GGML-EOS001')!;
    assert.equal(textOf(text, eos.range), 'AWS::Greengrass::CoreDefinition');
  });

  it('serves a YAML quick fix that keeps the comment on the line, and the finding goes away after it', async () => {
    const s = await start();
    const text = readFileSync(join(app, 'template.yaml'), 'utf8');
    const uri = open(s, join(app, 'template.yaml'), text, 'yaml');
    const published = await s.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const fn004 = published.diagnostics.find((d) => d.code === 'GGML-FN004')!;
    const actions = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: fn004.range, context: { diagnostics: [fn004] } });
    assert.deepEqual(actions.map((a) => a.title), ['Change to 524288 (512 MB)', 'Disable GGML-FN004 for this line', 'Disable GGML-FN004 for this file'], 'the fix first, then the YAML suppression comments');
    const fixed = applyEdits(text, actions[0]!.edit!.changes![uri]!);
    assert.ok(fixed.includes('MemorySize: 524288  # the model needs half a gigabyte'), 'the value is replaced, the comment kept');
    assert.ok(fixed.includes('      MemorySize: 512\n'), 'the Lambda function\'s own MemorySize (MB) is left alone');
    assert.ok(fixed.includes('FunctionArn: !Ref ObjectDetector.Alias'), 'intrinsics are left alone');
    s.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await s.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(codes(after), ['GGML-EOS001', 'GGML-ML001']);
  });

  it('leaves YAML that is no template alone: no diagnostics published for it', async () => {
    const s = await start();
    const compose = join(app, 'docker-compose.yml');
    const uri = open(s, compose, 'services:\n  detector:\n    image: detector:latest\n    environment:\n      Resources: none\n', 'yaml');
    const template = open(s, join(app, 'template.yaml'), readFileSync(join(app, 'template.yaml'), 'utf8'), 'yaml');
    await s.diagnostics(template, (p) => p.diagnostics.length > 0);
    await s.request('greengrassMl/whenIdle', null);
    assert.deepEqual(s.published(uri), [], 'nothing was published for the compose file');
  });

  it('hover explains a Greengrass resource type and a Greengrass property key, with a documentation link', async () => {
    const s = await start();
    const text = readFileSync(join(app, 'template.yaml'), 'utf8');
    const uri = open(s, join(app, 'template.yaml'), text, 'yaml');
    await s.diagnostics(uri, (p) => p.diagnostics.length > 0);

    const typeAt = positionOf(text, text.indexOf('AWS::Greengrass::FunctionDefinition') + 20);
    const type = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: typeAt });
    assert.ok(type, 'a hover for the resource type');
    assert.equal(type.contents.kind, 'markdown');
    assert.match(type.contents.value, /AWS::Greengrass::FunctionDefinition/);
    assert.match(type.contents.value, /Lambda functions/);
    assert.match(type.contents.value, /https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/latest\/UserGuide\/aws-resource-greengrass-functiondefinition\.html/);
    assert.equal(textOf(text, type.range!), 'AWS::Greengrass::FunctionDefinition');

    const keyAt = positionOf(text, text.indexOf('IsolationMode') + 3);
    const key = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: keyAt });
    assert.ok(key, 'a hover for IsolationMode');
    assert.match(key.contents.value, /NoContainer/);
    assert.equal(textOf(text, key.range!), 'IsolationMode');

    const plainAt = positionOf(text, text.indexOf('Description:') + 2);
    assert.equal(await s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: plainAt }), null, 'nothing to say about other keys');
  });

  it('completes the Greengrass resource types after Type:', async () => {
    const s = await start();
    const text = readFileSync(join(app, 'template.yaml'), 'utf8').replace('  GreengrassRole:\n', '  Loggers:\n    Type: AWS::Greengrass::\n\n  GreengrassRole:\n');
    const uri = open(s, join(app, 'template.yaml'), text, 'yaml');
    const at = positionOf(text, text.indexOf('AWS::Greengrass::\n') + 'AWS::Greengrass::'.length);
    const items = await s.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: at });
    const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
    assert.ok(labels.includes('AWS::Greengrass::LoggerDefinition'), labels.join(', '));
    assert.ok(labels.includes('AWS::Greengrass::GroupVersion'), labels.join(', '));
    assert.equal(labels.length, 16, 'the 16 Greengrass V1 types');
  });

  it('checks the handler a SAM function names (CodeUri + Handler) with that function\'s configuration from the template', async () => {
    const s = await start();
    const path = join(app, 'src', 'detector.py');
    const code = readFileSync(path, 'utf8');
    const uri = open(s, path, code, 'python');
    const py = await s.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(codes(py), ['GGML-PY003', 'GGML-PY004']);
    const py003 = py.diagnostics.find((d) => d.code === 'GGML-PY003')!;
    assert.equal(textOf(code, py003.range), "'/ml/ssd'", 'the DestinationPath of the resource the function may access');
    const py004 = py.diagnostics.find((d) => d.code === 'GGML-PY004')!;
    assert.match(py004.message, /object-detector/);
  });
});
