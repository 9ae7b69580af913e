// The one place AWS SDK clients are built. Contract shared by the explorer and the deploy commands.
// Profiles and credentials come from the SDK's own providers; regions and endpoints from the SDK's own resolution
// (AWS_REGION, AWS_ENDPOINT_URL[_<SERVICE>], a profile's region and endpoint_url). Only an application-scoped
// `endpoint` setting is passed in code.
import * as l10n from '@vscode/l10n';
import { GreengrassClient } from '@aws-sdk/client-greengrass';
import { GreengrassV2Client } from '@aws-sdk/client-greengrassv2';
import { IAMClient } from '@aws-sdk/client-iam';
import { IoTClient } from '@aws-sdk/client-iot';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { badRegionMessage, isRegionCode } from '../core/model';
import { AwsError, describeAwsError, rememberSecrets } from './errors';
import { defaultProfileName } from './profiles';
import { GuardedHttpHandler } from './httpHandler';
import type { AwsCallRecord, ConnectionDescription } from './types';

export interface ConnectionSettings {
  /** A profile from the shared config/credentials files; undefined means the SDK's default chain (AWS_PROFILE, env, …). */
  profile?: string;
  /** undefined means the SDK's own resolution (AWS_REGION, the profile's region). */
  region?: string;
  /** An endpoint override from the User settings (application-scoped: never read from workspace settings). */
  endpoint?: string;
}

export interface AwsClients {
  readonly settings: ConnectionSettings;
  greengrass(): GreengrassClient;
  /** Greengrass V2: components, deployments, core devices. */
  greengrassV2(): GreengrassV2Client;
  /** AWS IoT: the thing groups and things V2 deployments target. */
  iot(): IoTClient;
  s3(): S3Client;
  sagemaker(): SageMakerClient;
  lambda(): LambdaClient;
  iam(): IAMClient;
  /** Destroys every client (on a connection switch). */
  dispose(): void;
}

export type AwsLogLevel = 'info' | 'warn' | 'error';

export interface AwsClientOptions {
  /** Receives one line per call: service, operation, duration, request id, HTTP status. Never credentials. */
  log?: (line: string, level: AwsLogLevel, record: AwsCallRecord) => void;
  /** Milliseconds to establish a connection (default 3000). */
  connectionTimeoutMs?: number;
  /**
   * Milliseconds without a response before a request fails (default 10000); also how long a socket may stay silent
   * and how long an answer's body may take to arrive. S3 uploads get longer for a part to go up (it is not silent).
   */
  requestTimeoutMs?: number;
  /** Bytes an answer may have (default 32 MiB). */
  maxResponseBytes?: number;
  /** What to fix when the region is refused, for the message (default: the region choice, AWS_REGION, the profile). */
  regionFix?: string;
  /** Attempts per call including retries (default 3; the SDK's retry handles throttling). */
  maxAttempts?: number;
  /**
   * Asks the user for the current code of the MFA device a profile's `mfa_serial` names, when assuming its role needs
   * one; undefined means the user declined. Asked at most once per connection while the session credentials last.
   * Without it such a profile fails with a message that says an MFA code is needed.
   */
  mfaCode?: ((request: MfaCodeRequest) => Promise<string | undefined>) | undefined;
}

/** What an MFA prompt shows: the profile being connected and the device (`mfa_serial`) whose code is asked for. */
export interface MfaCodeRequest {
  profile: string;
  mfaSerial: string;
}

export const DEFAULT_CONNECTION_TIMEOUT_MS = 3_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** How long one request of an S3 upload (a part of up to a few MiB) may take while data keeps moving. */
export const UPLOAD_REQUEST_TIMEOUT_MS = 300_000;
/** The longest wait before a retry, whatever the endpoint's Retry-After asks. */
export const MAX_RETRY_DELAY_MS = 3_000;

/** True for endpoints on this machine (moto, LocalStack), where S3 needs path-style addressing. */
export function isLocalEndpoint(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
      || host === '0.0.0.0' || host === 'host.docker.internal' || host === 'localstack';
  } catch {
    return false;
  }
}

/** The endpoint S3 will use (the override, or the SDK's environment variables); the profile's endpoint_url is read by the SDK. */
function s3EndpointHint(settings: ConnectionSettings, env: NodeJS.ProcessEnv): string | undefined {
  return settings.endpoint ?? env['AWS_ENDPOINT_URL_S3'] ?? env['AWS_ENDPOINT_URL'];
}

interface Destroyable { destroy(): void }

