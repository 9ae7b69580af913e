// What "New Inference Function" asks, the choices each answer allows for a group, their defaults and validation.
// Pure: the command layer shows these as quick picks and input boxes; the planner turns answers into files.
import * as l10n from '@vscode/l10n';
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
  /** Read when shown: in the user's language. */
  readonly label: string;
  readonly detail: string;
}

/** A choice whose words are looked up when shown (the tables load before the translation is configured). */
function choice<T>(value: T, label: () => string, detail: () => string): Choice<T> {
  return { value, get label() { return label(); }, get detail() { return detail(); } };
}

export const FRAMEWORKS: readonly Choice<Framework>[] = [
  choice('mxnet', () => 'MXNet', () => l10n.t('Loads an MXNet checkpoint (symbol + params) with mx.model.load_checkpoint and a Module.')),
  choice('tensorflow', () => l10n.t('TensorFlow (frozen graph)'), () => l10n.t('Loads a frozen .pb graph with tf.GraphDef and import_graph_def (no Estimator, no Slim).')),
  choice('neo-dlr', () => 'SageMaker Neo (DLR)', () => l10n.t('Runs a Neo-compiled model with dlr.DLRModel.')),
  choice('image-classification-connector-client', () => l10n.t('Image Classification connector client'), () => l10n.t('Sends images to the Image Classification connector through the Greengrass ML SDK.')),
];

export const PLATFORMS: readonly Choice<TargetPlatform>[] = [
  choice('raspberry-pi', () => 'Raspberry Pi', () => l10n.t('armv7l, Raspbian; MXNet needs MXNET_ENGINE_TYPE=NaiveEngine, the camera needs /dev/vcsm and /dev/vchiq.')),
  choice('jetson-tx2', () => 'NVIDIA Jetson TX2', () => l10n.t('aarch64; Neo models run on the GPU.')),
  choice('x86_64', () => 'Intel Atom / x86_64', () => l10n.t('x86_64 devices.')),
];

export const LIFECYCLES: readonly Choice<Lifecycle>[] = [
  choice('pinned', () => l10n.t('Long-lived (pinned)'), () => l10n.t('Starts with the core and runs inference in a loop, publishing each result.')),
  choice('on-demand', () => l10n.t('On demand'), () => l10n.t('Runs inference for each message it receives on <topic>/infer.')),
];

/** Runtimes by the minimum core version that runs them (lambda-functions page). */
const RUNTIME_MIN_CORE: Record<Runtime, number[]> = { 'python3.8': [1, 11], 'python3.7': [1, 9], 'python2.7': [1, 0] };

export const RUNTIMES: readonly Choice<Runtime>[] = [
  choice('python3.8', () => 'Python 3.8', () => l10n.t('Core v1.11 or later.')),
  choice('python3.7', () => 'Python 3.7', () => l10n.t('Core v1.9 or later.')),
  choice('python2.7', () => 'Python 2.7', () => l10n.t('Legacy, for cores before v1.9: still runs on the core, but Lambda no longer creates new Python 2.7 functions.')),
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
    choice('GreengrassContainer', () => l10n.t('Greengrass container'), () => l10n.t('The function runs in the core\'s container with a memory limit and reads the model read-only.')),
  ];
  if (atLeast(coreVersion, [1, 10])) {
    modes.push(choice('NoContainer', () => l10n.t('No container'), () => l10n.t('The function runs as a process on the device; the model resource gets an OwnerSetting.')));
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
  if (!name) return l10n.t('Enter a function name, for example: mxnet-inference');
  if (name.length > 64) return l10n.t('A Lambda function name has at most 64 characters; this one has: {0}', name.length);
  if (!/^[a-zA-Z0-9_-]+$/.test(name)) return l10n.t('Use only letters, digits, hyphens and underscores in the function name: {0}', name);
  return undefined;
}

