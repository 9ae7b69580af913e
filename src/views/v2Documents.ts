import * as vscode from 'vscode';
import type { V2DeploymentInfo } from '../aws';
import type { ConnectionManager } from '../connection/connectionManager';

import { deploymentDetailsMarkdown } from '../core/v2/labels';
import { READ_ONLY_DOCUMENT_SCHEME } from '../server/protocol';
import type { V2Services } from './nodes/v2Components';

/** Recipes opened from this scheme are linted (the language server knows it as its read-only document scheme). */
export const V2_DOCUMENT_SCHEME = READ_ONLY_DOCUMENT_SCHEME;

const safe = (text: string): string => text.replace(/[/\\?#%:*"<>|]/g, '_') || '_';

/** greengrass-ml-v2:/components/<name>-<version>.recipe.json?arn=… — the recipe, as JSON, read-only. */
export function recipeUri(name: string, version: string, arn: string): vscode.Uri {
  return vscode.Uri.from({ scheme: V2_DOCUMENT_SCHEME, path: `/components/${safe(name)}-${safe(version)}.recipe.json`, query: new URLSearchParams({ recipe: arn }).toString() });
}

/** greengrass-ml-v2:/deployments/<target>/revision-<n>.md?deployment=… — a deployment's details, every device's status and reason. */
export function deploymentDetailsUri(d: { deploymentId: string; targetArn: string; revisionId?: string | undefined }): vscode.Uri {
  const target = safe(/[/]([^/]+)$/.exec(d.targetArn)?.[1] ?? 'target');
  return vscode.Uri.from({
    scheme: V2_DOCUMENT_SCHEME,
    path: `/deployments/${target}/${d.revisionId ? `revision-${safe(d.revisionId)}` : safe(d.deploymentId)}.md`,
    query: new URLSearchParams({ deployment: d.deploymentId }).toString(),
  });
}

/** The read-only documents of the V2 view, fetched through the current connection when opened. */
export class V2DocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly manager: ConnectionManager, private readonly services: V2Services) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const recipe = q.get('recipe');
    const deployment = q.get('deployment');
    if (!recipe && !deployment) return vscode.l10n.t('This address names no Greengrass V2 recipe or deployment: {0}', uri.toString());
    if (!vscode.workspace.isTrusted || this.manager.state !== 'ready') {
      return vscode.l10n.t('Greengrass ML makes no cloud calls now (untrusted workspace or no AWS connection). Trust the workspace or choose a profile, then open this again.');
    }
    try {
      const service = await this.services.greengrassV2();
      if (recipe) return (await service.getRecipe(recipe)).text;
      const details = await service.getDeployment(deployment!);
      const info: V2DeploymentInfo = details;
      const devices = await service.deviceStatuses(info, 100);
      return deploymentDetailsMarkdown(details, devices.devices, devices.complete);
    } catch (error) {
      const message = this.services.describeError(error);
      this.services.log.error(`Failed to open ${recipe ? `the recipe ${recipe}` : `the deployment ${deployment ?? ''}`}: ${message}`);
      throw new Error(`Failed to load ${recipe ? 'the recipe' : 'the deployment'}: ${message}`, { cause: error });
    }
  }

  /** Reads a document again (the details of a deployment still in progress). */
  reload(uri: vscode.Uri): void {
    this.changeEmitter.fire(uri);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