type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;

/** The provider's credentials, each value remembered so that no message ever repeats it, whatever its source. */
function remembered(provider: CredentialProvider): CredentialProvider {
  return async (props) => {
    const credentials = await provider(props);
    rememberSecrets([credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]);
    return credentials;
  };
}

/** The provider's credentials, or placeholder ones for a local emulator when none are configured. */
function withLocalFallback(provider: CredentialProvider): CredentialProvider {
  return async (props) => {
    try {
      return await provider(props);
    } catch (error) {
      // A profile that was found but needs something (an MFA code not entered) says so instead of falling back.
      if (error instanceof AwsError) throw error;
      return { accessKeyId: 'local-endpoint', secretAccessKey: 'local-endpoint' };
    }
  };
}

/**
 * One credential resolution shared by every client of a connection, kept until shortly before it expires: each SDK
 * client caches its own, so without this an assume-role profile with `mfa_serial` would ask for a code per service.
 * A failure is not kept (the next call tries again, and may ask again).
 */
function sharedUntilExpiry(provider: CredentialProvider): CredentialProvider {
  let held: ReturnType<CredentialProvider> | undefined;
  let expiresAt = Infinity;
  return (props) => {
    if (held && Date.now() < expiresAt - CREDENTIALS_REFRESH_MARGIN_MS) return held;
    const current = provider(props).then((credentials) => {
      expiresAt = credentials.expiration ? credentials.expiration.getTime() : Infinity;
      return credentials;
    });
    held = current;
    expiresAt = Infinity;
    current.catch(() => {
      if (held === current) held = undefined;
    });
    return current;
  };
}

/** Session credentials are renewed this long before they expire (as the SDK's own clients do). */
const CREDENTIALS_REFRESH_MARGIN_MS = 5 * 60_000;

/** The SDK's `mfaCodeProvider` for a connection: asks through `ask`, and says clearly what is missing when nobody answers. */
function mfaCodeProvider(profile: string, ask: AwsClientOptions['mfaCode']): (mfaSerial: string) => Promise<string> {
  return async (mfaSerial) => {
    const code = ask ? (await ask({ profile, mfaSerial }))?.trim() : undefined;
    if (!code) {
      throw new AwsError({
        kind: 'credentials',
        message: ask
          ? l10n.t('No MFA code was entered, so the AWS profile "{0}" cannot assume its role. Retry the connection (Refresh in the explorer) and enter the current code of the MFA device: {1}', profile, mfaSerial)
          : l10n.t('The AWS profile "{0}" needs an MFA code to assume its role, and none can be asked for here. Use a profile without mfa_serial, or export session credentials (aws sts get-session-token) first: {1}', profile, mfaSerial),
      });
    }
    return code;
  };
}

