// Publish Function: zips functions/<name>/, creates or updates the Lambda function, publishes a version, points the
// alias at it and writes the alias ARN into the group's function definition.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../featureContext';
import { findManifests, manifestFor, readManifest, vscodeGroupIo } from './deployShared';
import type { CommandFactory } from './index';
import { runCommand } from './runCommand';

export const ALIAS_SETTING = 'greengrassMl.publish.alias';

export interface PublishCommandOptions {
  /** The alias to point at the new version (default: the setting, "live"). */
  alias?: string;
}

/** The function folder a file or folder belongs to: the folder directly under `functions/`. */
function functionFolderOf(fsPath: string): string | undefined {
  const parts = fsPath.split(path.sep);
  const i = parts.lastIndexOf('functions');
  if (i < 0 || i + 1 >= parts.length) return undefined;
  return parts.slice(0, i + 2).join(path.sep);
}

async function pickFunctionFolder(): Promise<string | undefined> {
  const items: (vscode.QuickPickItem & { folder: string })[] = [];
  for (const m of await findManifests()) {
    const dir = vscode.Uri.file(path.join(path.dirname(m.uri.fsPath), 'functions'));
    const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(dir)).catch((): [string, vscode.FileType][] => []);
    for (const [name, type] of entries) {
      if (type === vscode.FileType.Directory) items.push({ label: name, description: m.manifest.name ?? '', detail: vscode.workspace.asRelativePath(path.join(dir.fsPath, name)), folder: path.join(dir.fsPath, name) });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No function folder (functions/<name>/ next to a greengrass-ml.json) was found: create one with "Greengrass ML: New Inference Function".'));
    return undefined;
  }
  if (items.length === 1) return items[0]?.folder;
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Greengrass ML: Publish Function'), placeHolder: vscode.l10n.t('Which function to publish') }))?.folder;
}

export function publishFunctionCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<{ aliasArn: string; version: string; functionName: string } | undefined> {
  return runCommand(feature, vscode.l10n.t('publish functions'), async (run) => {
    const options = (rawOptions && typeof rawOptions === 'object' && !Array.isArray(rawOptions) ? rawOptions : {}) as PublishCommandOptions;
    let folder: string | undefined;
    if (arg instanceof vscode.Uri) folder = functionFolderOf(arg.fsPath);
    else if (typeof arg === 'string') folder = functionFolderOf(arg);
    else {
      const active = vscode.window.activeTextEditor?.document.uri;
      folder = active?.scheme === 'file' ? functionFolderOf(active.fsPath) : undefined;
      folder ??= await pickFunctionFolder();
    }
    if (!folder) {
      if (arg) void vscode.window.showErrorMessage(vscode.l10n.t('Publish works on a function folder (functions/<name>/ next to greengrass-ml.json); this is not in one: {0}', String(arg instanceof vscode.Uri ? arg.fsPath : arg)));
      return undefined;
    }
    const manifestUri = await manifestFor(vscode.Uri.file(folder));
    if (!manifestUri) {
      void vscode.window.showErrorMessage(vscode.l10n.t('No greengrass-ml.json was found above the function folder; publish needs the group manifest: {0}', folder));
      return undefined;
    }
    const manifest = await readManifest(manifestUri);
    const functionFolder = folder;
    const alias = options.alias ?? vscode.workspace.getConfiguration(undefined, manifestUri).get<string>(ALIAS_SETTING, 'live');
    const ran = await run.cloud({
      title: vscode.l10n.t('Publishing {0}', path.basename(functionFolder)), region: manifest?.region, logAs: `Publish ${path.basename(functionFolder)}`,
      errorActions: (message): Record<string, () => unknown> => (/lambdaExecutionRoleArn/.test(message) ? { [vscode.l10n.t('Open {0}', 'greengrass-ml.json')]: () => vscode.window.showTextDocument(manifestUri) } : {}),
    }, ({ aws, clients }, { progress }) => aws.publishFunction(clients, {
      manifestPath: manifestUri.fsPath, folder: functionFolder, alias, io: vscodeGroupIo,
      onStep: (m) => progress.report({ message: m }), log: (l) => feature.log.info(l),
    }));
    if (!ran?.ok) return undefined;
    const r = ran.value;
    feature.log.info(`Published ${r.functionName} version ${r.version}: ${r.aliasArn}`);
    const text = r.definitionPath
      ? vscode.l10n.t('Published {0} version {1} and set in {2}: {3}', r.functionName, r.version, path.basename(r.definitionPath), r.aliasArn)
      : vscode.l10n.t('Published {0} version {1}; the function definition has no entry for it, so add one with this FunctionArn: {2}', r.functionName, r.version, r.aliasArn);
    void vscode.window.showInformationMessage(text, vscode.l10n.t('Deploy Group'))
      .then((c) => (c ? vscode.commands.executeCommand('greengrassMl.deploy', manifestUri) : undefined));
    return { aliasArn: r.aliasArn, version: r.version, functionName: r.functionName };
  });
}

export const publishFunctionCommands: Record<string, CommandFactory> = {
  'greengrassMl.publishFunction': (f) => (arg?: unknown, options?: unknown) => publishFunctionCommand(f, arg, options),
};
