// The explorer as an operations view: connection health that says when the endpoint is down and recovers by itself,
// a failed deployment's details with links into the workspace's group files, labels that read as words, and a pulled
// group that is linted at once.
import * as assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { readGroupFiles } from '../../src/core/deploy';
import { planScaffold } from '../../src/core/scaffold';
import { statusBarText } from '../../src/connection/statusBar';
import type { Explorer } from '../../src/views/explorer';
import type { ExplorerNode } from '../../src/views/nodes/node';
import { child, children, demoAccount, eventually, explorerApi, item, label, labels, tooltip, type DemoAccount } from './explorerSupport';

const ENDPOINT_SETTING = 'greengrassMl.aws.endpoint';

/** A TCP relay on 127.0.0.1 in front of the local endpoint that can be stopped and started again on the same port. */
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  start(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer((client) => {
        const upstream = createConnection({ host: this.target.hostname, port: Number(this.target.port) });
        for (const s of [client, upstream]) {
          this.sockets.add(s);
          s.on('close', () => this.sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        const address = server.address();
        this.port = typeof address === 'object' && address ? address.port : 0;
        this.server = server;
        resolve(this.port);
      });
    });
  }

  /** Refuses new connections and cuts the open ones, as an endpoint that went down. */
  stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

async function groupsFolder(explorer: Explorer): Promise<ExplorerNode> {
  return (await children(explorer))[0] as ExplorerNode;
}

describe('Explorer health: the endpoint goes down and comes back', function () {
  this.timeout(90_000);
  let explorer: Explorer;
  let relay: Relay;

  before(async () => {
    explorer = await explorerApi();
    await demoAccount();
    await vscode.commands.executeCommand('workbench.view.extension.greengrassMl');
    const moto = process.env['AWS_ENDPOINT_URL'];
    assert.ok(moto, 'the tests run against a local endpoint');
    relay = new Relay(new URL(moto));
    await relay.start();
  });

  after(async () => {
    await relay?.stop();
    await vscode.workspace.getConfiguration().update(ENDPOINT_SETTING, undefined, vscode.ConfigurationTarget.Global);
    await explorer.connection.whenSettled();
  });

  it('says "unreachable" in the status bar and the view while calls fail, and recovers by itself once they succeed', async () => {
    const endpoint = `http://127.0.0.1:${relay.port}`;
    await vscode.workspace.getConfiguration().update(ENDPOINT_SETTING, endpoint, vscode.ConfigurationTarget.Global);
    await eventually(() => explorer.connection.current.settings.endpoint === endpoint, 'the connection through the relay');
    await explorer.connection.whenSettled();
    assert.ok((await labels(explorer, await groupsFolder(explorer))).includes('camera-inference'), 'the account is listed through the relay');
    assert.equal(explorer.connection.health.state, 'ok');
    assert.doesNotMatch(statusBarText(explorer.connection).text, /warning|unreachable/);

    await relay.stop();
    explorer.provider.refresh();
    const kids = await children(explorer, await groupsFolder(explorer));
    assert.match(label(explorer, kids[0] as ExplorerNode), /^Failed to load groups: Cannot reach/);
    assert.equal(explorer.connection.health.state, 'unreachable');
    const bar = statusBarText(explorer.connection);
    assert.match(bar.text, /^\$\(warning\) .*unreachable$/, bar.text);
    assert.match(bar.tooltip, /tries again by itself/, bar.tooltip);
    assert.match(bar.tooltip, new RegExp(`127\\.0\\.0\\.1:${relay.port}`), bar.tooltip);
    assert.equal(bar.command, 'greengrassMl.retryConnection');
    assert.match(explorer.view.message ?? '', /Cannot reach the AWS endpoint/, 'the view says so above the tree');

    // Retry while still down: still unreachable, and says so.
    await vscode.commands.executeCommand('greengrassMl.retryConnection');
    assert.equal(explorer.connection.health.state, 'unreachable');

    // The endpoint comes back: no click needed.
    const downSince = Date.now();
    await relay.start();
    await eventually(() => explorer.connection.health.state === 'ok', 'the health to recover by itself', 20_000);
    await eventually(async () => (await labels(explorer, await groupsFolder(explorer))).includes('camera-inference'), 'the tree to reload by itself', 10_000);
    assert.doesNotMatch(statusBarText(explorer.connection).text, /warning|unreachable/);
    assert.ok(!explorer.view.message, 'the message is gone');
    assert.ok(Date.now() - downSince < 20_000, `recovered after ${Date.now() - downSince} ms`);
  });
});

