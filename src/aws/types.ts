// The explorer's view of an account: plain data, ready for the tree (no SDK types leak out of src/aws).
import type { DefinitionKind } from '../core/model';

/** How a profile gets its credentials (from the shared config/credentials files). */
export type ProfileKind = 'static' | 'sso' | 'assumeRole' | 'credentialProcess' | 'other';

export interface AwsProfile {
  name: string;
  region?: string;
  /** The profile's `endpoint_url` (the SDK uses it by itself). */
  endpointUrl?: string;
  kind: ProfileKind;
  /** Which of the shared files define it. */
  source: 'config' | 'credentials' | 'both';
}

export type AwsErrorKind =
  | 'credentials'
  | 'expired'
  | 'accessDenied'
  | 'unreachable'
  | 'timeout'
  | 'notImplemented'
  | 'throttled'
  | 'tooLarge'
  | 'notFound'
  | 'region'
  | 'unknown';

/** A user-facing description of a failed call: what happened and what to do, never secrets. */
export interface AwsErrorInfo {
  kind: AwsErrorKind;
  message: string;
  /** The operation that failed, when known (e.g. "GetConnectivityInfo"). */
  operation?: string;
  requestId?: string;
  httpStatus?: number;
}

/** One line per cloud call: what the log shows (never credentials, headers or bodies). */
export interface AwsCallRecord {
  service: string;
  operation: string;
  durationMs: number;
  requestId?: string;
  httpStatus?: number;
  /** The error's name when the call failed. */
  error?: string;
  /** What kind of failure it was (an endpoint that cannot be reached, one that timed out, throttling…). */
  failureKind?: AwsErrorKind;
  /** The failure in the user's words (never credentials). */
  failureMessage?: string;
}

export interface PageRequest {
  nextToken?: string;
  maxResults?: number;
}

export interface Page<T> {
  items: T[];
  /** Present when there is more ("Load more…"). */
  nextToken?: string;
}

// ---------------------------------------------------------------- Greengrass

export interface GroupInfo {
  id: string;
  name: string;
  arn?: string;
  latestVersionId?: string;
  latestVersionArn?: string;
  creationTime?: string;
  lastUpdatedTime?: string;
}

export type DeploymentState = 'Building' | 'InProgress' | 'Success' | 'Failure' | string;

export interface DeploymentInfo {
  deploymentId: string;
  deploymentArn?: string;
  deploymentType?: string;
  groupVersionId?: string;
  createdAt?: string;
  /** From GetDeploymentStatus (only for the newest few; undefined when not fetched). */
  status?: DeploymentState;
  updatedAt?: string;
  errorMessage?: string;
  errorDetails?: { code?: string; message?: string }[];
  /** Set when the status could not be read. */
  statusError?: AwsErrorInfo;
}

export interface DeploymentStatusInfo {
  status?: DeploymentState;
  deploymentType?: string;
  updatedAt?: string;
  errorMessage?: string;
  errorDetails?: { code?: string; message?: string }[];
}

export interface GroupSummary {
  group: GroupInfo;
  latestVersionId?: string;
  latestVersionCreatedAt?: string;
  /** The newest deployment with its status; undefined when the group was never deployed. */
  lastDeployment?: DeploymentInfo;
  /** Set when the deployments could not be read (the rest of the summary stays usable). */
  deploymentsError?: AwsErrorInfo;
}

export interface GroupVersionInfo {
  versionId: string;
  arn?: string;
  createdAt?: string;
}

export type { DefinitionKind };
export { DEFINITION_KINDS } from '../core/model';

export interface DefinitionRef {
  kind: DefinitionKind;
  definitionId: string;
  versionId: string;
  arn: string;
}

export interface CoreInfo {
  id: string;
  thingArn?: string;
  certificateArn?: string;
  syncShadow?: boolean;
}

export interface DeviceInfo {
  id: string;
  thingArn?: string;
  certificateArn?: string;
  syncShadow?: boolean;
}

export type IsolationMode = 'GreengrassContainer' | 'NoContainer';

export interface ResourceAccessInfo {
  resourceId: string;
  permission?: 'ro' | 'rw' | string;
  /** False when the group version's resource definition has no resource with this id. */
  resolved: boolean;
  /** The resource's name when resolved. */
  resourceName?: string;
}

export interface FunctionInfo {
  id: string;
  functionArn: string;
  /** The Lambda function name and qualifier from the ARN ("name:alias"); the ARN itself when it cannot be parsed. */
  displayName: string;
  isolationMode: IsolationMode;
  /** Where the isolation mode comes from: the function's own config, the definition's DefaultConfig, or the service default. */
  isolationModeSource: 'function' | 'default' | 'implicit';
  /** KB as in the API. */
  memorySizeKb?: number;
  timeoutSeconds?: number;
  pinned?: boolean;
  executable?: string;
  encodingType?: string;
  runAs?: { uid?: number; gid?: number };
  accessSysfs?: boolean;
  environmentVariables: Record<string, string>;
  resourceAccessPolicies: ResourceAccessInfo[];
}

export type ResourceType = 'mlS3' | 'mlSageMaker' | 'localDevice' | 'localVolume' | 'secret' | 'unknown';