export function createAwsClients(settings: ConnectionSettings, options: AwsClientOptions = {}): AwsClients {
  const frozen: ConnectionSettings = Object.freeze({ ...settings });
  const mfa = mfaCodeProvider(frozen.profile ?? defaultProfileName(), options.mfaCode);
  // The role is assumed through the same endpoint as every other call (a local emulator's STS, when one is chosen).
  const stsConfig = frozen.endpoint ? { clientConfig: { endpoint: frozen.endpoint } } : {};
  const chain = frozen.profile
    ? fromIni({ profile: frozen.profile, mfaCodeProvider: mfa, ...stsConfig })
    : fromNodeProviderChain({ mfaCodeProvider: mfa, ...stsConfig });
  // Local emulators (moto, LocalStack) accept any credentials: for a local endpoint chosen in the settings without a
  // profile, a machine with no AWS credentials still connects. Signed requests to AWS never get these.
  const credentials = sharedUntilExpiry(remembered(!frozen.profile && isLocalEndpoint(frozen.endpoint) ? withLocalFallback(chain) : chain));
  const made = new Map<string, Destroyable>();
  let disposed = false;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function config(legacy: boolean, extra: Record<string, unknown> = {}, limits: { requestTimeoutMs?: number } = {}): any {
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return {
      credentials,
      // Current clients take the chosen profile for its region and endpoint_url themselves; the older Greengrass
      // client predates that option, so its region comes from the same profile here (its endpoint: profileEndpointFor).
      ...(frozen.region ? { region: frozen.region } : legacy && frozen.profile ? { region: () => profileRegion(frozen.profile!) } : {}),
      ...(frozen.profile && !legacy ? { profile: frozen.profile } : {}),
      ...(frozen.endpoint ? { endpoint: frozen.endpoint } : {}),
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      retryStrategy: explorerRetryStrategy(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      requestHandler: new GuardedHttpHandler({
        connectionTimeoutMs: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
        requestTimeoutMs: limits.requestTimeoutMs ?? requestTimeoutMs,
        idleTimeoutMs: requestTimeoutMs,
        bodyTimeoutMs: requestTimeoutMs,
        maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      }),
      ...extra,
    };
  }

  function get<T extends Destroyable>(service: string, make: () => T): T {
    if (disposed) throw new Error('This AWS connection was closed; use the current connection instead.');
    let client = made.get(service) as T | undefined;
    if (!client) {
      client = make();
      guardRegion(client as unknown as ConfigurableClient, options.regionFix);
      addCallLog(client as unknown as MiddlewareClient, service, options.log);
      // The SDK reads endpoint_url only from AWS_PROFILE's section, not from a profile chosen in the client's options.
      if (!frozen.endpoint) {
        profileEndpointFor(client as unknown as ConfigurableClient, frozen.profile ?? process.env['AWS_PROFILE'] ?? 'default', service, {
          setEndpoint: !!frozen.profile,
          pathStyle: service === 'S3',
        });
      }
      made.set(service, client);
    }
    return client;
  }

  return {
    settings: frozen,
    greengrass: () => get('Greengrass', () => new GreengrassClient(config(true))),
    greengrassV2: () => get('GreengrassV2', () => new GreengrassV2Client(config(false))),
    iot: () => get('IoT', () => new IoTClient(config(false))),
    s3: () => get('S3', () => new S3Client(config(false, isLocalEndpoint(s3EndpointHint(frozen, process.env)) ? { forcePathStyle: true } : {}, {
      requestTimeoutMs: Math.max(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, UPLOAD_REQUEST_TIMEOUT_MS),
    }))),
    sagemaker: () => get('SageMaker', () => new SageMakerClient(config(false))),
    lambda: () => get('Lambda', () => new LambdaClient(config(false))),
    iam: () => get('IAM', () => new IAMClient(config(false))),
    dispose: () => {
      disposed = true;
      for (const c of made.values()) c.destroy();
      made.clear();
    },
  };
}

interface ConfigurableClient extends MiddlewareClient {
  config: Record<string, unknown>;
}

/**
 * Refuses every call whose region is not a region code, before the endpoint is built from it: the region becomes
 * part of the host name, so any other value (from a manifest, a setting, a profile or the environment) could send
 * signed requests elsewhere. A missing region is left to the SDK, which says so.
 */
function guardRegion(client: ConfigurableClient, fix?: string): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const provider = client.config['region'];
      let region: unknown;
      try {
        region = typeof provider === 'function' ? await (provider as () => Promise<unknown>)() : provider;
      } catch (error) {
        // Newer clients check the region themselves (as a host label) and say so in the SDK's words.
        const refused = /^Region not accepted: region="([^]*)" is not a valid hostname component/.exec((error as Error | undefined)?.message ?? '');
        if (refused) throw new AwsError({ kind: 'region', message: badRegionMessage(refused[1], fix) }, { cause: error });
        return next(args);
      }
      if (region !== undefined && !isRegionCode(region)) {
        throw new AwsError({ kind: 'region', message: badRegionMessage(region, fix) });
      }
      return next(args);
    },
    { step: 'initialize', name: 'greengrassMlRegionGuard', priority: 'high' },
  );
}

/**
 * Applies a profile's endpoint before the first request (once per client), with the SDK's precedence
 * (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, then the profile): `setEndpoint` for a chosen profile, which the SDK
 * does not read endpoint_url from; `pathStyle` switches S3 to path-style addressing when the endpoint is on this machine.
 */
function profileEndpointFor(client: ConfigurableClient, profile: string, service: string, mode: { setEndpoint: boolean; pathStyle: boolean }): void {
  if (!mode.setEndpoint && !mode.pathStyle) return;
  let applied: Promise<void> | undefined;
  const apply = async (): Promise<void> => {
    const url = await profileEndpoint(profile, service).catch(() => undefined);
    if (!url) return;
    if (mode.pathStyle && isLocalEndpoint(url)) client.config['forcePathStyle'] = true;
    if (!mode.setEndpoint) return;
    const u = new URL(url);
    const endpoint = { protocol: u.protocol, hostname: u.hostname, ...(u.port ? { port: Number(u.port) } : {}), path: u.pathname, query: {} };
    client.config['endpoint'] = () => Promise.resolve(endpoint);
    client.config['isCustomEndpoint'] = true;
  };
  client.middlewareStack.add(
    (next) => async (args) => {
      applied ??= apply();
      await applied;
      return next(args);
    },
    { step: 'initialize', name: 'greengrassMlProfileEndpoint', priority: 'high' },
  );
}

