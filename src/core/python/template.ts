// The group of a Python handler that a CloudFormation or SAM template deploys: the template next to the code (or a
// few folders up), the Lambda function whose code the file is (SAM `CodeUri` + `Handler`, or a local `Code` path as
// `sam` and `aws cloudformation package` accept), and that function's Greengrass configuration in the template —
// isolation mode, environment variables, the destination paths of the ML resources it may access. No manifest
// needed. Pure: files are read through the host.
import { definitionList } from '../lint/detect';
import { items, prop, str } from '../lint/json';
import type { Node } from '../lint/json';
import { joinRelative, samePath } from '../lint/group';
import type { Fix } from '../lint/types';
import { parseVersion } from '../manifest';
import { parseS3Location } from '../model';
import { decodeTemplate, rangeKey } from '../template/decode';
import { evaluate, intrinsicName } from '../template/intrinsics';
import type { Scope } from '../template/intrinsics';
import { functionRef, templateModel } from '../template/model';
import type { TemplateGroup, TemplateModel, TemplateResource } from '../template/model';
import { isTemplate, TEMPLATE_FILE_NAMES, TEMPLATE_SEARCH_DEPTH, templateFormat } from '../template/recognize';
import type { HandlerGroup, ReadHost } from './group';

/** Templates larger than this are not read for a handler's configuration (the template lint reports them). */
const MAX_TEMPLATE_SIZE = 1024 * 1024;

const LAMBDA_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

function lastSep(path: string): number {
  return Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
}

/** The folders of a path, nearest first, at most `depth` of them. */
function folders(path: string, depth: number): string[] {
  const out: string[] = [];
  let p = path;
  while (out.length < depth && lastSep(p) > 0) {
    p = p.slice(0, lastSep(p));
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*$/i.test(p)) break;
    out.push(p);
  }
  return out;
}

/** `dir` + `/` + relative, resolving `.` and `..` (the same join the group files use). */
function join(dir: string, relative: string): string {
  const sep = !dir.includes('/') && dir.includes('\\') ? '\\' : '/';
  return joinRelative(`${dir}${sep}x`, relative);
}

function isUnder(path: string, dir: string): boolean {
  const p = path.replace(/\\/g, '/');
  const d = dir.replace(/\\/g, '/').replace(/\/+$/, '');
  return p.startsWith(`${d}/`);
}

/** The file a Lambda function's code is: `<code dir>/<module path>.py` from `Handler: pkg.module.function`. */
function handlerFile(codeDir: string, handler: string): string | undefined {
  const parts = handler.split('.');
  if (parts.length < 2 || parts.some((p) => !/^[A-Za-z_][\w-]*$/.test(p))) return undefined;
  return join(codeDir, `${parts.slice(0, -1).join('/')}.py`);
}

/** The local code folder of a Lambda function resource, when the template names one. */
function codeDirOf(model: TemplateModel, lambda: TemplateResource, templateDir: string): string | undefined {
  const sam = lambda.type === 'AWS::Serverless::Function';
  const code = sam ? (prop(lambda.properties, 'CodeUri') ?? prop(model.functionGlobals, 'CodeUri')) : prop(lambda.properties, 'Code');
  const local = str(code);
  // An S3 location ({Bucket, Key}, s3://…) or an archive is not code on this disk.
  if (local === undefined || parseS3Location(local) !== undefined || /\.(zip|jar)$/i.test(local)) return undefined;
  return join(templateDir, local);
}

function handlerOf(model: TemplateModel, lambda: TemplateResource): string | undefined {
  return str(prop(lambda.properties, 'Handler')) ?? (lambda.type === 'AWS::Serverless::Function' ? str(prop(model.functionGlobals, 'Handler')) : undefined);
}

