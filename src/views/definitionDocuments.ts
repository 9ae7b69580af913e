import * as vscode from 'vscode';
import type { DefinitionKind, DefinitionRef } from '../aws/types';
import type { ConnectionManager } from '../connection/connectionManager';
import { errorText } from '../connection/connectionManager';
import type { ExplorerProvider } from './explorer';

export const DEFINITION_SCHEME = 'greengrass-ml';

/**
 * greengrass-ml:/<group>/<version>.<kind>-definition.json?kind=…&definition=…&version=…
 * (the `*.<kind>-definition.json` name is the one the linter and the JSON schemas recognise).
 */
export function definitionUri(groupName: string, ref: DefinitionRef): vscode.Uri {
  const safeGroup = groupName.replace(/[/\\?#%]/g, '_') || 'group';
  const query = new URLSearchParams({ kind: ref.kind, definition: ref.definitionId, version: ref.versionId }).toString();
  return vscode.Uri.from({ scheme: DEFINITION_SCHEME, path: `/${safeGroup}/${ref.versionId.slice(0, 8) || 'version'}.${ref.kind}-definition.json`, query });
}

/**
 * Read-only JSON of a definition version, fetched through the current connection. The document is JSON
 * (its path ends in .json), so the linter and the JSON language features see it like a pulled file.
 */
export class DefinitionDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly manager: ConnectionManager, private readonly provider: ExplorerProvider) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const kind = q.get('kind') as DefinitionKind | null;
    const definitionId = q.get('definition');
    const versionId = q.get('version');
    if (!kind || !definitionId || !versionId) {
      return `// This address does not name a definition version: ${uri.toString()}`;
    }
    if (!vscode.workspace.isTrusted || this.manager.state !== 'ready') {
      return '// Greengrass ML makes no cloud calls now (untrusted workspace or no AWS connection): trust the workspace or choose a profile, then reopen.';
    }
    try {
      const connection = this.manager.current;
      const [aws, clients] = await Promise.all([connection.aws(), connection.clients()]);
      const document = await new aws.GreengrassExplorerService(clients).getDefinitionVersionJson(kind, definitionId, versionId);
      return document.text;
    } catch (error) {
      const message = errorText(error);
      this.provider.log.error(`Failed to open the ${kind} definition version ${definitionId}/${versionId}: ${message}`);
      throw new Error(`Failed to load the ${kind} definition version: ${message}`, { cause: error });
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
