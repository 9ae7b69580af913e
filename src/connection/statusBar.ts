import * as vscode from 'vscode';
import type { ConnectionManager } from './connectionManager';
import { endpointHost } from './settings';

export const CONNECTION_MENU_COMMAND = 'greengrassMl.switchConnection';

/** "$(cloud) profile · region" (+ the endpoint's host when it is not AWS's): opens the connection menu. */
export function createConnectionStatusBar(manager: ConnectionManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('greengrassMl.connection', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Greengrass ML: AWS Connection';
  item.command = CONNECTION_MENU_COMMAND;
  const update = (): void => {
    const { text, tooltip } = statusBarText(manager);
    item.text = text;
    item.tooltip = tooltip;
    item.backgroundColor = manager.state === 'none' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  update();
  const listener = manager.onDidChange(update);
  return vscode.Disposable.from(listener, item);
}

export function statusBarText(manager: ConnectionManager): { text: string; tooltip: string } {
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
