// Turns SDK and network errors into what the user should know and do. Never includes credentials.
import * as l10n from '@vscode/l10n';
import { clipForMessage } from '../core/messageText';
import { GREENGRASS_V1_REGIONS } from '../core/model';
import { failedHost } from './httpHandler';
import type { AwsErrorInfo, AwsErrorKind } from './types';

export interface ErrorContext {
  /** The operation that failed, e.g. "GetConnectivityInfo". */
  operation?: string | undefined;
  /** The endpoint URL in use, to name its host when it cannot be reached. */
  endpoint?: string | undefined;
  profile?: string | undefined;
  region?: string | undefined;
}

/** An Error whose message is the user-facing one, keeping the kind and the original error as cause. */
export class AwsError extends Error {
  constructor(readonly info: AwsErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    this.name = 'AwsError';
  }
  get kind(): AwsErrorKind {
    return this.info.kind;
  }
}

interface SdkLikeError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  errno?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
  cause?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  $response?: { statusCode?: unknown };
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired', 'InvalidGrantException', 'UnauthorizedException']);
const REJECTED = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidSignatureException', 'IncompleteSignature', 'MissingAuthenticationToken', 'AuthFailure']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Forbidden', 'AllAccessDisabled', 'AccountProblem']);
const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown', 'ProvisionedThroughputExceededException', 'RequestThrottled', 'RequestThrottledException', 'PriorRequestNotComplete', 'BandwidthLimitExceeded', 'LimitExceededException']);
const NOT_FOUND = new Set(['IdNotFoundException', 'NotFoundException', 'ResourceNotFoundException', 'ResourceNotFound', 'NoSuchBucket', 'NoSuchKey', 'NotFound', 'NoSuchEntity', 'NoSuchEntityException']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);
const TIMEOUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** Credential values the clients have held (whatever their source: environment, profile file, SSO, a role). */
const heldSecrets: string[] = [];
const MAX_HELD_SECRETS = 48;

/** Remembers credential values so that no message repeats them (the newest few; credentials rotate slowly). */
export function rememberSecrets(values: readonly (string | undefined)[]): void {
  for (const value of values) {
    if (!value || value.length < 8 || heldSecrets.includes(value)) continue;
    heldSecrets.push(value);
    if (heldSecrets.length > MAX_HELD_SECRETS) heldSecrets.shift();
  }
}

