// Answers → a plan: the files to create and the edits to the group's files, and what already exists (conflicts).
// Pure: the group's files are read through GroupFolder; the command layer applies the plan after asking about conflicts.
//
// Layout of a group folder:
//   greengrass-ml.json                 the manifest; names the definition files below
//   core-definition.json, function-definition.json, resource-definition.json, subscription-definition.json
//   service-role-policy.json           the Greengrass service role's inline policy
//   functions/<name>/inference.py      the code of the function whose Id (and Lambda name) is <name>
//   functions/<name>/requirements.txt
// The manifest's "functions" map notes each function's runtime and framework (Publish and the linter read them).
// New definition files use the create-*-definition input shape ({Name, InitialVersion: {...}}); existing files are
// edited in whichever shape they have (also {…DefinitionId, Functions} and get-*-definition-version output).
import { parse, type ParseError } from 'jsonc-parser';
import type { TextEdit } from '../lint/types';
import { MANIFEST_FILE_NAME, type GroupManifest, type TargetPlatform } from '../manifest';
import { definitionBodyNode, definitionListPath, FILE_DEFINITION_KINDS, FILE_KINDS, minimalEdit, parseIamRoleArn, parseTrainingJobArn } from '../model';
import { iamGlobMatch } from '../iamGlob';
import {
  DEFAULT_CORE_VERSION, modelArchiveUri, supportsIsolationMode, validateAnswers, type ScaffoldAnswers,
} from './answers';
import { generateHandler, generateRequirements, HANDLER_FILE, usesPiCamera } from './handler';
import { overriddenKeys } from '../lint/json';
import { jsonFile, nodeAt, setAt, tree } from './jsonEdit';

export interface GroupFolder {
  /** The text of a file of the group, by its path relative to the group folder ("/" separators); undefined when missing. */
  readFile(relativePath: string): string | undefined;
  /** The folder's name: the group name of a manifest created by the scaffold. */
  name: string;
}

export interface PlannedFile {
  /** Relative to the group folder, "/" separators. */
  path: string;
  /** create: a new file; edit: `edits` against its current text; overwrite: replaces a file that exists (listed in conflicts). */
  action: 'create' | 'edit' | 'overwrite';
  /** The whole new text of the file. */
  content: string;
  /** For `edit`: the replacements against the current text (comments and formatting elsewhere are kept). */
  edits: TextEdit[];
  /** What changes, for the user: "adds function mxnet-inference". */
  summary: string[];
}

export interface Conflict {
  path: string;
  /** What exists already: "inference.py exists" or "function mxnet-inference is already defined". */
  message: string;
}

export interface ScaffoldPlan {
  files: PlannedFile[];
  /** Things that exist and differ. With `overwrite` they are replaced (and still listed); without, they are left as they are. */
  conflicts: Conflict[];
  /** The generated handler, relative to the group folder. */
  handlerPath: string;
  functionArn: string;
}

export interface ScaffoldOptions {
  /** Replace existing files and entries that differ (the user confirmed). Default: leave them. */
  overwrite?: boolean;
}

export class ScaffoldError extends Error {}

/** Placeholder account for ARNs until the function is published (Publish writes the real alias ARN). */
export const PLACEHOLDER_ACCOUNT = '123456789012';
/** The alias a scaffolded function's ARN points at. */
export const FUNCTION_ALIAS = 'live';
/** The OS group that owns ML resources used by NoContainer functions (the group functions run as by default). */
export const DEFAULT_GROUP_OWNER = 'ggc_group';

const DEFAULT_FILES = {
  core: FILE_DEFINITION_KINDS.core.fileName,
  functions: FILE_DEFINITION_KINDS.function.fileName,
  resources: FILE_DEFINITION_KINDS.resource.fileName,
  subscriptions: FILE_DEFINITION_KINDS.subscription.fileName,
  serviceRolePolicy: 'service-role-policy.json',
} as const;

const CAMERA_DEVICES = [
  { id: 'raspberry-pi-camera-vcsm', path: '/dev/vcsm' },
  { id: 'raspberry-pi-camera-vchiq', path: '/dev/vchiq' },
];

