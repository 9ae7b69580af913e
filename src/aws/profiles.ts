// Profiles from the shared config and credentials files, read with the SDK's own loader.
import type { AwsProfile } from './types';

/** Every profile in the shared config/credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE respected), sorted by name. */
export async function listProfiles(): Promise<AwsProfile[]> {
  throw new Error('not implemented');
}

/** The profile the SDK uses when none is chosen: AWS_PROFILE, else "default". */
export function defaultProfileName(env: NodeJS.ProcessEnv = process.env): string {
  return env['AWS_PROFILE'] || 'default';
}
