// A SAM template in YAML in the real VS Code: the Greengrass diagnostics appear at the right node with their rule
// links and related locations, a quick fix applies through the code-action API and keeps the comment on its line,
// hover explains the Greengrass parts, and the handler the template deploys is checked with its configuration.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, codes, idle, ours, waitFor } from './diagnosticsSupport';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';

function file(...parts: string[]): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests run with a workspace folder');
  return vscode.Uri.joinPath(f.uri, ...parts);
}
function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('SAM templates in the real VS Code', function () {
  this.timeout(120_000);
  const template = () => file('sam-app', 'template.yaml');

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
  });

  it('shows a YAML template\'s diagnostics at the right node, with rule links and the parameter use as related location', async () => {
    const doc = await vscode.workspace.openTextDocument(template());
    assert.equal(doc.languageId, 'yaml');
    await vscode.window.showTextDocument(doc);
    await waitFor('the template\'s diagnostics', () => codes(template()).join() === 'GGML-EOS001,GGML-FN004,GGML-ML001', () => codes(template()).join(', '));
    const fn004 = ours(template()).find((d) => codeOf(d) === 'GGML-FN004')!;
    assert.equal(doc.getText(fn004.range), '512');
    assert.match(doc.lineAt(fn004.range.start.line).text, /MemorySize: 512 {2}# the model needs half a gigabyte/, 'the Greengrass function\'s MemorySize');
    assert.equal(fn004.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(typeof fn004.code === 'object' && fn004.code.target.path.endsWith('/docs/rules/GGML-FN004.md'), 'the code links to the rule page');
    const ml001 = ours(template()).find((d) => codeOf(d) === 'GGML-ML001')!;
    assert.equal(doc.getText(ml001.range), 'https://my-greengrass-models.s3.amazonaws.com/ssd/ssd_mobilenet.tar.gz');
    const related = ml001.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0]!.location.uri.toString(), template().toString());
    assert.equal(doc.getText(related[0]!.location.range), '!Ref ModelUri');
  });

  it('hover on a Greengrass type and on a Greengrass property key explains it', async () => {
    const doc = await vscode.workspace.openTextDocument(template());
    const text = doc.getText();
    const onType = doc.positionAt(text.indexOf('AWS::Greengrass::ResourceDefinition') + 22);
    const typeHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', template(), onType));
    assert.match(typeHover, /local resources and ML model resources/);
    assert.match(typeHover, /aws-resource-greengrass-resourcedefinition\.html/);
    const onKey = doc.positionAt(text.indexOf('DestinationPath') + 4);
    const keyHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', template(), onKey));
    assert.match(keyHover, /DestinationPath/);
    assert.match(keyHover, /absolute path/i);
  });

  it('applies a quick fix in the YAML template that keeps the comment, and the diagnostic goes away', async () => {
    const uri = template();
    const doc = await vscode.workspace.openTextDocument(uri);
    let seen: string[] = [];
    const action = await waitFor('the MemorySize quick fix', async () => {
      await idle();
      const diagnostic = ours(uri).find((d) => codeOf(d) === 'GGML-FN004');
      if (!diagnostic) return undefined;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      seen = actions.map((a) => a.title);
      return actions.find((a) => /524288/.test(a.title));
    }, () => `actions: ${seen.join(', ')}; diagnostics: ${codes(uri).join(', ')}`);
    assert.ok(action.edit);
    assert.equal(action.isPreferred, true);
    assert.equal(await vscode.workspace.applyEdit(action.edit), true);
    assert.match(doc.getText(), /MemorySize: 524288 {2}# the model needs half a gigabyte/);
    assert.match(doc.getText(), /FunctionArn: !Ref ObjectDetector\.Alias/);
    await waitFor('FN004 to disappear', () => !codes(uri).includes('GGML-FN004'), () => codes(uri).join(', '));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('checks the handler the SAM function names with the function\'s configuration from the template', async () => {
    const uri = file('sam-app', 'src', 'detector.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor('PY003 and PY004 in the handler', () => codes(uri).join() === 'GGML-PY003,GGML-PY004', () => codes(uri).join(', '));
    const py003 = ours(uri).find((d) => codeOf(d) === 'GGML-PY003')!;
    assert.equal(doc.getText(py003.range), "'/ml/ssd'");
  });
});
