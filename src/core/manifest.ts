// The group manifest (greengrass-ml.json): one per group folder, tying the group's files together.
// See docs/manifest.md and schemas/greengrass-ml.schema.json.

export const MANIFEST_FILE_NAME = 'greengrass-ml.json';

export type TargetPlatform = 'raspberry-pi' | 'jetson-tx2' | 'x86_64';
export const TARGET_PLATFORMS: readonly TargetPlatform[] = ['raspberry-pi', 'jetson-tx2', 'x86_64'];

export interface GroupManifest {
  /** The Greengrass group's name. */
  name: string;
  region?: string;
  /** The Greengrass Core software version on the devices, e.g. "1.11.6". */
  coreVersion?: string;
  platforms?: TargetPlatform[];
  /** Paths relative to the manifest. */
  definitions?: {
    core?: string;
    functions?: string;
    resources?: string;
    subscriptions?: string;
    devices?: string;
  };
  serviceRolePolicy?: string;
  /** IAM role that Lambda functions published from this folder run with. */
  lambdaExecutionRoleArn?: string;
  /**
   * Facts about functions that the function definition does not carry, keyed by the function's `Id`: the Lambda
   * runtime (checked against coreVersion) and the ML framework (MXNet functions on raspberry-pi need NaiveEngine).
   */
  functions?: Record<string, FunctionHints>;
  /** Cloud ids, written by Deploy once the group exists. */
  cloud?: {
    groupId?: string;
    groupVersionId?: string;
    coreDefinitionId?: string;
    functionDefinitionId?: string;
    resourceDefinitionId?: string;
    subscriptionDefinitionId?: string;
    deviceDefinitionId?: string;
    lastDeploymentId?: string;
  };
}

export interface FunctionHints {
  /** The Lambda runtime, e.g. "python3.7", "nodejs12.x", "java8", "executable". */
  runtime?: string;
  /** The ML framework the function serves: "mxnet", "tensorflow", "dlr" or another name. */
  framework?: string;
}

/** "1.10.2" → [1, 10, 2]; undefined for anything that is not a dotted version. */
export function parseVersion(text: string | undefined): number[] | undefined {
  if (!text || !/^\d+(\.\d+){0,2}$/.test(text.trim())) return undefined;
  return text.trim().split('.').map(Number);
}

/** Compares dotted versions numerically: negative when a < b. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
