// Registers the linter: diagnostics for Greengrass documents (JSON and JSONC, files and untitled) and quick fixes.
import * as vscode from 'vscode';
import type { FeatureContext } from '../featureContext';
import { LintCodeActions } from './codeActions';
import { Linter } from './linter';

export const LINT_SELECTOR: vscode.DocumentSelector = [
  { language: 'json', scheme: 'file' },
  { language: 'json', scheme: 'untitled' },
  { language: 'jsonc', scheme: 'file' },
  { language: 'jsonc', scheme: 'untitled' },
];

export function registerLinter(feature: FeatureContext): Linter {
  const linter = new Linter(feature.extension.extensionUri, feature.log);
  feature.extension.subscriptions.push(linter);
  feature.extension.subscriptions.push(vscode.languages.registerCodeActionsProvider(LINT_SELECTOR, new LintCodeActions(linter), LintCodeActions.metadata));
  linter.start();
  return linter;
}
