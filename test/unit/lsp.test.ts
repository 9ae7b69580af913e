// `greengrass-ml lsp --stdio` (the built CLI) driven by a scripted LSP session, the way Neovim or another LSP
// editor runs it: initialize, open a broken definition, read the published diagnostics and a quick fix, edit,
// change settings, shut down and exit.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { applyEdits, codes, openDocument as open, startStdioSession, textOf } from '../support/lspSession';
import type { LspSession, PublishedDiagnostics, StdioSessionOptions, TextEdit } from '../support/lspSession';

const root = resolve(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixture = join(root, 'test', 'fixtures', 'lsp', 'camera-group');

type Diagnostic = PublishedDiagnostics['diagnostics'][number];
interface CodeAction { title: string; kind?: string; isPreferred?: boolean; diagnostics?: Diagnostic[]; command?: { command: string; arguments?: unknown[] }; edit?: { changes?: Record<string, TextEdit[]>; documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[] } }

describe('greengrass-ml lsp --stdio (a scripted LSP session)', function () {
  this.timeout(30_000);
  let dir: string;
  let group: string;
  let session: LspSession | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-lsp-'));
    group = join(dir, 'camera-group');
    cpSync(fixture, group, { recursive: true });
  });

  afterEach(() => {
    session?.kill();
    session = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: StdioSessionOptions = {}): Promise<LspSession> {
    const started = await startStdioSession(cli, dir, options);
    session = started.session;
    assert.equal(started.init.serverInfo?.name, 'greengrass-ml');
    assert.deepEqual(started.init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    return session;
  }

  const brokenFunctions = () => readFileSync(join(group, 'function-definition.json'), 'utf8')
    .replace('"NaiveEngine"', '"NativeEngine"')
    .replace('"MemorySize": 98304', '"MemorySize": 96')
    .replace('{ "ResourceId": "squeezenet", "Permission": "ro" }', '{ "ResourceId": "squeezenet", "Permission": "ro" },\n              { "ResourceId": "mobilenet", "Permission": "ro" }');

  it('publishes diagnostics with rule codes, documentation links and related files, serves the quick fix, then shuts down and exits', async () => {
    const s = await start();
    const path = join(group, 'function-definition.json');
    const text = brokenFunctions();
    const uri = open(s, path, text);
    const published = await s.diagnostics(uri, (p) => p.diagnostics.length > 0);
    // The end-of-support note is the group's, on its manifest: a file the manifest lists does not repeat it.
    assert.deepEqual(codes(published), ['GGML-FN004', 'GGML-FN008', 'GGML-XF001']);
    assert.equal(published.version, 1, 'the diagnostics name the version they describe');

    const fn008 = published.diagnostics.find((d) => d.code === 'GGML-FN008');
    assert.ok(fn008);
    assert.equal(fn008.source, 'greengrass-ml');
    assert.equal(fn008.severity, 1, 'error');
    assert.match(fn008.message, /NaiveEngine/);
    assert.equal(textOf(text, fn008.range), '"NativeEngine"');
    const href = fn008.codeDescription?.href ?? '';
    assert.ok(href.endsWith('/docs/rules/GGML-FN008.md'), href);
    assert.match(readFileSync(fileURLToPath(href), 'utf8'), /NaiveEngine/, 'the link opens the rule\'s page of the installed package');
    assert.equal(published.diagnostics.find((d) => d.code === 'GGML-FN004')?.severity, 2, 'warning');
    const manifestUri = open(s, join(group, 'greengrass-ml.json'), readFileSync(join(group, 'greengrass-ml.json'), 'utf8'));
    const manifest = await s.diagnostics(manifestUri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(codes(manifest), ['GGML-EOS001']);
    assert.equal(manifest.diagnostics[0]?.severity, 3, 'information');

    const xf001 = published.diagnostics.find((d) => d.code === 'GGML-XF001');
    assert.equal(textOf(text, xf001!.range), '"mobilenet"');
    assert.deepEqual(xf001!.relatedInformation?.map((r) => r.location.uri), [pathToFileURL(join(group, 'resource-definition.json')).href],
      'the unknown resource points at the group\'s resource definition, read from disk');

    const actions = await s.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: fn008.range, context: { diagnostics: [fn008], only: ['quickfix'] },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Change to NaiveEngine']);
    const [fix] = actions;
    assert.equal(fix!.kind, 'quickfix');
    assert.equal(fix!.isPreferred, true);
    assert.equal(fix!.diagnostics?.[0]?.code, 'GGML-FN008');
    const edits = fix!.edit?.changes?.[uri];
    assert.ok(edits, JSON.stringify(fix!.edit));
    const fixed = applyEdits(text, edits);
    assert.match(fixed, /"MXNET_ENGINE_TYPE": "NaiveEngine"/);

    // The editor applies the fix: the next diagnostics no longer have FN008.
    s.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await s.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(codes(after), ['GGML-FN004', 'GGML-XF001']);

    assert.equal(await s.request('shutdown', null), null);
    s.notify('exit');
    assert.equal(await s.exited, 0);
  });

  it('lints the latest text only when edits come faster than the debounce, and answers no fixes for an older version', async () => {
    const s = await start();
    const path = join(group, 'function-definition.json');
    const good = readFileSync(path, 'utf8');
    const uri = open(s, path, good);
    await s.diagnostics(uri, (p) => p.version === 1);
    const broken = good.replace('"camera-classifier"', '"camera classifier!"');
    s.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
    s.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: good }] });
    s.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: broken }] });
    const latest = await s.diagnostics(uri, (p) => p.version === 4);
    assert.ok(codes(latest).includes('GGML-ID001'), codes(latest).join(', '));
    assert.deepEqual(s.published(uri).map((p) => p.version), [1, 4], 'versions 2 and 3 were dropped, not published');
    await s.request('greengrassMl/whenIdle', null);

    // A code action request for a version the server has not linted yet gets no edit of stale offsets.
    s.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: `\n\n${broken}` }] });
    const id001 = latest.diagnostics.find((d) => d.code === 'GGML-ID001')!;
    const stale = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: id001.range, context: { diagnostics: [id001] } });
    assert.deepEqual(stale, []);
    const relinted = await s.diagnostics(uri, (p) => p.version === 5);
    const moved = relinted.diagnostics.find((d) => d.code === 'GGML-ID001')!;
    assert.equal(moved.range.start.line, id001.range.start.line + 2);
  });

  it('applies the repository\'s .greengrass-ml.yaml as the CLI does (settings win per rule), and re-lints when it changes', async () => {
    mkdirSync(join(dir, '.git'));
    const configPath = join(dir, '.greengrass-ml.yaml');
    writeFileSync(configPath, 'rules:\n  GGML-XF001: off\n  GGML-FN004: error\n  GGML-FN008: error\nexclude:\n  - legacy/\n');
    const s = await start({ capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } } });
    s.settings = { enable: true, rules: { 'GGML-FN008': 'warning' } };
    const uri = open(s, join(group, 'function-definition.json'), brokenFunctions());
    const first = await s.diagnostics(uri);
    assert.deepEqual(codes(first), ['GGML-FN004', 'GGML-FN008']);
    assert.equal(first.diagnostics.find((d) => d.code === 'GGML-FN004')?.severity, 1, 'error, from the repository\'s file');
    assert.equal(first.diagnostics.find((d) => d.code === 'GGML-FN008')?.severity, 2, 'warning: the editor setting wins over the file');

    mkdirSync(join(dir, 'legacy'));
    const legacy = open(s, join(dir, 'legacy', 'resource-definition.json'), '{ "Resources": [ { "Id": "old model!", "Name": "old" } ] }');
    await s.request('greengrassMl/whenIdle', null);
    assert.ok(s.published(legacy).every((p) => p.diagnostics.length === 0), 'an excluded file gets no diagnostics');

    writeFileSync(configPath, 'rules:\n  GGML-FN004: info\n');
    s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configPath).href, type: 2 }] });
    const changed = await s.diagnostics(uri, (p) => codes(p).includes('GGML-XF001'));
    assert.equal(changed.diagnostics.find((d) => d.code === 'GGML-FN004')?.severity, 3, 'information, from the changed file');
    await s.request('greengrassMl/whenIdle', null);
    assert.ok(s.published(legacy).at(-1)?.diagnostics.some((d) => d.code === 'GGML-ID001'), 'no longer excluded');
  });

  it('takes rule severities and the enable switch from workspace/configuration, and re-lints when they change', async () => {
    const s = await start();
    s.settings = { enable: true, rules: { 'GGML-XF001': 'off', 'GGML-FN004': 'error', 'GGML-FN008': 'bogus' } };
    const uri = open(s, join(group, 'function-definition.json'), brokenFunctions());
    const first = await s.diagnostics(uri);
    assert.deepEqual(codes(first), ['GGML-FN004', 'GGML-FN008']);
    assert.equal(first.diagnostics.find((d) => d.code === 'GGML-FN004')?.severity, 1);
    assert.equal(first.diagnostics.find((d) => d.code === 'GGML-FN008')?.severity, 1, 'an unknown level keeps the rule\'s default');
    assert.deepEqual(s.configurationRequests[0], { items: [{ scopeUri: uri, section: 'greengrassMl.lint' }] });

    s.settings = { enable: false };
    s.notify('workspace/didChangeConfiguration', { settings: null });
    const off = await s.diagnostics(uri);
    assert.deepEqual(off.diagnostics, [], 'linting off clears the diagnostics');

    s.settings = { enable: true, rules: {} };
    s.notify('workspace/didChangeConfiguration', { settings: null });
    assert.ok(codes(await s.diagnostics(uri)).includes('GGML-XF001'));
  });

  it('lints the workspace\'s Greengrass files without opening them, re-lints a partner when a file of its group changes, and checks Python handlers', async () => {
    const s = await start({ scanWorkspace: true });
    const functionsUri = pathToFileURL(join(group, 'function-definition.json')).href;
    const resourcesPath = join(group, 'resource-definition.json');
    const scanned = await s.diagnostics(functionsUri);
    assert.deepEqual(codes(scanned), [], 'a clean file of a group: the end-of-support note is on the manifest');
    assert.equal(scanned.version, undefined, 'linted from disk');
    assert.deepEqual(codes(await s.diagnostics(pathToFileURL(join(group, 'greengrass-ml.json')).href)), ['GGML-EOS001']);

    // Renaming the resource in the open resource definition makes the function's access policy point nowhere.
    const resources = readFileSync(resourcesPath, 'utf8');
    const resourcesUri = open(s, resourcesPath, resources);
    await s.diagnostics(resourcesUri, (p) => p.version === 1);
    s.notify('textDocument/didChange', { textDocument: { uri: resourcesUri, version: 2 }, contentChanges: [{ text: resources.replace('"Id": "squeezenet"', '"Id": "squeezenet-v2"') }] });
    const partner = await s.diagnostics(functionsUri, (p) => codes(p).includes('GGML-XF001'));
    assert.equal(partner.diagnostics.find((d) => d.code === 'GGML-XF001')?.severity, 1);

    const handlerPath = join(group, 'functions', 'camera-classifier', 'inference.py');
    const handler = readFileSync(handlerPath, 'utf8');
    const handlerUri = open(s, handlerPath, handler, 'python');
    const py = await s.diagnostics(handlerUri, (p) => codes(p).includes('GGML-PY003'));
    const d = py.diagnostics.find((x) => x.code === 'GGML-PY003')!;
    assert.equal(textOf(handler, d.range), "'/greengrass-machine-learning/mxnet/squeezenet/squeezenet_v1.1'");
    assert.equal(d.severity, 2);
    assert.ok(d.codeDescription?.href.endsWith('/docs/rules/GGML-PY003.md'));
    const actions = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: handlerUri }, range: d.range, context: { diagnostics: [d] } });
    assert.deepEqual(actions.map((a) => a.title), ['Prefix the path with AWS_GG_RESOURCE_PREFIX', 'Disable GGML-PY003 for this line', 'Disable GGML-PY003 for this file']);
  });

  /** The edit of the code action titled `title` for the first `code` diagnostic, applied to `text`. */
  async function applyAction(s: LspSession, uri: string, text: string, published: PublishedDiagnostics, code: string, title: string): Promise<string> {
    const d = published.diagnostics.find((x) => x.code === code);
    assert.ok(d, `a ${code} diagnostic: ${codes(published).join(', ')}`);
    const actions = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const action = actions.find((a) => a.title === title);
    assert.ok(action, `"${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(action.isPreferred, false, 'silencing is never the preferred fix');
    assert.equal(action.diagnostics?.[0]?.code, code);
    const edits = action.edit?.changes?.[uri];
    assert.ok(edits, JSON.stringify(action.edit));
    return applyEdits(text, edits);
  }

  it('offers "Disable … for this line / for this file" for every diagnostic in JSONC and Python, and the comment it writes silences the rule', async () => {
    const s = await start();
    const path = join(group, 'function-definition.json');
    let text = brokenFunctions();
    const uri = open(s, path, text, 'jsonc');
    let published = await s.diagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(codes(published), ['GGML-FN004', 'GGML-FN008', 'GGML-XF001']);

    text = await applyAction(s, uri, text, published, 'GGML-FN008', 'Disable GGML-FN008 for this line');
    assert.match(text, /\n( +)\/\/ greengrass-ml-disable-next-line GGML-FN008\n\1"Variables": \{ "MXNET_ENGINE_TYPE": "NativeEngine"/, 'the comment goes on its own line, indented as the line it silences');
    s.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    published = await s.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(codes(published), ['GGML-FN004', 'GGML-XF001']);

    text = await applyAction(s, uri, text, published, 'GGML-FN004', 'Disable GGML-FN004 for this file');
    assert.ok(text.startsWith('// greengrass-ml-disable GGML-FN004\n{'), text.slice(0, 80));
    s.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    published = await s.diagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(codes(published), ['GGML-XF001']);

    // A second rule for the file joins the directive already there.
    text = await applyAction(s, uri, text, published, 'GGML-XF001', 'Disable GGML-XF001 for this file');
    assert.ok(text.startsWith('// greengrass-ml-disable GGML-FN004, GGML-XF001\n{'), text.slice(0, 80));
    s.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text }] });
    assert.deepEqual(codes(await s.diagnostics(uri, (p) => p.version === 4)), []);

    const handlerPath = join(group, 'functions', 'camera-classifier', 'inference.py');
    let handler = readFileSync(handlerPath, 'utf8');
    const handlerUri = open(s, handlerPath, handler, 'python');
    const py = await s.diagnostics(handlerUri, (p) => codes(p).includes('GGML-PY003'));
    handler = await applyAction(s, handlerUri, handler, py, 'GGML-PY003', 'Disable GGML-PY003 for this line');
    assert.match(handler, /\n# greengrass-ml-disable-next-line GGML-PY003\nMODEL_PATH = /);
    s.notify('textDocument/didChange', { textDocument: { uri: handlerUri, version: 2 }, contentChanges: [{ text: handler }] });
    const after = await s.diagnostics(handlerUri, (p) => p.version === 2);
    assert.ok(!codes(after).includes('GGML-PY003'), codes(after).join(', '));
  });

  it('in a strict .json file offers no comment, but the client\'s "turn the rule off in the settings" command when it has one', async () => {
    const plain = await start();
    const path = join(group, 'function-definition.json');
    const uri = open(plain, path, brokenFunctions(), 'json');
    const published = await plain.diagnostics(uri, (p) => p.version === 1);
    const fn008 = published.diagnostics.find((d) => d.code === 'GGML-FN008')!;
    const request = { textDocument: { uri }, range: fn008.range, context: { diagnostics: [fn008] } };
    assert.deepEqual((await plain.request<CodeAction[]>('textDocument/codeAction', request)).map((a) => a.title), ['Change to NaiveEngine'],
      'a comment would make the file invalid for the AWS CLI');
    plain.kill();

    const s = await start({ initializationOptions: { turnOffRuleCommand: 'editor.turnOffRule' } });
    open(s, path, brokenFunctions(), 'json');
    await s.diagnostics(uri, (p) => p.version === 1);
    const actions = await s.request<CodeAction[]>('textDocument/codeAction', request);
    assert.deepEqual(actions.map((a) => a.title), ['Change to NaiveEngine', 'Turn off GGML-FN008 in the workspace settings (a .json file cannot hold a comment)']);
    assert.deepEqual(actions[1]!.command, { title: actions[1]!.title, command: 'editor.turnOffRule', arguments: ['GGML-FN008', uri] });
    assert.equal(actions[1]!.edit, undefined);
  });

  it('skips the folders and files of the scan exclude globs, and lints them all the same once opened', async () => {
    const other = join(dir, 'archive', 'old-group');
    cpSync(group, other, { recursive: true });
    const s = await start({ scanWorkspace: true, initializationOptions: { scanExclude: ['archive/**', '**/camera-group/resource-definition.json'] } });
    const functionsUri = pathToFileURL(join(group, 'function-definition.json')).href;
    assert.deepEqual(codes(await s.diagnostics(functionsUri)), []);
    await s.request('greengrassMl/whenIdle', null);
    const linted = (path: string) => s.published(pathToFileURL(path).href).length > 0;
    assert.equal(linted(join(other, 'function-definition.json')), false, 'a file in an excluded folder is not scanned');
    assert.equal(linted(join(group, 'resource-definition.json')), false, 'an excluded file is not scanned');
    assert.equal(linted(join(group, 'greengrass-ml.json')), true);

    // A file created later in an excluded folder is left alone too; opening it lints it.
    const created = join(other, 'core-definition.json');
    writeFileSync(created, '{ "Cores": [] }\n');
    s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(created).href, type: 1 }] });
    await new Promise((r) => setTimeout(r, 600));
    await s.request('greengrassMl/whenIdle', null);
    assert.equal(linted(created), false);
    const uri = open(s, join(other, 'function-definition.json'), readFileSync(join(other, 'function-definition.json'), 'utf8').replace('"MemorySize": 98304', '"MemorySize": 96'));
    assert.deepEqual(codes(await s.diagnostics(uri)), ['GGML-FN004']);
  });

  it('answers the deploy gate\'s lintGroup request with the error findings of the group, with the workspace\'s severities', async () => {
    const s = await start();
    s.settings = { enable: true, rules: { 'GGML-EOS001': 'error' } };
    const functionsPath = join(group, 'function-definition.json');
    open(s, functionsPath, brokenFunctions());
    const resourcesPath = join(group, 'resource-definition.json');
    writeFileSync(resourcesPath, readFileSync(resourcesPath, 'utf8').replace('"DestinationPath": "/greengrass-machine-learning/mxnet/squeezenet"', '"DestinationPath": "greengrass-machine-learning/mxnet/squeezenet"'));
    const errors = await s.request<{ code: string; path: string; severity: string }[]>('greengrassMl/lintGroup', { manifestPath: join(group, 'greengrass-ml.json') });
    const byFile = (name: string) => errors.filter((e) => e.path === join(group, name)).map((e) => e.code).sort();
    assert.deepEqual(byFile('function-definition.json'), ['GGML-FN008', 'GGML-XF001'], 'the open text, not the file on disk');
    assert.deepEqual(byFile('resource-definition.json'), ['GGML-ML006'], 'a file of the group that is not open, read from disk');
    assert.deepEqual(byFile('greengrass-ml.json'), ['GGML-EOS001'], 'the group\'s one end-of-support note, an error by the workspace\'s severity');
    assert.ok(errors.every((e) => e.severity === 'error'));
    // The group's files show their diagnostics too, so the editor can point at each error.
    const resources = await s.diagnostics(pathToFileURL(resourcesPath).href, undefined, 10_000);
    assert.deepEqual(codes(resources), ['GGML-ML006']);
  });

  it('refuses to start without --stdio and says how to run it', () => {
    const r = spawnSync(process.execPath, [cli, 'lsp'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /The lsp command needs --stdio/);
    assert.match(r.stderr, /Usage: greengrass-ml lsp --stdio/);
    assert.ok(existsSync(cli));
  });
});
