// Every user-facing command, registered from one table. Each entry's id matches package.json.
import * as vscode from 'vscode';
import type { CommandContext } from '../featureContext';
import { connectionCommands } from './connectionCommands';
import { explorerCompareCommands } from './explorerCompare';
import { explorerCopyCommands } from './explorerCopy';
import { explorerDeploymentDetailsCommands } from './explorerDeploymentDetails';
import { explorerModelArchiveCommands } from './explorerModelArchives';
import { explorerOpenDefinitionCommands } from './explorerOpenDefinition';
import { explorerPullGroupCommands } from './explorerPullGroup';
import { explorerRevealModelSourceCommands } from './explorerRevealModelSource';
import { explorerTreeCommands } from './explorerTree';
import { newInferenceFunctionCommands } from './newInferenceFunction';
import { bulkDeployCommands } from './bulkDeploy';
import { deployCommands } from './deploy';
import { publishFunctionCommands } from './publishFunction';
import { uploadModelCommands } from './uploadModel';
import { lintRuleCommands } from './lintRules';
import { migrateGroupCommands } from './migrateGroup';
import { publishComponentsCommands } from './publishComponents';
import { deployToThingGroupCommands } from './deployToThingGroup';
import { v2DeploymentCommands } from './v2Deployments';
import { v2ExplorerCommands } from './v2Explorer';

export type CommandFactory = (feature: CommandContext) => (...args: unknown[]) => unknown;

const commands: Record<string, CommandFactory> = {
  'greengrassMl.showLog': (f) => () => f.log.show(true),
  'greengrassMl.openSetupGuide': (f) => () =>
    vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(f.extension.extensionUri, 'README.md')),
  ...connectionCommands,
  ...explorerTreeCommands,
  ...explorerCopyCommands,
  ...explorerCompareCommands,
  ...explorerDeploymentDetailsCommands,
  ...explorerOpenDefinitionCommands,
  ...explorerPullGroupCommands,
  ...explorerRevealModelSourceCommands,
  ...explorerModelArchiveCommands,
  ...v2ExplorerCommands,
  ...newInferenceFunctionCommands,
  ...uploadModelCommands,
  ...publishFunctionCommands,
  ...deployCommands,
  ...bulkDeployCommands,
  ...lintRuleCommands,
  ...migrateGroupCommands,
  ...publishComponentsCommands,
  ...deployToThingGroupCommands,
  ...v2DeploymentCommands,
};

export function registerCommands(feature: CommandContext): void {
  for (const [id, factory] of Object.entries(commands)) {
    feature.extension.subscriptions.push(vscode.commands.registerCommand(id, factory(feature)));
  }
}
