import * as vscode from 'vscode';
import type { ConnectionManager } from './connectionManager';
import { endpointHost } from './settings';

export const CONNECTION_MENU_COMMAND = 'greengrassMl.switchConnection';
export const RETRY_CONNECTION_COMMAND = 'greengrassMl.retryConnection';

/** "$(cloud) profile · region" (+ the endpoint's host when it is not AWS's): opens the connection menu. */
export function createConnectionStatusBar(manager: ConnectionManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('greengrassMl.connection', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Greengrass ML: AWS Connection';
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
  const what = health.state === 'throttled' ? 'throttled' : 'unreachable';
  const seconds = health.nextProbeAt !== undefined ? Math.max(1, Math.round((health.nextProbeAt - Date.now()) / 1000)) : undefined;
  return {
    text: `$(warning) ${where} ${what}`,
    tooltip: [
      health.state === 'throttled'
        ? 'The AWS endpoint is throttling Greengrass ML\'s calls, so the explorer may be out of date.'
        : 'Greengrass ML cannot reach the AWS endpoint, so the explorer may be out of date.',
      health.message ?? '',
      `Greengrass ML tries again by itself${seconds !== undefined ? ` (next in about ${seconds} s, then less and less often)` : ''}; any call that succeeds clears this.`,
      '',
      'Click to retry now; to switch profile, region or endpoint, use "Greengrass ML: Switch AWS Connection".',
      '',
      tooltip,
    ].join('\n'),
    command: RETRY_CONNECTION_COMMAND,
  };
}

function stateText(manager: ConnectionManager): { text: string; tooltip: string } {
  switch (manager.state) {
    case 'untrusted':
      return { text: '$(cloud) Cloud off', tooltip: 'Greengrass ML makes no cloud calls in an untrusted workspace. Trust the workspace to use the explorer.' };
    case 'connecting':
      return { text: '$(sync~spin) AWS', tooltip: 'Greengrass ML is resolving AWS credentials' };
    case 'none':
      return { text: '$(cloud) No AWS connection', tooltip: manager.problem ?? 'No AWS credentials found: click to choose a profile' };
    case 'ready': {
      const d = manager.description;
      const settings = manager.current.settings;
      const profile = d?.profile ?? settings.profile ?? process.env['AWS_PROFILE'] ?? 'default';
      const region = d?.region ?? settings.region ?? '(no region)';
      const endpoint = settings.endpoint ?? (d && d.endpoint !== 'AWS' ? d.endpoint : undefined);
      const parts = [profile, region];
      if (endpoint) parts.push(endpointHost(endpoint));
      const tooltip = [`AWS profile: ${profile}`, `Region: ${region}`, `Endpoint: ${endpoint ?? 'AWS'}`, '', 'Click to switch profile, region or endpoint'];
      return { text: `$(cloud) ${parts.join(' · ')}`, tooltip: tooltip.join('\n') };
    }
  }
}
