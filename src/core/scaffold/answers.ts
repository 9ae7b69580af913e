// What "New Inference Function" asks, the choices each answer allows for a group, their defaults and validation.
// Pure: the command layer shows these as quick picks and input boxes; the planner turns answers into files.
import { compareVersions, parseVersion, type TargetPlatform } from '../manifest';
import { greengrassBucketProblem, parseS3Uri, parseTrainingJobArn, SAGEMAKER_REGIONS, type S3Location } from '../model';

export type Framework = 'mxnet' | 'tensorflow' | 'neo-dlr' | 'image-classification-connector-client';
export type Runtime = 'python3.8' | 'python3.7' | 'python2.7';
export type IsolationMode = 'GreengrassContainer' | 'NoContainer';
export type Lifecycle = 'pinned' | 'on-demand';

export type ModelSource = { kind: 's3'; uri: string } | { kind: 'sagemaker'; jobArn: string };

export interface ScaffoldAnswers {
  framework: Framework;
  runtime: Runtime;
  platform: TargetPlatform;
  source: ModelSource;
  /** Absolute path of the model on the core device (the ML resource's DestinationPath). */
  destinationPath: string;
  isolationMode: IsolationMode;
  lifecycle: Lifecycle;
  /** The Lambda function's name; also the function's Id in the function definition and its code folder. */
  functionName: string;
  /** The MQTT topic the function publishes its results to. */
  topic: string;
}

export interface Choice<T> {
  value: T;
  label: string;
  detail: string;
}

export const FRAMEWORKS: readonly Choice<Framework>[] = [
  { value: 'mxnet', label: 'MXNet', detail: 'Loads an MXNet checkpoint (symbol + params) with mx.model.load_checkpoint and a Module.' },
  { value: 'tensorflow', label: 'TensorFlow (frozen graph)', detail: 'Loads a frozen .pb graph with tf.GraphDef and import_graph_def (no Estimator, no Slim).' },
  { value: 'neo-dlr', label: 'SageMaker Neo (DLR)', detail: 'Runs a Neo-compiled model with dlr.DLRModel.' },
  { value: 'image-classification-connector-client', label: 'Image Classification connector client', detail: 'Sends images to the Image Classification connector through the Greengrass ML SDK.' },
];

export const PLATFORMS: readonly Choice<TargetPlatform>[] = [
  { value: 'raspberry-pi', label: 'Raspberry Pi', detail: 'armv7l, Raspbian; MXNet needs MXNET_ENGINE_TYPE=NaiveEngine, the camera needs /dev/vcsm and /dev/vchiq.' },
  { value: 'jetson-tx2', label: 'NVIDIA Jetson TX2', detail: 'aarch64; Neo models run on the GPU.' },
  { value: 'x86_64', label: 'Intel Atom / x86_64', detail: 'x86_64 devices.' },
];

export const LIFECYCLES: readonly Choice<Lifecycle>[] = [
  { value: 'pinned', label: 'Long-lived (pinned)', detail: 'Starts with the core and runs inference in a loop, publishing each result.' },
  { value: 'on-demand', label: 'On demand', detail: 'Runs inference for each message it receives on <topic>/infer.' },
];

/** Runtimes by the minimum core version that runs them (lambda-functions page). */
const RUNTIME_MIN_CORE: Record<Runtime, number[]> = { 'python3.8': [1, 11], 'python3.7': [1, 9], 'python2.7': [1, 0] };

export const RUNTIMES: readonly Choice<Runtime>[] = [
  { value: 'python3.8', label: 'Python 3.8', detail: 'Core v1.11 or later.' },
  { value: 'python3.7', label: 'Python 3.7', detail: 'Core v1.9 or later.' },
  { value: 'python2.7', label: 'Python 2.7', detail: 'Legacy, for cores before v1.9: still runs on the core, but Lambda no longer creates new Python 2.7 functions.' },
];

/** The core version used for a group whose manifest does not name one (and for a manifest created by the scaffold). */
export const DEFAULT_CORE_VERSION = '1.11.6';

function atLeast(coreVersion: string | undefined, min: number[]): boolean {
  const v = parseVersion(coreVersion ?? DEFAULT_CORE_VERSION) ?? parseVersion(DEFAULT_CORE_VERSION)!;
  return compareVersions(v, min) >= 0;
}

/**
 * Runtimes to offer for the group's core version, newest first. Python 2.7 still runs on every core but Lambda no
 * longer creates such functions, so it is offered only to cores that run no Python 3 (before v1.9).
 */
export function runtimesFor(coreVersion: string | undefined): Choice<Runtime>[] {
  const python3 = RUNTIMES.filter((r) => r.value !== 'python2.7' && atLeast(coreVersion, RUNTIME_MIN_CORE[r.value]));
  return python3.length > 0 ? python3 : RUNTIMES.filter((r) => r.value === 'python2.7');
}

/** True when the core sets AWS_GG_RESOURCE_PREFIX (v1.10 and later); older cores mount models at DestinationPath. */
export function usesResourcePrefix(coreVersion: string | undefined): boolean {
  return atLeast(coreVersion, [1, 10]);
}

/** True when the core accepts an IsolationMode at all (v1.7 and later). */
export function supportsIsolationMode(coreVersion: string | undefined): boolean {
  return atLeast(coreVersion, [1, 7]);
}

/** NoContainer functions need OwnerSetting on their ML resources, which needs core v1.10. */
export function isolationModesFor(coreVersion: string | undefined): Choice<IsolationMode>[] {
  const modes: Choice<IsolationMode>[] = [
    { value: 'GreengrassContainer', label: 'Greengrass container', detail: 'The function runs in the core\'s container with a memory limit and reads the model read-only.' },
  ];
  if (atLeast(coreVersion, [1, 10])) {
    modes.push({ value: 'NoContainer', label: 'No container', detail: 'The function runs as a process on the device; the model resource gets an OwnerSetting.' });
  }
  return modes;
}

