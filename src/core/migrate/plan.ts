// The migration plan of one Greengrass V1 group: every V1 element with its V2 counterpart and a status, and the V2
// documents that carry the group over (CreateComponentVersion requests, model recipes, the CreateDeployment request
// and migration.json). Pure: the group comes as the Group model, handlers and local archives as text and paths the
// caller read; writing (and repacking archives) is src/core/migrate/write.ts.
import type { Group, GroupItem, Located, SourceRange } from '../model';
import { parseArn, parseLambdaArn, parseS3Uri, formatS3Uri } from '../model';
import { MIGRATION_RECORD_FILE } from '../v2/migrationRecord';
import type { MigrationRecord, MigrationSource, RecordedComponent } from '../v2/migrationRecord';
import { analyzeHandler, topicMatches, type HandlerCall } from './handlers';

export type { MigrationRecord, MigrationSource, RecordedComponent } from '../v2/migrationRecord';
import { AWS_COMPONENTS, CONNECTOR_COMPONENTS, THING_GROUP_PLACEHOLDER, V2_DOCS, unarchivedFolder, type ConnectorComponent } from './v2';

export type MigrationStatus = 'mapped' | 'changed' | 'needs a code change' | 'no equivalent';

export type ElementKind = 'group' | 'core' | 'function' | 'setting' | 'resource' | 'subscription' | 'device' | 'logger' | 'connector' | 'handler';

export interface MigrationElement {
  kind: ElementKind;
  /** The V1 element, as the report names it ("function image-classifier", "Timeout of image-classifier"). */
  v1: string;
  /** Its V2 counterpart, in words ("component image-classifier 3.0.0"). */
  v2: string;
  status: MigrationStatus;
  /** What changed and why, or what to do. */
  detail: string;
  /** True when the group cannot run on V2 as generated until this is resolved. */
  blocker: boolean;
  docs: string[];
  /** Where the V1 element is (a definition file or template), when known. */
  at?: SourceRange | undefined;
  /** For handler findings: the handler file (as the caller named it) and the zero-based line. */
  handler?: { path: string; line: number } | undefined;
}


export interface FunctionFacts {
  /** The Lambda runtime ("python3.7", "java8", "executable"). */
  runtime?: string | undefined;
  /** The handler file: its path relative to the migration folder, and its text. */
  handler?: { path: string; text: string } | undefined;
  /** Where the handler was looked for, when it was not found (relative paths). */
  handlerSearched?: string[] | undefined;
  /** The Lambda version an alias (or $LATEST) resolves to, when a source knows it. */
  version?: string | undefined;
  /** Why the version cannot be known offline ("SAM publishes a new version on each deploy"). */
  versionNote?: string | undefined;
  /** The alias that names the version the template publishes (SAM's AutoPublishAlias), when the ARN does not name it. */
  publishAlias?: string | undefined;
  /** Where `version` came from, for the report ("resolved from the endpoint: alias live → 3"). */
  versionSource?: string | undefined;
  /** The versioned ARN the endpoint gave (with the account a template leaves out). */
  versionArn?: string | undefined;
  /** Why reading the version from the endpoint failed, for the report. */
  versionFailure?: string | undefined;
}

/** A function whose version the endpoint can tell: by its alias, or the published version with $LATEST's code. */
export interface VersionQuery {
  /** The V1 function's Id. */
  id: string;
  /** The Lambda function's name (in the region and account of the connection). */
  functionName: string;
  /** The alias, or '$LATEST' (an unqualified ARN runs $LATEST too). */
  qualifier: string;
}

/** The functions of the input whose FunctionArn names an alias or $LATEST (or no version) and no source resolved. */
export function versionQueries(input: MigrationInput): VersionQuery[] {
  const out: VersionQuery[] = [];
  for (const item of input.group.definitions.function?.items ?? []) {
    const id = item.id?.value;
    const arn = str(field(item, 'FunctionArn')?.value);
    const parsed = arn ? parseLambdaArn(arn) : undefined;
    if (!id || !parsed) continue;
    const facts = input.functions?.get(id);
    if (facts?.version) continue;
    let qualifier = parsed.qualifier ?? '$LATEST';
    if (/^\d+$/.test(qualifier)) continue;
    if (qualifier === 'VERSION') {
      if (!facts?.publishAlias) continue;
      qualifier = facts.publishAlias;
    }
    out.push({ id, functionName: parsed.name, qualifier });
  }
  return out;
}

export interface MigrationInput {
  group: Group;
  source: MigrationSource;
  coreVersion?: string | undefined;
  region?: string | undefined;
  /** Facts about each function, by its V1 Id. */
  functions?: ReadonlyMap<string, FunctionFacts> | undefined;
  /** Values of the source that are built with intrinsics whose value stays unknown. */
  unknowns?: readonly { what: string; key?: string | undefined; at?: SourceRange | undefined }[] | undefined;
  /** A .tar.gz model's S3 URI → the archive's path relative to the migration folder, when it is in the workspace. */
  localArchives?: ReadonlyMap<string, string> | undefined;
  /** A SageMaker training job ARN → the S3 URI of its model artifact, when read from the endpoint. */
  trainingArtifacts?: ReadonlyMap<string, string> | undefined;
}

/** A component as a migration records it: always with the V1 element it came from. */
export type WrittenComponent = RecordedComponent & { v1: NonNullable<RecordedComponent['v1']> };

/** migration.json as a migration writes it (the format is src/core/v2/migrationRecord.ts's): source and origins known. */
export type WrittenMigrationRecord = Omit<MigrationRecord, 'source' | 'components'> & { source: MigrationSource; components: WrittenComponent[] };

/** A .tar.gz model to repack as .zip: both paths relative to the migration folder. */
export interface Repack {
  source: string;
  target: string;
  s3Uri: string;
}

