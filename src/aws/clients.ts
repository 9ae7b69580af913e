// The one place AWS SDK clients are built. Contract shared by the explorer and the deploy commands;
// see the explorer's implementation for the details of profiles, regions and endpoints.
import type { GreengrassClient } from '@aws-sdk/client-greengrass';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';

export interface ConnectionSettings {
  /** A profile from the shared config/credentials files; undefined means the SDK's default chain (AWS_PROFILE, env, …). */
  profile?: string;
  /** undefined means the SDK's own resolution (AWS_REGION, the profile's region). */
  region?: string;
  /** A machine-scoped endpoint override (never read from workspace settings). */
  endpoint?: string;
}

export interface AwsClients {
  readonly settings: ConnectionSettings;
  greengrass(): GreengrassClient;
  s3(): S3Client;
  sagemaker(): SageMakerClient;
  lambda(): LambdaClient;
  iam(): IAMClient;
  /** Destroys every client (on a connection switch). */
  dispose(): void;
}
