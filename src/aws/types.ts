// The explorer's view of an account: plain data, ready for the tree (no SDK types leak out of src/aws).
import type { DefinitionKind } from '../core/model';

/** How a profile gets its credentials (from the shared config/credentials files). */
export type ProfileKind = 'static' | 'sso' | 'assumeRole' | 'credentialProcess' | 'other';

export interface AwsProfile {
  name: string;
  region?: string | undefined;
  /** The profile's `endpoint_url` (the SDK uses it by itself). */
  endpointUrl?: string | undefined;
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
  operation?: string | undefined;
  requestId?: string | undefined;
  httpStatus?: number | undefined;
}

/** One line per cloud call: what the log shows (never credentials, headers or bodies). */
export interface AwsCallRecord {
  service: string;
  operation: string;
  durationMs: number;
  requestId?: string | undefined;
  httpStatus?: number | undefined;
  /** The error's name when the call failed. */
  error?: string | undefined;
  /** What kind of failure it was (an endpoint that cannot be reached, one that timed out, throttling…). */
  failureKind?: AwsErrorKind | undefined;
  /** The failure in the user's words (never credentials). */
  failureMessage?: string | undefined;
}

export interface PageRequest {
  nextToken?: string | undefined;
  maxResults?: number | undefined;
}

export interface Page<T> {
  items: T[];
  /** Present when there is more ("Load more…"). */
  nextToken?: string | undefined;
}

// ---------------------------------------------------------------- Greengrass

export interface GroupInfo {
  id: string;
  name: string;
  arn?: string | undefined;
  latestVersionId?: string | undefined;
  latestVersionArn?: string | undefined;
  creationTime?: string | undefined;
  lastUpdatedTime?: string | undefined;
}

export type DeploymentState = 'Building' | 'InProgress' | 'Success' | 'Failure' | string;

export interface DeploymentInfo {
  deploymentId: string;
  deploymentArn?: string | undefined;
  deploymentType?: string | undefined;
  groupVersionId?: string | undefined;
  createdAt?: string | undefined;
  /** From GetDeploymentStatus (only for the newest few; undefined when not fetched). */
  status?: DeploymentState | undefined;
  updatedAt?: string | undefined;
  errorMessage?: string | undefined;
  errorDetails?: { code?: string | undefined; message?: string | undefined }[];
  /** Set when the status could not be read. */
  statusError?: AwsErrorInfo | undefined;
}

export interface DeploymentStatusInfo {
  status?: DeploymentState | undefined;
  deploymentType?: string | undefined;
  updatedAt?: string | undefined;
  errorMessage?: string | undefined;
  errorDetails?: { code?: string | undefined; message?: string | undefined }[];
}

export interface GroupSummary {
  group: GroupInfo;
  latestVersionId?: string | undefined;
  latestVersionCreatedAt?: string | undefined;
  /** The newest deployment with its status; undefined when the group was never deployed. */
  lastDeployment?: DeploymentInfo | undefined;
  /** Set when the deployments could not be read (the rest of the summary stays usable). */
  deploymentsError?: AwsErrorInfo | undefined;
}

export interface GroupVersionInfo {
  versionId: string;
  arn?: string | undefined;
  createdAt?: string | undefined;
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
  thingArn?: string | undefined;
  certificateArn?: string | undefined;
  syncShadow?: boolean | undefined;
}

export interface DeviceInfo {
  id: string;
  thingArn?: string | undefined;
  certificateArn?: string | undefined;
  syncShadow?: boolean | undefined;
}

export type IsolationMode = 'GreengrassContainer' | 'NoContainer';

export interface ResourceAccessInfo {
  resourceId: string;
  permission?: 'ro' | 'rw' | string | undefined;
  /** False when the group version's resource definition has no resource with this id. */
  resolved: boolean;
  /** The resource's name when resolved. */
  resourceName?: string | undefined;
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
  memorySizeKb?: number | undefined;
  timeoutSeconds?: number | undefined;
  pinned?: boolean | undefined;
  executable?: string | undefined;
  encodingType?: string | undefined;
  runAs?: { uid?: number | undefined; gid?: number | undefined };
  accessSysfs?: boolean | undefined;
  environmentVariables: Record<string, string>;
  resourceAccessPolicies: ResourceAccessInfo[];
}

