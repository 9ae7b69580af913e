// Migrate Group to Greengrass V2… in the real VS Code: from the group folder's manifest and from a template with
// two groups, the files written, the report opened, and the question before replacing files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';
const decoder = new TextDecoder();

interface Result { outDir: string; reportPath: string; blockers: number; written: string[] }

async function read(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

describe('Migrate Group to Greengrass V2 in the real VS Code', function () {
  // The first migration loads the AWS layer's bundle, which holds the migration; a loaded machine makes that slow.
  this.timeout(120_000);
  let folder: vscode.Uri;

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    folder = vscode.Uri.joinPath(root, `migrate-it-${Date.now()}`);
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(ext.extensionUri, 'examples'), vscode.Uri.joinPath(folder, 'camera'), { overwrite: true });
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(ext.extensionUri, 'test', 'fixtures', 'templates', 'two-groups.yaml'), vscode.Uri.joinPath(folder, 'two-groups.yaml'), { overwrite: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (folder) await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  it('migrates the group folder of a manifest, writes the files beside it and opens the report', async () => {
    const manifest = vscode.Uri.joinPath(folder, 'camera', 'greengrass-ml.json');
    const result = await vscode.commands.executeCommand<Result | undefined>('greengrassMl.migrateGroup', manifest);
    assert.ok(result, 'the command returns what it wrote');
    const out = vscode.Uri.joinPath(folder, 'camera', 'greengrass-v2');
    assert.equal(result.outDir, out.fsPath);
    assert.equal(result.blockers, 3);
    assert.deepEqual([...result.written].sort(), ['components/image-classifier.request.json', 'deployment.json', 'migration-report.md', 'migration.json', 'recipes/camera-inference.models.squeezenet-model-1.0.0.json']);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, vscode.Uri.joinPath(out, 'migration-report.md').fsPath, 'the report is open');
    assert.match(vscode.window.activeTextEditor.document.getText(), /^# Greengrass V2 migration of group camera-inference\n[\s\S]*## Blockers/);
    const record = JSON.parse(await read(vscode.Uri.joinPath(out, 'migration.json'))) as { source: { kind: string; path: string }; components: { name: string }[] };
    assert.deepEqual(record.source, { kind: 'group-folder', path: '..', group: 'camera-inference' });
  });

  it('migrates the chosen group of a template into the folder given, and replaces files only when told', async () => {
    const template = vscode.Uri.joinPath(folder, 'two-groups.yaml');
    const outDir = vscode.Uri.joinPath(folder, 'gateway-v2').fsPath;
    const first = await vscode.commands.executeCommand<Result | undefined>('greengrassMl.migrateGroup', template, { group: 'gateway', outDir });
    assert.ok(first);
    const request = JSON.parse(await read(vscode.Uri.joinPath(folder, 'gateway-v2', 'components', 'aggregator.request.json'))) as { lambdaFunction: { componentLambdaParameters: { linuxProcessParams: { containerParams: { volumes: { sourcePath: string }[] } } } } };
    assert.deepEqual(request.lambdaFunction.componentLambdaParameters.linuxProcessParams.containerParams.volumes.map((v) => v.sourcePath), ['/data/buffer']);
    const again = await vscode.commands.executeCommand<Result | undefined>('greengrassMl.migrateGroup', template, { group: 'gateway', outDir, force: true });
    assert.ok(again, 'force replaces without asking');
  });
});