export interface MigrationPlan {
  elements: MigrationElement[];
  /** Files to write, relative to the migration folder ("/"-separated), as JSON values. */
  files: { path: string; json: unknown }[];
  repacks: Repack[];
  record: WrittenMigrationRecord;
  deployment: Record<string, unknown>;
  blockers: number;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const field = (item: GroupItem, key: string): Located<unknown> | undefined => item.fields[key];

interface ResourceInfo {
  id: string;
  name: string;
  type: 's3-model' | 'sagemaker-model' | 'device' | 'volume' | 'secret' | 'unknown';
  data: Json;
  at: SourceRange;
}

interface ModelComponent {
  resource: ResourceInfo;
  name: string;
  version: string;
  zipName: string;
  destinationPath: string;
  s3Uri: string;
  localArchive?: string;
  /** NoContainer functions reach the model at its V1 path through a link the recipe's install step makes. */
  linkForNoContainer: boolean;
  readAll: boolean;
}

interface LambdaComponent {
  id: string;
  arn: string;
  name: string;
  version: string;
  request: Json;
  params: Json;
  deps: Json;
  runWith?: string;
  handler?: string;
  noContainer: boolean;
  at: SourceRange;
}

const RESOURCE_TYPES: Record<string, ResourceInfo['type']> = {
  S3MachineLearningModelResourceData: 's3-model',
  SageMakerMachineLearningModelResourceData: 'sagemaker-model',
  LocalDeviceResourceData: 'device',
  LocalVolumeResourceData: 'volume',
  SecretsManagerSecretResourceData: 'secret',
};

/** A component name from V1 text: what V2 accepts (at most 128 characters), readable. */
function componentNameOf(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'component';
  const name = cleaned.startsWith('aws.greengrass') ? `migrated.${cleaned}` : cleaned;
  return name.slice(0, 128);
}

function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

function resourcesOf(group: Group): Map<string, ResourceInfo> {
  const out = new Map<string, ResourceInfo>();
  for (const item of group.definitions.resource?.items ?? []) {
    const id = item.id?.value;
    if (!id) continue;
    const container = field(item, 'ResourceDataContainer')?.value;
    let type: ResourceInfo['type'] = 'unknown';
    let data: Json = {};
    if (isObject(container)) {
      for (const [key, t] of Object.entries(RESOURCE_TYPES)) {
        const d = container[key];
        if (isObject(d)) {
          type = t;
          data = d;
          break;
        }
      }
    }
    out.set(id, { id, name: str(field(item, 'Name')?.value) ?? id, type, data, at: item.at });
  }
  return out;
}

interface FunctionRef {
  id: string;
  arn: string;
  lambdaName?: string | undefined;
}

/** V1 subscriptions name functions by their exact ARN; templates may name the alias in one place and the version in another. */
function functionMatcher(functions: readonly FunctionRef[]): (text: string) => FunctionRef | undefined {
  return (text) => {
    const exact = functions.find((f) => f.arn === text);
    if (exact) return exact;
    const name = parseLambdaArn(text)?.name;
    return name ? functions.find((f) => f.lambdaName === name) : undefined;
  };
}


type Endpoint = { kind: 'cloud' } | { kind: 'shadow' } | { kind: 'function'; fn: FunctionRef } | { kind: 'device'; arn: string } | { kind: 'connector'; arn: string } | { kind: 'unknown'; text: string };

function endpointOf(text: string | undefined, match: (t: string) => FunctionRef | undefined): Endpoint {
  if (text === undefined) return { kind: 'unknown', text: '(unknown)' };
  if (text === 'cloud') return { kind: 'cloud' };
  if (text === 'GGShadowService') return { kind: 'shadow' };
  const fn = match(text);
  if (fn) return { kind: 'function', fn };
  const arn = parseArn(text);
  if (arn?.service === 'iot' && arn.resource.startsWith('thing/')) return { kind: 'device', arn: text };
  if (arn?.service === 'greengrass' && /^\/?connectors\//.test(arn.resource)) return { kind: 'connector', arn: text };
  return { kind: 'unknown', text };
}

function describe(e: Endpoint): string {
  switch (e.kind) {
    case 'cloud': return 'cloud';
    case 'shadow': return 'the local shadow service';
    case 'function': return `function ${e.fn.id}`;
    case 'device': return `device ${e.arn.replace(/^.*:thing\//, '')}`;
    case 'connector': return `connector ${e.arn}`;
    default: return e.text;
  }
}

/** The AWS-provided component that replaces a connector (by its ARN), when there is one. */
function connectorComponent(arn: string): { name: string; known: ConnectorComponent | undefined } {
  const name = /\/connectors\/([^/]+)/.exec(arn)?.[1] ?? arn;
  return { name, known: CONNECTOR_COMPONENTS.find((k) => k.match.test(name)) };
}

/** A replacement the legacy subscription router routes to and from: a Lambda component deployment.json deploys. */
function routedConnector(arn: string): (ConnectorComponent & { component: string }) | undefined {
  const { known } = connectorComponent(arn);
  return known?.component && known.version && known.statusTopic ? { ...known, component: known.component } : undefined;
}

/** V1 values the generated files never carry: unknown ones are reported, not blockers. */
const REPORT_ONLY_KEYS = new Set(['ThingArn', 'CertificateArn', 'Name']);

const LOG_LEVELS: Record<string, string> = { DEBUG: 'DEBUG', INFO: 'INFO', WARN: 'WARN', ERROR: 'ERROR', FATAL: 'ERROR' };

export function planMigration(input: MigrationInput): MigrationPlan {
  const { group } = input;
  const groupName = input.source.group;
  const elements: MigrationElement[] = [];
  const add = (e: MigrationElement): void => {
    elements.push(e);
  };
  const deploymentComponents: Record<string, Json> = {};
  const nucleusConfig: Json = {};
  const routerSubscriptions: Record<string, Json> = {};
  const bridgeMappings: Record<string, Json> = {};
  const cloudSecrets: Json[] = [];
  const files: { path: string; json: unknown }[] = [];
  const repacks: Repack[] = [];
  const records: WrittenComponent[] = [];
  const resources = resourcesOf(group);

  add({
    kind: 'group', v1: `group ${groupName}`, v2: 'a deployment to a thing group (deployment.json)', status: 'changed', blocker: false,
    detail: `A V2 deployment targets a thing group, not a group: create a thing group, add the core device's thing to it, and put its ARN in deployment.json's targetArn in place of ${THING_GROUP_PLACEHOLDER}. The group role's permissions move to the token exchange role the core device uses.`,
    docs: [V2_DOCS.createDeployment, V2_DOCS.tokenExchangeRole],
  });
  for (const u of input.unknowns ?? []) {
    const unused = u.key !== undefined && REPORT_ONLY_KEYS.has(u.key);
    add({
      kind: 'setting', v1: u.what, v2: '(not known)', status: 'changed', blocker: !unused, at: u.at, docs: [V2_DOCS.differences],
      detail: unused ? 'The value is computed when the stack is deployed (an intrinsic function); the generated files do not need it.' : 'The value is computed when the stack is deployed (an intrinsic function), so the generated files leave it out: add it where the report\'s element for it says.',
    });
  }

  // Core.
  const core = group.definitions.core?.items[0];
  if (core) {
    const thing = str(field(core, 'ThingArn')?.value);
    add({
      kind: 'core', v1: `core ${core.id?.value ?? ''}`.trim(), v2: 'the same IoT thing as a Greengrass V2 core device', status: 'changed', blocker: false, at: core.at, docs: [V2_DOCS.upgradeCore],
      detail: `Install the Greengrass V2 nucleus on the device and register it with the same thing${thing ? ` (${thing})` : ''} and certificate; attach the V2 IoT policy.${input.coreVersion ? ` The device runs core ${input.coreVersion} today.` : ''} Greengrass nucleus lite runs no Lambda components.`,
    });
    if (field(core, 'SyncShadow')?.value === true) {
      deploymentComponents[AWS_COMPONENTS.shadow.name] = {
        componentVersion: AWS_COMPONENTS.shadow.version,
        configurationUpdate: { merge: JSON.stringify({ synchronize: { coreThing: { classic: true, namedShadows: [] } } }) },
      };
      add({ kind: 'setting', v1: 'SyncShadow of the core', v2: `${AWS_COMPONENTS.shadow.name} synchronize.coreThing`, status: 'changed', blocker: false, at: field(core, 'SyncShadow')?.at, docs: [V2_DOCS.shadowManager], detail: 'The shadow manager component synchronizes the core device\'s classic shadow; it is in deployment.json.' });
    }
  } else {
    add({ kind: 'core', v1: 'core', v2: 'a Greengrass V2 core device', status: 'changed', blocker: false, docs: [V2_DOCS.upgradeCore], detail: 'The group has no core definition here: the deployment still needs a core device in the target thing group.' });
  }

  // Functions: the references subscriptions resolve against.
  const fnItems = group.definitions.function?.items ?? [];
  const refs: FunctionRef[] = fnItems.flatMap((item) => {
    const id = item.id?.value;
    const arn = str(field(item, 'FunctionArn')?.value);
    return id && arn ? [{ id, arn, lambdaName: parseLambdaArn(arn)?.name }] : [];
  });
  const match = functionMatcher(refs);
  const subscriptions = (group.definitions.subscription?.items ?? []).map((item) => ({
    item,
    id: item.id?.value ?? '',
    source: endpointOf(str(field(item, 'Source')?.value), match),
    target: endpointOf(str(field(item, 'Target')?.value), match),
    subject: str(field(item, 'Subject')?.value) ?? '',
  }));

  // Model components: one per ML resource some function uses (or any ML resource, when no function uses it).
  const models = new Map<string, ModelComponent>();
  const modelOf = (r: ResourceInfo): ModelComponent | undefined => {
    const known = models.get(r.id);
    if (known) return known;
    let s3Uri = r.type === 's3-model' ? str(r.data['S3Uri']) : undefined;
    const job = r.type === 'sagemaker-model' ? str(r.data['SageMakerJobArn']) : undefined;
    if (job) s3Uri = input.trainingArtifacts?.get(job);
    const destinationPath = str(r.data['DestinationPath']) ?? '';
    const location = s3Uri ? parseS3Uri(s3Uri) : undefined;
    if (!s3Uri || !location?.key) return undefined;
    const base = location.key.split('/').pop() ?? 'model';
    const zipName = /\.zip$/i.test(base) ? base : `${base.replace(/\.(tar\.gz|tgz|tar)$/i, '')}.zip`;
    const name = componentNameOf(`${groupName}.models.${r.id}`);
    const owner = r.data['OwnerSetting'];
    const m: ModelComponent = {
      resource: r, name, version: '1.0.0', zipName, destinationPath, s3Uri, linkForNoContainer: false,
      readAll: isObject(owner),
    };
    models.set(r.id, m);
    return m;
  };

  const lambdas: LambdaComponent[] = [];
  const defaultConfig = group.definitions.function?.extra['DefaultConfig'];
  const defaultExecution = isObject(defaultConfig?.value) && isObject(defaultConfig.value['Execution']) ? defaultConfig.value['Execution'] : {};
  const defaultIsolation = str(defaultExecution['IsolationMode']) ?? 'GreengrassContainer';
  const defaultRunAs = isObject(defaultExecution['RunAs']) ? defaultExecution['RunAs'] : undefined;
  if (defaultRunAs) {
    const user = posixUser(defaultRunAs);
    if (user) nucleusConfig['runWithDefault'] = { posixUser: user };
    add({ kind: 'setting', v1: 'DefaultConfig RunAs of the function definition', v2: `${AWS_COMPONENTS.nucleus.name} runWithDefault.posixUser`, status: 'changed', blocker: false, at: defaultConfig?.at, docs: [V2_DOCS.nucleus], detail: user ? `Components run as ${user} unless their runWith says otherwise; the nucleus configuration in deployment.json sets it.` : 'RunAs has no Uid: set the nucleus runWithDefault by hand.' });
  }
  if (defaultConfig && str(defaultExecution['IsolationMode'])) {
    add({ kind: 'setting', v1: 'DefaultConfig IsolationMode of the function definition', v2: 'linuxProcessParams.isolationMode of each Lambda component', status: 'changed', blocker: false, at: defaultConfig.at, docs: [V2_DOCS.runLambda], detail: `V2 has no group-wide isolation mode: each component request sets ${defaultIsolation} unless its function set another.` });
  }

  for (const item of fnItems) {
    const id = item.id?.value ?? '(no Id)';
    const arnField = field(item, 'FunctionArn');
    const arn = str(arnField?.value);
    const facts = input.functions?.get(id) ?? {};
    const parsed = arn ? parseLambdaArn(arn) : undefined;
    if (!arn || !parsed) {
      add({ kind: 'function', v1: `function ${id}`, v2: '(no component)', status: 'changed', blocker: true, at: arnField?.at ?? item.at, docs: [V2_DOCS.importLambda], detail: `The FunctionArn is not a Lambda function ARN${arn ? `: ${arn}` : ''}; fix it, then migrate again.` });
      continue;
    }
    const runtime = facts.runtime;
    if (runtime && /^(executable|c|cpp|c\+\+|provided)/i.test(runtime)) {
      add({ kind: 'function', v1: `function ${id}`, v2: '(no Lambda component)', status: 'no equivalent', blocker: true, at: item.at, docs: [V2_DOCS.importLambda], detail: `Lambda functions with the ${runtime} runtime (C/C++ executables) cannot be imported as V2 Lambda components: rebuild the executable as a generic component with a recipe that runs it.` });
      continue;
    }
    const config = isObject(field(item, 'FunctionConfiguration')?.value) ? (field(item, 'FunctionConfiguration')!.value as Json) : {};
    const environment = isObject(config['Environment']) ? config['Environment'] : {};
    const execution = isObject(environment['Execution']) ? environment['Execution'] : {};
    const isolation = str(execution['IsolationMode']) ?? defaultIsolation;
    const noContainer = isolation === 'NoContainer';
    const componentName = componentNameOf(parsed.name);

    // The version: V2 imports a published version only.
    let version = parsed.qualifier !== undefined && /^\d+$/.test(parsed.qualifier) ? parsed.qualifier : undefined;
    let lambdaArn = arn;
    const what = parsed.qualifier === undefined ? 'no version' : parsed.qualifier === '$LATEST' ? '$LATEST' : parsed.qualifier === 'VERSION' ? 'the version the stack publishes' : `the alias ${parsed.qualifier}`;
    const fromEndpoint = facts.versionArn ? parseLambdaArn(facts.versionArn) : undefined;
    if (!version && facts.version) {
      version = facts.version;
      lambdaArn = fromEndpoint?.name === parsed.name && fromEndpoint.qualifier === version ? facts.versionArn! : `${parsed.qualifier !== undefined ? arn.slice(0, arn.length - parsed.qualifier.length - 1) : arn}:${version}`;
      add({ kind: 'setting', v1: `FunctionArn of ${id}`, v2: `lambdaArn ${lambdaArn}`, status: 'changed', blocker: false, at: arnField?.at, docs: [V2_DOCS.importLambda], detail: `The function names ${what}; V2 imports a published version only, so the request names version ${version}, which ${what} resolves to${facts.versionSource ? ` (${facts.versionSource})` : ''}.` });
    } else if (!version) {
      const hint = parsed.qualifier === undefined || parsed.qualifier === '$LATEST'
        ? `Publish a version of it if there is none (\`aws lambda publish-version --function-name ${parsed.name}\`) and find its number with \`aws lambda list-versions-by-function --function-name ${parsed.name}\`.`
        : `Find the version with \`aws lambda get-alias --function-name ${parsed.name} --name ${parsed.qualifier === 'VERSION' ? facts.publishAlias ?? 'ALIAS' : parsed.qualifier}\`.`;
      const failure = facts.versionFailure ? ` Reading it from the endpoint failed: ${facts.versionFailure}.` : '';
      add({ kind: 'setting', v1: `FunctionArn of ${id}`, v2: 'lambdaArn (a version)', status: 'changed', blocker: true, at: arnField?.at, docs: [V2_DOCS.importLambda], detail: `The function names ${what}; V2 imports a published version only (an alias or $LATEST is rejected).${failure} ${facts.versionNote ?? hint} Put it in lambdaArn in components/${fileSafe(componentName)}.request.json and set componentVersion to VERSION.0.0 there and in deployment.json.` });
    }
    if (!parsed.account && !(version && lambdaArn !== arn && parseLambdaArn(lambdaArn)?.account)) {
      add({ kind: 'setting', v1: `account of ${id}'s FunctionArn`, v2: 'lambdaArn (with the account)', status: 'changed', blocker: true, at: arnField?.at, docs: [V2_DOCS.importLambda], detail: `The function's ARN has no account (the template's stack decides it): put the 12-digit account in lambdaArn in components/${fileSafe(componentName)}.request.json.` });
    }
    const componentVersion = `${version ?? '1'}.0.0`;

    const params: Json = {};
    const linux: Json = { isolationMode: isolation };
    const container: Json = {};
    const settings: string[] = [];
    const pinned = config['Pinned'] === true;
    params['pinned'] = pinned;
    settings.push(`pinned ${String(pinned)}${config['Pinned'] === undefined ? ' (the V1 default; the V2 import would default to true)' : ''}`);
    const timeout = num(config['Timeout']) ?? 3;
    params['timeoutInSeconds'] = timeout;
    settings.push(`timeoutInSeconds ${timeout}`);
    const encoding = str(config['EncodingType']);
    if (encoding === 'json' || encoding === 'binary') {
      params['inputPayloadEncodingType'] = encoding;
      settings.push(`inputPayloadEncodingType ${encoding}`);
    }
    const execArgs = str(config['ExecArgs']);
    if (execArgs?.trim()) {
      params['execArgs'] = execArgs.trim().split(/\s+/);
      settings.push('execArgs (split into a list)');
    }
    const variables = isObject(environment['Variables']) ? Object.fromEntries(Object.entries(environment['Variables']).filter(([, v]) => typeof v === 'string')) as Record<string, string> : {};
    const memory = num(config['MemorySize']);
    if (!noContainer && memory !== undefined) {
      container['memorySizeInKB'] = memory;
      settings.push(`memorySizeInKB ${memory}`);
    }
    if (!noContainer && environment['AccessSysfs'] === true) {
      container['mountROSysfs'] = true;
      settings.push('mountROSysfs');
    }
    if (noContainer && memory !== undefined) settings.push('MemorySize left out (it does not apply to NoContainer functions, in V1 or V2)');

    const deps: Json = {};
    const volumes: Json[] = [];
    const devices: Json[] = [];
    const accessNotes: string[] = [];
    const policies = Array.isArray(environment['ResourceAccessPolicies']) ? environment['ResourceAccessPolicies'] : [];
    for (const p of policies) {
      if (!isObject(p)) continue;
      const rid = str(p['ResourceId']) ?? '';
      const r = resources.get(rid);
      const permission = str(p['Permission']);
      if (!r) {
        accessNotes.push(`resource ${rid} is not in the group; left out`);
        continue;
      }
      if (r.type === 'device') {
        const path = str(r.data['SourcePath']);
        if (!path) continue;
        if (noContainer) accessNotes.push(`device ${path}: a NoContainer function opens it directly, as in V1`);
        else devices.push({ path, permission: permission === 'rw' ? 'rw' : 'ro', addGroupOwner: groupOwner(r.data) });
      } else if (r.type === 'volume') {
        const source = str(r.data['SourcePath']);
        const destination = str(r.data['DestinationPath']) ?? source;
        if (!source || !destination) continue;
        if (noContainer) accessNotes.push(`volume ${source}: a NoContainer function reads it directly, as in V1`);
        else volumes.push({ sourcePath: source, destinationPath: destination, permission: permission === 'rw' ? 'rw' : 'ro', addGroupOwner: groupOwner(r.data) });
      } else if (r.type === 's3-model' || r.type === 'sagemaker-model') {
        const m = modelOf(r);
        if (!m) continue; // reported with the resource
        deps[m.name] = { versionRequirement: `>=${m.version} <2.0.0`, dependencyType: 'HARD' };
        if (noContainer) m.linkForNoContainer = true;
        else volumes.push({ sourcePath: unarchivedFolder(m.name, m.version, m.zipName), destinationPath: m.destinationPath, permission: permission === 'rw' ? 'rw' : 'ro', addGroupOwner: false });
      } else if (r.type === 'secret') {
        const secretArn = str(r.data['ARN']);
        if (secretArn && !cloudSecrets.some((s) => s['arn'] === secretArn)) {
          const labels = Array.isArray(r.data['AdditionalStagingLabelsToDownload']) ? r.data['AdditionalStagingLabelsToDownload'].filter((l): l is string => typeof l === 'string') : [];
          cloudSecrets.push({ arn: secretArn, ...(labels.length ? { labels } : {}) });
        }
        deps[AWS_COMPONENTS.secrets.name] = { versionRequirement: '>=2.0.0 <3.0.0', dependencyType: 'HARD' };
      }
    }
    if (volumes.length) container['volumes'] = volumes;
    if (devices.length) container['devices'] = devices;
    if (!noContainer && Object.keys(container).length) linux['containerParams'] = container;
    params['linuxProcessParams'] = linux;

    // Subscriptions into this function.
    const eventSources: Json[] = [];
    for (const s of subscriptions) {
      if (s.target.kind !== 'function' || s.target.fn.id !== id) continue;
      if (s.source.kind === 'cloud') eventSources.push({ topic: s.subject, type: 'IOT_CORE' });
      else if (s.source.kind === 'device') eventSources.push({ topic: s.subject, type: 'PUB_SUB' });
    }
    if (eventSources.length) params['eventSources'] = dedupe(eventSources);

    // The handler.
    let handlerRel: string | undefined;
    let calls: HandlerCall[] = [];
    let publishes: boolean | undefined;
    if (facts.handler) {
      handlerRel = facts.handler.path;
      const use = analyzeHandler(facts.handler.text, [...resources.values()].flatMap((r) => (r.type === 's3-model' || r.type === 'sagemaker-model') && str(r.data['DestinationPath']) ? [str(r.data['DestinationPath'])!] : []));
      calls = use.calls;
      publishes = use.publishes;
    }
    const routed = subscriptions.some((s) => s.source.kind === 'function' && s.source.fn.id === id && (s.target.kind === 'cloud' || s.target.kind === 'function' || (s.target.kind === 'connector' && !!routedConnector(s.target.arn))));
    if (routed && publishes !== false) {
      deps[AWS_COMPONENTS.router.name] = { versionRequirement: '>=2.1.0 <3.0.0', dependencyType: 'HARD' };
    }
    if (Object.keys(variables).length || (calls.some((c) => c.kind === 'resource-prefix') && !noContainer)) {
      // Containerized V1 functions saw AWS_GG_RESOURCE_PREFIX "/": keep it so prefix + DestinationPath still leads to the mount.
      const env = { ...variables };
      if (calls.some((c) => c.kind === 'resource-prefix') && env['AWS_GG_RESOURCE_PREFIX'] === undefined) env['AWS_GG_RESOURCE_PREFIX'] = '/';
      if (Object.keys(env).length) params['environmentVariables'] = env;
    }

    const request: Json = {
      lambdaFunction: {
        lambdaArn,
        componentName,
        componentVersion,
        componentPlatforms: [{ name: 'Linux', attributes: { os: 'linux' } }],
        ...(Object.keys(deps).length ? { componentDependencies: deps } : {}),
        componentLambdaParameters: params,
      },
    };
    const file = `components/${fileSafe(componentName)}.request.json`;
    files.push({ path: file, json: request });
    const runAs = isObject(execution['RunAs']) ? posixUser(execution['RunAs']) : undefined;
    const lambda: LambdaComponent = { id, arn, name: componentName, version: componentVersion, request, params, deps, noContainer, at: item.at, ...(runAs ? { runWith: runAs } : {}), ...(handlerRel ? { handler: handlerRel } : {}) };
    lambdas.push(lambda);
    deploymentComponents[componentName] = { componentVersion, ...(runAs ? { runWith: { posixUser: runAs } } : {}) };
    records.push({ name: componentName, version: componentVersion, kind: 'lambda', file, v1: { kind: 'function', id, arn }, ...(handlerRel ? { handler: handlerRel } : {}) });

    add({
      kind: 'function', v1: `function ${id}`, v2: `Lambda component ${componentName} ${componentVersion} (${file})`, status: 'changed', blocker: false, at: item.at, docs: [V2_DOCS.importLambda, V2_DOCS.runLambda],
      detail: `Imported from ${lambdaArn}, ${isolation}: ${settings.join(', ')}${Object.keys(variables).length ? `, ${Object.keys(variables).length} environment variable(s)` : ''}${volumes.length ? `, ${volumes.length} volume(s)` : ''}${devices.length ? `, ${devices.length} device(s)` : ''}${eventSources.length ? `, ${eventSources.length} event source(s)` : ''}${runAs ? `; runs as ${runAs} (runWith.posixUser in deployment.json)` : ''}.${accessNotes.length ? ` ${accessNotes.join('; ')}.` : ''} New in V2 and left at their defaults: maxIdleTimeInSeconds, maxInstancesCount, maxQueueSize, statusTimeoutInSeconds.`,
    });
    if (runtime && /^(python2|nodejs(6|8)|java8$)/.test(runtime)) {
      add({ kind: 'setting', v1: `runtime of ${id}`, v2: `${runtime} on the core device`, status: 'changed', blocker: false, at: item.at, docs: [V2_DOCS.runLambda], detail: `The ${runtime} runtime can no longer be created in Lambda; the core device needs it installed. Moving to a current runtime means publishing a new version.` });
    }

    // What the handler does that V2 treats differently.
    if (facts.handler) {
      for (const c of calls) {
        const handler = { path: facts.handler.path, line: c.line };
        if (c.kind === 'shadow') add({ kind: 'handler', v1: `${c.text}() in the handler of ${id}`, v2: `${AWS_COMPONENTS.shadow.name} and the IPC shadow operations`, status: 'needs a code change', blocker: true, handler, docs: [V2_DOCS.ipcShadow, V2_DOCS.shadowManager], detail: 'V1 shadow calls have no routing equivalent in V2: call GetThingShadow / UpdateThingShadow / DeleteThingShadow through the IPC client and deploy the shadow manager.' });
        else if (c.kind === 'ml-sdk') add({ kind: 'handler', v1: `greengrass_machine_learning_sdk in the handler of ${id}`, v2: '(no equivalent)', status: 'needs a code change', blocker: true, handler, docs: [V2_DOCS.mlCustomization, V2_DOCS.differences], detail: 'The ML connectors\' SDK (invoke_inference_service) has no V2 equivalent: load the model and run inference in this component (DLR or TensorFlow Lite), or subscribe to what the sample inference components publish.' });
        else if (c.kind === 'publish' && (routed || subscriptions.some((s) => s.source.kind === 'function' && s.source.fn.id === id))) {
          const toDevice = subscriptions.some((s) => s.source.kind === 'function' && s.source.fn.id === id && s.target.kind === 'device' && (c.topic === undefined || topicMatches(s.subject, c.topic)));
          if (!toDevice) add({ kind: 'handler', v1: `${c.text}()${c.topic ? ` to ${c.topic}` : ''} in the handler of ${id}`, v2: AWS_COMPONENTS.router.name, status: 'mapped', blocker: false, handler, docs: [V2_DOCS.router], detail: 'V1 SDK publish() keeps working through the legacy subscription router and its subscriptions (in deployment.json).' });
        } else if (c.kind === 'resource-prefix') add({ kind: 'handler', v1: `AWS_GG_RESOURCE_PREFIX in the handler of ${id}`, v2: noContainer ? 'a link at the V1 path made by the model component' : 'the environment variable set to "/" and a volume at the V1 path', status: 'mapped', blocker: false, handler, docs: [V2_DOCS.runLambda], detail: noContainer ? 'V2 sets no AWS_GG_RESOURCE_PREFIX: with the default the code uses, the model is read at its DestinationPath, where the model component\'s install step links the unarchived model.' : 'The request sets AWS_GG_RESOURCE_PREFIX to "/" (what V1 gave containerized functions) and mounts the unarchived model at its DestinationPath.' });
        else if (c.kind === 'model-path') add({ kind: 'handler', v1: `model path ${c.topic ?? ''} in the handler of ${id}`, v2: noContainer ? 'a link at the same path' : 'a volume at the same path', status: 'mapped', blocker: false, handler, docs: [V2_DOCS.runLambda], detail: 'The handler reads the model at its V1 DestinationPath; the generated component makes the unarchived model appear there, so the code stays as it is.' });
      }
      if (routed && publishes === false) {
        add({ kind: 'handler', v1: `${facts.handler.path}`, v2: '(no router needed)', status: 'mapped', blocker: false, handler: { path: facts.handler.path, line: 0 }, docs: [V2_DOCS.router], detail: 'The handler never calls publish(): its subscriptions need no legacy subscription router.' });
      }
    } else {
      add({ kind: 'handler', v1: `handler of ${id}`, v2: '(not read)', status: 'changed', blocker: false, at: item.at, docs: [V2_DOCS.differences], detail: `The handler is not in the workspace${facts.handlerSearched?.length ? ` (looked for ${facts.handlerSearched.join(', ')})` : ''}: check it by hand for shadow calls, publishing to devices and greengrass_machine_learning_sdk.` });
    }
  }

  // Resources.
  for (const r of resources.values()) {
    const users = lambdas.filter((l) => fnItems.some((f) => f.id?.value === l.id && usesResource(f, r.id)));
    if (r.type === 's3-model' || r.type === 'sagemaker-model') {
      const m = modelOf(r);
      const job = str(r.data['SageMakerJobArn']);
      if (!m) {
        add({
          kind: 'resource', v1: `ML resource ${r.id}`, v2: '(no model component)', status: r.type === 'sagemaker-model' ? 'no equivalent' : 'changed', blocker: true, at: r.at, docs: [V2_DOCS.mlCustomization],
          detail: r.type === 'sagemaker-model'
            ? `SageMaker model sources have no V2 equivalent. Find the training job's model artifact (DescribeTrainingJob ModelArtifacts.S3ModelArtifacts of ${job ?? 'the job'}), or run Greengrass ML: Migrate Group to Greengrass V2… in the editor, which reads it from the endpoint; then migrate again.`
            : 'The resource has no S3 URI of an object; fix S3Uri, then migrate again.',
        });
        continue;
      }
      const src = parseS3Uri(m.s3Uri)!;
      const isZip = /\.zip$/i.test(src.key);
      const isTar = /\.(tar\.gz|tgz)$/i.test(src.key);
      const zipLocation = isZip ? src : { bucket: src.bucket, key: src.key.replace(/\.(tar\.gz|tgz|tar)$/i, '') + '.zip' };
      const zipUri = formatS3Uri(zipLocation);
      let blocker = false;
      let note: string;
      if (isZip) note = 'The ZIP archive is the component\'s artifact, unarchived by Greengrass.';
      else if (isTar) {
        const local = input.localArchives?.get(m.s3Uri);
        if (local) {
          m.localArchive = `artifacts/${m.zipName}`;
          repacks.push({ source: local, target: m.localArchive, s3Uri: zipUri });
          note = `V2 unarchives ZIP only: ${local} is repacked as ${m.localArchive} (same entries); upload it to ${zipUri}.`;
        } else {
          blocker = true;
          note = `V2 unarchives ZIP only and the archive is not in the workspace: repack ${m.s3Uri} as a .zip with the same entries and upload it to ${zipUri}.`;
        }
      } else {
        blocker = true;
        note = `The model is not a .tar.gz or .zip archive: package it as a .zip and upload it to ${zipUri}.`;
      }
      m.s3Uri = zipUri;
      const manifest: Json = { Platform: { os: 'linux' }, Artifacts: [{ Uri: zipUri, Unarchive: 'ZIP', Permission: { Read: m.readAll ? 'ALL' : 'OWNER', Execute: 'NONE' } }] };
      if (m.linkForNoContainer && m.destinationPath) {
        const dir = m.destinationPath.replace(/\/+$/, '');
        manifest['Lifecycle'] = {
          Install: { RequiresPrivilege: true, Script: `mkdir -p "$(dirname '${dir}')" && ln -sfn '{artifacts:decompressedPath}/${m.zipName.replace(/\.zip$/i, '')}' '${dir}'` },
        };
      }
      const recipe: Json = {
        RecipeFormatVersion: '2020-01-25',
        ComponentName: m.name,
        ComponentVersion: m.version,
        ComponentDescription: `The model of the Greengrass V1 ML resource ${r.id} (${r.name}), migrated from group ${groupName}.`,
        ComponentPublisher: 'Greengrass ML migration',
        Manifests: [manifest],
      };
      const file = `recipes/${fileSafe(m.name)}-${m.version}.json`;
      files.push({ path: file, json: recipe });
      deploymentComponents[m.name] = { componentVersion: m.version };
      records.push({
        name: m.name, version: m.version, kind: 'model', file, v1: { kind: 'resource', id: r.id, ...(job ? { arn: job } : str(r.data['S3Uri']) ? { arn: str(r.data['S3Uri'])! } : {}) },
        model: { s3Uri: zipUri, ...(m.localArchive ? { localArchive: m.localArchive } : {}), destinationPath: m.destinationPath },
      });
      const how = [
        users.some((u) => !u.noContainer) ? `mounted at ${m.destinationPath} in ${users.filter((u) => !u.noContainer).map((u) => u.name).join(', ')}` : '',
        m.linkForNoContainer ? `linked at ${m.destinationPath} for the NoContainer function(s) ${users.filter((u) => u.noContainer).map((u) => u.name).join(', ')}` : '',
      ].filter(Boolean).join('; ');
      add({
        kind: 'resource', v1: `ML resource ${r.id}`, v2: `model component ${m.name} ${m.version} (${file})`, status: 'changed', blocker, at: r.at, docs: [V2_DOCS.recipe, V2_DOCS.mlCustomization],
        detail: `${job ? `The SageMaker training job's artifact (${str(r.data['SageMakerJobArn'])}) becomes an S3 artifact. ` : ''}${note}${how ? ` The unarchived model is ${how}.` : ' No function uses it.'}${m.readAll ? ' V2 artifacts have no group owner: the V1 OwnerSetting becomes Read ALL.' : ''}`,
      });
    } else if (r.type === 'secret') {
      add({ kind: 'resource', v1: `secret resource ${r.id}`, v2: `${AWS_COMPONENTS.secrets.name} cloudSecrets`, status: 'changed', blocker: false, at: r.at, docs: [V2_DOCS.secretManager], detail: 'The secret manager component downloads the secret; components read it through IPC GetSecretValue with an access control policy in their recipe. Whether the V1 SDK\'s secretsmanager client works unchanged is not confirmed: test it.' });
    } else if (r.type === 'device' || r.type === 'volume') {
      const path = str(r.data['SourcePath']) ?? '';
      const contained = users.filter((u) => !u.noContainer).map((u) => u.name);
      const direct = users.filter((u) => u.noContainer).map((u) => u.name);
      const v2 = [
        contained.length ? `containerParams.${r.type === 'device' ? 'devices' : 'volumes'} of ${contained.join(', ')}` : '',
        direct.length ? `direct access from the NoContainer component(s) ${direct.join(', ')}` : '',
      ].filter(Boolean).join('; ');
      const groupOwnerNote = isObject(r.data['GroupOwnerSetting']) && str((r.data['GroupOwnerSetting'] as Json)['GroupOwner']) ? ' V2 has no field for a named GroupOwner: addGroupOwner adds the Lambda process\'s group only.' : '';
      add({ kind: 'resource', v1: `${r.type === 'device' ? 'device' : 'volume'} resource ${r.id}`, v2: v2 || '(unused)', status: users.length ? 'mapped' : 'changed', blocker: false, at: r.at, docs: [V2_DOCS.runLambda], detail: users.length ? `${path}: ${contained.length ? 'given to each containerized function that used it, with its permission' : ''}${contained.length && direct.length ? '; ' : ''}${direct.length ? 'NoContainer functions open it directly on the core device, as in V1 (the component runs as its posixUser: that user needs the device\'s permissions)' : ''}.${groupOwnerNote}` : 'No function uses it; left out.' });
    } else {
      add({ kind: 'resource', v1: `resource ${r.id}`, v2: '(unknown)', status: 'no equivalent', blocker: false, at: r.at, docs: [V2_DOCS.differences], detail: 'The resource has no data container this migration knows; left out.' });
    }
  }

  // Subscriptions.
  const lambdaName = (fn: FunctionRef): string | undefined => lambdas.find((l) => l.id === fn.id)?.name;
  for (const s of subscriptions) {
    const v1 = `subscription ${s.id} (${describe(s.source)} → ${describe(s.target)}, ${s.subject})`;
    const base = { kind: 'subscription' as const, v1, at: s.item.at };
    if (s.source.kind === 'shadow' || s.target.kind === 'shadow') {
      add({ ...base, v2: `${AWS_COMPONENTS.shadow.name} + IPC shadow calls`, status: 'needs a code change', blocker: true, docs: [V2_DOCS.shadowManager, V2_DOCS.ipcShadow], detail: 'The local shadow service is not routed in V2: the function calls the shadow operations through IPC, and the shadow manager component serves them.' });
    } else if (s.source.kind === 'cloud' && s.target.kind === 'function') {
      add({ ...base, v2: `eventSources {topic: ${s.subject}, type: IOT_CORE} of ${lambdaName(s.target.fn) ?? s.target.fn.id}`, status: 'mapped', blocker: false, docs: [V2_DOCS.runLambda], detail: 'The Lambda component subscribes to the AWS IoT Core topic itself.' });
    } else if (s.source.kind === 'function' && (s.target.kind === 'cloud' || s.target.kind === 'function')) {
      const source = lambdaName(s.source.fn);
      const target = s.target.kind === 'cloud' ? 'cloud' : lambdaName(s.target.fn);
      const fnDeps = lambdas.find((l) => l.id === (s.source as { fn: FunctionRef }).fn.id)?.deps ?? {};
      if (source && target && fnDeps[AWS_COMPONENTS.router.name]) {
        routerSubscriptions[fileSafe(s.id) || `subscription${Object.keys(routerSubscriptions).length + 1}`] = { id: s.id, source: `component:${source}`, subject: s.subject, target: target === 'cloud' ? 'cloud' : `component:${target}` };
        add({ ...base, v2: `${AWS_COMPONENTS.router.name} subscription ${s.id}`, status: 'mapped', blocker: false, docs: [V2_DOCS.router], detail: 'The V1 SDK\'s publish() keeps working through the legacy subscription router; the subscription is in its configuration in deployment.json.' });
      } else if (source && target) {
        add({ ...base, v2: '(not needed)', status: 'changed', blocker: false, docs: [V2_DOCS.router], detail: 'The handler never calls publish(), so no router subscription is written.' });
      } else {
        add({ ...base, v2: '(no component)', status: 'changed', blocker: true, docs: [V2_DOCS.router], detail: 'A function of this subscription has no component (see its blocker).' });
      }
    } else if (s.source.kind === 'device' && s.target.kind === 'function') {
      bridgeMappings[fileSafe(s.id) || `mapping${Object.keys(bridgeMappings).length + 1}`] = { topic: s.subject, source: 'LocalMqtt', target: 'Pubsub' };
      add({ ...base, v2: `${AWS_COMPONENTS.bridge.name} LocalMqtt → Pubsub, eventSources PUB_SUB of ${lambdaName(s.target.fn) ?? s.target.fn.id}`, status: 'changed', blocker: false, docs: [V2_DOCS.mqttBridge, V2_DOCS.clientDevices], detail: 'The device publishes to the local MQTT broker; the MQTT bridge relays the topic to local publish/subscribe, where the Lambda component subscribes. Deploy client device auth and the MQTT broker, and associate the device with the core device.' });
    } else if (s.source.kind === 'function' && s.target.kind === 'device') {
      bridgeMappings[fileSafe(s.id) || `mapping${Object.keys(bridgeMappings).length + 1}`] = { topic: s.subject, source: 'Pubsub', target: 'LocalMqtt' };
      add({ ...base, v2: `IPC publish + ${AWS_COMPONENTS.bridge.name} Pubsub → LocalMqtt`, status: 'needs a code change', blocker: true, docs: [V2_DOCS.ipcPubsub, V2_DOCS.mqttBridge], detail: 'Publishing to devices needs a code change: publish to local publish/subscribe through IPC (PublishToTopic); the bridge mapping in deployment.json relays the topic to the devices.' });
    } else if (s.source.kind === 'cloud' && s.target.kind === 'device' || s.source.kind === 'device' && s.target.kind === 'cloud') {
      bridgeMappings[fileSafe(s.id) || `mapping${Object.keys(bridgeMappings).length + 1}`] = { topic: s.subject, source: s.source.kind === 'cloud' ? 'IotCore' : 'LocalMqtt', target: s.target.kind === 'cloud' ? 'IotCore' : 'LocalMqtt' };
      add({ ...base, v2: `${AWS_COMPONENTS.bridge.name} mapping`, status: 'changed', blocker: false, docs: [V2_DOCS.mqttBridge], detail: 'The MQTT bridge relays the topic between the local broker and AWS IoT Core.' });
    } else if (s.source.kind === 'connector' && s.target.kind === 'cloud' && routedConnector(s.source.arn)?.statusTopic === s.subject) {
      const c = routedConnector(s.source.arn)!;
      routerSubscriptions[fileSafe(s.id) || `subscription${Object.keys(routerSubscriptions).length + 1}`] = { id: s.id, source: `component:${c.component}`, subject: s.subject, target: 'cloud' };
      add({ ...base, v2: `${AWS_COMPONENTS.router.name} subscription ${s.id}`, status: 'mapped', blocker: false, docs: [V2_DOCS.router, V2_DOCS.awsComponents], detail: `${c.component} publishes its responses on ${s.subject}; the legacy subscription router sends them to AWS IoT Core, as its component page says.` });
    } else if (s.source.kind === 'function' && s.target.kind === 'connector' && routedConnector(s.target.arn) && lambdaName(s.source.fn)) {
      const c = routedConnector(s.target.arn)!;
      routerSubscriptions[fileSafe(s.id) || `subscription${Object.keys(routerSubscriptions).length + 1}`] = { id: s.id, source: `component:${lambdaName(s.source.fn)!}`, subject: s.subject, target: `component:${c.component}` };
      add({ ...base, v2: `${AWS_COMPONENTS.router.name} subscription ${s.id} → ${c.component}`, status: 'changed', blocker: false, docs: [V2_DOCS.router, V2_DOCS.awsComponents], detail: `The V1 SDK's publish() reaches the ${c.component} Lambda component through the legacy subscription router. The component also listens on local publish/subscribe (its pubsubTopics): a handler moved to IPC publishes there instead.` });
    } else if (s.source.kind === 'connector' || s.target.kind === 'connector') {
      add({ ...base, v2: '(see the connector)', status: 'changed', blocker: true, docs: [V2_DOCS.router, V2_DOCS.awsComponents], detail: 'This connector\'s replacement is not routed by the legacy subscription router: publish to its input topic through IPC (local publish/subscribe), and subscribe to its output topic, as its component page says.' });
    } else {
      add({ ...base, v2: '(unknown)', status: 'no equivalent', blocker: true, docs: [V2_DOCS.differences], detail: 'The source or target is neither cloud, a function of the group, a device nor the shadow service; migrate it by hand.' });
    }
  }

  // Devices.
  for (const d of group.definitions.device?.items ?? []) {
    add({ kind: 'device', v1: `device ${d.id?.value ?? ''}`.trim(), v2: 'a client device of the core device', status: 'changed', blocker: false, at: d.at, docs: [V2_DOCS.clientDevices], detail: `Associate the thing${str(field(d, 'ThingArn')?.value) ? ` ${str(field(d, 'ThingArn')?.value)}` : ''} with the core device (BatchAssociateClientDeviceWithCoreDevice) and deploy client device auth (with a device group policy), the MQTT broker, the IP detector and the MQTT bridge.${field(d, 'SyncShadow')?.value === true ? ' SyncShadow moves to the shadow manager\'s synchronize.shadowDocuments.' : ''}` });
  }

  // Loggers.
  const logging: Json = {};
  for (const l of group.definitions.logger?.items ?? []) {
    const type = str(field(l, 'Type')?.value);
    const level = LOG_LEVELS[str(field(l, 'Level')?.value) ?? ''] ?? 'INFO';
    const component = str(field(l, 'Component')?.value) ?? 'GreengrassSystem';
    const space = num(field(l, 'Space')?.value);
    if (type === 'FileSystem') {
      if (component === 'GreengrassSystem' || logging['level'] === undefined) {
        logging['level'] = level;
        logging['outputType'] = 'FILE';
        if (space !== undefined) logging['totalLogsSizeKB'] = space;
      }
      add({ kind: 'logger', v1: `logger ${l.id?.value ?? ''} (${component}, FileSystem)`, v2: `${AWS_COMPONENTS.nucleus.name} logging`, status: 'changed', blocker: false, at: l.at, docs: [V2_DOCS.nucleus], detail: `The nucleus logs to files at ${level}${space !== undefined ? `, at most ${space} KB in all` : ''}; V2 has one logging configuration for the nucleus and every component.` });
    } else if (type === 'AWSCloudWatch') {
      deploymentComponents[AWS_COMPONENTS.logs.name] ??= {
        componentVersion: AWS_COMPONENTS.logs.version,
        configurationUpdate: { merge: JSON.stringify({ logsUploaderConfiguration: { systemLogsConfiguration: { uploadToCloudWatch: 'true', minimumLogLevel: level }, componentLogsConfigurationMap: Object.fromEntries(lambdas.map((x) => [x.name, { minimumLogLevel: level }])) } }) },
      };
      add({ kind: 'logger', v1: `logger ${l.id?.value ?? ''} (${component}, AWSCloudWatch)`, v2: AWS_COMPONENTS.logs.name, status: 'changed', blocker: false, at: l.at, docs: [V2_DOCS.logManager], detail: 'The log manager component uploads the logs to CloudWatch Logs; the token exchange role needs the logs permissions.' });
    }
  }
  if (Object.keys(logging).length) nucleusConfig['logging'] = logging;

  // Connectors.
  for (const c of group.definitions.connector?.items ?? []) {
    const arn = str(field(c, 'ConnectorArn')?.value) ?? '';
    const { name: connectorName, known } = connectorComponent(arn);
    const v1 = `connector ${c.id?.value ?? connectorName}`;
    const docs = [V2_DOCS.differences, V2_DOCS.awsComponents];
    if (!known?.component) {
      add({ kind: 'connector', v1, v2: '(no equivalent)', status: 'no equivalent', blocker: true, at: c.at, docs, detail: known ? `${known.note}.` : `No AWS-provided V2 component replaces the ${connectorName} connector: rebuild what it did as a component.` });
      continue;
    }
    if (!known.version) {
      add({ kind: 'connector', v1, v2: known.component, status: 'changed', blocker: true, at: c.at, docs, detail: `${known.note}. It is not in deployment.json: add it with the version you choose and its configuration.` });
      continue;
    }
    const paramsValue = field(c, 'Parameters')?.value;
    const params = isObject(paramsValue) ? paramsValue : {};
    const translation = known.translate?.(params) ?? { carried: [], left: Object.keys(params) };
    const existing = deploymentComponents[known.component];
    if (!existing) {
      deploymentComponents[known.component] = { componentVersion: known.version, ...(translation.merge ? { configurationUpdate: { merge: JSON.stringify(translation.merge) } } : {}) };
    }
    const carried = translation.carried.length ? ` deployment.json carries ${translation.carried.join(', ')} into its configuration.` : '';
    const left = translation.left.length ? ` Not carried (no documented counterpart): ${translation.left.join(', ')}; set what they did in its configuration by hand.` : '';
    add({
      kind: 'connector', v1, v2: `${known.component} ${known.version}`, status: translation.left.length ? 'changed' : 'mapped', blocker: translation.left.length > 0 || !!existing, at: c.at, docs,
      detail: existing ? `${known.note}. Another connector of the group already configures it in deployment.json: merge this one's parameters (${Object.keys(params).join(', ') || 'none'}) by hand.` : `${known.note}.${carried}${left}`,
    });
  }

  // The deployment.
  if (Object.keys(routerSubscriptions).length) {
    deploymentComponents[AWS_COMPONENTS.router.name] = { componentVersion: AWS_COMPONENTS.router.version, configurationUpdate: { merge: JSON.stringify({ subscriptions: routerSubscriptions }) } };
  }
  if (cloudSecrets.length) {
    deploymentComponents[AWS_COMPONENTS.secrets.name] = { componentVersion: AWS_COMPONENTS.secrets.version, configurationUpdate: { merge: JSON.stringify({ cloudSecrets }) } };
  }
  if (Object.keys(bridgeMappings).length) {
    deploymentComponents[AWS_COMPONENTS.bridge.name] = { componentVersion: AWS_COMPONENTS.bridge.version, configurationUpdate: { merge: JSON.stringify({ mqttTopicMapping: bridgeMappings }) } };
  }
  if (Object.keys(nucleusConfig).length) {
    deploymentComponents[AWS_COMPONENTS.nucleus.name] = { componentVersion: AWS_COMPONENTS.nucleus.version, configurationUpdate: { merge: JSON.stringify(nucleusConfig) } };
  }
  const deployment: Json = {
    targetArn: THING_GROUP_PLACEHOLDER,
    deploymentName: `${groupName} (migrated from Greengrass V1)`.slice(0, 256),
    components: deploymentComponents,
    deploymentPolicies: { failureHandlingPolicy: 'ROLLBACK', componentUpdatePolicy: { action: 'NOTIFY_COMPONENTS', timeoutInSeconds: 60 } },
  };
  files.push({ path: 'deployment.json', json: deployment });
  const aws = Object.keys(deploymentComponents).filter((n) => n.startsWith('aws.greengrass.'));
  if (aws.length) {
    add({ kind: 'group', v1: 'AWS-provided components', v2: aws.map((n) => `${n} ${String(deploymentComponents[n]?.['componentVersion'])}`).join(', '), status: 'changed', blocker: false, docs: [V2_DOCS.awsComponents], detail: 'deployment.json names these versions; check for newer ones in the AWS-provided components list before deploying.' });
  }

  const bucket = records.flatMap((r) => (r.model ? [parseS3Uri(r.model.s3Uri)?.bucket] : [])).find((b): b is string => !!b);
  const record: WrittenMigrationRecord = {
    formatVersion: 1,
    source: input.source,
    ...(bucket ? { artifactsBucket: bucket } : {}),
    components: records,
    thingGroupPlaceholder: THING_GROUP_PLACEHOLDER,
  };
  files.push({ path: MIGRATION_RECORD_FILE, json: record });
  const ordered = [...elements.filter((e) => e.blocker), ...elements.filter((e) => !e.blocker)];
  return { elements: ordered, files, repacks, record, deployment, blockers: ordered.filter((e) => e.blocker).length };
}

/** The SageMaker training jobs the group's ML resources name (their model artifacts become S3 models when known). */
export function sageMakerJobs(group: Group): string[] {
  return [...resourcesOf(group).values()].flatMap((r) => (r.type === 'sagemaker-model' && str(r.data['SageMakerJobArn']) ? [str(r.data['SageMakerJobArn'])!] : []));
}

function usesResource(item: GroupItem, resourceId: string): boolean {
  const config = field(item, 'FunctionConfiguration')?.value;
  const env = isObject(config) && isObject(config['Environment']) ? config['Environment'] : {};
  const list = Array.isArray(env['ResourceAccessPolicies']) ? env['ResourceAccessPolicies'] : [];
  return list.some((p) => isObject(p) && p['ResourceId'] === resourceId);
}

function groupOwner(data: Json): boolean {
  const s = data['GroupOwnerSetting'];
  return isObject(s) && s['AutoAddGroupOwner'] === true;
}

function posixUser(runAs: Json): string | undefined {
  const uid = num(runAs['Uid']);
  const gid = num(runAs['Gid']);
  if (uid === undefined) return undefined;
  return gid === undefined ? String(uid) : `${uid}:${gid}`;
}

function dedupe(list: Json[]): Json[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