interface RetryToken { getRetryCount(): number; getRetryDelay(): number }
interface RetryErrorInfo { errorType: string; error?: unknown; retryAfterHint?: Date }

const NOT_RETRIED = /^(TimeoutError|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/;

/**
 * The SDK's standard retry (throttling, transient and server errors with jittered exponential back-off), except that an
 * endpoint that does not answer or cannot be reached fails at once: a retry would only make the user wait longer.
 */
export function explorerRetryStrategy(maxAttempts: number): {
  mode: string;
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
} {
  const token = (count: number, delay: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => delay });
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous, info) => {
      const count = previous.getRetryCount() + 1;
      const e = info.error as { name?: unknown; code?: unknown } | undefined;
      if (count >= maxAttempts) throw new Error('No attempts left');
      if (!['TRANSIENT', 'THROTTLING', 'SERVER_ERROR'].includes(info.errorType)) throw new Error('Not retryable');
      if (NOT_RETRIED.test(String(e?.name ?? '')) || NOT_RETRIED.test(String(e?.code ?? ''))) throw new Error('Not retried: the endpoint does not answer');
      const base = info.errorType === 'THROTTLING' ? 500 : 100;
      const backoff = Math.min(MAX_RETRY_DELAY_MS, Math.random() * base * 2 ** count);
      // An endpoint that asks for a longer wait (Retry-After: 3600) gets no retry: the call fails now as throttled.
      const hint = retryAfterMs(info);
      if (hint > MAX_RETRY_DELAY_MS) throw new Error('Not retried: the endpoint asks for a longer wait');
      return token(count, Math.max(backoff, hint));
    },
    recordSuccess: () => {},
  };
}

/**
 * The wait an error's Retry-After asks for, in milliseconds. Read from the header itself: older SDK versions turn
 * "Retry-After: 3600" into a date in 1970.
 */
function retryAfterMs(info: RetryErrorInfo): number {
  const headers = (info.error as { $response?: { headers?: Record<string, string | undefined> } } | undefined)?.$response?.headers ?? {};
  const name = Object.keys(headers).find((k) => k.toLowerCase() === 'retry-after');
  const value = name ? headers[name]?.trim() : undefined;
  if (value) {
    if (/^\d+$/.test(value)) return Number(value) * 1000;
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return date - Date.now();
  }
  return info.retryAfterHint ? info.retryAfterHint.getTime() - Date.now() : 0;
}

interface MiddlewareClient {
  middlewareStack: {
    add(
      mw: (next: (args: unknown) => Promise<{ response: unknown; output: unknown }>, context: Record<string, unknown>) => (args: unknown) => Promise<{ response: unknown; output: unknown }>,
      options: { step: 'initialize'; name: string; priority?: 'high' | 'low' },
    ): void;
  };
}

function statusOf(value: unknown): number | undefined {
  const v = value as { statusCode?: unknown; $metadata?: { httpStatusCode?: unknown }; $response?: { statusCode?: unknown } } | undefined;
  const s = v?.$metadata?.httpStatusCode ?? v?.$response?.statusCode ?? v?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** Logs each call once (around the SDK's retries): never headers, bodies or credentials. */
function addCallLog(client: MiddlewareClient, service: string, log: AwsClientOptions['log']): void {
  if (!log) return;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context['commandName'] ?? 'call').replace(/Command$/, '');
      const started = Date.now();
      try {
        const result = await next(args);
        const meta = (result.output as { $metadata?: { requestId?: string; httpStatusCode?: number; attempts?: number } } | undefined)?.$metadata;
        const record: AwsCallRecord = {
          service, operation, durationMs: Date.now() - started,
          ...(meta?.requestId ? { requestId: meta.requestId } : {}),
          ...(meta?.httpStatusCode !== undefined ? { httpStatus: meta.httpStatusCode } : {}),
        };
        log(formatCall(record, meta?.attempts), 'info', record);
        return result;
      } catch (error) {
        const e = error as { name?: string; code?: string; $metadata?: { requestId?: string; attempts?: number } };
        const status = statusOf(error);
        const failure = describeAwsError(error);
        const record: AwsCallRecord = {
          service, operation, durationMs: Date.now() - started,
          ...(e?.$metadata?.requestId ? { requestId: e.$metadata.requestId } : {}),
          ...(status !== undefined ? { httpStatus: status } : {}),
          error: typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'Error',
          failureKind: failure.kind,
          failureMessage: failure.message,
        };
        log(formatCall(record, e?.$metadata?.attempts), status !== undefined && status < 500 ? 'warn' : 'error', record);
        throw error;
      }
    },
    { step: 'initialize', name: 'greengrassMlCallLog', priority: 'high' },
  );
}

