// Greengrass V2 documents through `greengrass-ml lsp --stdio` (the built CLI), as an LSP editor sees them: the
// workspace scan finds a migration folder by its migration.json, a YAML recipe opened as `yaml` is linted, and the
// explicit-pinned quick fix comes back as a code action whose edit keeps the file's formatting.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits, codes, startStdioSession } from '../support/lspSession';
import type { LspSession, TextEdit } from '../support/lspSession';

const root = resolve(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixture = join(root, 'test', 'fixtures', 'migration', 'camera-ml-v2');

interface CodeAction { title: string; kind?: string; isPreferred?: boolean; edit?: { changes?: Record<string, TextEdit[]> } }

describe('Greengrass V2 documents in the language server', function () {
  this.timeout(30_000);
  let dir: string;
  let folder: string;
  let session: LspSession | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-lsp-v2-'));
    folder = join(dir, 'camera-ml-v2');
    cpSync(fixture, folder, { recursive: true });
  });

  afterEach(() => {
    session?.kill();
    session = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(scanWorkspace: boolean): Promise<LspSession> {
    session = (await startStdioSession(cli, dir, { scanWorkspace })).session;
    return session;
  }

  it('the workspace scan lints the documents migration.json lists, without opening them', async () => {
    const s = await start(true);
    await s.diagnostics(pathToFileURL(join(folder, 'deployment.json')).href);
    await s.request('greengrassMl/whenIdle', null);
    const last = (...parts: string[]) => s.published(pathToFileURL(join(folder, ...parts)).href).at(-1) ?? { uri: '', diagnostics: [] };
    assert.deepEqual(codes(last('deployment.json')), ['GGML-V2007', 'GGML-V2009']);
    assert.deepEqual(codes(last('components', 'ResultUploader.request.json')), ['GGML-V2001', 'GGML-V2002']);
    assert.equal(s.published(pathToFileURL(join(folder, 'components', 'ImageClassifier.request.json')).href).length, 1, 'the clean request is linted (no diagnostics)');
    const recipe = last('recipes', 'com.example.ResnetModel-1.0.0.yaml');
    assert.deepEqual(codes(recipe), ['GGML-V2003', 'GGML-V2004']);
    assert.ok(recipe.diagnostics.find((d) => d.code === 'GGML-V2003')?.codeDescription?.href.endsWith('/docs/rules/GGML-V2003.md'));
  });

  it('lints an open YAML recipe, and serves the explicit-pinned fixes of an open request', async () => {
    const s = await start(false);
    const recipePath = join(folder, 'recipes', 'com.example.ResnetModel-1.0.0.yaml');
    const recipeUri = pathToFileURL(recipePath).href;
    s.notify('textDocument/didOpen', { textDocument: { uri: recipeUri, languageId: 'yaml', version: 1, text: readFileSync(recipePath, 'utf8') } });
    const recipe = await s.diagnostics(recipeUri, (p) => p.version === 1);
    assert.deepEqual(codes(recipe), ['GGML-V2003', 'GGML-V2004']);

    const path = join(folder, 'components', 'ResultUploader.request.json');
    const text = readFileSync(path, 'utf8');
    const uri = pathToFileURL(path).href;
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    const published = await s.diagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(codes(published), ['GGML-V2001', 'GGML-V2002']);
    const pinned = published.diagnostics.find((d) => d.code === 'GGML-V2002')!;
    assert.equal(pinned.severity, 2, 'warning');
    const actions = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: pinned.range, context: { diagnostics: [pinned], only: ['quickfix'] } });
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Set pinned to true (long-lived, what Greengrass V2 does now)', true],
      ['Set pinned to false (on demand, the Greengrass V1 default)', false],
    ]);
    const fixed = applyEdits(text, actions[0]!.edit!.changes![uri]!);
    assert.match(fixed, /\n {6}"pinned": true\n {4}}/, "indented like its siblings");
    s.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await s.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(codes(after), ['GGML-V2001']);
  });

  it('re-lints the other documents of the migration folder when one changes: a dependency that closes a cycle shows on both ends', async () => {
    const s = await start(true);
    const requestUri = pathToFileURL(join(folder, 'components', 'ImageClassifier.request.json')).href;
    await s.diagnostics(requestUri);
    await s.request('greengrassMl/whenIdle', null);
    const recipePath = join(folder, 'recipes', 'com.example.SqueezenetModel-1.0.0.json');
    const recipeUri = pathToFileURL(recipePath).href;
    const text = readFileSync(recipePath, 'utf8');
    s.notify('textDocument/didOpen', { textDocument: { uri: recipeUri, languageId: 'json', version: 1, text } });
    await s.diagnostics(recipeUri, (p) => p.version === 1);
    const cyclic = text.replace('"ComponentPublisher"', '"ComponentDependencies": { "com.example.ImageClassifier": { "VersionRequirement": ">=3.0.0" } },\n  "ComponentPublisher"');
    s.notify('textDocument/didChange', { textDocument: { uri: recipeUri, version: 2 }, contentChanges: [{ text: cyclic }] });
    const own = await s.diagnostics(recipeUri, (p) => p.version === 2);
    assert.deepEqual(codes(own), ['GGML-V2006']);
    const partner = await s.diagnostics(requestUri, (p) => codes(p).includes('GGML-V2006'));
    assert.match(partner.diagnostics[0]!.message, /com\.example\.ImageClassifier → com\.example\.SqueezenetModel → com\.example\.ImageClassifier$/);
  });

  it('leaves a YAML file that is no recipe alone', async () => {
    const s = await start(false);
    const path = join(folder, 'notes.yaml');
    const uri = pathToFileURL(path).href;
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'owner: camera team\ncomponents: [a, b]\n' } });
    await s.request('greengrassMl/whenIdle', null);
    assert.deepEqual(s.published(uri), []);
  });

  it('lints a deployed recipe opened read-only from the Greengrass V2 view, alone and without edits; other virtual documents not at all', async () => {
    const s = await start(false);
    const text = `${JSON.stringify({
      RecipeFormatVersion: '2020-01-25',
      ComponentName: 'com.example.ResnetModel',
      ComponentVersion: '1.0',
      ComponentPublisher: 'Example Corp',
      Manifests: [{ Platform: { os: 'linux' }, Artifacts: [{ URI: 's3://some-other-bucket/resnet/model.tar.gz', Unarchive: 'ZIP' }] }],
    }, null, 2)}\n`;
    const uri = 'greengrass-ml-v2:/components/com.example.ResnetModel-1.0.recipe.json?recipe%3Darn%253Aaws%253Agreengrass%253Aus-east-1%253A123456789012%253Acomponents%253Acom.example.ResnetModel%253Aversions%253A1.0';
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
    const published = await s.diagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(codes(published), ['GGML-V2003', 'GGML-V2005'], 'its own findings, and no GGML-V2004 from a migration record it does not belong to');
    assert.ok(published.diagnostics.every((d) => d.codeDescription?.href.endsWith(`/docs/rules/${String(d.code)}.md`)), 'each with its rule page');
    const version = published.diagnostics.find((d) => d.code === 'GGML-V2005')!;
    const actions = await s.request<(CodeAction & { command?: { command: string } })[]>('textDocument/codeAction', { textDocument: { uri }, range: version.range, context: { diagnostics: [version], only: ['quickfix'] } });
    assert.equal(actions.filter((a) => a.edit).length, 0, 'no edit of a read-only document');

    for (const other of ['git:/ws/camera-ml-v2/recipes/com.example.ResnetModel-1.0.recipe.json?ref%3DHEAD', 'vscode-userdata:/settings/recipe.json']) {
      s.notify('textDocument/didOpen', { textDocument: { uri: other, languageId: 'json', version: 1, text } });
    }
    await s.request('greengrassMl/whenIdle', null);
    assert.deepEqual(s.published('git:/ws/camera-ml-v2/recipes/com.example.ResnetModel-1.0.recipe.json?ref%3DHEAD'), []);
    assert.deepEqual(s.published('vscode-userdata:/settings/recipe.json'), []);
  });
});