export function validateTopic(topic: string): string | undefined {
  if (!topic) return l10n.t('Enter an MQTT topic, for example: ml/inference/results');
  if (/[+#]/.test(topic)) return l10n.t('A topic to publish to cannot contain the wildcards + or #: {0}', topic);
  if (topic.startsWith('$')) return l10n.t('Topics starting with $ are reserved by AWS IoT: {0}', topic);
  if (topic.length > 256) return l10n.t('An MQTT topic has at most 256 characters.');
  return undefined;
}

export function validateDestinationPath(path: string): string | undefined {
  if (!path) return l10n.t('Enter the absolute path where the core puts the model, for example: /ml_model');
  if (!path.startsWith('/')) return l10n.t('The destination path must be absolute (start with /): {0}', path);
  if (/\s/.test(path)) return l10n.t('The destination path cannot contain spaces: {0}', path);
  if (path !== '/' && path.endsWith('/')) return l10n.t('Remove the trailing slash from the destination path: {0}', path);
  if (path === '/' || /^\/(proc|sys|dev)(\/|$)/.test(path)) return l10n.t('Choose a folder of its own for the model, not a system folder: {0}', path);
  return undefined;
}

/** The model archive's bucket and key from a typed `s3://bucket/key`; undefined without an object key. */
export function modelArchiveUri(uri: string): S3Location | undefined {
  const parsed = parseS3Uri(uri.trim());
  return parsed?.key ? parsed : undefined;
}

export function validateS3Uri(uri: string): string | undefined {
  const parsed = modelArchiveUri(uri);
  if (!parsed) return l10n.t('Enter the model archive as s3://bucket/path/model.tar.gz');
  const bucketProblem = greengrassBucketProblem(parsed.bucket);
  if (bucketProblem) return bucketProblem;
  if (!/\.(tar\.gz|zip)$/.test(parsed.key)) return l10n.t('The model must be a .tar.gz or .zip archive: {0}', parsed.key);
  return undefined;
}

export function validateSageMakerJobArn(arn: string): string | undefined {
  const parsed = parseTrainingJobArn(arn.trim());
  if (!parsed) return l10n.t('Enter the training job ARN as arn:aws:sagemaker:<region>:<account>:training-job/<name>');
  if (!SAGEMAKER_REGIONS.has(parsed.region)) return l10n.t('Greengrass does not take SageMaker models from this region: {0}', parsed.region);
  return undefined;
}

/** Every problem with a complete set of answers for a group of the given core version (empty when valid). */
export function validateAnswers(a: ScaffoldAnswers, coreVersion: string | undefined): string[] {
  const problems: string[] = [];
  if (!FRAMEWORKS.some((f) => f.value === a.framework)) problems.push(l10n.t('Unknown framework: {0}', String(a.framework)));
  if (!runtimesFor(coreVersion).some((r) => r.value === a.runtime)) {
    problems.push(l10n.t("The group's core version {0} does not run this runtime: {1}", coreVersion ?? DEFAULT_CORE_VERSION, String(a.runtime)));
  }
  if (!PLATFORMS.some((p) => p.value === a.platform)) problems.push(l10n.t('Unknown platform: {0}', String(a.platform)));
  if (!isolationModesFor(coreVersion).some((m) => m.value === a.isolationMode)) {
    problems.push(l10n.t("The group's core version {0} does not allow this isolation mode for ML functions: {1}", coreVersion ?? DEFAULT_CORE_VERSION, String(a.isolationMode)));
  }
  if (!LIFECYCLES.some((l) => l.value === a.lifecycle)) problems.push(l10n.t('Unknown lifecycle: {0}', String(a.lifecycle)));
  if (!supportsMlResources(coreVersion)) problems.push(l10n.t("ML resources need core v1.6 or later; the group's core version is: {0}", String(coreVersion)));
  const sourceProblem = a.source?.kind === 's3' ? validateS3Uri(a.source.uri)
    : a.source?.kind === 'sagemaker' ? validateSageMakerJobArn(a.source.jobArn)
      : l10n.t('Choose a model source: an S3 archive or a SageMaker training job.');
  for (const p of [sourceProblem, validateDestinationPath(a.destinationPath), validateFunctionName(a.functionName), validateTopic(a.topic)]) {
    if (p) problems.push(p);
  }
  return problems;
}
