import * as vscode from 'vscode';
import type { ConnectionManager } from './connectionManager';
import { errorText, loadAwsLayer } from './connectionManager';
import { GREENGRASS_V1_REGIONS } from './regions';
import { ENDPOINT_SETTING, readEndpointSetting, validateEndpoint } from './settings';

/** The connection menu behind the status-bar item. */
export async function pickConnectionChange(manager: ConnectionManager): Promise<void> {
  const items: (vscode.QuickPickItem & { run: () => Promise<unknown> })[] = [
    { label: `$(account) ${vscode.l10n.t('Switch Profile…')}`, description: manager.storedProfile ?? vscode.l10n.t('default credentials'), run: () => pickProfile(manager) },
    { label: `$(globe) ${vscode.l10n.t('Switch Region…')}`, description: manager.description?.region ?? manager.storedRegion ?? '', run: () => pickRegion(manager) },
    { label: `$(plug) ${vscode.l10n.t('Set Endpoint…')}`, description: readEndpointSetting() ?? 'AWS', run: () => inputEndpoint(manager) },
  ];
  if (readEndpointSetting()) {
    items.push({ label: `$(cloud) ${vscode.l10n.t('Use AWS Endpoints')}`, description: vscode.l10n.t('clear the custom endpoint'), run: () => applyEndpoint(manager, undefined) });
  }
  const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Greengrass ML: AWS Connection'), placeHolder: vscode.l10n.t('Change the AWS connection') });
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
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not read the AWS config and credentials files: {0}', errorText(error)));
  }
  const current = manager.storedProfile;
  // `profile` undefined: the SDK's default chain.
  const items: (vscode.QuickPickItem & { profile?: string })[] = [
    { label: `$(debug-restart) ${vscode.l10n.t('Default credentials')}`, description: vscode.l10n.t('AWS_PROFILE, environment variables, then the default profile') },
    ...names.map((n) => ({ ...n, profile: n.label, picked: n.label === current })),
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Greengrass ML: AWS Profile'),
    placeHolder: names.length ? vscode.l10n.t('Choose the profile to use') : vscode.l10n.t('No profiles found in ~/.aws/config or ~/.aws/credentials'),
  });
  if (!choice) return undefined;
  const profile = choice.profile;
  await manager.setProfile(profile);
  return profile ?? 'default';
}

export async function pickRegion(manager: ConnectionManager): Promise<string | undefined> {
  const current = manager.storedRegion;
  // `region` undefined: the SDK's default (AWS_REGION, then the profile's).
  const items: (vscode.QuickPickItem & { region?: string })[] = [
    { label: `$(debug-restart) ${vscode.l10n.t('Default region')}`, description: vscode.l10n.t('AWS_REGION or the profile\'s region') },
    ...GREENGRASS_V1_REGIONS.map((r) => ({ label: r.id, region: r.id, description: r.id === current ? vscode.l10n.t('{0} (current)', r.name) : r.name })),
  ];
  const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Greengrass ML: Region'), placeHolder: vscode.l10n.t('Regions with AWS IoT Greengrass V1') });
  if (!choice) return undefined;
  const region = choice.region;
  await manager.setRegion(region);
  return region ?? 'default';
}

/** Asks for an endpoint URL (validated, the configured one offered) and stores it in the User settings. */
export async function inputEndpoint(manager: ConnectionManager, initial?: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Greengrass ML: Endpoint'),
    prompt: vscode.l10n.t('The URL of an endpoint that speaks the AWS APIs, such as a local moto or LocalStack. Saved in your User settings (used in every window, never read from a workspace).'),
    value: initial ?? readEndpointSetting() ?? 'http://127.0.0.1:5000',
    validateInput: validateEndpoint,
    ignoreFocusOut: true,
  });
  if (value === undefined) return undefined;
  const endpoint = value.trim().replace(/\/+$/, '');
  return (await applyEndpoint(manager, endpoint)) ? endpoint : undefined;
}

/**
 * Saves the endpoint (undefined: AWS's own) and checks that it is the one now in use. VS Code saves a setting in
 * the Remote settings instead of the User settings when the Remote settings already name it; the endpoint is
 * never read from there, and the user must hear that rather than keep talking to the old endpoint.
 */
async function applyEndpoint(manager: ConnectionManager, endpoint: string | undefined): Promise<boolean> {
  await manager.setEndpoint(endpoint);
  if (readEndpointSetting() === endpoint) return true;
  void vscode.window.showWarningMessage(vscode.l10n.t(
    'VS Code saved the endpoint in your Remote settings, where Greengrass ML does not read it (only your User settings count). Remove {0} from the Remote settings (Preferences: Open Remote Settings), then set it again: {1}',
    ENDPOINT_SETTING, endpoint ?? vscode.l10n.t('(AWS\'s own endpoints)'),
  ));
  return false;
}