describe('Explorer as an operations view', function () {
  this.timeout(120_000);
  let explorer: Explorer;
  let demo: DemoAccount;
  const run = Date.now().toString(36);
  const functionName = `frame-scorer-fail-deploy-${run}`;
  let folder: string;

  before(async () => {
    explorer = await explorerApi();
    demo = await demoAccount();
    await vscode.commands.executeCommand('workbench.view.extension.greengrassMl');
    await explorer.connection.whenSettled();
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'a workspace folder is open');
    folder = join(ws.uri.fsPath, `ops-${run}`);
    const plan = planScaffold({
      framework: 'neo-dlr', runtime: 'python3.8', platform: 'jetson-tx2', source: { kind: 's3', uri: 's3://greengrass-models-demo/person/model.tar.gz' },
      destinationPath: '/greengrass-machine-learning/dlr/person', isolationMode: 'NoContainer', lifecycle: 'pinned', functionName, topic: 'ml/frames/score',
    }, { name: `ops-${run}`, readFile: () => undefined });
    for (const f of plan.files) {
      await mkdir(dirname(join(folder, f.path)), { recursive: true });
      await writeFile(join(folder, f.path), f.content);
    }
    explorer.provider.refresh();
  });

  after(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function groupNode(id: string): Promise<ExplorerNode> {
    const listed = await children(explorer, await groupsFolder(explorer));
    const found = listed.find((n) => n.id.endsWith(`group:${id}`));
    assert.ok(found, `group ${id} is listed: ${listed.map((n) => label(explorer, n)).join(', ')}`);
    return found;
  }

  it('opens a failed deployment\'s details: status, type, times, every error detail, links to the function\'s file and the core\'s logs', async () => {
    const manifest = vscode.Uri.file(join(folder, 'greengrass-ml.json'));
    const r = await vscode.commands.executeCommand<{ kind: string; groupId?: string; deploymentId?: string; outcome?: { result: string } }>('greengrassMl.deploy', manifest, { watchTimeoutSeconds: 30 });
    assert.equal(r?.outcome?.result, 'failure', JSON.stringify(r));
    assert.ok(r.groupId && r.deploymentId);
    explorer.provider.refresh();
    const group = await groupNode(r.groupId);
    const deployments = await child(explorer, group, 'Deployments');
    const row = await eventually(async () => (await children(explorer, deployments)).find((n) => n.id.endsWith(`deployment:${r.deploymentId}`)), 'the deployment row');
    // Status first, in words; the time and the type after it.
    assert.equal(label(explorer, row), 'Failed');
    assert.match(String(item(explorer, row).description), /^\d.*· New deployment$|^.*\d{2}.*· New deployment$/);
    assert.equal(item(explorer, row).command?.command, 'greengrassMl.explorer.showDeploymentDetails');

    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('greengrassMl.explorer.showDeploymentDetails', row);
    assert.ok(doc, 'a document was opened');
    const text = doc.getText();
    assert.equal(doc.languageId, 'markdown');
    assert.match(text, /\| Status \| Failed \(Failure\) \|/);
    assert.match(text, /\| Type \| New deployment \(NewDeployment\) \|/);
    assert.match(text, new RegExp(`\\| Deployment \\| ${r.deploymentId} \\|`));
    assert.match(text, /\| Created \| .+ \|/);
    assert.match(text, /\| Updated \| .+ \|/);
    assert.match(text, /failed: 1 Lambda function failed to start/, 'the ErrorMessage');
    assert.match(text, /GG-202/, 'the error detail\'s code');
    assert.match(text, /handler raised an exception while loading/, 'the error detail\'s message');
    // A link to the entry of the function the detail names, in the workspace's group files.
    // The preview renders no file: link; a path that starts with / resolves against the workspace folder.
    const link = new RegExp(`\\[function-definition\\.json line (\\d+)\\]\\((/[^)]+function-definition\\.json)#L(\\d+)\\)`);
    const m = link.exec(text);
    assert.ok(m, `a workspace link to function-definition.json in:\n${text}`);
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const opened = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, ...m[2]!.split('/').filter(Boolean).map(decodeURIComponent)));
    assert.match(opened.lineAt(Number(m[3]) - 1).text, new RegExp(`function:${functionName}:live`));
    assert.match(text, /\/greengrass\/ggc\/var\/log\/system\/runtime\.log/);
    assert.match(text, new RegExp(`/greengrass/ggc/var/log/user/us-east-1/\\d{12}/${functionName}\\.log`));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('labels rows with words a user reads: group status first, "No container", empty states without brackets, full older-version ids', async () => {
    const camera = await groupNode(demo.groups.camera.id);
    await eventually(() => /^(In progress|Building|Succeeded|Failed) · /.test(String(item(explorer, camera).description)), () => `the group description to start with the last deployment's status: ${String(item(explorer, camera).description)}`);
    const functions = await child(explorer, camera, 'Functions');
    const dlr = await child(explorer, functions, 'dlr-image-classifier:3');
    assert.match(String(item(explorer, dlr).description), /^No container · pinned/);
    assert.match(tooltip(explorer, dlr), /^Id: \S+/m, 'the Greengrass function Id subscriptions and access policies use');
    const empty = await groupNode(demo.groups.empty.id);
    assert.equal((await labels(explorer, empty))[0], 'No core');
    assert.deepEqual(await labels(explorer, await child(explorer, empty, 'Deployments')), ['No deployments found']);
    const older = await children(explorer, await child(explorer, camera, 'Older Versions'));
    const first = older.find((v) => v.id.endsWith(`version:${demo.groups.camera.firstVersionId}`));
    assert.ok(first);
    assert.equal(item(explorer, first).description, demo.groups.camera.firstVersionId, 'the whole id');
    assert.match(label(explorer, first), /\d{1,2}:\d{2}:\d{2}/, 'the time to the second');
  });

  it('compares an older version\'s definition with the latest one in the diff editor', async () => {
    const camera = await groupNode(demo.groups.camera.id);
    const older = await children(explorer, await child(explorer, camera, 'Older Versions'));
    const first = older.find((v) => v.id.endsWith(`version:${demo.groups.camera.firstVersionId}`));
    assert.ok(first);
    const compared = await vscode.commands.executeCommand<{ left: vscode.Uri; right: vscode.Uri }>('greengrassMl.explorer.compareWithLatest', first, 'function');
    assert.ok(compared, 'a comparison was opened');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `a diff editor: ${tab?.label}`);
    assert.equal(tab.input.original.toString(), compared.left.toString());
    assert.equal(tab.input.modified.toString(), compared.right.toString());
    assert.notEqual(compared.left.path, compared.right.path, 'the two sides have different names');
    const left = (await vscode.workspace.openTextDocument(compared.left)).getText();
    const right = (await vscode.workspace.openTextDocument(compared.right)).getText();
    assert.doesNotMatch(left, /dlr-image-classifier/, 'the first version has no DLR function');
    assert.match(right, /dlr-image-classifier/, 'the latest version has it');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('compares a pulled group\'s definition in the cloud with the edited workspace file, line for line', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(workspace);
    const factory = await groupNode(demo.groups.factory.id);
    const target = vscode.Uri.joinPath(workspace, `compare-${run}`);
    try {
      const written = (await vscode.commands.executeCommand('greengrassMl.explorer.pullGroup', factory, target)) as vscode.Uri[];
      const fnFile = written.find((u) => u.path.endsWith('/function-definition.json'));
      assert.ok(fnFile);
      const pulled = (await vscode.workspace.openTextDocument(fnFile)).getText();
      const edit = new vscode.WorkspaceEdit();
      const doc = await vscode.workspace.openTextDocument(fnFile);
      const timeout = /"Timeout": (\d+)/.exec(pulled);
      assert.ok(timeout, pulled);
      const at = timeout.index + '"Timeout": '.length;
      edit.replace(fnFile, new vscode.Range(doc.positionAt(at), doc.positionAt(at + timeout[1]!.length)), '30');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await doc.save();
      const compared = await vscode.commands.executeCommand<{ left: vscode.Uri; right: vscode.Uri }>('greengrassMl.explorer.compareWithWorkspaceFile', factory, 'function');
      if (!compared) {
        // Say why: what the workspace holds for this group, as the command reads it.
        const manifest = written.find((u) => u.path.endsWith('/greengrass-ml.json'))!;
        const why = await readGroupFiles(manifest.fsPath, async (p) => (await vscode.workspace.openTextDocument(vscode.Uri.file(p))).getText())
          .then((g) => `read: ${Object.keys(g.definitions).join(', ')}; cloud: ${JSON.stringify(g.manifest.cloud)}`, (e: unknown) => `unreadable: ${String(e)}`);
        assert.fail(`no comparison was opened; the pulled group ${why}; state ${explorer.connection.state}`);
      }
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      assert.ok(tab?.input instanceof vscode.TabInputTextDiff, `a diff editor: ${tab?.label}`);
      assert.equal(tab.input.modified.fsPath, fnFile.fsPath, 'the workspace file on the right');
      const cloud = (await vscode.workspace.openTextDocument(compared.left)).getText();
      assert.equal(cloud, pulled, 'the cloud side in the shape of the pulled file, so only the edit differs');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      await rm(target.fsPath, { recursive: true, force: true });
    }
  });

  it('lints a pulled group at once, and opens the Problems view on it', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(workspace);
    const factory = await groupNode(demo.groups.factory.id);
    const target = vscode.Uri.joinPath(workspace, `pulled-ops-${run}`);
    try {
      const written = (await vscode.commands.executeCommand('greengrassMl.explorer.pullGroup', factory, target)) as vscode.Uri[];
      assert.ok(written?.length > 2, 'the manifest and its definition files');
      const eos = (): vscode.Diagnostic[] => written.flatMap((u) => vscode.languages.getDiagnostics(u)).filter((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'GGML-EOS001');
      // Linted when the command returns: no editor had to be opened.
      const linted = written.filter((u) => vscode.languages.getDiagnostics(u).length > 0);
      assert.ok(linted.length > 0, 'the pulled files have diagnostics when the command returns');
      const manifest = written.find((u) => u.path.endsWith('/greengrass-ml.json'));
      assert.ok(manifest && vscode.languages.getDiagnostics(manifest).some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'GGML-EOS001'), `the manifest carries the end-of-support note: ${eos().length}`);
    } finally {
      await rm(target.fsPath, { recursive: true, force: true });
    }
  });
});
