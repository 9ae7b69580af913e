// Greengrass V2 documents in the real VS Code: the migration folder of the fixture workspace (migration.json, a
// Lambda component request without an explicit pinned, a YAML model recipe that unpacks a .tar.gz as ZIP) shows its
// diagnostics, and the explicit-pinned quick fix applies through the code-action API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, ours, waitFor as waitUntil } from './diagnosticsSupport';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';
const TIMEOUT_MS = 60_000;

function file(...parts: string[]): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests run with a workspace folder');
  return vscode.Uri.joinPath(f.uri, 'migration-v2', ...parts);
}

/** The V2 documents are linted after the workspace scan finds the migration folder: allow it longer. */
function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, state?: () => string): Promise<T> {
  return waitUntil(what, probe, state, TIMEOUT_MS);
}

function diagnostic(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  return waitFor(`${code} in ${vscode.workspace.asRelativePath(uri)}`, () => ours(uri).find((d) => codeOf(d) === code), () => ours(uri).map((d) => codeOf(d)).join(', '));
}

describe('Greengrass V2 documents in the real VS Code', function () {
  this.timeout(120_000);

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
  });

  it('shows the V2 diagnostics of a migration folder, YAML recipe included, with links to the rule pages', async () => {
    const request = file('components', 'ObjectDetector.request.json');
    const pinned = await diagnostic(request, 'GGML-V2002');
    assert.equal(pinned.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(pinned.message, /pinned is not set.*: com\.example\.ObjectDetector$/);
    assert.ok(typeof pinned.code === 'object' && pinned.code.target.path.endsWith('/docs/rules/GGML-V2002.md'));
    assert.equal(ours(request).some((d) => codeOf(d) === 'GGML-EOS001'), false, 'no V1 end-of-support note on a V2 document');

    const recipe = file('recipes', 'com.example.MobilenetModel-1.0.0.yaml');
    const doc = await vscode.workspace.openTextDocument(recipe);
    assert.equal(doc.languageId, 'yaml');
    const unarchive = await diagnostic(recipe, 'GGML-V2003');
    assert.equal(unarchive.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(unarchive.range), 'ZIP');
  });

  it('applies the explicit-pinned quick fix, keeping the formatting, and the warning goes away', async () => {
    const uri = file('components', 'ObjectDetector.request.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const d = await diagnostic(uri, 'GGML-V2002');
    const actions = await waitFor('the pinned quick fixes', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
      return found.filter((a) => /^Set pinned to/.test(a.title)).length === 2 ? found : undefined;
    });
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred?.edit, 'a preferred fix with an edit');
    assert.equal(preferred.title, 'Set pinned to true (long-lived, what Greengrass V2 does now)');
    assert.ok(actions.some((a) => a.title === 'Set pinned to false (on demand, the Greengrass V1 default)' && !a.isPreferred));
    assert.equal(await vscode.workspace.applyEdit(preferred.edit), true);
    await waitFor('GGML-V2002 to go away', () => !ours(uri).some((x) => codeOf(x) === 'GGML-V2002'), () => ours(uri).map((x) => codeOf(x)).join(', '));
    const text = doc.getText();
    assert.match(text, /\n {6}"pinned": true\n {4}}/, 'written inside componentLambdaParameters, indented like its siblings');
    const params = (JSON.parse(text) as { lambdaFunction: { componentLambdaParameters: Record<string, unknown> } }).lambdaFunction.componentLambdaParameters;
    assert.equal(params['timeoutInSeconds'], 15);
    assert.equal(params['pinned'], true);
  });
});