export type ResourceType = 'mlS3' | 'mlSageMaker' | 'localDevice' | 'localVolume' | 'secret' | 'unknown';

export interface ResourceInfo {
  id: string;
  name: string;
  type: ResourceType;
  /** ML from S3: the archive's s3:// URI. */
  s3Uri?: string | undefined;
  /** ML from SageMaker: the training job's ARN. */
  sageMakerJobArn?: string | undefined;
  /** ML resources and local volumes. */
  destinationPath?: string | undefined;
  /** ML resources: absent means files readable only by root. */
  ownerSetting?: { groupOwner?: string | undefined; groupPermission?: string | undefined };
  /** Local device and volume resources. */
  sourcePath?: string | undefined;
  groupOwnerSetting?: { autoAddGroupOwner?: boolean | undefined; groupOwner?: string | undefined };
  /** Secrets Manager resources. */
  secretArn?: string | undefined;
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
  component?: string | undefined;
  level?: string | undefined;
  type?: string | undefined;
  space?: number | undefined;
}

export interface ConnectorInfo {
  id: string;
  connectorArn?: string | undefined;
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
  versionArn?: string | undefined;
  createdAt?: string | undefined;
  definitions: DefinitionRef[];
  cores: Part<CoreInfo>;
  functions: Part<FunctionInfo>;
  /** The function definition's DefaultConfig execution settings, when present. */
  functionDefaults?: { isolationMode?: IsolationMode | undefined; runAs?: { uid?: number | undefined; gid?: number | undefined } | undefined } | undefined;
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
  sequential?: boolean | undefined;
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
  versionId?: string | undefined;
  /** Written into the manifest's `region`. */
  region?: string | undefined;
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
  nameContains?: string | undefined;
}

// ---------------------------------------------------------------- model sources

export interface BucketInfo {
  name: string;
  createdAt?: string | undefined;
}

export type ArchiveFormat = 'tar.gz' | 'zip';

export interface ModelArchive {
  bucket: string;
  key: string;
  uri: string;
  format: ArchiveFormat;
  size?: number | undefined;
  lastModified?: string | undefined;
}

export interface ModelArchivePageRequest {
  prefix?: string | undefined;
  continuationToken?: string | undefined;
  maxKeys?: number | undefined;
}

export type EncryptionKind = 'SSE-S3' | 'SSE-KMS' | 'SSE-C' | 'none';

export interface ArchiveDetails {
  bucket: string;
  key: string;
  uri: string;
  size?: number | undefined;
  lastModified?: string | undefined;
  contentType?: string | undefined;
  encryption: EncryptionKind;
  /** Where the encryption was read: the object (HeadObject) or the bucket's default. */
  encryptionSource: 'object' | 'bucket' | 'unknown';
  kmsKeyId?: string | undefined;
}

export interface TrainingJobPageRequest extends PageRequest {
  nameContains?: string | undefined;
  /** Completed | InProgress | Failed | Stopping | Stopped */
  statusEquals?: string | undefined;
}

export interface TrainingJobInfo {
  name: string;
  arn?: string | undefined;
  status?: string | undefined;
  createdAt?: string | undefined;
  endedAt?: string | undefined;
}

export interface TrainingJobDetails extends TrainingJobInfo {
  /** The model artifact's s3:// URI, once the job completed. */
  modelArtifactUri?: string | undefined;
  failureReason?: string | undefined;
  secondaryStatus?: string | undefined;
  outputPath?: string | undefined;
  /** The region from the job's ARN (ML resources must use a job in the group's region). */
  region?: string | undefined;
}

export interface S3Location {
  bucket: string;
  key: string;
}

/** Profile, region and endpoint of a connection, for the status bar. */
export interface ConnectionDescription {
  profile?: string | undefined;
  region?: string | undefined;
  /** "AWS" or the endpoint's scheme://host. */
  endpoint: string;
  /** Set when the region could not be resolved. */
  regionError?: AwsErrorInfo | undefined;
}
