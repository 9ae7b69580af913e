/** A short description of where requests go, for the status bar and logs: never includes credentials. */
export function describeEndpoint(env: NodeJS.ProcessEnv, service = 'GREENGRASS'): string {
  const url = env[`AWS_ENDPOINT_URL_${service}`] ?? env['AWS_ENDPOINT_URL'];
  if (!url) return 'AWS';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'an invalid endpoint URL';
  }
}
