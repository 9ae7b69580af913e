// What the Greengrass V2 explorer shows, as plain data (times as ISO strings; API status words as AWS sends them).

export interface V2CoreDeviceInfo {
  /** The core device's AWS IoT thing name. */
  name: string;
  /** HEALTHY or UNHEALTHY. */
  status?: string;
  lastStatusUpdate?: string;
  platform?: string;
  architecture?: string;
  runtime?: string;
  coreVersion?: string;
}

export interface V2InstalledComponentInfo {
  name: string;
  version?: string;
  /** NEW, INSTALLED, STARTING, RUNNING, STOPPING, ERRORED, BROKEN, FINISHED. */
  lifecycleState?: string;
  details?: string;
  statusCodes?: string[];
  isRoot?: boolean;
  lastStatusChange?: string;
  lastReported?: string;
  /** The deployment target (thing group or thing ARN) that installed it. */
  installationSource?: string;
}

export interface V2EffectiveDeploymentInfo {
  deploymentId: string;
  deploymentName?: string;
  targetArn?: string;
  /** The deployment's status on this device: QUEUED, IN_PROGRESS, SUCCEEDED, FAILED, … */
  status?: string;
  reason?: string;
  errorStack?: string[];
  errorTypes?: string[];
  createdAt?: string;
  modifiedAt?: string;
  iotJobId?: string;
}

export interface V2DeploymentInfo {
  deploymentId: string;
  deploymentName?: string;
  targetArn: string;
  revisionId?: string;
  /** ACTIVE, COMPLETED, CANCELED, FAILED, INACTIVE. */
  status?: string;
  createdAt?: string;
  isLatestForTarget?: boolean;
  parentTargetArn?: string;
}

export interface V2DeploymentDetails extends V2DeploymentInfo {
  components: { name: string; version: string }[];
  failureHandlingPolicy?: string;
  iotJobId?: string;
}

export interface V2ComponentInfo {
  name: string;
  /** The component's ARN (without a version). */
  arn: string;
  latestVersion?: string;
  latestVersionArn?: string;
  description?: string;
  publisher?: string;
  createdAt?: string;
}

export interface V2ComponentVersionRef {
  name: string;
  version: string;
  arn: string;
}

export interface V2ComponentVersionInfo extends V2ComponentVersionRef {
  /** REQUESTED, INITIATED, DEPLOYABLE, FAILED, DEPRECATED. */
  state?: string;
  /** Why it is in that state (absent when AWS says NONE). */
  message?: string;
  /** Per artifact or Lambda function: what went wrong. */
  errors: { subject: string; message: string }[];
  description?: string;
  publisher?: string;
  createdAt?: string;
  platforms: string[];
}

export interface V2Recipe {
  arn: string;
  format: string;
  text: string;
}

export interface V2UsedBy {
  deployments: (V2DeploymentInfo & { componentVersion: string })[];
  /** False when there were more deployments than were read. */
  complete: boolean;
}
