import * as vscode from 'vscode';

export const DEPLOYMENT_SCHEME = 'greengrass-ml-deployment';
const KEEP = 20;

/**
 * Read-only Markdown documents of deployment details (greengrass-ml-deployment:/<group>/<deployment>.md). The command
 * that opens one writes its text here first; reopening the same deployment shows the text as of its last opening.
 */
export class DeploymentDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  uriFor(groupName: string, deploymentId: string): vscode.Uri {
    const safe = (s: string): string => s.replace(/[/\\?#%]/g, '_') || 'group';
    return vscode.Uri.from({ scheme: DEPLOYMENT_SCHEME, path: `/${safe(groupName)}/deployment-${safe(deploymentId)}.md` });
  }

  /** Sets the text of a deployment's document (only the last few documents are kept). */
  set(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    this.texts.delete(key);
    this.texts.set(key, text);
    while (this.texts.size > KEEP) this.texts.delete(this.texts.keys().next().value as string);
    this.changeEmitter.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString())
      ?? vscode.l10n.t('These deployment details are no longer kept. Open them again from the deployment in the Greengrass ML explorer.');
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.texts.clear();
  }
}
