import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ours, waitFor } from './diagnosticsSupport';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';
const decoder = new TextDecoder();

interface Result { handler: string; created: string[]; edited: string[]; overwritten: string[]; kept: string[] }

async function read(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

describe('New Inference Function in the real VS Code', () => {
  let group: vscode.Uri;
  const answers = {
    framework: 'mxnet', runtime: 'python3.8', platform: 'raspberry-pi',
    source: { kind: 's3', uri: 's3://acme-ml-models/squeezenet/model.tar.gz' },
    destinationPath: '/greengrass-machine-learning/mxnet/squeezenet', isolationMode: 'GreengrassContainer', lifecycle: 'pinned',
    functionName: 'camera-classifier', topic: 'ml/camera/results',
  };

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    group = vscode.Uri.joinPath(root, `scaffold-it-${Date.now()}`);
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(ext.extensionUri, 'test', 'fixtures', 'scaffold', 'pi-group'), group, { overwrite: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (group) await vscode.workspace.fs.delete(group, { recursive: true, useTrash: false });
  });

  it('writes the handler and adds the function, resources, subscription and policy to the group files', async () => {
    const before = await read(vscode.Uri.joinPath(group, 'function-definition.json'));
    const result = await vscode.commands.executeCommand<Result>('greengrassMl.newInferenceFunction', { answers, groupFolder: group });
    assert.ok(result, 'the command returns what it did');
    const handler = vscode.Uri.joinPath(group, 'functions', 'camera-classifier', 'inference.py');
    assert.equal(result.handler, handler.toString());
    for (const f of ['inference.py', 'requirements.txt']) {
      assert.ok(await exists(vscode.Uri.joinPath(group, 'functions', 'camera-classifier', f)), `${f} was not written`);
    }
    assert.match(await read(handler), /mx\.model\.load_checkpoint/);
    assert.deepEqual(result.created.sort(), ['functions/camera-classifier/inference.py', 'functions/camera-classifier/requirements.txt', 'service-role-policy.json']);
    assert.deepEqual(result.edited.sort(), ['function-definition.json', 'greengrass-ml.json', 'resource-definition.json', 'subscription-definition.json']);

    const functions = await read(vscode.Uri.joinPath(group, 'function-definition.json'));
    assert.ok(functions.startsWith(before.slice(0, before.indexOf('"Functions"'))), 'the comment and the lines before the list are kept');
    assert.match(functions, /"Id": "camera-classifier"/);
    assert.match(functions, /"MXNET_ENGINE_TYPE": "NaiveEngine"/);
    assert.match(await read(vscode.Uri.joinPath(group, 'resource-definition.json')), /"DestinationPath": "\/greengrass-machine-learning\/mxnet\/squeezenet"/);
    assert.match(await read(vscode.Uri.joinPath(group, 'resource-definition.json')), /"SourcePath": "\/dev\/vcsm"/);
    assert.match(await read(vscode.Uri.joinPath(group, 'subscription-definition.json')), /"Subject": "ml\/camera\/results"/);
    assert.match(await read(vscode.Uri.joinPath(group, 'service-role-policy.json')), /arn:aws:s3:::acme-ml-models\/\*/);
    assert.match(await read(vscode.Uri.joinPath(group, 'greengrass-ml.json')), /"serviceRolePolicy": "service-role-policy.json"/);
    // Saved to disk, not left dirty in an editor.
    for (const d of vscode.workspace.textDocuments) if (d.uri.path.startsWith(group.path)) assert.equal(d.isDirty, false, d.uri.path);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), handler.toString(), 'the handler is opened');
  });

  it('leaves the group lint-clean: the editor shows only the group\'s end-of-support note on its manifest and nothing on the handler', async () => {
    const files = ['greengrass-ml.json', 'function-definition.json', 'resource-definition.json', 'subscription-definition.json', 'service-role-policy.json'];
    for (const f of files) await vscode.workspace.openTextDocument(vscode.Uri.joinPath(group, f));
    const manifest = vscode.Uri.joinPath(group, 'greengrass-ml.json');
    await waitFor('the linter on the manifest', () => ours(manifest).some((x) => codeOf(x) === 'GGML-EOS001'));
    await (vscode.extensions.getExtension(EXTENSION_ID)!.exports as { linter: { whenIdle(): Promise<void> } }).linter.whenIdle();
    for (const f of files) {
      const wanted = f === 'greengrass-ml.json' ? ['GGML-EOS001'] : [];
      const diagnostics = await waitFor(`only ${wanted.join() || 'nothing'} on ${f}`, () => {
        const d = ours(vscode.Uri.joinPath(group, f));
        return d.map(codeOf).join() === wanted.join() ? d : undefined;
      }).catch(() => ours(vscode.Uri.joinPath(group, f)));
      assert.deepEqual(diagnostics.map((d) => codeOf(d)), wanted, `${f}: ${diagnostics.map((d) => d.message).join('; ')}`);
    }
    const handler = vscode.Uri.joinPath(group, 'functions', 'camera-classifier', 'inference.py');
    await vscode.workspace.openTextDocument(handler);
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(ours(handler).map(codeOf), []);
  });

  it('running it again without overwrite keeps the user\'s edits; with overwrite it replaces them', async () => {
    const handler = vscode.Uri.joinPath(group, 'functions', 'camera-classifier', 'inference.py');
    await vscode.workspace.fs.writeFile(handler, new TextEncoder().encode('# my own handler\n'));
    const functionsBefore = await read(vscode.Uri.joinPath(group, 'function-definition.json'));
    const changed = { ...answers, topic: 'ml/camera/other' };

    const kept = await vscode.commands.executeCommand<Result>('greengrassMl.newInferenceFunction', { answers: changed, groupFolder: group });
    assert.ok(kept.kept.some((k) => /inference\.py exists/.test(k)), kept.kept.join('; '));
    assert.deepEqual(kept.overwritten, []);
    assert.equal(await read(handler), '# my own handler\n');
    assert.equal(await read(vscode.Uri.joinPath(group, 'function-definition.json')), functionsBefore, 'the function entry is kept');

    const replaced = await vscode.commands.executeCommand<Result>('greengrassMl.newInferenceFunction', { answers: changed, groupFolder: group, overwrite: true });
    assert.ok(replaced.overwritten.includes('functions/camera-classifier/inference.py'));
    assert.match(await read(handler), /ml\/camera\/other/);
  });

  it('takes the model source from the explorer (a training job) when the answers leave it out', async () => {
    const jobArn = 'arn:aws:sagemaker:us-east-1:123456789012:training-job/squeezenet-neo';
    const { source: _unused, ...rest } = answers;
    const result = await vscode.commands.executeCommand<Result>('greengrassMl.newInferenceFunction', {
      answers: { ...rest, framework: 'neo-dlr', functionName: 'neo-from-job', topic: 'ml/neo/results', destinationPath: '/ml_model' },
      groupFolder: group, sageMakerJobArn: jobArn,
    });
    assert.ok(result.created.includes('functions/neo-from-job/inference.py'));
    const resources = await read(vscode.Uri.joinPath(group, 'resource-definition.json'));
    assert.match(resources, new RegExp(`"SageMakerJobArn": "${jobArn.replace(/[/.]/g, '\\$&')}"`));
    assert.match(await read(vscode.Uri.joinPath(group, 'functions', 'neo-from-job', 'inference.py')), /dlr\.DLRModel\(MODEL_PATH, DEVICE\)/);
  });

  it('shows Python diagnostics with documentation links for a hard-coded model path, and the quick fix clears them', async () => {
    const bad = vscode.Uri.joinPath(group, 'functions', 'camera-classifier', 'bad.py');
    await vscode.workspace.fs.writeFile(bad, new TextEncoder().encode("import json\n\nMODEL = '/greengrass-machine-learning/mxnet/squeezenet/squeezenet_v1.1'\n"));
    const doc = await vscode.workspace.openTextDocument(bad);
    await vscode.window.showTextDocument(doc);
    const [d] = await waitFor('GGML-PY003', () => {
      const found = ours(bad).filter((x) => codeOf(x) === 'GGML-PY003');
      return found.length ? found : undefined;
    });
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(d!.range), "'/greengrass-machine-learning/mxnet/squeezenet/squeezenet_v1.1'");
    assert.ok(typeof d!.code === 'object' && d!.code.target.path.endsWith('docs/rules/GGML-PY003.md'));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', bad, d!.range);
    const fix = actions.find((a) => a.title === 'Prefix the path with AWS_GG_RESOURCE_PREFIX');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /^import os\nimport json\n/);
    await waitFor('the diagnostic to clear', () => (ours(bad).some((x) => codeOf(x) === 'GGML-PY003') ? undefined : true));
  });

  it('flags an MXNet handler whose function lacks NaiveEngine, and fixes the function definition', async () => {
    const code = vscode.Uri.joinPath(group, 'functions', 'legacy-classifier', 'inference.py');
    await vscode.workspace.fs.writeFile(code, new TextEncoder().encode('import mxnet as mx\n'));
    const doc = await vscode.workspace.openTextDocument(code);
    const [d] = await waitFor('GGML-PY004', () => {
      const found = ours(code).filter((x) => codeOf(x) === 'GGML-PY004');
      return found.length ? found : undefined;
    });
    assert.match(d!.message, /legacy-classifier$/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', code, d!.range);
    const fix = actions.find((a) => a.title.startsWith('Set MXNET_ENGINE_TYPE=NaiveEngine'));
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const defs = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(group, 'function-definition.json'));
    assert.match(defs.getText(), /"legacy-classifier"[\s\S]*"MXNET_ENGINE_TYPE": "NaiveEngine"/);
    await defs.save();
    await waitFor('the diagnostic to clear', () => (ours(doc.uri).some((x) => codeOf(x) === 'GGML-PY004') ? undefined : true));
  });
});
