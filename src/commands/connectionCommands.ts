// Connection commands: the status bar's menu, and the welcome view's "Choose a Profile" and "Use a Local Endpoint".
import * as vscode from 'vscode';
import { inputEndpoint, pickConnectionChange, pickProfile, pickRegion } from '../connection/pickers';
import type { CommandFactory } from './index';

export const connectionCommands: Record<string, CommandFactory> = {
  'greengrassMl.switchConnection': (f) => () => pickConnectionChange(f.connection),
  /** Calls the endpoint now (the status bar's click while it does not answer); the tree reloads once it answers. */
  'greengrassMl.retryConnection': (f) => async () => {
    if (f.connection.state !== 'ready') return f.connection.reconnect(true);
    const health = await f.connection.retryHealth();
    if (health.state !== 'ok') {
      void vscode.window.showWarningMessage(vscode.l10n.t('The AWS endpoint still does not answer; Greengrass ML keeps trying by itself: {0}', health.message ?? health.state), vscode.l10n.t('Show Log'))
        .then((c) => (c ? f.log.show(true) : undefined));
    }
    return undefined;
  },
  'greengrassMl.chooseProfile': (f) => () => pickProfile(f.connection),
  'greengrassMl.chooseRegion': (f) => () => pickRegion(f.connection),
  'greengrassMl.setEndpoint': (f) => (value?: unknown) =>
    inputEndpoint(f.connection, typeof value === 'string' ? value : undefined),
};
