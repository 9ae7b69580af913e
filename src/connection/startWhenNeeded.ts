// When the AWS connection starts: not at activation (a JSON file opened in any window activates the extension),
// but once the workspace turns out to hold Greengrass files. The explorer view and the cloud commands start it
// themselves by asking the manager for its connection.
import * as vscode from 'vscode';
import { kindFromName } from '../core/lint/fileKind';
import type { FeatureContext } from '../featureContext';
import { CONVENTION_GLOB, SCAN_EXCLUDE } from '../language/lintClient';
import type { ConnectionManager } from './connectionManager';
import { createConnectionStatusBar } from './statusBar';

export function startConnectionWhenNeeded(feature: FeatureContext, manager: ConnectionManager): void {
  const subscriptions = feature.extension.subscriptions;
  // The status bar item appears with the first known state of a started connection.
  let statusBar: vscode.Disposable | undefined;
  const showStatus = manager.onDidChange(() => {
    if (statusBar) return;
    statusBar = createConnectionStatusBar(manager);
    subscriptions.push(statusBar);
  });
  subscriptions.push(showStatus);

  const start = (why: string): void => {
    if (manager.started) return;
    feature.log.info(`Connecting to AWS: ${why}`);
    void manager.start();
  };
  const isGreengrassFile = (doc: vscode.TextDocument): boolean => doc.uri.scheme === 'file' && kindFromName(doc.uri.path) !== undefined;
  // After activation returns: the open documents are looked at then, one match is enough, and the search never
  // delays startup.
  const timer = setTimeout(() => {
    if (manager.started) return;
    subscriptions.push(vscode.workspace.onDidOpenTextDocument((doc) => {
      if (isGreengrassFile(doc)) start(`a Greengrass file was opened: ${doc.uri.fsPath}`);
    }));
    const openAlready = vscode.workspace.textDocuments.find(isGreengrassFile);
    if (openAlready) {
      start(`a Greengrass file is open: ${openAlready.uri.fsPath}`);
      return;
    }
    if (!vscode.workspace.workspaceFolders?.length) return;
    vscode.workspace.findFiles(CONVENTION_GLOB, SCAN_EXCLUDE, 1).then(
      (uris) => {
        const first = uris[0];
        if (first) start(`the workspace has Greengrass files: ${first.fsPath}`);
      },
      (error: unknown) => feature.log.warn(`Cannot search the workspace for Greengrass files; the AWS connection starts when you open the explorer: ${String(error)}`),
    );
  }, 0);
  subscriptions.push({ dispose: () => clearTimeout(timer) });
}