/** The Lambda function whose code `path` is: its handler file first, else a file in its code folder. */
function lambdaOf(model: TemplateModel, path: string, templateDir: string): TemplateResource | undefined {
  let inFolder: TemplateResource | undefined;
  for (const r of model.resources.values()) {
    if (!LAMBDA_TYPES.has(r.type)) continue;
    const dir = codeDirOf(model, r, templateDir);
    if (dir === undefined) continue;
    const handler = handlerOf(model, r);
    const file = handler !== undefined ? handlerFile(dir, handler) : undefined;
    if (file !== undefined && samePath(file, path)) return r;
    if (!inFolder && isUnder(path, dir)) inFolder = r;
  }
  return inFolder;
}

interface Entry {
  entry: Node;
  definition: TemplateResource;
}

/** The Greengrass function entries whose FunctionArn names `lambda` (its alias, its version or itself). */
function entriesOf(model: TemplateModel, lambda: TemplateResource): Entry[] {
  const out: Entry[] = [];
  for (const d of model.definitions) {
    if (d.kind !== 'functionDefinition' || !d.resource.properties) continue;
    for (const entry of definitionList(d.resource.properties, 'functionDefinition')) {
      const ref = functionRef(model, prop(entry, 'FunctionArn'));
      if (ref.kind !== 'other' && ref.lambda === lambda) out.push({ entry, definition: d.resource });
    }
  }
  return out;
}

function known(node: Node | undefined, scope: Scope): string | undefined {
  const k = evaluate(node, scope);
  return k ? String(k.value) : undefined;
}

/** ML resources of a group's resource definition: Id → DestinationPath (when known). */
function mlResources(group: TemplateGroup | undefined, scope: Scope): { id: string; path: string }[] {
  const r = group?.parts.get('resourceDefinition');
  const out: { id: string; path: string }[] = [];
  for (const res of definitionList(r?.properties, 'resourceDefinition')) {
    const container = prop(res, 'ResourceDataContainer');
    const data = prop(container, 'S3MachineLearningModelResourceData') ?? prop(container, 'SageMakerMachineLearningModelResourceData');
    const path = known(prop(data, 'DestinationPath'), scope);
    if (path !== undefined && path.startsWith('/')) out.push({ id: known(prop(res, 'Id'), scope) ?? '', path: path.replace(/\/+$/, '') || '/' });
  }
  return out;
}

function metadataOf(model: TemplateModel, text: string): { coreVersion: number[] | undefined; raspberryPi: boolean } {
  const meta = model.metadata;
  const written = prop(meta, 'coreVersion');
  // `coreVersion: 1.10` is a number to YAML: the version is what is written.
  const version = written?.type === 'number' ? text.slice(written.offset, written.offset + written.length) : str(written);
  const platforms = [str(prop(meta, 'platform')), ...items(prop(meta, 'platforms')).map((p) => str(p))];
  return { coreVersion: parseVersion(version), raspberryPi: platforms.includes('raspberry-pi') };
}

/** What a handler's function runs with, from its Greengrass function entry and the definition's DefaultConfig. */
function functionConfig(model: TemplateModel, found: Entry, scope: Scope, templatePath: string, literals: ReadonlySet<string>): NonNullable<HandlerGroup['func']> {
  const { entry, definition } = found;
  const env = prop(prop(entry, 'FunctionConfiguration'), 'Environment');
  const body = prop(definition.properties, 'InitialVersion') ?? definition.properties;
  const isolation = prop(prop(env, 'Execution'), 'IsolationMode') ?? prop(prop(prop(body, 'DefaultConfig'), 'Execution'), 'IsolationMode');
  const variables: Record<string, unknown> = {};
  const unknownVariables: string[] = [];
  const varsNode = prop(env, 'Variables');
  for (const p of varsNode?.type === 'object' ? (varsNode.children ?? []) : []) {
    const key = p.children?.[0]?.value;
    if (typeof key !== 'string') continue;
    const value = evaluate(p.children?.[1], scope);
    if (value) variables[key] = typeof value.value === 'string' ? value.value : String(value.value);
    else unknownVariables.push(key);
  }
  const id = known(prop(entry, 'Id'), scope) ?? model.resources.get(definition.id)?.id ?? 'function';
  const func: NonNullable<HandlerGroup['func']> = {
    id,
    variables,
    unknownVariables,
    isolationMode: isolation === undefined ? 'GreengrassContainer' : intrinsicName(isolation) ? known(isolation, scope) ?? 'unknown' : str(isolation) ?? 'unknown',
  };
  // The one edit that is safe in a template: the value of an MXNET_ENGINE_TYPE written in the text.
  const engine = prop(varsNode, 'MXNET_ENGINE_TYPE');
  if (engine && literals.has(rangeKey(engine.offset, engine.length))) {
    const edits: Fix['edits'][number] = { path: templatePath, edits: [{ offset: engine.offset, length: engine.length, content: JSON.stringify('NaiveEngine') }] };
    func.naiveEngineEdits = [edits];
  }
  return func;
}

