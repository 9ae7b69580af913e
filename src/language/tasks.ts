// The `greengrass-ml` task type: "greengrass-ml: lint workspace" runs the bundled CLI (dist/cli.js) on each workspace
// folder, and the $greengrass-ml problem matcher puts its findings in the Problems view. Nothing of the lint engine
// is loaded here: the task runs the CLI in its own process.
import * as vscode from 'vscode';
import type { FeatureContext } from '../featureContext';

export const TASK_TYPE = 'greengrass-ml';
/** The problem matcher (package.json contributes.problemMatchers) that reads `greengrass-ml lint --format compact`. */
export const PROBLEM_MATCHER = '$greengrass-ml';

/** A `greengrass-ml` task in tasks.json: the folders or files to lint (default: the workspace folder). */
export interface GreengrassMlTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof TASK_TYPE;
  readonly paths?: readonly string[] | undefined;
}

/** The task's command line after the program: the CLI, then `lint --format compact` and the paths. */
export function lintArguments(cliPath: string, paths: readonly string[] | undefined): string[] {
  return [cliPath, 'lint', '--format', 'compact', '--', ...(paths?.length ? paths : ['.'])];
}

/**
 * Runs the CLI with the extension host's own executable: Node in a remote or web host, Electron in VS Code desktop,
 * where ELECTRON_RUN_AS_NODE=1 makes it run the script as Node does.
 */
function lintExecution(extensionUri: vscode.Uri, folder: vscode.WorkspaceFolder, paths: readonly string[] | undefined): vscode.ProcessExecution {
  const cli = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
  return new vscode.ProcessExecution(process.execPath, lintArguments(cli, paths), {
    cwd: folder.uri.fsPath,
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
}

function lintTask(extensionUri: vscode.Uri, folder: vscode.WorkspaceFolder, definition: GreengrassMlTaskDefinition, name: string): vscode.Task {
  const task = new vscode.Task(definition, folder, name, TASK_TYPE, lintExecution(extensionUri, folder, definition.paths), PROBLEM_MATCHER);
  task.group = vscode.TaskGroup.Test;
  task.detail = vscode.l10n.t('greengrass-ml lint on the workspace folder: findings go to the Problems view');
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  return task;
}

function isDefinition(definition: vscode.TaskDefinition): definition is GreengrassMlTaskDefinition {
  const paths = (definition as { paths?: unknown }).paths;
  return definition.type === TASK_TYPE && (paths === undefined || (Array.isArray(paths) && paths.every((p) => typeof p === 'string')));
}

/** Registers the task provider; building the tasks costs nothing until Tasks: Run Task asks for them. */
export function registerTaskProvider(feature: FeatureContext): void {
  const extensionUri = feature.extension.extensionUri;
  feature.extension.subscriptions.push(vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? [])
      .filter((folder) => folder.uri.scheme === 'file')
      .map((folder) => lintTask(extensionUri, folder, { type: TASK_TYPE }, vscode.l10n.t('lint workspace'))),
    // A task written in tasks.json: keep its definition (and name), give it the execution.
    resolveTask: (task) => {
      if (!isDefinition(task.definition)) return undefined;
      const scope = task.scope;
      const folder = typeof scope === 'object' ? scope : vscode.workspace.workspaceFolders?.[0];
      if (!folder || folder.uri.scheme !== 'file') return undefined;
      return lintTask(extensionUri, folder, task.definition, task.name);
    },
  }));
}
