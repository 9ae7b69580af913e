import * as vscode from 'vscode';

export { validateEndpoint } from '../core/endpointUrl';

export const ENDPOINT_SETTING = 'greengrassMl.aws.endpoint';

/**
 * The custom endpoint from the User settings only. The setting is application-scoped: VS Code applies it from the
 * User settings in every window and never from a workspace's or folder's settings (a repository must not be able
 * to send the user's signed requests to a host of its choosing). Machine scope would do the latter too, but in a
 * remote window (code-server, SSH, WSL, containers) it reads only the Remote settings and silently drops what
 * the user set in their User settings.
 */
export function readEndpointSetting(): string | undefined {
  const inspected = vscode.workspace.getConfiguration().inspect<string>(ENDPOINT_SETTING);
  const value = inspected?.globalValue ?? inspected?.defaultValue;
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed || undefined;
}

export async function writeEndpointSetting(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration().update(ENDPOINT_SETTING, value || undefined, vscode.ConfigurationTarget.Global);
}

/** scheme://host of an endpoint, for the status bar (never the path or anything after it). */
export function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}