/** True when ML resources are available at all (core v1.6). */
export function supportsMlResources(coreVersion: string | undefined): boolean {
  return atLeast(coreVersion, [1, 6]);
}

export function defaultDestinationPath(framework: Framework): string {
  switch (framework) {
    case 'mxnet': return '/greengrass-machine-learning/mxnet/squeezenet';
    case 'tensorflow': return '/greengrass-machine-learning/tf/frozen-graph';
    case 'neo-dlr': return '/ml_model';
    case 'image-classification-connector-client': return '/greengrass-machine-learning/image-classification';
  }
}

export function defaultFunctionName(framework: Framework): string {
  switch (framework) {
    case 'mxnet': return 'mxnet-inference';
    case 'tensorflow': return 'tf-inference';
    case 'neo-dlr': return 'neo-inference';
    case 'image-classification-connector-client': return 'image-classification-client';
  }
}

export function defaultTopic(functionName: string): string {
  return `ml/inference/${functionName}`;
}

// ---- validation: each returns undefined when valid, else a message that says what to type ----

export function validateFunctionName(name: string): string | undefined {
  if (!name) return 'Enter a function name, for example: mxnet-inference';
  if (name.length > 64) return `A Lambda function name has at most 64 characters; this one has: ${name.length}`;
  if (!/^[a-zA-Z0-9_-]+$/.test(name)) return 'Use only letters, digits, hyphens and underscores in the function name: ' + name;
  return undefined;
}

export function validateTopic(topic: string): string | undefined {
  if (!topic) return 'Enter an MQTT topic, for example: ml/inference/results';
  if (/[+#]/.test(topic)) return 'A topic to publish to cannot contain the wildcards + or #: ' + topic;
  if (topic.startsWith('$')) return 'Topics starting with $ are reserved by AWS IoT: ' + topic;
  if (topic.length > 256) return 'An MQTT topic has at most 256 characters.';
  return undefined;
}

export function validateDestinationPath(path: string): string | undefined {
  if (!path) return 'Enter the absolute path where the core puts the model, for example: /ml_model';
  if (!path.startsWith('/')) return 'The destination path must be absolute (start with /): ' + path;
  if (/\s/.test(path)) return 'The destination path cannot contain spaces: ' + path;
  if (path !== '/' && path.endsWith('/')) return 'Remove the trailing slash from the destination path: ' + path;
  if (path === '/' || /^\/(proc|sys|dev)(\/|$)/.test(path)) return 'Choose a folder of its own for the model, not a system folder: ' + path;
  return undefined;
}

/** The model archive's bucket and key from a typed `s3://bucket/key`; undefined without an object key. */
export function modelArchiveUri(uri: string): S3Location | undefined {
  const parsed = parseS3Uri(uri.trim());
  return parsed?.key ? parsed : undefined;
}

export function validateS3Uri(uri: string): string | undefined {
  const parsed = modelArchiveUri(uri);
  if (!parsed) return 'Enter the model archive as s3://bucket/path/model.tar.gz';
  const bucketProblem = greengrassBucketProblem(parsed.bucket);
  if (bucketProblem) return bucketProblem;
  if (!/\.(tar\.gz|zip)$/.test(parsed.key)) return 'The model must be a .tar.gz or .zip archive: ' + parsed.key;
  return undefined;
}

export function validateSageMakerJobArn(arn: string): string | undefined {
  const parsed = parseTrainingJobArn(arn.trim());
  if (!parsed) return 'Enter the training job ARN as arn:aws:sagemaker:<region>:<account>:training-job/<name>';
  if (!SAGEMAKER_REGIONS.has(parsed.region)) return 'Greengrass does not take SageMaker models from this region: ' + parsed.region;
  return undefined;
}

/** Every problem with a complete set of answers for a group of the given core version (empty when valid). */
export function validateAnswers(a: ScaffoldAnswers, coreVersion: string | undefined): string[] {
  const problems: string[] = [];
  if (!FRAMEWORKS.some((f) => f.value === a.framework)) problems.push('Unknown framework: ' + String(a.framework));
  if (!runtimesFor(coreVersion).some((r) => r.value === a.runtime)) {
    problems.push(`The group's core version ${coreVersion ?? DEFAULT_CORE_VERSION} does not run this runtime: ${String(a.runtime)}`);
  }
  if (!PLATFORMS.some((p) => p.value === a.platform)) problems.push('Unknown platform: ' + String(a.platform));
  if (!isolationModesFor(coreVersion).some((m) => m.value === a.isolationMode)) {
    problems.push(`The group's core version ${coreVersion ?? DEFAULT_CORE_VERSION} does not allow this isolation mode for ML functions: ${String(a.isolationMode)}`);
  }
  if (!LIFECYCLES.some((l) => l.value === a.lifecycle)) problems.push('Unknown lifecycle: ' + String(a.lifecycle));
  if (!supportsMlResources(coreVersion)) problems.push(`ML resources need core v1.6 or later; the group's core version is: ${String(coreVersion)}`);
  const sourceProblem = a.source?.kind === 's3' ? validateS3Uri(a.source.uri)
    : a.source?.kind === 'sagemaker' ? validateSageMakerJobArn(a.source.jobArn)
      : 'Choose a model source: an S3 archive or a SageMaker training job.';
  for (const p of [sourceProblem, validateDestinationPath(a.destinationPath), validateFunctionName(a.functionName), validateTopic(a.topic)]) {
    if (p) problems.push(p);
  }
  return problems;
}
