// One way to send an SDK command: any failure becomes an AwsError whose message names the operation, the endpoint
// in use and the profile (never credentials). Every AWS service class of this layer sends through here.
import type { AwsClients } from './clients';
import { toAwsError } from './errors';

/** The clients of AwsClients by name, with the environment variable that overrides each one's endpoint. */
const SERVICES = {
  greengrass: 'GREENGRASS',
  greengrassV2: 'GREENGRASSV2',
  iot: 'IOT',
  s3: 'S3',
  sagemaker: 'SAGEMAKER',
  lambda: 'LAMBDA',
} as const;

export type AwsServiceName = keyof typeof SERVICES;

/** The endpoint a service's calls go to when it is not AWS's own: the setting, then the SDK's environment variables. */
export function endpointHint(clients: AwsClients, service: AwsServiceName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return clients.settings.endpoint ?? env[`AWS_ENDPOINT_URL_${SERVICES[service]}`] ?? env['AWS_ENDPOINT_URL'];
}

/** Sends `command` with the named client; a failure is thrown as an AwsError with a user-facing message. */
export async function sendAws<O>(clients: AwsClients, service: AwsServiceName, command: { constructor: { name: string } }): Promise<O> {
  const operation = command.constructor.name.replace(/Command$/, '');
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const client = clients[service]() as { send(c: any): Promise<unknown> };
    return (await client.send(command)) as O;
  } catch (error) {
    const endpoint = endpointHint(clients, service);
    throw toAwsError(error, {
      operation,
      ...(endpoint ? { endpoint } : {}),
      ...(clients.settings.profile ? { profile: clients.settings.profile } : {}),
    });
  }
}
