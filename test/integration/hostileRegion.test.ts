// A manifest whose "region" hides a host ("x@127.0.0.1:<port>/?"): the ship commands in the real VS Code send
// nothing there and say which file to fix. Redeploy and Reset do not lint first, so only the AWS layer stands between
// such a manifest and a signed request.
import * as assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { planScaffold } from '../../src/core/scaffold';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';
const run = Date.now().toString(36);

interface DeployResult { kind: string; message: string }

describe('a manifest whose region hides a host', function () {
  this.timeout(90_000);
  let folder: string;
  let manifest: vscode.Uri;
  let trap: Server;
  let connections = 0;
  const sockets = new Set<Socket>();
  let region = '';

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    trap = createServer((s) => {
      connections++;
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    const port = await new Promise<number>((resolve) => trap.listen(0, '127.0.0.1', () => resolve((trap.address() as { port: number }).port)));
    region = `x@127.0.0.1:${port}/?`;
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'a workspace folder is open');
    folder = join(ws.uri.fsPath, `hostile-${run}`);
    manifest = vscode.Uri.file(join(folder, 'greengrass-ml.json'));
    const plan = planScaffold({
      framework: 'mxnet', runtime: 'python3.8', platform: 'raspberry-pi', source: { kind: 's3', uri: 's3://greengrass-models-demo/squeezenet/model.tar.gz' },
      destinationPath: '/greengrass-machine-learning/mxnet/squeezenet', isolationMode: 'GreengrassContainer', lifecycle: 'pinned',
      functionName: `classifier-${run}`, topic: 'ml/squeezenet/results',
    }, { name: `hostile-${run}`, readFile: () => undefined });
    for (const f of plan.files) {
      await mkdir(dirname(join(folder, f.path)), { recursive: true });
      await writeFile(join(folder, f.path), f.content);
    }
    // As a shared repository could have it: ids of an earlier deploy, and the region key twice (a reader that keeps
    // the last value, as JSON parsers do, sees the hidden host).
    const text = await readFile(manifest.fsPath, 'utf8');
    const value = JSON.parse(text) as Record<string, unknown>;
    value['cloud'] = { groupId: 'e6b8d9f2-7c41-4a55-9f0e-3f1b2c4d5e6f', groupVersionId: '0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b', lastDeploymentId: '7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d' };
    delete value['region'];
    await writeFile(manifest.fsPath, JSON.stringify(value, null, 2).replace(/^\{\n/, `{\n  "region": "us-east-1",\n  "region": ${JSON.stringify(region)},\n`));
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => trap?.close(resolve));
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const refused = (action: string): RegExp => new RegExp(`^${action} failed\\. The AWS region is not a region code such as us-east-1, so nothing was sent\\. Fix "region" in greengrass-ml\\.json: "x@127\\.0\\.0\\.1:\\d+/\\?"$`);

  it('Redeploy and Reset fail with a message naming the file to fix, and nothing reaches the host', async () => {
    const redeploy = await vscode.commands.executeCommand<DeployResult>('greengrassMl.redeploy', manifest, { watch: false });
    assert.equal(redeploy?.kind, 'failed', redeploy?.message);
    assert.match(redeploy.message, refused('Redeploying the group'));
    const reset = await vscode.commands.executeCommand<DeployResult>('greengrassMl.resetDeployments', manifest, { confirm: 'Force Reset' });
    assert.equal(reset?.kind, 'failed', reset?.message);
    assert.match(reset.message, refused('Resetting the group\'s deployments'));
    assert.equal(connections, 0, 'no connection to the host hidden in the region');
  });

  it('Deploy does not deploy, and nothing reaches the host', async () => {
    const deploy = await vscode.commands.executeCommand<DeployResult>('greengrassMl.deploy', manifest, { watch: false });
    // Blocked by the linter where it reports the duplicate key, refused by the AWS layer otherwise.
    assert.ok(deploy?.kind === 'blocked' || (deploy?.kind === 'failed' && /The AWS region is not a region code/.test(deploy.message)), `${deploy?.kind}: ${deploy?.message}`);
    assert.equal(connections, 0, 'no connection to the host hidden in the region');
  });
});
