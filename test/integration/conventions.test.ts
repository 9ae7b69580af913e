// Editor conventions in the real VS Code: the Greengrass JSON snippets come with the schemas (offered in Greengrass
// files, not in every JSON file), and the greengrass-ml task type runs the CLI with the $greengrass-ml problem matcher.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TIMEOUT_MS = 60_000;

function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests run with a workspace folder');
  return f;
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, state?: () => string): Promise<T> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`Timed out waiting for ${what}${state ? `; now: ${state()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function completionLabels(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

/** Writes a file of the workspace and returns it with the position of the `|` it held. */
async function writeWithCaret(path: string, text: string): Promise<{ uri: vscode.Uri; position: vscode.Position }> {
  const uri = vscode.Uri.joinPath(folder().uri, path);
  const offset = text.indexOf('|');
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text.replace('|', ''), 'utf8'));
  const doc = await vscode.workspace.openTextDocument(uri);
  return { uri, position: doc.positionAt(offset) };
}

describe('Editor conventions', function () {
  this.timeout(3 * TIMEOUT_MS);

  it('offers the Greengrass JSON snippets in a function definition\'s Functions, and none in another JSON file', async () => {
    const functions = await writeWithCaret('snippet-check/function-definition.json',
      '{\n  "Name": "inference",\n  "InitialVersion": {\n    "Functions": [\n      |\n    ]\n  }\n}\n');
    const other = await writeWithCaret('snippet-check/package.json',
      '{\n  "name": "camera-dashboard",\n  "version": "1.0.0",\n  "files": [\n    |\n  ]\n}\n');
    try {
      const offered = await waitFor('the function snippet in the function definition', async () => {
        const labels = await completionLabels(functions.uri, functions.position);
        return labels.includes('Greengrass ML: function with resource access') ? labels : undefined;
      });
      assert.ok(!offered.some((l) => l.includes('S3 machine learning resource')), 'a resource snippet is not offered among functions');
      // The plain file's completions come from the same JSON language features; none of ours is among them.
      const labels = await completionLabels(other.uri, other.position);
      const ours = labels.filter((l) => /^ggml-|Greengrass ML/.test(l));
      assert.deepEqual(ours, [], `Greengrass snippets offered in a plain JSON file: ${ours.join(', ')}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder().uri, 'snippet-check'), { recursive: true });
    }
  });

  it('runs "greengrass-ml: lint workspace" from the task provider and puts its findings in the Problems view', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'greengrass-ml' });
    const task = tasks.find((t) => t.name === 'lint workspace' && t.source === 'greengrass-ml');
    assert.ok(task, `no lint task among: ${tasks.map((t) => `${t.source}: ${t.name}`).join(', ')}`);
    assert.deepEqual(task.problemMatchers, ['$greengrass-ml']);
    const ended = new Promise<number | undefined>((resolve) => {
      const sub = vscode.tasks.onDidEndTaskProcess((e) => {
        if (e.execution.task.definition.type !== 'greengrass-ml') return;
        sub.dispose();
        resolve(e.exitCode);
      });
    });
    await vscode.tasks.executeTask(task);
    const exitCode = await ended;
    assert.equal(exitCode, 1, 'the workspace has errors, so the lint ends with exit code 1');
    const functions = vscode.Uri.joinPath(folder().uri, 'lint', 'function-definition.json');
    const fromTask = () => vscode.languages.getDiagnostics(functions).filter((d) => d.source === 'greengrass-ml lint');
    const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
    const misspelt = await waitFor('the task\'s GGML-FN008 in lint/function-definition.json', () => fromTask().find((d) => codeOf(d) === 'GGML-FN008'),
      () => fromTask().map((d) => `${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', '));
    assert.equal(misspelt.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(misspelt.range.start.line, 13);
    assert.equal(misspelt.range.start.character, 48);
    assert.match(misspelt.message, /NativeEngine/);
    // The live linter's own diagnostics stay (another owner), so the file has both.
    await waitFor('the live GGML-FN008 beside the task\'s', () => vscode.languages.getDiagnostics(functions).some((d) => d.source === 'greengrass-ml' && codeOf(d) === 'GGML-FN008'));
  });
});
