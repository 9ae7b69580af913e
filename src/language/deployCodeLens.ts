// "Deploy group" (and "Redeploy" once deployed) above a group manifest. Cloud actions are off in untrusted
// workspaces, so there the lenses are not shown.
import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { MANIFEST_FILE_NAME } from '../core/manifest';
import type { FeatureContext } from '../featureContext';

export class DeployCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly trust = vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire());

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted) return [];
    const root = parseTree(document.getText(), [], { allowTrailingComma: true, disallowComments: false });
    if (!root || root.type !== 'object') return [];
    const anchor = findNodeAtLocation(root, ['name'])?.parent ?? root;
    const range = document.lineAt(document.positionAt(anchor.offset).line).range;
    const lenses = [new vscode.CodeLens(range, { title: `$(rocket) ${vscode.l10n.t('Deploy group')}`, tooltip: vscode.l10n.t('Create new definition and group versions from these files and deploy them'), command: 'greengrassMl.deploy', arguments: [document.uri] })];
    const deployed = findNodeAtLocation(root, ['cloud', 'lastDeploymentId'])?.value;
    if (typeof deployed === 'string' && deployed) {
      lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Redeploy'), tooltip: vscode.l10n.t('Redeploy the last deployment ({0})', deployed), command: 'greengrassMl.redeploy', arguments: [document.uri] }));
    }
    return lenses;
  }

  dispose(): void {
    this.trust.dispose();
    this.changed.dispose();
  }
}

export function registerDeployCodeLens(feature: FeatureContext): void {
  const provider = new DeployCodeLensProvider();
  feature.extension.subscriptions.push(provider, vscode.languages.registerCodeLensProvider(
    [{ scheme: 'file', pattern: `**/${MANIFEST_FILE_NAME}` }], provider,
  ));
}
