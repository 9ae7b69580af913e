// Profiles from the shared config and credentials files, read with the SDK's own loader
// (@smithy/shared-ini-file-loader honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE).
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsProfile, ProfileKind } from './types';

type Section = Record<string, string | undefined>;

/** How a profile gets its credentials; the credentials file wins over the config file like in the SDK. */
export function profileKind(config: Section | undefined, credentials: Section | undefined): ProfileKind {
  const both = { ...config, ...credentials };
  if (both['aws_access_key_id'] && both['aws_secret_access_key']) return 'static';
  if (both['sso_session'] || both['sso_start_url'] || both['sso_account_id']) return 'sso';
  if (both['role_arn']) return 'assumeRole';
  if (both['credential_process']) return 'credentialProcess';
  return 'other';
}

/** Every profile in the shared config/credentials files, sorted by name ("default" first). */
export async function listProfiles(): Promise<AwsProfile[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile ?? {}), ...Object.keys(credentialsFile ?? {})]);
  const profiles: AwsProfile[] = [];
  for (const name of names) {
    const config = configFile?.[name] as Section | undefined;
    const credentials = credentialsFile?.[name] as Section | undefined;
    const region = credentials?.['region'] ?? config?.['region'];
    const endpointUrl = config?.['endpoint_url'] ?? credentials?.['endpoint_url'];
    profiles.push({
      name,
      kind: profileKind(config, credentials),
      source: config && credentials ? 'both' : config ? 'config' : 'credentials',
      ...(region ? { region } : {}),
      ...(endpointUrl ? { endpointUrl } : {}),
    });
  }
  return profiles.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** The profile the SDK uses when none is chosen: AWS_PROFILE, else "default". */
export function defaultProfileName(env: NodeJS.ProcessEnv = process.env): string {
  return env['AWS_PROFILE'] || 'default';
}

/** One profile's settings, or undefined when the files do not define it. */
export async function findProfile(name: string): Promise<AwsProfile | undefined> {
  return (await listProfiles()).find((p) => p.name === name);
}
