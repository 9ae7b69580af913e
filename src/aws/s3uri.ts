import type { S3Location } from './types';

/** "s3://bucket/key/path" → { bucket, key }; undefined for anything else. */
export function parseS3Uri(_uri: string): S3Location | undefined {
  throw new Error('not implemented');
}

/** "arn:aws:sagemaker:us-east-1:123:training-job/name" → its parts; undefined for anything else. */
export function parseTrainingJobArn(_arn: string): { region: string; account: string; jobName: string } | undefined {
  throw new Error('not implemented');
}