/**
 * The group of a Python file from the nearest template that deploys it (a `template.yaml`/`.yml`/`.json` in its
 * folder or up to TEMPLATE_SEARCH_DEPTH folders up). The function is the one whose `CodeUri` + `Handler` name the
 * file (or whose code folder holds it); without one, the template's group-wide facts (core version, platform, ML
 * destination paths when the template holds one group) still apply. Undefined when no template is found below
 * `stopAt` (the folder of the group manifest that is the alternative).
 */
export function templateGroupOfHandler(path: string, host: ReadHost, stopAt?: string): HandlerGroup | undefined {
  for (const dir of folders(path, TEMPLATE_SEARCH_DEPTH)) {
    // A group manifest in this folder or nearer configures the handler instead.
    if (stopAt !== undefined && samePath(dir, stopAt)) break;
    for (const name of TEMPLATE_FILE_NAMES) {
      const templatePath = join(dir, name);
      const text = host.readFile(templatePath);
      if (text === undefined || text.length > MAX_TEMPLATE_SIZE || !isTemplate(text)) continue;
      const group = fromTemplate(path, templatePath, text, dir);
      if (group) return group;
    }
  }
  return undefined;
}

function fromTemplate(path: string, templatePath: string, text: string, templateDir: string): HandlerGroup | undefined {
  const decoded = decodeTemplate(text, templateFormat(text));
  const root = decoded.root;
  if (decoded.fatal || root?.type !== 'object') return undefined;
  const model = templateModel(root);
  if (!model.definitions.length) return undefined;
  const scope: Scope = { defaults: model.parameters, mappings: model.mappings };
  const meta = metadataOf(model, text);
  const group: HandlerGroup = {
    manifestPath: templatePath,
    manifest: { name: '' },
    coreVersion: meta.coreVersion ?? [1, 11],
    raspberryPi: meta.raspberryPi,
    mlDestinations: [],
  };
  const lambda = lambdaOf(model, path, templateDir);
  const entry = lambda ? entriesOf(model, lambda)[0] : undefined;
  if (entry) {
    const owner = model.groups.find((g) => g.parts.get('functionDefinition') === entry.definition);
    const ml = mlResources(owner, scope);
    // The ML resources the function may access (its ResourceAccessPolicies).
    const allowed = new Set(items(prop(prop(prop(entry.entry, 'FunctionConfiguration'), 'Environment'), 'ResourceAccessPolicies')).map((p) => known(prop(p, 'ResourceId'), scope)));
    group.mlDestinations = ml.filter((m) => allowed.has(m.id));
    group.func = functionConfig(model, entry, scope, templatePath, decoded.literals);
    return group;
  }
  // Code of no function the template deploys: only what holds for the whole template.
  if (lambda === undefined && !isUnder(path, templateDir)) return undefined;
  if (model.groups.length === 1) group.mlDestinations = mlResources(model.groups[0], scope);
  return group;
}
