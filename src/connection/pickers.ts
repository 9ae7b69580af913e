import * as vscode from 'vscode';
import type { ConnectionManager } from './connectionManager';
import { errorText, loadAwsLayer } from './connectionManager';
import { GREENGRASS_V1_REGIONS } from './regions';
import { readEndpointSetting, validateEndpoint } from './settings';

const DEFAULT_CHAIN = '$(debug-restart) Default credentials';

/** The connection menu behind the status-bar item. */
export async function pickConnectionChange(manager: ConnectionManager): Promise<void> {
  const items: (vscode.QuickPickItem & { run: () => Promise<unknown> })[] = [
    { label: '$(account) Switch Profile…', description: manager.storedProfile ?? 'default credentials', run: () => pickProfile(manager) },
    { label: '$(globe) Switch Region…', description: manager.description?.region ?? manager.storedRegion ?? '', run: () => pickRegion(manager) },
    { label: '$(plug) Set Endpoint…', description: readEndpointSetting() ?? 'AWS', run: () => inputEndpoint(manager) },
  ];
  if (readEndpointSetting()) {
    items.push({ label: '$(cloud) Use AWS Endpoints', description: 'clear the custom endpoint', run: () => manager.setEndpoint(undefined) });
  }
  const choice = await vscode.window.showQuickPick(items, { title: 'Greengrass ML: AWS Connection', placeHolder: 'Change the AWS connection' });
  await choice?.run();
}

/** Profiles from the shared config and credentials files (and the SDK's default chain). */
export async function pickProfile(manager: ConnectionManager): Promise<string | undefined> {
  let names: { label: string; description?: string }[] = [];
  try {
    const aws = await loadAwsLayer();
    const profiles = await aws.listProfiles();
    names = profiles.map((p) => ({ label: p.name, description: [p.kind, p.region].filter(Boolean).join(' · ') }));
  } catch (error) {
    void vscode.window.showWarningMessage(`Could not read the AWS config and credentials files: ${errorText(error)}`);
  }
  const current = manager.storedProfile;
  const items: vscode.QuickPickItem[] = [
    { label: DEFAULT_CHAIN, description: 'AWS_PROFILE, environment variables, then the default profile' },
    ...names.map((n) => ({ ...n, picked: n.label === current })),
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: 'Greengrass ML: AWS Profile',
    placeHolder: names.length ? 'Choose the profile to use' : 'No profiles found in ~/.aws/config or ~/.aws/credentials',
  });
  if (!choice) return undefined;
  const profile = choice.label === DEFAULT_CHAIN ? undefined : choice.label;
  await manager.setProfile(profile);
  return profile ?? 'default';
}

export async function pickRegion(manager: ConnectionManager): Promise<string | undefined> {
  const current = manager.storedRegion;
  const items: vscode.QuickPickItem[] = [
    { label: '$(debug-restart) Default region', description: 'AWS_REGION or the profile\'s region' },
    ...GREENGRASS_V1_REGIONS.map((r) => ({ label: r.id, description: r.name + (r.id === current ? ' (current)' : '') })),
  ];
  const choice = await vscode.window.showQuickPick(items, { title: 'Greengrass ML: Region', placeHolder: 'Regions with AWS IoT Greengrass V1' });
  if (!choice) return undefined;
  const region = choice.label.startsWith('$(') ? undefined : choice.label;
  await manager.setRegion(region);
  return region ?? 'default';
}

/** Asks for an endpoint URL (validated) and stores it in the machine-scoped setting. */
export async function inputEndpoint(manager: ConnectionManager, initial?: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Greengrass ML: Endpoint',
    prompt: 'The URL of an endpoint that speaks the AWS APIs, such as a local moto or LocalStack. Stored in your machine settings.',
    value: initial ?? readEndpointSetting() ?? 'http://127.0.0.1:5000',
    validateInput: validateEndpoint,
    ignoreFocusOut: true,
  });
  if (value === undefined) return undefined;
  const endpoint = value.trim().replace(/\/+$/, '');
  await manager.setEndpoint(endpoint);
  return endpoint;
}
