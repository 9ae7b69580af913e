// A deployment that fails on the core, end to end in the real VS Code: Deploy Group watches it to Failure and puts
// the error on the line of the function it names. The local endpoint fails a V1 deployment whose function's name
// contains "fail-deploy", as a core whose function does not start would.
import * as assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { planScaffold } from '../../src/core/scaffold';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';
const run = Date.now().toString(36);
const functionName = `person-counter-fail-deploy-${run}`;

interface DeployResult { kind: string; outcome?: { result: string; status?: string }; message: string }

describe('a deployment that fails on the core, in the real VS Code (against the local endpoint)', function () {
  this.timeout(90_000);
  let folder: string;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'a workspace folder is open');
    folder = join(ws.uri.fsPath, `dock-${run}`);
    const plan = planScaffold({
      framework: 'neo-dlr', runtime: 'python3.8', platform: 'jetson-tx2', source: { kind: 's3', uri: 's3://greengrass-models-demo/person/model.tar.gz' },
      destinationPath: '/greengrass-machine-learning/dlr/person', isolationMode: 'NoContainer', lifecycle: 'pinned', functionName, topic: 'ml/person/count',
    }, { name: `dock-${run}`, readFile: () => undefined });
    for (const f of plan.files) {
      await mkdir(dirname(join(folder, f.path)), { recursive: true });
      await writeFile(join(folder, f.path), f.content);
    }
  });
  after(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('Deploy Group ends in Failure and marks the failing function in function-definition.json', async () => {
    const manifest = vscode.Uri.file(join(folder, 'greengrass-ml.json'));
    const r = await vscode.commands.executeCommand<DeployResult>('greengrassMl.deploy', manifest, { watchTimeoutSeconds: 30 });
    assert.equal(r?.kind, 'deployed', r?.message);
    assert.equal(r.outcome?.result, 'failure', JSON.stringify(r.outcome));
    assert.equal(r.outcome?.status, 'Failure');
    const definition = vscode.Uri.file(join(folder, 'function-definition.json'));
    const diags = vscode.languages.getDiagnostics(definition).filter((d) => d.source === 'greengrass-ml' && d.code === 'deployment');
    assert.equal(diags.length, 1, `diagnostics: ${vscode.languages.getDiagnostics(definition).map((d) => d.message).join(' | ')}`);
    assert.equal(diags[0]?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diags[0]?.message ?? '', new RegExp(`^The deployment failed on .*function:${functionName}:live: .*failed to start`));
    const doc = await vscode.workspace.openTextDocument(definition);
    assert.match(doc.getText(diags[0]!.range), new RegExp(`"arn:aws:lambda:.*:function:${functionName}:live"`));
  });
});
