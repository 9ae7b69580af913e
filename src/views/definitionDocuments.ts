import * as vscode from 'vscode';
import type { DefinitionKind, DefinitionRef } from '../aws/types';
import { FILE_DEFINITION_KINDS, type FileDefinitionKind } from '../core/model';
import type { ConnectionManager } from '../connection/connectionManager';
import { errorText } from '../connection/connectionManager';
import type { ExplorerProvider } from './explorer';

export const DEFINITION_SCHEME = 'greengrass-ml';

function isFileKind(kind: DefinitionKind): kind is FileDefinitionKind {
  return kind in FILE_DEFINITION_KINDS;
}

/**
 * greengrass-ml:/<group>/<version>.<kind>-definition.json?kind=…&definition=…&version=…
 * (the `*.<kind>-definition.json` name is the one the linter and the JSON schemas recognise). The whole version id
 * is in the name, so that two versions side by side (a diff) read apart. `shape: 'file'` gives the definition as
 * Pull Group writes it to a workspace file, for comparing with one.
 */
export function definitionUri(groupName: string, ref: DefinitionRef, shape: 'api' | 'file' = 'api'): vscode.Uri {
  const safeGroup = groupName.replace(/[/\\?#%]/g, '_') || 'group';
  const query = new URLSearchParams({ kind: ref.kind, definition: ref.definitionId, version: ref.versionId, ...(shape === 'file' ? { shape } : {}) }).toString();
  return vscode.Uri.from({ scheme: DEFINITION_SCHEME, path: `/${safeGroup}/${ref.versionId || 'version'}.${ref.kind}-definition.json`, query });
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
      return `// ${vscode.l10n.t('This address does not name a definition version: {0}', uri.toString())}`;
    }
    if (!vscode.workspace.isTrusted || this.manager.state !== 'ready') {
      return `// ${vscode.l10n.t('Greengrass ML makes no cloud calls now (untrusted workspace or no AWS connection): trust the workspace or choose a profile, then reopen.')}`;
    }
    try {
      const connection = this.manager.current;
      const [aws, clients] = await Promise.all([connection.aws(), connection.clients()]);
      const service = new aws.GreengrassExplorerService(clients);
      if (q.get('shape') === 'file' && isFileKind(kind)) return await service.getDefinitionVersionFileText(kind, definitionId, versionId);
      const document = await service.getDefinitionVersionJson(kind, definitionId, versionId);
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