export function formatCall(r: AwsCallRecord, attempts?: number): string {
  const parts = [`${r.service}.${r.operation}`, `${r.durationMs} ms`];
  if (r.httpStatus !== undefined) parts.push(`HTTP ${r.httpStatus}`);
  if (r.error) parts.push(`failed: ${r.error}`);
  if (attempts && attempts > 1) parts.push(`${attempts} attempts`);
  if (r.requestId) parts.push(`request ${r.requestId}`);
  return parts.join(' · ');
}

/** Profile, region and endpoint of a connection for the status bar (the region as the SDK resolves it). */
export async function describeConnection(clients: AwsClients, env: NodeJS.ProcessEnv = process.env): Promise<ConnectionDescription> {
  const profile = clients.settings.profile ?? env['AWS_PROFILE'];
  let endpoint = clients.settings.endpoint ?? env['AWS_ENDPOINT_URL_GREENGRASS'] ?? env['AWS_ENDPOINT_URL'];
  if (!endpoint) {
    const files = await loadSharedConfigFiles();
    endpoint = serviceEndpointOf(files, profile ?? 'default', 'Greengrass');
  }
  const where = endpoint ? hostLabel(endpoint) : 'AWS';
  try {
    const region: unknown = await clients.greengrass().config.region();
    if (!isRegionCode(region)) {
      return { ...(profile ? { profile } : {}), endpoint: where, regionError: { kind: 'region', message: badRegionMessage(region) } };
    }
    return { ...(profile ? { profile } : {}), region, endpoint: where };
  } catch (error) {
    return { ...(profile ? { profile } : {}), endpoint: where, regionError: describeAwsError(error, { ...(profile ? { profile } : {}) }) };
  }
}

function hostLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'an invalid endpoint URL';
  }
}

type SharedFiles = Awaited<ReturnType<typeof loadSharedConfigFiles>>;

/** A profile's endpoint_url for a service, as the SDK defines it: its `services` section first, then the profile's own. */
function serviceEndpointOf(files: SharedFiles, profile: string, service: string): string | undefined {
  const section = files.configFile?.[profile] as Record<string, string | undefined> | undefined;
  if (!section) return undefined;
  const servicesName = section['services'];
  const key = service.toLowerCase().replace(/\s+/g, '_');
  if (servicesName) {
    // The loader flattens `[services name]` sub-sections as "services name" with keys "<service>.endpoint_url".
    const services = (files as unknown as { configFile: Record<string, Record<string, string | undefined>> }).configFile[`services.${servicesName}`]
      ?? (files as unknown as { configFile: Record<string, Record<string, string | undefined>> }).configFile[`services ${servicesName}`];
    const url = services?.[`${key}.endpoint_url`];
    if (url) return url;
  }
  return section['endpoint_url'];
}

/**
 * The region of a chosen profile, resolved like the SDK does for AWS_PROFILE (AWS_REGION first, then the profile):
 * the Greengrass client predates the SDK's `profile` client option, so the chosen profile is applied here.
 */
async function profileRegion(profile: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
  if (fromEnv) return fromEnv;
  const files = await loadSharedConfigFiles();
  const region = (files.configFile?.[profile] as Record<string, string | undefined> | undefined)?.['region']
    ?? (files.credentialsFile?.[profile] as Record<string, string | undefined> | undefined)?.['region'];
  if (region) return region;
  throw new Error(`Region is missing: profile ${profile} has no region and AWS_REGION is not set`);
}

/**
 * The endpoint for a chosen profile with the SDK's precedence (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the
 * profile's endpoint_url); undefined keeps AWS's own endpoint.
 */
async function profileEndpoint(profile: string, service: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] === 'true') return undefined;
  const url = env[`AWS_ENDPOINT_URL_${service.toUpperCase().replace(/\s+/g, '_')}`] ?? env['AWS_ENDPOINT_URL']
    ?? serviceEndpointOf(await loadSharedConfigFiles(), profile, service);
  return url;
}