/** "./a/../b.json" → "b.json" (relative to the group folder; a path that leaves the folder keeps its leading ".."). */
export function normalizeRelative(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function parseJson<T>(text: string, path: string): T {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (errors.length > 0 || typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScaffoldError(`Fix the JSON of this group file first, then run New Inference Function again: ${path}`);
  }
  // Edits go to the first of a repeated key while every reader uses the last: refuse rather than edit the wrong one.
  const repeated = overriddenKeys(tree(text))[0];
  if (repeated) {
    throw new ScaffoldError(`This group file repeats the key "${String(repeated.value)}" in one object (GGML-JSON005); remove the repeat, then run New Inference Function again: ${path}`);
  }
  return value as T;
}

function sanitizeName(name: string): string {
  const s = name.replace(/[^a-zA-Z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 128);
  return s || 'greengrass-ml-group';
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The files of the group as the plan changes them. */
class Files {
  private readonly state = new Map<string, { original: string | undefined; text: string | undefined; summary: string[] }>();
  constructor(private readonly group: GroupFolder) {}

  read(path: string): string | undefined {
    const s = this.state.get(path);
    return s ? s.text : this.group.readFile(path);
  }

  write(path: string, text: string, summary: string): void {
    const s = this.state.get(path) ?? { original: this.group.readFile(path), text: undefined, summary: [] };
    s.text = text;
    s.summary.push(summary);
    this.state.set(path, s);
  }

  planned(overwritten: Set<string>): PlannedFile[] {
    const files: PlannedFile[] = [];
    for (const [path, s] of this.state) {
      if (s.text === undefined || s.text === s.original) continue;
      if (s.original === undefined) files.push({ path, action: 'create', content: s.text, edits: [], summary: s.summary });
      else if (overwritten.has(path)) files.push({ path, action: 'overwrite', content: s.text, edits: [], summary: s.summary });
      else files.push({ path, action: 'edit', content: s.text, edits: minimalEdit(s.original, s.text), summary: s.summary });
    }
    return files;
  }
}

/** Where a definition file keeps its list (`Functions`, `InitialVersion.Functions`, `Definition.Functions`), or would. */
function listPath(text: string, key: string): (string | number)[] {
  const kind = FILE_KINDS.find((k) => k.list === key)?.kind ?? 'function';
  const root = tree(text);
  if (definitionBodyNode(kind, root)) return definitionListPath(kind, root);
  parseJson<Record<string, unknown>>(text, key); // says what to fix when the file is not JSON
  return definitionListPath(kind, root);
}

interface Entry { Id: string; [k: string]: unknown }

/**
 * Adds `entry` to the definition's list. An entry with the same Id that differs is a conflict: replaced with
 * `overwrite`, left alone without. Returns false when the entry was left alone.
 */
function upsertEntry(
  files: Files, path: string, key: string, entry: Entry, what: string, conflicts: Conflict[], overwrite: boolean,
  createFile: (entries: Entry[]) => unknown,
): boolean {
  const text = files.read(path);
  if (text === undefined) {
    files.write(path, jsonFile(createFile([entry])), `adds ${what}`);
    return true;
  }
  const at = listPath(text, key);
  const list = nodeAt(text, at);
  if (!list || list.type !== 'array') {
    files.write(path, setAt(text, at, [entry]), `adds ${what}`);
    return true;
  }
  const doc = parseJson<Record<string, unknown>>(text, path);
  let current: unknown = doc;
  for (const k of at) current = (current as Record<string, unknown>)[k as string];
  const existing = (current as unknown[]).findIndex((e) => (e as Entry | null)?.Id === entry.Id);
  if (existing < 0) {
    files.write(path, setAt(text, [...at, -1], entry, true), `adds ${what}`);
    return true;
  }
  if (deepEqual((current as unknown[])[existing], entry)) return true;
  conflicts.push({ path, message: `${what} is already defined with other settings` });
  if (!overwrite) return false;
  files.write(path, setAt(text, [...at, existing], entry), `replaces ${what}`);
  return true;
}

/** An existing resource with this SourcePath (local device), so the camera devices are shared between functions. */
function findDeviceResource(text: string | undefined, path: string, sourcePath: string): string | undefined {
  if (text === undefined) return undefined;
  const at = listPath(text, 'Resources');
  const doc = parseJson<Record<string, unknown>>(text, path);
  let current: unknown = doc;
  for (const k of at) current = (current as Record<string, unknown> | undefined)?.[k as string];
  if (!Array.isArray(current)) return undefined;
  for (const r of current as { Id?: unknown; ResourceDataContainer?: { LocalDeviceResourceData?: { SourcePath?: unknown } } }[]) {
    if (r?.ResourceDataContainer?.LocalDeviceResourceData?.SourcePath === sourcePath && typeof r.Id === 'string') return r.Id;
  }
  return undefined;
}

/** `arn:aws:s3:::b*` against `arn:aws:s3:::bucket/key` (IAM's * and ? wildcards). */
function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** True when an Allow statement already grants s3:GetObject on the bucket's objects. */
export function policyAllowsGetObject(policy: unknown, bucket: string): boolean {
  const statements = asList((policy as { Statement?: unknown } | null)?.Statement);
  const object = `arn:aws:s3:::${bucket}/model.tar.gz`;
  return statements.some((s) => {
    const st = s as { Effect?: unknown; Action?: unknown; Resource?: unknown; Condition?: unknown };
    if (st?.Effect !== 'Allow' || st.Condition !== undefined) return false;
    const actionOk = asList(st.Action).some((a) => typeof a === 'string' && iamGlobMatch(a, 's3:GetObject', true));
    const resourceOk = asList(st.Resource).some((r) => typeof r === 'string' && iamGlobMatch(r, object) && (r.endsWith('/*') || r === '*' || r === 'arn:aws:s3:::*'));
    return actionOk && resourceOk;
  });
}

function statementId(bucket: string): string {
  return 'ReadModel' + bucket.split(/[^a-zA-Z0-9]+/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

/** Memory in KB (the API's unit) for a containerized function. */
export function memorySizeKb(a: Pick<ScaffoldAnswers, 'framework' | 'platform'>): number {
  const mb = a.framework === 'neo-dlr' ? (a.platform === 'raspberry-pi' ? 1024 : 2048)
    : a.framework === 'mxnet' ? 96
      : a.framework === 'tensorflow' ? 256
        : 128;
  return mb * 1024;
}

export function planScaffold(answers: ScaffoldAnswers, group: GroupFolder, options: ScaffoldOptions = {}): ScaffoldPlan {
  const overwrite = options.overwrite === true;
  const files = new Files(group);
  const conflicts: Conflict[] = [];
  const overwritten = new Set<string>();

  // The manifest: read it, or start one.
  let manifestText = group.readFile(MANIFEST_FILE_NAME);
  const sageMaker = answers.source.kind === 'sagemaker' ? parseTrainingJobArn(answers.source.jobArn.trim()) : undefined;
  if (manifestText === undefined) {
    const created: GroupManifest = {
      name: sanitizeName(group.name),
      region: sageMaker?.region ?? 'us-east-1',
      coreVersion: DEFAULT_CORE_VERSION,
      platforms: [answers.platform],
      definitions: {},
    };
    manifestText = jsonFile(created);
    files.write(MANIFEST_FILE_NAME, manifestText, 'creates the group manifest');
  }
  const manifest = parseJson<GroupManifest>(manifestText, MANIFEST_FILE_NAME);
  const coreVersion = manifest.coreVersion;
  const problems = validateAnswers(answers, coreVersion);
  if (problems.length > 0) throw new ScaffoldError(`Change these answers and try again: ${problems.join('; ')}`);

  const region = manifest.region ?? sageMaker?.region ?? 'us-east-1';
  const account = parseIamRoleArn(manifest.lambdaExecutionRoleArn ?? '')?.account ?? sageMaker?.account ?? PLACEHOLDER_ACCOUNT;
  const groupName = sanitizeName(manifest.name || group.name);

  const editManifest = (path: (string | number)[], value: unknown, summary: string, insert = false) => {
    files.write(MANIFEST_FILE_NAME, setAt(files.read(MANIFEST_FILE_NAME)!, path, value, insert), summary);
  };
  const platforms: TargetPlatform[] = [...(manifest.platforms ?? [])];
  if (!platforms.includes(answers.platform)) {
    platforms.push(answers.platform);
    if (manifest.platforms) editManifest(['platforms', -1], answers.platform, `targets ${answers.platform}`, true);
    else editManifest(['platforms'], platforms, `targets ${answers.platform}`);
  }
  const definitionPath = (key: 'core' | 'functions' | 'resources' | 'subscriptions'): string => {
    const named = manifest.definitions?.[key];
    if (named) return normalizeRelative(named);
    editManifest(['definitions', key], DEFAULT_FILES[key], `names ${DEFAULT_FILES[key]}`);
    return DEFAULT_FILES[key];
  };
  const corePath = definitionPath('core');
  const functionsPath = definitionPath('functions');
  const resourcesPath = definitionPath('resources');
  const subscriptionsPath = definitionPath('subscriptions');

  // The core definition: only when there is none (a group deploys only with exactly one core).
  if (files.read(corePath) === undefined) {
    const thing = `${groupName}_Core`.slice(0, 128);
    files.write(corePath, jsonFile({
      Name: `${groupName}-core`,
      InitialVersion: {
        Cores: [{
          Id: thing,
          ThingArn: `arn:aws:iot:${region}:${account}:thing/${thing}`,
          CertificateArn: `arn:aws:iot:${region}:${account}:cert/${'0'.repeat(64)}`,
          SyncShadow: false,
        }],
      },
    }), 'adds a core (replace the thing and certificate ARNs with your core\'s)');
  }

  const name = answers.functionName;
  const functionArn = `arn:aws:lambda:${region}:${account}:function:${name}:${FUNCTION_ALIAS}`;
  const noContainer = answers.isolationMode === 'NoContainer';
  const connectorClient = answers.framework === 'image-classification-connector-client';
  const modelId = `${name}-model`;

  // Resources: the ML model, and the camera devices when the template captures from the Pi camera.
  const resourceFile = (entries: Entry[]) => ({ Name: `${groupName}-resources`, InitialVersion: { Resources: entries } });
  const dataKey = answers.source.kind === 's3' ? 'S3MachineLearningModelResourceData' : 'SageMakerMachineLearningModelResourceData';
  const modelData: Record<string, unknown> = answers.source.kind === 's3'
    ? { S3Uri: answers.source.uri, DestinationPath: answers.destinationPath }
    : { SageMakerJobArn: answers.source.jobArn, DestinationPath: answers.destinationPath };
  if (noContainer) modelData['OwnerSetting'] = { GroupOwner: DEFAULT_GROUP_OWNER, GroupPermission: 'ro' };
  upsertEntry(files, resourcesPath, 'Resources', { Id: modelId, Name: modelId, ResourceDataContainer: { [dataKey]: modelData } },
    `ML resource ${modelId}`, conflicts, overwrite, resourceFile);

  const access: { ResourceId: string; Permission?: 'ro' | 'rw' }[] = [];
  if (!connectorClient) access.push(noContainer ? { ResourceId: modelId } : { ResourceId: modelId, Permission: 'ro' });
  if (usesPiCamera(answers) && !noContainer) {
    for (const device of CAMERA_DEVICES) {
      const id = findDeviceResource(files.read(resourcesPath), resourcesPath, device.path) ?? device.id;
      upsertEntry(files, resourcesPath, 'Resources', {
        Id: id, Name: id,
        ResourceDataContainer: { LocalDeviceResourceData: { SourcePath: device.path, GroupOwnerSetting: { AutoAddGroupOwner: true } } },
      }, `device resource ${id}`, conflicts, false, resourceFile);
      access.push({ ResourceId: id, Permission: 'rw' });
    }
  }

  // The function.
  const needsNaiveEngine = answers.framework === 'mxnet' && platforms.includes('raspberry-pi');
  const environment: Record<string, unknown> = {};
  if (needsNaiveEngine) environment['Variables'] = { MXNET_ENGINE_TYPE: 'NaiveEngine' };
  if (access.length > 0) environment['ResourceAccessPolicies'] = access;
  if (supportsIsolationMode(coreVersion)) environment['Execution'] = { IsolationMode: answers.isolationMode };
  const configuration: Record<string, unknown> = {
    Pinned: answers.lifecycle === 'pinned',
    Timeout: answers.lifecycle === 'pinned' ? 10 : 30,
  };
  if (!noContainer) configuration['MemorySize'] = memorySizeKb(answers);
  configuration['Environment'] = environment;
  upsertEntry(files, functionsPath, 'Functions', { Id: name, FunctionArn: functionArn, FunctionConfiguration: configuration },
    `function ${name}`, conflicts, overwrite,
    (entries) => ({ Name: `${groupName}-functions`, InitialVersion: { Functions: entries } }));

  // Subscriptions: results to the cloud; for an on-demand function, requests from the cloud.
  const subscriptionFile = (entries: Entry[]) => ({ Name: `${groupName}-subscriptions`, InitialVersion: { Subscriptions: entries } });
  upsertEntry(files, subscriptionsPath, 'Subscriptions', { Id: `${name}-results`, Source: functionArn, Subject: answers.topic, Target: 'cloud' },
    `subscription ${name}-results`, conflicts, overwrite, subscriptionFile);
  if (answers.lifecycle === 'on-demand') {
    upsertEntry(files, subscriptionsPath, 'Subscriptions', { Id: `${name}-requests`, Source: 'cloud', Subject: `${answers.topic}/infer`, Target: functionArn },
      `subscription ${name}-requests`, conflicts, overwrite, subscriptionFile);
  }

  // The service role reads the model: AWSGreengrassResourceAccessRolePolicy covers buckets named *greengrass*.
  const s3 = answers.source.kind === 's3' ? modelArchiveUri(answers.source.uri) : undefined;
  if (s3 && !s3.bucket.includes('greengrass')) {
    let policyPath = manifest.serviceRolePolicy ? normalizeRelative(manifest.serviceRolePolicy) : undefined;
    if (!policyPath) {
      policyPath = DEFAULT_FILES.serviceRolePolicy;
      editManifest(['serviceRolePolicy'], policyPath, `names ${policyPath}`);
    }
    const statement = { Sid: statementId(s3.bucket), Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${s3.bucket}/*` };
    const text = files.read(policyPath);
    const what = `s3:GetObject on ${s3.bucket}`;
    if (text === undefined) {
      files.write(policyPath, jsonFile({ Version: '2012-10-17', Statement: [statement] }), `allows ${what}`);
    } else if (!policyAllowsGetObject(parseJson(text, policyPath), s3.bucket)) {
      const list = nodeAt(text, ['Statement']);
      if (list?.type === 'array') files.write(policyPath, setAt(text, ['Statement', -1], statement, true), `allows ${what}`);
      else if (list) {
        files.write(policyPath, setAt(text, ['Statement'], [parseJson<{ Statement: unknown }>(text, policyPath).Statement, statement]), `allows ${what}`);
      } else files.write(policyPath, setAt(text, ['Statement'], [statement]), `allows ${what}`);
    }
  }

  // The manifest's note of the function's runtime and framework (the API does not carry them; the linter and
  // Publish read them from here).
  const hint = { runtime: answers.runtime, framework: answers.framework };
  const hints = nodeAt(files.read(MANIFEST_FILE_NAME)!, ['functions']);
  const existingHint = (manifest as { functions?: Record<string, unknown> }).functions?.[name];
  if (!hints || hints.type !== 'object') editManifest(['functions'], { [name]: hint }, `notes ${name}'s runtime and framework`);
  else if (existingHint === undefined) editManifest(['functions', name], hint, `notes ${name}'s runtime and framework`);
  else if (!deepEqual(existingHint, hint)) {
    conflicts.push({ path: MANIFEST_FILE_NAME, message: `the runtime and framework of ${name} are already noted with other values` });
    if (overwrite) editManifest(['functions', name], hint, `notes ${name}'s runtime and framework`);
  }

  // The code.
  const codeDir = `functions/${name}`;
  const code: [string, string, string][] = [
    [`${codeDir}/${HANDLER_FILE}`, generateHandler(answers, { coreVersion }), 'the handler'],
    [`${codeDir}/requirements.txt`, generateRequirements(answers), 'the requirements'],
  ];
  for (const [path, content, what] of code) {
    const existing = group.readFile(path);
    if (existing === undefined) files.write(path, content, `creates ${what}`);
    else if (existing !== content) {
      conflicts.push({ path, message: `${path} exists` });
      if (overwrite) {
        overwritten.add(path);
        files.write(path, content, `replaces ${what}`);
      }
    }
  }

  return { files: files.planned(overwritten), conflicts, handlerPath: `${codeDir}/${HANDLER_FILE}`, functionArn };
}
