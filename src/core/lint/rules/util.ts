// Small shared pieces of the rules: value edits, version gates, which S3 URIs a model can come from.
import { compareVersions } from '../../manifest';
import { formatS3Uri, isValidBucketName, parseS3Location, parseS3Uri, type S3Location } from '../../model';
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

/**
 * The bucket and key of an ML resource's S3Uri when Greengrass can download from it: `s3://bucket/key` with a
 * valid bucket name and an object key without spaces. undefined otherwise (the text may still parse as a prefix).
 */
export function modelArchiveLocation(uri: string): S3Location | undefined {
  const location = parseS3Uri(uri);
  return location && isValidBucketName(location.bucket) && /^\S+$/.test(location.key) ? location : undefined;
}

/** An https:// S3 URL or an S3 object ARN (or an s3:// URI with spaces around it) rewritten as the s3:// URI Greengrass expects; undefined otherwise. */
export function toS3Uri(text: string): string | undefined {
  const t = text.trim();
  const location = parseS3Location(t);
  if (!location || !/^\S+$/.test(location.key) || /\s/.test(location.bucket)) return undefined;
  if (location.form === 's3') return t !== text ? t : undefined;
  return formatS3Uri(location);
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


/** The Uid/Gid a GroupOwner is given as: a string (name or number). */
export function ownerText(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

export function isNodeInside(node: Node | undefined, container: Node): boolean {
  return node !== undefined && node.offset >= container.offset && node.offset + node.length <= container.offset + container.length;
}
