import * as vscode from 'vscode';
import type { ConnectionManager } from './connectionManager';
import { endpointHost } from './settings';

export const CONNECTION_MENU_COMMAND = 'greengrassMl.switchConnection';
export const RETRY_CONNECTION_COMMAND = 'greengrassMl.retryConnection';

/** "$(cloud) profile · region" (+ the endpoint's host when it is not AWS's): opens the connection menu. */
export function createConnectionStatusBar(manager: ConnectionManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('greengrassMl.connection', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Greengrass ML: AWS Connection');
  item.command = CONNECTION_MENU_COMMAND;
  const update = (): void => {
    const { text, tooltip, command } = statusBarText(manager);
    item.text = text;
    item.tooltip = tooltip;
    item.command = command;
    const unhealthy = manager.state === 'ready' && manager.health.state !== 'ok';
    item.backgroundColor = manager.state === 'none' || unhealthy ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  update();
  return vscode.Disposable.from(manager.onDidChange(update), manager.onDidChangeHealth(update), item);
}

/** The item's text, tooltip and the command a click runs (the connection menu, or Retry while the endpoint is down). */
export function statusBarText(manager: ConnectionManager): { text: string; tooltip: string; command: string } {
  const { text, tooltip } = stateText(manager);
  const health = manager.health;
  if (manager.state !== 'ready' || health.state === 'ok') return { text, tooltip, command: CONNECTION_MENU_COMMAND };
  const where = text.replace(/^\$\(cloud\) /, '');
  const seconds = health.nextProbeAt !== undefined ? Math.max(1, Math.round((health.nextProbeAt - Date.now()) / 1000)) : undefined;
  return {
    text: `$(warning) ${health.state === 'throttled' ? vscode.l10n.t('{0} throttled', where) : vscode.l10n.t('{0} unreachable', where)}`,
    tooltip: [
      health.state === 'throttled'
        ? vscode.l10n.t('The AWS endpoint is throttling Greengrass ML\'s calls, so the explorer may be out of date.')
        : vscode.l10n.t('Greengrass ML cannot reach the AWS endpoint, so the explorer may be out of date.'),
      health.message ?? '',
      seconds !== undefined
        ? vscode.l10n.t('Greengrass ML tries again by itself (next in about {0} s, then less and less often); any call that succeeds clears this.', seconds)
        : vscode.l10n.t('Greengrass ML tries again by itself; any call that succeeds clears this.'),
      '',
      vscode.l10n.t('Click to retry now; to switch profile, region or endpoint, use "Greengrass ML: Switch AWS Connection".'),
      '',
      tooltip,
    ].join('\n'),
    command: RETRY_CONNECTION_COMMAND,
  };
}

function stateText(manager: ConnectionManager): { text: string; tooltip: string } {
  switch (manager.state) {
    case 'untrusted':
      return { text: `$(cloud) ${vscode.l10n.t('Cloud off')}`, tooltip: vscode.l10n.t('Greengrass ML makes no cloud calls in an untrusted workspace. Trust the workspace to use the explorer.') };
    case 'connecting':
      return { text: '$(sync~spin) AWS', tooltip: vscode.l10n.t('Greengrass ML is resolving AWS credentials') };
    case 'none':
      return { text: `$(cloud) ${vscode.l10n.t('No AWS connection')}`, tooltip: manager.problem ?? vscode.l10n.t('No AWS credentials found: click to choose a profile') };
    case 'ready': {
      const d = manager.description;
      const settings = manager.current.settings;
      const profile = d?.profile ?? settings.profile ?? process.env['AWS_PROFILE'] ?? 'default';
      const region = d?.region ?? settings.region ?? vscode.l10n.t('(no region)');
      const endpoint = settings.endpoint ?? (d && d.endpoint !== 'AWS' ? d.endpoint : undefined);
      const parts = [profile, region];
      if (endpoint) parts.push(endpointHost(endpoint));
      const tooltip = [vscode.l10n.t('AWS profile: {0}', profile), vscode.l10n.t('Region: {0}', region), vscode.l10n.t('Endpoint: {0}', endpoint ?? 'AWS'), '',
        vscode.l10n.t('Click to switch profile, region or endpoint')];
      return { text: `$(cloud) ${parts.join(' · ')}`, tooltip: tooltip.join('\n') };
    }
  }
}
