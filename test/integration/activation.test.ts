import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';

describe('Extension in the real VS Code', () => {
  it('activates on a workspace with a group manifest and contributes its commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    const ours = commands.filter((c) => c.startsWith('greengrassMl.'));
    assert.ok(ours.includes('greengrassMl.showLog'), `commands: ${ours.join(', ')}`);
    const declared = (ext.packageJSON.contributes.commands as { command: string; category: string }[]);
    for (const c of declared) {
      assert.equal(c.category, 'Greengrass ML', `${c.command} has no "Greengrass ML" category`);
      assert.ok(ours.includes(c.command), `${c.command} is declared but not registered`);
    }
  });

  it('connects to AWS by itself in a workspace with Greengrass files', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const api = (await ext.activate()) as { connection?: { readonly started: boolean; whenSettled(): Promise<void> } };
    const deadline = Date.now() + 10_000;
    while (!api.connection?.started && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(api.connection?.started, true, 'the connection did not start within 10 s although the workspace has a greengrass-ml.json');
    await api.connection.whenSettled();
  });

  it('shows the Greengrass ML explorer view', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.greengrassMl');
    const api = vscode.extensions.getExtension(EXTENSION_ID)?.exports as { explorerView?: vscode.TreeView<unknown> };
    assert.ok(api.explorerView, 'the extension exports its explorer view');
    const deadline = Date.now() + 10_000;
    while (!api.explorerView.visible && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(api.explorerView.visible, true, 'the explorer view did not become visible within 10 s');
  });
});
