// Small shared pieces of the rules: value edits, version gates, S3 URI parsing.
import { compareVersions } from '../../manifest';
import type { Node } from '../json';
import type { TextEdit } from '../types';

/** Replaces a value node by a JSON value (keeps everything around it). */
export function replaceValue(node: Node, value: unknown): TextEdit {
  return { offset: node.offset, length: node.length, content: JSON.stringify(value) };
}

/** True when the version is known and lower than `min`. */
export function below(version: number[] | undefined, min: number[]): boolean {
  return version !== undefined && compareVersions(version, min) < 0;
}

export function versionText(v: readonly number[]): string {
  return v.join('.');
}

const S3_URI = /^s3:\/\/([^/\s]+)\/(\S+)$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export interface S3Location {
  bucket: string;
  key: string;
}

/** `s3://bucket/key` → its parts; undefined when the text is not an S3 URI with a valid bucket name and a key. */
export function parseS3Uri(uri: string): S3Location | undefined {
  const m = S3_URI.exec(uri);
  if (!m || !BUCKET.test(m[1]!)) return undefined;
  return { bucket: m[1]!, key: m[2]! };
}

const HTTPS_VIRTUAL = /^https?:\/\/([a-z0-9][a-z0-9.-]*[a-z0-9])\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/(\S+)$/;
const HTTPS_PATH = /^https?:\/\/s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/([^/\s]+)\/(\S+)$/;
const S3_ARN_OBJECT = /^arn:aws[a-z-]*:s3:::([^/\s]+)\/(\S+)$/;

/** An https:// S3 URL or an S3 object ARN rewritten as the s3:// URI Greengrass expects; undefined otherwise. */
export function toS3Uri(text: string): string | undefined {
  const t = text.trim();
  let m = HTTPS_VIRTUAL.exec(t);
  if (m) return `s3://${m[1]}/${m[2]}`;
  m = HTTPS_PATH.exec(t) ?? S3_ARN_OBJECT.exec(t);
  if (m) return `s3://${m[1]}/${m[2]}`;
  if (t !== text && S3_URI.test(t)) return t;
  return undefined;
}

/** `/a/b/` → `/a/b`; for comparing destination paths. */
export function trimSlash(p: string): string {
  let end = p.length;
  while (end > 1 && p.charCodeAt(end - 1) === 47) end--;
  return p.slice(0, end);
}

/** True when `path` is `dir` or inside it. */
export function under(path: string, dir: string): boolean {
  const p = trimSlash(path);
  return p === dir || p.startsWith(`${dir}/`);
}

export function nested(a: string, b: string): boolean {
  const x = trimSlash(a);
  const y = trimSlash(b);
  return x === y || y.startsWith(x === '/' ? '/' : `${x}/`) || x.startsWith(y === '/' ? '/' : `${y}/`);
}

export const SAGEMAKER_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ap-south-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
]);

/** Regions where Greengrass V1 was offered. */
export const GREENGRASS_V1_REGIONS: ReadonlySet<string> = new Set([
  ...SAGEMAKER_REGIONS,
  'cn-north-1',
  'us-gov-west-1',
]);

/** The Uid/Gid a GroupOwner is given as: a string (name or number). */
export function ownerText(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

export function isNodeInside(node: Node | undefined, container: Node): boolean {
  return node !== undefined && node.offset >= container.offset && node.offset + node.length <= container.offset + container.length;
}
