import * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import { errorText } from '../connection/connectionManager';
import type { ExplorerProvider } from './explorer';

export const ARCHIVE_SCHEME = 'greengrass-ml-archive';

/** greengrass-ml-archive:/<bucket>/<key>.contents.txt?bucket=…&key=… : the entries of a model archive in S3. */
export function archiveContentsUri(bucket: string, key: string): vscode.Uri {
  const query = new URLSearchParams({ bucket, key }).toString();
  return vscode.Uri.from({ scheme: ARCHIVE_SCHEME, path: `/${bucket}/${key.replace(/[?#%\\]/g, '_')}.contents.txt`, query });
}

/**
 * Read-only listing of a model archive's entries (sizes, totals, the V1 layout check), read from S3 through the
 * current connection each time the document opens. Closing the editor while it loads stops the reads.
 */
export class ArchiveContentsProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly manager: ConnectionManager, private readonly provider: ExplorerProvider) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const bucket = q.get('bucket');
    const key = q.get('key');
    if (!bucket || !key) return `${vscode.l10n.t('This address does not name a model archive: {0}', uri.toString())}\n`;
    if (!vscode.workspace.isTrusted || this.manager.state !== 'ready') {
      return `${vscode.l10n.t('Greengrass ML makes no cloud calls now (untrusted workspace or no AWS connection): trust the workspace or choose a profile, then reopen.')}\n`;
    }
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const connection = this.manager.current;
      const [aws, clients] = await Promise.all([connection.aws(), connection.clients()]);
      const listing = await new aws.ModelArchiveService(clients).listArchive(bucket, key, aws.DEFAULT_LISTING_LIMITS, { signal: controller.signal });
      return aws.formatArchiveListing(aws.formatS3Uri({ bucket, key }), listing);
    } catch (error) {
      const message = errorText(error);
      this.provider.log.error(`Failed to list the model archive s3://${bucket}/${key}: ${message}`);
      throw new Error(`Failed to list the model archive: ${message}`, { cause: error });
    } finally {
      subscription.dispose();
    }
  }
}
