import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';

interface Api {
  connection?: { readonly started: boolean };
  linter?: { whenIdle(): Promise<void>; readonly started: boolean };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await sleep(100);
  return check();
}

/** Whether the extension host has loaded the AWS layer bundle (dist/aws.js) — the module cache knows. */
function awsLayerLoaded(ext: vscode.Extension<unknown>): boolean {
  const bundle = join(ext.extensionPath, 'dist', 'aws.js');
  return Object.keys(require.cache).includes(bundle);
}

describe('Lazy activation in a workspace without Greengrass files', () => {
  it('a YAML file that is no template starts nothing: the extension activates, but no language server', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test opens a workspace folder');
    // Its keys (Resources, Outputs) are a template's, but nothing in its head says CloudFormation.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'config', 'pipeline.yaml'));
    await vscode.window.showTextDocument(doc);
    assert.ok(await until(() => ext.isActive, 15_000), 'opening a YAML file did not activate the extension (templates may be YAML)');
    await sleep(1_000);
    const api = ext.exports as Api;
    assert.equal(api.linter?.started, false, 'the language server started for a YAML file that is no template');
    assert.equal(api.connection?.started, false, 'the AWS connection started for a YAML file');
  });

  it('a plain JSON file starts nothing: no AWS layer, no credentials, no language server or file watcher', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test opens a workspace folder');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'config', 'thresholds.json'));
    await vscode.window.showTextDocument(doc);
    assert.ok(await until(() => ext.isActive, 15_000), 'opening a JSON file did not activate the extension');
    const api = ext.exports as Api;
    await api.linter?.whenIdle();
    // Give the deferred workspace search time to finish (it runs after activate() returns).
    await sleep(2_000);
    assert.equal(awsLayerLoaded(ext), false, 'dist/aws.js was loaded although nothing asked for the cloud');
    assert.equal(api.connection?.started, false, 'the AWS connection started (credentials resolved) in a workspace without Greengrass files');
    assert.equal(api.linter?.started, false, 'the language server (which watches the workspace for file changes) started although the workspace has no Greengrass files');
  });

  it('opening the Greengrass ML view connects: the AWS layer is loaded then', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await vscode.commands.executeCommand('workbench.view.extension.greengrassMl');
    assert.ok(await until(() => awsLayerLoaded(ext), 20_000), 'opening the explorer view did not load dist/aws.js within 20 s');
    assert.equal((ext.exports as Api).connection?.started, true);
  });
});