/** Removes anything that looks like a credential from text taken from an error. */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  const known = [...heldSecrets];
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECURITY_TOKEN']) {
    const value = env[name];
    if (value && value.length >= 8) known.push(value);
  }
  // An endpoint may echo a value as it was sent in a header or URL-encoded in a query; longest first, so that a
  // value inside another one goes with it.
  const forms = new Set(known.flatMap((v) => [v, encodeURIComponent(v)]));
  for (const value of [...forms].sort((a, b) => b.length - a.length)) out = out.split(value).join('[redacted]');
  return out
    .replace(/\b(A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{12,}\b/g, '[redacted]')
    .replace(/(aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken|X-Amz-Security-Token|X-Amz-Credential|X-Amz-Signature|Signature|Credential)(\s*[=:]\s*)[^\s,&"']+/gi, '$1$2[redacted]')
    .replace(/\b[A-Za-z0-9/+]{40}\b/g, '[redacted]');
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function formatLimit(e: SdkLikeError): string {
  const limit = (e as { limit?: unknown }).limit;
  return typeof limit === 'number' ? `${Math.round(limit / 1024 / 1024)} MiB` : l10n.t('the limit');
}

/** Walks an error and its causes (the SDK and Node nest the socket error). */
function chain(error: unknown): SdkLikeError[] {
  const out: SdkLikeError[] = [];
  let e: unknown = error;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    out.push(e as SdkLikeError);
    e = (e as SdkLikeError).cause;
  }
  return out;
}

/** What happened, for the user, with what to do next; the variable part last. */
export function describeAwsError(error: unknown, context: ErrorContext = {}): AwsErrorInfo {
  if (error instanceof AwsError) return error.info;
  const errs = chain(error);
  const top = (errs[0] ?? {}) as SdkLikeError;
  const name = str(top.name) ?? str(top.Code) ?? 'Error';
  const codes = errs.flatMap((e) => [str(e.code), str(e.name), str(e.errno)].filter((c): c is string => !!c));
  // An endpoint chooses this text: only its start is looked at (and shown).
  const rawMessage = (str(top.message) ?? (typeof error === 'string' ? error : '')).slice(0, 4096);
  const httpStatus = [top.$metadata?.httpStatusCode, top.$response?.statusCode].find((s): s is number => typeof s === 'number');
  const requestId = str(top.$metadata?.requestId);
  const op = context.operation;
  const opText = op ?? l10n.t('the call');
  const base = { ...(op ? { operation: op } : {}), ...(requestId ? { requestId } : {}), ...(httpStatus !== undefined ? { httpStatus } : {}) };
  const info = (kind: AwsErrorKind, message: string): AwsErrorInfo => ({ kind, message: redactSecrets(message), ...base });
  const detail = clipForMessage(redactSecrets(rawMessage.split('\n')[0] ?? '').trim());

  // Credentials
  if (name === 'CredentialsProviderError' || /could not load credentials|could not be found or parsed|unable to find.*credentials|credentials? (is|are) missing|no credentials/i.test(rawMessage)) {
    if (/expired|refresh/i.test(rawMessage) && /sso|token/i.test(rawMessage)) {
      return info('expired', context.profile
        ? l10n.t('The AWS sign-in of profile {0} has expired. Sign in again (for SSO: aws sso login --profile {0}), then retry: {1}', context.profile, detail)
        : l10n.t('The AWS sign-in of this profile has expired. Sign in again (for SSO: aws sso login), then retry: {0}', detail));
    }
    return info('credentials', l10n.t('No AWS credentials found. Choose a profile or set AWS_PROFILE, or configure credentials with aws configure: {0}', detail));
  }
  if (codes.some((c) => EXPIRED.has(c)) || /token.*expired|expired.*token|session.*expired/i.test(rawMessage)) {
    return info('expired', context.profile
      ? l10n.t('The AWS credentials have expired. Refresh them (for SSO: aws sso login --profile {0}) and retry: {1}', context.profile, detail)
      : l10n.t('The AWS credentials have expired. Refresh them (for SSO: aws sso login) and retry: {0}', detail));
  }
  if (codes.some((c) => REJECTED.has(c))) {
    return info('credentials', l10n.t("AWS rejected the credentials. Check the profile's access key, or choose another profile: {0}", detail));
  }
  if (/region is missing|missing region|region.*not.*(set|configured)/i.test(rawMessage) || name === 'UnknownEndpoint' || codes.includes('UnknownEndpoint')) {
    return info('region', l10n.t("No AWS region is set. Choose a region, or set AWS_REGION or the profile's region: {0}", detail));
  }
  // Network
  const net = errs.find((e) => UNREACHABLE.has(str(e.code) ?? '') || UNREACHABLE.has(str(e.errno) ?? ''));
  if (net) {
    const host = str(net.hostname) ?? failedHost(error) ?? (str(net.address) ? `${str(net.address)}${net.port !== undefined ? `:${String(net.port)}` : ''}` : undefined) ?? hostOf(context.endpoint) ?? l10n.t('the endpoint');
    const aws = /^([a-z0-9-]+)\.([a-z0-9-]+)\.amazonaws\.com/.exec(host);
    if ((net.code === 'ENOTFOUND' || net.code === 'EAI_AGAIN') && aws) {
      if (aws[1] === 'greengrass' && aws[2] && !GREENGRASS_V1_REGIONS.has(aws[2])) {
        return info('region', l10n.t('AWS IoT Greengrass V1 is not available in region {0}. Choose a region that has it, such as us-east-1 or eu-central-1: {1}', aws[2], host));
      }
      return info('unreachable', l10n.t('Cannot reach AWS: this machine may be offline, or a proxy or firewall blocks it. Check the network, then retry: {0}', host));
    }
    return info('unreachable', l10n.t('Cannot reach the AWS endpoint. Check that it is running and the endpoint setting or AWS_ENDPOINT_URL is right: {0}', host));
  }
  if (codes.some((c) => TIMEOUT.has(c)) || /timed out|timeout/i.test(rawMessage)) {
    // Never the SDK's own text ("@smithy/node-http-handler - [ERROR] …"): the host, else the call.
    const host = failedHost(error) ?? hostOf(context.endpoint);
    return info('timeout', l10n.t('The AWS endpoint did not answer in time, or stopped answering. Check the network or the endpoint, then retry: {0}', host ?? opText));
  }
  if (codes.includes('ResponseTooLarge')) {
    const host = failedHost(error) ?? hostOf(context.endpoint);
    return info('tooLarge', op
      ? l10n.t("The endpoint's answer to {0} is larger than any AWS answer (over {1}), so it was not read. Check the endpoint setting or AWS_ENDPOINT_URL: {2}", op, formatLimit(top), host ?? l10n.t('the endpoint'))
      : l10n.t("The endpoint's answer to the call is larger than any AWS answer (over {0}), so it was not read. Check the endpoint setting or AWS_ENDPOINT_URL: {1}", formatLimit(top), host ?? l10n.t('the endpoint')));
  }
  // moto and other emulators answer unimplemented calls with a 404 HTML page the SDK cannot parse.
  if (httpStatus === 404 && (name === 'SyntaxError' || /deserialization error|is not valid JSON|unexpected token/i.test(rawMessage))) {
    return info('notImplemented', op
      ? l10n.t('The endpoint does not implement {0}. It works against AWS itself; use an endpoint that supports it: {0}', op)
      : l10n.t('The endpoint does not implement this call. It works against AWS itself; use an endpoint that supports it: {0}', detail));
  }
  if (httpStatus === 501 || name === 'NotImplemented' || name === 'NotImplementedException') {
    return info('notImplemented', op
      ? l10n.t('The endpoint does not implement {0}: {1}', op, detail)
      : l10n.t('The endpoint does not implement this call: {0}', detail));
  }
  if (codes.some((c) => THROTTLED.has(c)) || httpStatus === 429) {
    return info('throttled', l10n.t('AWS is throttling requests; wait a moment and retry: {0}', opText));
  }
  if (codes.some((c) => DENIED.has(c)) || httpStatus === 403) {
    return info('accessDenied', op
      ? l10n.t("Access denied. The profile's IAM policy must allow {0}; ask your administrator or choose another profile: {1}", op, detail)
      : l10n.t("Access denied. The profile's IAM policy must allow this action; ask your administrator or choose another profile: {0}", detail));
  }
  if (codes.some((c) => NOT_FOUND.has(c)) || httpStatus === 404 || /could not find|does not exist|not found/i.test(rawMessage)) {
    return info('notFound', l10n.t('It no longer exists or the id is wrong; refresh the explorer: {0}', detail && detail !== 'UnknownError' ? detail : opText));
  }
  return info('unknown', op ? l10n.t('{0} failed: {1}', op, detail || name) : l10n.t('The AWS call failed: {0}', detail || name));
}

/** Rethrows any error as an AwsError (user-facing message, kind), keeping the original as cause. */
export function toAwsError(error: unknown, context: ErrorContext = {}): AwsError {
  if (error instanceof AwsError) return error;
  return new AwsError(describeAwsError(error, context), { cause: error });
}