export interface ResourceInfo {
  id: string;
  name: string;
  type: ResourceType;
  /** ML from S3: the archive's s3:// URI. */
  s3Uri?: string;
  /** ML from SageMaker: the training job's ARN. */
  sageMakerJobArn?: string;
  /** ML resources and local volumes. */
  destinationPath?: string;
  /** ML resources: absent means files readable only by root. */
  ownerSetting?: { groupOwner?: string; groupPermission?: string };
  /** Local device and volume resources. */
  sourcePath?: string;
  groupOwnerSetting?: { autoAddGroupOwner?: boolean; groupOwner?: string };
  /** Secrets Manager resources. */
  secretArn?: string;
  /** The ids of the functions that attach this resource. */
  usedBy: string[];
}

export interface SubscriptionInfo {
  id: string;
  source: string;
  subject: string;
  target: string;
}

export interface LoggerInfo {
  id: string;
  component?: string;
  level?: string;
  type?: string;
  space?: number;
}

export interface ConnectorInfo {
  id: string;
  connectorArn?: string;
  parameters: Record<string, string>;
}

/** One part of a group version: absent (the version names none), loaded, or failed (the rest still loads). */
export type Part<T> =
  | { status: 'absent' }
  | { status: 'ok'; ref: DefinitionRef; items: T[] }
  | { status: 'error'; ref: DefinitionRef; error: AwsErrorInfo };

export interface GroupVersionDetails {
  groupId: string;
  versionId: string;
  versionArn?: string;
  createdAt?: string;
  definitions: DefinitionRef[];
  cores: Part<CoreInfo>;
  functions: Part<FunctionInfo>;
  /** The function definition's DefaultConfig execution settings, when present. */
  functionDefaults?: { isolationMode?: IsolationMode; runAs?: { uid?: number; gid?: number } };
  resources: Part<ResourceInfo>;
  subscriptions: Part<SubscriptionInfo>;
  devices: Part<DeviceInfo>;
  loggers: Part<LoggerInfo>;
  connectors: Part<ConnectorInfo>;
  /** Resource ids named by functions' access policies that the resource definition lacks (sorted, unique). */
  unresolvedResourceIds: string[];
  /** Wall-clock time of the fetch (for the log and the benchmark). */
  elapsedMs: number;
}

export interface GroupVersionDetailsOptions {
  /** Fetch definition versions one after another instead of concurrently (for comparison only). */
  sequential?: boolean;
}

/** The raw `get-*-definition-version` output (without SDK metadata) as pretty JSON, for read-only display. */
export interface DefinitionVersionDocument {
  kind: DefinitionKind;
  definitionId: string;
  versionId: string;
  /** A file name that tells what it is, e.g. "function-definition-<id>-<version>.json". */
  fileName: string;
  text: string;
  value: unknown;
}

/** A file to write into the workspace (pretty JSON). */
export interface PulledFile {
  fileName: string;
  text: string;
}

export interface PullOptions {
  /** Defaults to the group's latest version. */
  versionId?: string;
  /** Written into the manifest's `region`. */
  region?: string;
}

/** What the tree shows for a group in a list (computed from GroupInfo without extra calls). */
export interface GroupRow {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  contextValue: 'greengrassMl:group';
  group: GroupInfo;
}

export interface GroupPageRequest extends PageRequest {
  /** Case-insensitive substring of the group name (filtered here: the API has no filter). */
  nameContains?: string;
}

// ---------------------------------------------------------------- model sources

export interface BucketInfo {
  name: string;
  createdAt?: string;
}

export type ArchiveFormat = 'tar.gz' | 'zip';

export interface ModelArchive {
  bucket: string;
  key: string;
  uri: string;
  format: ArchiveFormat;
  size?: number;
  lastModified?: string;
}

export interface ModelArchivePageRequest {
  prefix?: string;
  continuationToken?: string;
  maxKeys?: number;
}

export type EncryptionKind = 'SSE-S3' | 'SSE-KMS' | 'SSE-C' | 'none';

export interface ArchiveDetails {
  bucket: string;
  key: string;
  uri: string;
  size?: number;
  lastModified?: string;
  contentType?: string;
  encryption: EncryptionKind;
  /** Where the encryption was read: the object (HeadObject) or the bucket's default. */
  encryptionSource: 'object' | 'bucket' | 'unknown';
  kmsKeyId?: string;
}

export interface TrainingJobPageRequest extends PageRequest {
  nameContains?: string;
  /** Completed | InProgress | Failed | Stopping | Stopped */
  statusEquals?: string;
}

export interface TrainingJobInfo {
  name: string;
  arn?: string;
  status?: string;
  createdAt?: string;
  endedAt?: string;
}

export interface TrainingJobDetails extends TrainingJobInfo {
  /** The model artifact's s3:// URI, once the job completed. */
  modelArtifactUri?: string;
  failureReason?: string;
  secondaryStatus?: string;
  outputPath?: string;
  /** The region from the job's ARN (ML resources must use a job in the group's region). */
  region?: string;
}

export interface S3Location {
  bucket: string;
  key: string;
}

/** Profile, region and endpoint of a connection, for the status bar. */
export interface ConnectionDescription {
  profile?: string;
  region?: string;
  /** "AWS" or the endpoint's scheme://host. */
  endpoint: string;
  /** Set when the region could not be resolved. */
  regionError?: AwsErrorInfo;
}
