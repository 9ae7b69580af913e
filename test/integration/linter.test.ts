// The linter in the real VS Code: diagnostics with codes and documentation links, quick fixes through the
// code-action API, schema completion, dependents re-linted after cross-file edits, and the lint settings.
// The workspace is a fresh copy of test/fixtures/workspace; the group under lint/ holds one mistake per fix.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, codes, idle, ours, waitFor } from './diagnosticsSupport';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests run with a workspace folder');
  return f.uri;
}
const file = (...parts: string[]) => vscode.Uri.joinPath(folder(), ...parts);
const lintFile = (name: string) => file('lint', name);

async function waitForCodes(uri: vscode.Uri, present: string[], absent: string[] = []): Promise<void> {
  await waitFor(`${present.join(', ')} and not ${absent.join(', ')} in ${vscode.workspace.asRelativePath(uri)}`, () => {
    const now = codes(uri);
    return present.every((c) => now.includes(c)) && absent.every((c) => !now.includes(c));
  }, () => codes(uri).join(', '));
}

/**
 * Applies the quick fix titled `title` of the first `code` diagnostic through the code-action API, and waits until
 * the diagnostic is gone. (The API's CodeActions carry no diagnostics, so the action is found by its title.)
 */
async function applyQuickFix(uri: vscode.Uri, code: string, title: RegExp): Promise<vscode.CodeAction> {
  await vscode.workspace.openTextDocument(uri);
  await waitForCodes(uri, [code]);
  const before = ours(uri).filter((d) => codeOf(d) === code).length;
  const action = await waitFor(`a quick fix for ${code}`, async () => {
    await idle();
    const diagnostic = ours(uri).find((d) => codeOf(d) === code);
    if (!diagnostic) return undefined;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    return actions.find((a) => title.test(a.title));
  });
  assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);
  assert.equal(action.isPreferred, true, `${action.title} is the preferred fix`);
  assert.ok(action.edit, `${action.title} has an edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `${action.title} applies`);
  await waitFor(`${code} to disappear after "${action.title}"`, () => ours(uri).filter((d) => codeOf(d) === code).length < before, () => codes(uri).join(', '));
  return action;
}

async function text(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

describe('Linter in the real VS Code', function () {
  this.timeout(120_000);

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('greengrassMl.lint').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('greengrassMl.lint').update('enable', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('lints the workspace\'s Greengrass files at activation, without opening them', async () => {
    await waitForCodes(lintFile('function-definition.json'), ['GGML-ACC003', 'GGML-FN004', 'GGML-FN008', 'GGML-XF001']);
    await waitForCodes(lintFile('resource-definition.json'), ['GGML-IAM005', 'GGML-ID001', 'GGML-ML006']);
    await waitForCodes(lintFile('service-role-policy.json'), ['GGML-IAM001', 'GGML-IAM002', 'GGML-IAM005']);
    // The V1 end-of-support note comes once per group, on its manifest: not on each file the manifest lists.
    await waitForCodes(lintFile('greengrass-ml.json'), ['GGML-EOS001']);
    for (const f of ['greengrass-ml.json', 'function-definition.json', 'resource-definition.json', 'core-definition.json', 'service-role-policy.json']) {
      assert.equal(codes(lintFile(f)).filter((c) => c === 'GGML-EOS001').length, f === 'greengrass-ml.json' ? 1 : 0, f);
    }
    assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === lintFile('function-definition.json').toString()), false, 'the file was not opened');
  });

  it('lints in a language server of its own process, not on the extension host', async () => {
    await waitForCodes(lintFile('resource-definition.json'), ['GGML-ML006']);
    const api = vscode.extensions.getExtension(EXTENSION_ID)?.exports as { linter: { stats(): Promise<{ pid: number; files: number } | undefined> } };
    const stats = await api.linter.stats();
    assert.ok(stats, 'the language server is running');
    assert.notEqual(stats.pid, process.pid);
    assert.ok(stats.files >= 4, `diagnostics for ${stats.files} files`);
  });

  it('gives each diagnostic its rule code, a link to the rule\'s page, a severity and an exact range', async () => {
    const uri = lintFile('function-definition.json');
    await waitForCodes(uri, ['GGML-FN008']);
    const doc = await vscode.workspace.openTextDocument(uri);
    const d = ours(uri).find((x) => codeOf(x) === 'GGML-FN008');
    assert.ok(d && typeof d.code === 'object');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /NaiveEngine/);
    assert.equal(doc.getText(d.range), '"NativeEngine"');
    const target = d.code.target;
    assert.ok(target.path.endsWith('/docs/rules/GGML-FN008.md'), target.toString());
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(page, /NaiveEngine/, 'the link opens the rule\'s page inside the installed extension');
    const fn004 = ours(uri).find((x) => codeOf(x) === 'GGML-FN004');
    assert.equal(fn004?.severity, vscode.DiagnosticSeverity.Warning);
    const eos = ours(lintFile('greengrass-ml.json')).find((x) => codeOf(x) === 'GGML-EOS001');
    assert.equal(eos?.severity, vscode.DiagnosticSeverity.Information);
  });

  it('fixes the NativeEngine misspelling and keeps the comments', async () => {
    const uri = lintFile('function-definition.json');
    await applyQuickFix(uri, 'GGML-FN008', /NaiveEngine/);
    const t = await text(uri);
    assert.match(t, /"MXNET_ENGINE_TYPE": "NaiveEngine"/);
    assert.match(t, /\/\/ Comments are kept by every quick fix\./);
  });

  it('lowers rw to the ro of the resource\'s OwnerSetting', async () => {
    const uri = lintFile('function-definition.json');
    await applyQuickFix(uri, 'GGML-ACC003', /\bro\b/);
    assert.match(await text(uri), /"ResourceId": "squeezenet", "Permission": "ro"/);
  });

  it('turns a MemorySize that looks like MB into KB', async () => {
    const uri = lintFile('function-definition.json');
    await applyQuickFix(uri, 'GGML-FN004', /98304/);
    assert.match(await text(uri), /"MemorySize": 98304/);
  });

  it('makes a relative DestinationPath absolute', async () => {
    const uri = lintFile('resource-definition.json');
    await applyQuickFix(uri, 'GGML-ML006', /absolute/);
    assert.match(await text(uri), /"DestinationPath": "\/ml\/squeezenet"/);
  });

  it('sanitizes an Id in the resource definition and in the function that uses it (a cross-file fix)', async () => {
    const resources = lintFile('resource-definition.json');
    const functions = lintFile('function-definition.json');
    await applyQuickFix(resources, 'GGML-ID001', /Replace the characters/);
    const r = await text(resources);
    const f = await text(functions);
    assert.doesNotMatch(r, /resnet model!/);
    assert.doesNotMatch(f, /resnet model!/);
    const newId = /"Id": "(resnet[^"]*)"/.exec(r)?.[1];
    assert.ok(newId, r);
    assert.match(f, new RegExp(`"ResourceId": "${newId}"`));
    await idle();
    assert.ok(!codes(functions).includes('GGML-ID001'));
  });

  it('adds the missing s3:GetObject statement to the policy from the resource definition, and both files update', async () => {
    const resources = lintFile('resource-definition.json');
    const policy = lintFile('service-role-policy.json');
    await waitForCodes(policy, ['GGML-IAM005']);
    const action = await applyQuickFix(resources, 'GGML-IAM005', /s3:GetObject/);
    assert.ok(action.edit?.has(policy), 'the fix edits the policy file');
    assert.match(await text(policy), /arn:aws:s3:::camera-models\/\*/);
    await waitForCodes(policy, [], ['GGML-IAM005']);
  });

  it('adds the policy Version and names the objects of a bucket-only ARN', async () => {
    const policy = lintFile('service-role-policy.json');
    await applyQuickFix(policy, 'GGML-IAM001', /Version/);
    await applyQuickFix(policy, 'GGML-IAM002', /camera-models\/\*/);
    const t = await text(policy);
    assert.match(t, /"Version": "2012-10-17"/);
    assert.doesNotMatch(t, /"arn:aws:s3:::camera-models"/);
    assert.doesNotThrow(() => JSON.parse(t));
  });

  it('clears an unknown-resource error in the function definition when the resource is added to the resource definition', async () => {
    const resources = lintFile('resource-definition.json');
    const functions = lintFile('function-definition.json');
    await waitForCodes(functions, ['GGML-XF001']);
    const doc = await vscode.workspace.openTextDocument(resources);
    const anchor = doc.getText().indexOf('"Resources": [') + '"Resources": ['.length;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(resources, doc.positionAt(anchor), `
      {
        "Id": "mobilenet",
        "Name": "mobilenet",
        "ResourceDataContainer": {
          "S3MachineLearningModelResourceData": { "S3Uri": "s3://camera-models/mobilenet.zip", "DestinationPath": "/ml/mobilenet" }
        }
      },`);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await waitForCodes(functions, [], ['GGML-XF001']);
  });

  it('lints a JSON file by its content when it follows no naming convention, and an untitled document', async () => {
    const uri = lintFile('cli-input/create-resource-definition.json');
    assert.deepEqual(codes(uri), [], 'not linted before it is opened');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitForCodes(uri, ['GGML-ML002', 'GGML-ML003']);
    const untitled = await vscode.workspace.openTextDocument({ language: 'jsonc', content: '{ "Resources": [ { "Id": "x", "Name": "x", "ResourceDataContainer": { "LocalDeviceResourceData": { "SourcePath": "/home/pi/camera" } } } ] }' });
    await waitForCodes(untitled.uri, ['GGML-LR001']);
  });

  it('lints a definition file created on disk and clears its diagnostics when it is deleted', async () => {
    const uri = lintFile('extra.resource-definition.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{ "Resources": [ { "Id": "a", "Name": "a", "ResourceDataContainer": { "S3MachineLearningModelResourceData": { "S3Uri": "s3://my-greengrass-models/a.rar", "DestinationPath": "/ml/a" } } } ] }\n'));
    await waitForCodes(uri, ['GGML-ML002']);
    await vscode.workspace.fs.delete(uri);
    await waitFor('the deleted file\'s diagnostics to clear', () => ours(uri).length === 0, () => codes(uri).join(', '));
  });

  it('applies the rule severity setting and the enable setting', async () => {
    const uri = lintFile('greengrass-ml.json');
    const config = () => vscode.workspace.getConfiguration('greengrassMl.lint');
    await waitForCodes(uri, ['GGML-EOS001']);
    await config().update('rules', { 'GGML-EOS001': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitForCodes(uri, [], ['GGML-EOS001']);
    await config().update('rules', { 'GGML-EOS001': 'warning' }, vscode.ConfigurationTarget.Workspace);
    await waitFor('EOS001 as a warning', () => ours(uri).find((d) => codeOf(d) === 'GGML-EOS001' && d.severity === vscode.DiagnosticSeverity.Warning));
    await config().update('enable', false, vscode.ConfigurationTarget.Workspace);
    await waitFor('no diagnostics with linting off', () => ours(uri).length === 0 && ours(lintFile('function-definition.json')).length === 0);
    await config().update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor('EOS001 back at its default severity (info)', () => ours(uri).find((d) => codeOf(d) === 'GGML-EOS001' && d.severity === vscode.DiagnosticSeverity.Information));
  });

  it('silences a rule for one line with a comment in a JSONC file, and turns it off in the settings from a strict .json file', async () => {
    const uri = lintFile('camera.function-definition.jsonc');
    const body = '{\n  "Functions": [\n    {\n      "Id": "camera classifier!",\n      "FunctionArn": "arn:aws:lambda:us-west-2:123456789012:function:camera:1",\n      "FunctionConfiguration": { "MemorySize": 98304, "Timeout": 10 }\n    }\n  ]\n}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(body));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'jsonc');
    await waitForCodes(uri, ['GGML-ID001']);
    const actionFor = async (target: vscode.Uri, code: string, title: RegExp) => waitFor(`"${String(title)}" for ${code}`, async () => {
      await idle();
      const d = ours(target).find((x) => codeOf(x) === code);
      if (!d) return undefined;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', target, d.range, vscode.CodeActionKind.QuickFix.value);
      return actions.find((a) => title.test(a.title));
    });
    const line = await actionFor(uri, 'GGML-ID001', /^Disable GGML-ID001 for this line$/);
    assert.ok(line.edit);
    assert.equal(await vscode.workspace.applyEdit(line.edit), true);
    assert.match(await text(uri), /\n {6}\/\/ greengrass-ml-disable-next-line GGML-ID001\n {6}"Id": "camera classifier!"/);
    await waitForCodes(uri, ['GGML-EOS001'], ['GGML-ID001']);
    await actionFor(uri, 'GGML-EOS001', /^Disable GGML-EOS001 for this file$/);

    // A policy file is read by IAM and the AWS CLI: no comment, the setting instead. (Its own file: the tests above
    // fixed service-role-policy.json's findings.)
    const policy = lintFile('camera.policy.json');
    await vscode.workspace.fs.writeFile(policy, new TextEncoder().encode('{\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::camera-models" }\n  ]\n}\n'));
    await vscode.workspace.openTextDocument(policy);
    await waitForCodes(policy, ['GGML-IAM001']);
    const turnOff = await actionFor(policy, 'GGML-IAM001', /^Turn off GGML-IAM001 in the workspace settings/);
    assert.equal(turnOff.edit, undefined);
    assert.ok(turnOff.command);
    await vscode.commands.executeCommand(turnOff.command.command, ...(turnOff.command.arguments ?? []));
    await waitForCodes(policy, ['GGML-IAM002'], ['GGML-IAM001']);
    assert.equal(vscode.workspace.getConfiguration('greengrassMl.lint').inspect<Record<string, string>>('rules')?.workspaceValue?.['GGML-IAM001'], 'off');
    await vscode.workspace.getConfiguration('greengrassMl.lint').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForCodes(policy, ['GGML-IAM001']);
    await vscode.workspace.fs.delete(uri);
    await vscode.workspace.fs.delete(policy);
  });

  it('offers property names from the schemas in a manifest and in a function definition', async () => {
    const manifest = await vscode.workspace.openTextDocument(lintFile('greengrass-ml.json'));
    const at = manifest.positionAt(manifest.getText().indexOf('"name"'));
    const labels = async (doc: vscode.TextDocument, pos: vscode.Position) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
    };
    await waitFor('manifest property completions', async () => {
      const l = await labels(manifest, at);
      return l.includes('lambdaExecutionRoleArn') && l.includes('cloud');
    });
    const functions = await vscode.workspace.openTextDocument(lintFile('function-definition.json'));
    const pinned = functions.positionAt(functions.getText().indexOf('"Pinned"'));
    await waitFor('function configuration property completions', async () => {
      const l = await labels(functions, pinned);
      return l.includes('EncodingType') && l.includes('Executable');
    });
  });

  it('publishes the diagnostics of the latest text only when edits come faster than the debounce', async () => {
    const uri = lintFile('core-definition.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const linter = (vscode.extensions.getExtension(EXTENSION_ID)?.exports as { linter: { resultFor(u: vscode.Uri): { version?: number } | undefined } }).linter;
    const idRange = () => {
      const start = doc.getText().indexOf('"pi-core"');
      return new vscode.Range(doc.positionAt(start), doc.positionAt(start + '"pi-core"'.length));
    };
    const replace = async (range: vscode.Range, content: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, range, content);
      assert.equal(await vscode.workspace.applyEdit(edit), true);
    };
    const original = idRange();
    await replace(original, '"pi core!"');
    await replace(new vscode.Range(original.start, doc.positionAt(doc.offsetAt(original.start) + '"pi core!"'.length)), '"pi-core"');
    await waitFor('a lint of the latest version', () => linter.resultFor(uri)?.version === doc.version);
    await idle();
    assert.deepEqual(codes(uri).filter((c) => c === 'GGML-ID001'), [], 'the intermediate text left no diagnostic');
    await replace(idRange(), '"pi core!"');
    await waitForCodes(uri, ['GGML-ID001']);
  });

  it('skips the folders of greengrassMl.lint.exclude in the workspace scan, and scans nothing with greengrassMl.lint.scanWorkspace off', async () => {
    const config = () => vscode.workspace.getConfiguration('greengrassMl.lint');
    const body = '{ "Resources": [ { "Id": "a", "Name": "a", "ResourceDataContainer": { "S3MachineLearningModelResourceData": { "S3Uri": "s3://my-greengrass-models/a.rar", "DestinationPath": "/ml/a" } } } ] }\n';
    const archived = file('lint', 'archive', 'old.resource-definition.json');
    const kept = lintFile('kept.resource-definition.json');
    for (const uri of [archived, kept]) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(body));
    try {
      await waitForCodes(archived, ['GGML-ML002']);
      await waitForCodes(kept, ['GGML-ML002']);
      await config().update('exclude', ['lint/archive/**'], vscode.ConfigurationTarget.Workspace);
      await waitFor('the excluded folder\'s file to lose its diagnostics', async () => {
        await idle();
        return ours(archived).length === 0 && codes(kept).includes('GGML-ML002');
      }, () => `${codes(archived).join(', ')} / ${codes(kept).join(', ')}`);
      await config().update('scanWorkspace', false, vscode.ConfigurationTarget.Workspace);
      await waitFor('no scanned file to keep diagnostics', async () => {
        await idle();
        return ours(kept).length === 0;
      }, () => codes(kept).join(', '));
    } finally {
      await config().update('scanWorkspace', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForCodes(archived, ['GGML-ML002']);
    for (const uri of [archived, kept]) await vscode.workspace.fs.delete(uri);
  });

  it('explains a property on hover from the schema', async () => {
    const resources = await vscode.workspace.openTextDocument(lintFile('resource-definition.json'));
    const at = resources.positionAt(resources.getText().indexOf('"GroupPermission"') + 3);
    await waitFor('a hover on GroupPermission', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', resources.uri, at);
      const shown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /permission the group owner has on the model/.test(shown);
    });
  });
});
