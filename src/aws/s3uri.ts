import type { S3Location } from './types';

/** "s3://bucket/key/path" → { bucket, key }; undefined for anything else (the key may be empty for a bucket). */
export function parseS3Uri(uri: string): S3Location | undefined {
  const m = /^s3:\/\/([^/\s]+)(?:\/(.*))?$/.exec(uri.trim());
  if (!m || !m[1]) return undefined;
  return { bucket: m[1], key: m[2] ?? '' };
}

export function toS3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** "arn:aws:sagemaker:us-east-1:123:training-job/name" → its parts; undefined for anything else. */
export function parseTrainingJobArn(arn: string): { region: string; account: string; jobName: string } | undefined {
  const m = /^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):(\d+):training-job\/(.+)$/.exec(arn.trim());
  if (!m || !m[1] || !m[2] || !m[3]) return undefined;
  return { region: m[1], account: m[2], jobName: m[3] };
}
