// S3 locations: the one parser of `s3://bucket/key` URIs, of the https and ARN forms users paste, and the bucket
// name rules. Grammar (parseS3Uri): "s3://" bucket ["/" key], where bucket is one or more characters other than
// "/" and key is the rest of the text, possibly empty. An empty key (`s3://models` or `s3://models/`) names the
// whole bucket, a prefix. Whether the bucket is a valid name, or the key names an archive, is the caller's
// judgement (the linter reports it as a finding), not a parse failure. The text is taken as it is: callers trim
// typed input.
import { formatArn, parseArn } from './arn';

export interface S3Location {
  bucket: string;
  /** The object key, or a prefix; '' for the whole bucket. */
  key: string;
}

/** How a location was written: `s3://…`, https virtual-hosted or path style, or an S3 ARN. */
export type S3LocationForm = 's3' | 'virtual-hosted' | 'path' | 'arn';

const S3_URI = /^s3:\/\/([^/]+)(?:\/([\s\S]*))?$/;

/** `s3://bucket/key` → its parts; undefined for any other text. */
export function parseS3Uri(text: string): S3Location | undefined {
  const m = S3_URI.exec(text);
  if (!m?.[1]) return undefined;
  return { bucket: m[1], key: m[2] ?? '' };
}

/** The `s3://bucket/key` URI of a location (a leading "/" of the key is dropped); `s3://bucket/` for a whole bucket. */
export function formatS3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key.replace(/^\/+/, '')}`;
}

const HOST_SUFFIX = String.raw`amazonaws\.com(?:\.cn)?`;
// "s3", "s3-<region>" (legacy), then dot-separated labels ("s3.us-west-2", "s3.dualstack.eu-west-1").
const S3_HOST = String.raw`s3(?:-[a-z0-9-]+)?(?:\.[a-z0-9-]+)*\.${HOST_SUFFIX}`;
const VIRTUAL_HOST = new RegExp(String.raw`^([^.]+(?:\.[^.]+)*?)\.${S3_HOST}$`);
const PATH_HOST = new RegExp(String.raw`^${S3_HOST}$`);
/** Longer text is no S3 URL (keys are at most 1,024 bytes). */
const MAX_URL_LENGTH = 4096;

/**
 * An S3 location in any form users paste: `s3://bucket/key`, `https://bucket.s3.<region>.amazonaws.com/key`
 * (virtual-hosted), `https://s3.<region>.amazonaws.com/bucket/key` (path style), or `arn:aws:s3:::bucket/key`;
 * with the form it was written in. URL keys are percent-decoded. undefined for any other text.
 */
export function parseS3Location(text: string): (S3Location & { form: S3LocationForm }) | undefined {
  const s3 = parseS3Uri(text);
  if (s3) return { ...s3, form: 's3' };
  if (/^https?:\/\//i.test(text)) return parseS3Url(text);
  const arn = parseArn(text);
  if (arn?.service === 's3' && !arn.region && !arn.account && arn.resource) {
    const slash = arn.resource.indexOf('/');
    const bucket = slash < 0 ? arn.resource : arn.resource.slice(0, slash);
    return bucket ? { bucket, key: slash < 0 ? '' : arn.resource.slice(slash + 1), form: 'arn' } : undefined;
  }
  return undefined;
}

function parseS3Url(text: string): (S3Location & { form: S3LocationForm }) | undefined {
  if (text.length > MAX_URL_LENGTH || /\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.search || url.hash || url.username || url.password) return undefined;
  const path = decode(url.pathname.replace(/^\//, ''));
  const virtual = VIRTUAL_HOST.exec(url.hostname);
  if (virtual?.[1]) return { bucket: virtual[1], key: path, form: 'virtual-hosted' };
  if (!PATH_HOST.test(url.hostname)) return undefined;
  const slash = path.indexOf('/');
  const bucket = slash < 0 ? path : path.slice(0, slash);
  return bucket ? { bucket, key: slash < 0 ? '' : path.slice(slash + 1), form: 'path' } : undefined;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The ARN IAM policies name an S3 object (or, with an empty key, a bucket) by: `arn:aws:s3:::bucket/key`. */
export function formatS3Arn(location: S3Location, partition = 'aws'): string {
  return formatArn({ partition, service: 's3', region: '', account: '', resource: location.key ? `${location.bucket}/${location.key}` : location.bucket });
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** True for a name S3 accepts for a new bucket: 3–63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit. */
export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}

/** Why Greengrass cannot download a model from this bucket (it cannot use names with a period over TLS), or undefined. */
export function greengrassBucketProblem(name: string): string | undefined {
  if (isValidBucketName(name) && !name.includes('.')) return undefined;
  return name.includes('.')
    ? 'Greengrass cannot download models from a bucket whose name contains a period: ' + name
    : 'Not a valid S3 bucket name: ' + name;
}
