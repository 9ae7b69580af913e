// A CloudFormation/SAM template as one more producer of the Group model: one Group per group the template wires
// together, each value located in the template. Intrinsics are worked out where their value is known (a parameter's
// Default, `!Sub` of known parts); Lambda functions are named as the template names them (`!Ref Alias`,
// `!Ref F.Version`, `!GetAtt F.Arn`), with the facts the template holds about them (runtime, the handler's file);
// every value that stays unknown is listed so that the migration can report it. No `vscode`, no I/O.
import * as l10n from '@vscode/l10n';
import { DEFINITION_KIND_INFO, parseS3Uri, type DefinitionKind, type Group, type GroupDefinition, type GroupItem, type Located, type SourceRange } from '../model';
import { items, prop, str } from '../lint/json';
import type { Node } from '../lint/json';
import { decodeTemplate } from './decode';
import { evaluate, getAtt, intrinsicName, refName, type Scope } from './intrinsics';
import { lambdaName, runtimeNode, templateModel, type TemplateModel, type TemplateResource } from './model';
import { templateFormat } from './recognize';

export interface TemplateFunctionFacts {
  runtime?: string | undefined;
  /** The handler's file as SAM names it: CodeUri + Handler's module, relative to the template's folder. */
  handlerFile?: string | undefined;
  /** The Lambda function resource's logical id. */
  lambdaId?: string | undefined;
  /** Why the function's version number cannot be read from the template. */
  versionNote?: string | undefined;
  /** SAM's AutoPublishAlias: the alias that names the version the stack publishes. */
  publishAlias?: string | undefined;
}

export interface TemplateGroupModel {
  name: string;
  group: Group;
  /** By the V1 function's Id. */
  functions: Map<string, TemplateFunctionFacts>;
  /** Values computed by intrinsics that stay unknown until the stack is deployed. */
  unknowns: { what: string; key: string; at: SourceRange }[];
  coreVersion?: string | undefined;
  region?: string | undefined;
}

export interface TemplateGroups {
  groups: TemplateGroupModel[];
  /** Why the template gave no group (it does not decode, or holds no Greengrass group). */
  problem?: string | undefined;
}

const STEM_KIND: Record<string, DefinitionKind> = {
  Core: 'core', Function: 'function', Resource: 'resource', Subscription: 'subscription', Device: 'device', Logger: 'logger', Connector: 'connector',
};
const DEFINITION_TYPE = /^AWS::Greengrass::(Core|Function|Resource|Subscription|Device|Logger|Connector)Definition(Version)?$/;
const LAMBDA_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

/** Every group a template holds, as Group models located in the template. */
export function groupsFromTemplate(path: string, text: string): TemplateGroups {
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const decoded = decodeTemplate(source, templateFormat(source));
  if (decoded.fatal || decoded.root?.type !== 'object') {
    return { groups: [], problem: decoded.problems[0]?.message ?? l10n.t('The template is not a YAML or JSON object') };
  }
  const model = templateModel(decoded.root);
  const scope: Scope = { defaults: model.parameters, mappings: model.mappings };
  const metadata = model.metadata;
  const known = (node: Node | undefined): string | undefined => {
    const k = evaluate(node, scope);
    return k ? String(k.value) : undefined;
  };
  const coreVersion = known(prop(metadata, 'coreVersion'));
  const region = known(prop(metadata, 'region'));
  const groups: TemplateGroupModel[] = [];
  for (const [index, g] of model.groups.entries()) {
    const parts = new Map<DefinitionKind, TemplateResource>();
    for (const r of g.parts.values()) {
      const kind = kindOf(r);
      if (kind) parts.set(kind, r);
    }
    // Loggers and connectors are wired the same way; the lint model leaves them out.
    const body = g.owner?.type === 'AWS::Greengrass::Group' ? prop(g.owner.properties, 'InitialVersion') : g.owner?.properties;
    for (const kind of ['logger', 'connector'] as const) {
      const r = wired(model, prop(body, DEFINITION_KIND_INFO[kind].groupVersionKey));
      if (r) parts.set(kind, r);
    }
    const name = groupName(model, g.owner, scope) ?? (g.owner?.id ?? [...parts.values()][0]?.id ?? `group ${index + 1}`);
    const run: Run = { path, model, scope, region, unknowns: [], functions: new Map() };
    const definitions: Group['definitions'] = {};
    for (const [kind, r] of parts) {
      const d = definitionOf(run, kind, r);
      if (d) definitions[kind] = d;
    }
    // A Group resource whose versions are elsewhere (a GroupVersion), or a definition whose version is another resource, holds nothing.
    if (!Object.values(definitions).some((d) => d.items.length)) continue;
    groups.push({ name, group: { name, definitions }, functions: run.functions, unknowns: run.unknowns, coreVersion, region });
  }
  return groups.length ? { groups } : { groups, problem: l10n.t('The template holds no AWS::Greengrass group or definition') };
}

interface Run {
  path: string;
  model: TemplateModel;
  scope: Scope;
  region: string | undefined;
  unknowns: { what: string; key: string; at: SourceRange }[];
  functions: Map<string, TemplateFunctionFacts>;
}

function kindOf(r: TemplateResource): DefinitionKind | undefined {
  const m = DEFINITION_TYPE.exec(r.type);
  return m ? STEM_KIND[m[1]!] : undefined;
}

function wired(model: TemplateModel, value: Node | undefined): TemplateResource | undefined {
  const att = getAtt(value);
  const id = att && att[1] === 'LatestVersionArn' ? att[0] : refName(value);
  const r = id !== undefined ? model.resources.get(id) : undefined;
  return r && DEFINITION_TYPE.test(r.type) ? r : undefined;
}

function groupName(model: TemplateModel, owner: TemplateResource | undefined, scope: Scope): string | undefined {
  if (!owner) return undefined;
  const group = owner.type === 'AWS::Greengrass::GroupVersion' ? model.resources.get(refName(prop(owner.properties, 'GroupId')) ?? '') : owner;
  const k = evaluate(prop(group?.properties, 'Name'), scope);
  return k ? String(k.value) : group?.id;
}

const range = (path: string, node: Node): SourceRange => ({ file: path, offset: node.offset, length: node.length });

function definitionOf(run: Run, kind: DefinitionKind, r: TemplateResource): GroupDefinition | undefined {
  const info = DEFINITION_KIND_INFO[kind];
  const isVersion = r.type.endsWith('Version');
  const body = isVersion ? r.properties : prop(r.properties, 'InitialVersion');
  const list = prop(body, info.list);
  if (!body || list?.type !== 'array') return undefined;
  const out: GroupItem[] = [];
  for (const item of items(list)) {
    if (item.type !== 'object') continue;
    const idNode = prop(item, 'Id');
    const id = evaluate(idNode, run.scope);
    const label = `${info.label.replace(' definition', '')} ${id ? String(id.value) : '(no Id)'}`;
    const fields: Record<string, Located<unknown>> = {};
    for (const p of item.children ?? []) {
      const key = p.children?.[0]?.value;
      const valueNode = p.children?.[1];
      if (typeof key !== 'string' || !valueNode) continue;
      fields[key] = { value: valueOf(run, valueNode, key, `${key} of ${label}`, kind === 'function' && key === 'FunctionArn' ? String(id?.value ?? '') : undefined), at: range(run.path, valueNode) };
    }
    out.push({ ...(id && idNode && typeof id.value === 'string' ? { id: { value: id.value, at: range(run.path, idNode) } } : {}), fields, at: range(run.path, item) });
  }
  const extra: Record<string, Located<unknown>> = {};
  for (const key of info.extra) {
    const node = prop(body, key);
    if (node) extra[key] = { value: valueOf(run, node, key, `${key} of ${info.label} ${r.id}`), at: range(run.path, node) };
  }
  return { kind, items: out, extra, at: range(run.path, body), name: str(prop(r.properties, 'Name')) ?? r.id };
}

/**
 * A plain value for a template node: scalars as written, intrinsics with known values worked out, Lambda functions
 * named by intrinsics as ARNs; anything else unknown (undefined) and listed.
 */
function valueOf(run: Run, node: Node, key: string, what: string, functionId?: string, depth = 0): unknown {
  if (depth > 50) return undefined;
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') return node.value as unknown;
  if (node.type === 'null') return null;
  if (intrinsicName(node)) {
    if (key === 'FunctionArn' || key === 'Source' || key === 'Target') {
      const arn = lambdaArnOf(run, node, functionId);
      if (arn) return arn;
    }
    const k = evaluate(node, run.scope);
    if (k) return k.value;
    run.unknowns.push({ what, key, at: range(run.path, node) });
    return undefined;
  }
  if (node.type === 'array') return items(node).map((c, i) => valueOf(run, c, key, `${what}[${i}]`, undefined, depth + 1));
  const out: Record<string, unknown> = {};
  for (const p of node.children ?? []) {
    const k = p.children?.[0]?.value;
    const v = p.children?.[1];
    if (typeof k === 'string' && v) out[k] = valueOf(run, v, k, `${k} of ${what}`, undefined, depth + 1);
  }
  return out;
}

/** The ARN a template's intrinsic names a Lambda function by; records the function's facts for FunctionArn values. */
function lambdaArnOf(run: Run, node: Node, functionId: string | undefined): string | undefined {
  const { model } = run;
  let lambda: TemplateResource | undefined;
  let qualifier: string | undefined;
  let versionNote: string | undefined;
  let publishAlias: string | undefined;
  const att = getAtt(node);
  const ref = refName(node);
  if (att) {
    const r = model.resources.get(att[0]);
    if (r && LAMBDA_TYPES.has(r.type) && att[1] === 'Arn') lambda = r;
  } else if (ref !== undefined) {
    const dot = ref.indexOf('.');
    const r = model.resources.get(dot > 0 ? ref.slice(0, dot) : ref);
    const attr = dot > 0 ? ref.slice(dot + 1) : undefined;
    if (r?.type === 'AWS::Serverless::Function' && attr && prop(r.properties, 'AutoPublishAlias')) {
      lambda = r;
      const alias = evaluate(prop(r.properties, 'AutoPublishAlias'), run.scope);
      qualifier = attr === 'Alias' ? String(alias?.value ?? 'live') : 'VERSION';
      publishAlias = String(alias?.value ?? 'live');
      versionNote = `SAM publishes a new version of ${lambdaName(r)} on each deploy (AutoPublishAlias${alias ? ` ${String(alias.value)}` : ''}): its number is not in the template. Find it with \`aws lambda get-alias --function-name ${lambdaName(r)} --name ${String(alias?.value ?? 'live')}\`.`;
    } else if (r && LAMBDA_TYPES.has(r.type) && !attr) {
      lambda = r;
    } else if (r && (r.type === 'AWS::Lambda::Alias' || r.type === 'AWS::Lambda::Version')) {
      const fnNode = prop(r.properties, 'FunctionName');
      const target = model.resources.get(refName(fnNode) ?? getAtt(fnNode)?.[0] ?? '');
      if (target && LAMBDA_TYPES.has(target.type)) lambda = target;
      const aliasName = evaluate(prop(r.properties, 'Name'), run.scope);
      qualifier = r.type === 'AWS::Lambda::Alias' ? String(aliasName?.value ?? r.id) : 'VERSION';
      versionNote = `The template publishes ${r.type === 'AWS::Lambda::Alias' ? `the version behind the alias ${qualifier}` : 'the version'} (${r.id}) when the stack is deployed: its number is not in the template. Find it in the stack's resources (or \`aws lambda list-versions-by-function\`).`;
    }
  }
  if (!lambda) return undefined;
  const name = lambdaName(lambda);
  if (functionId !== undefined) {
    const runtime = evaluate(runtimeNode(model, lambda), run.scope);
    const handler = evaluate(prop(lambda.properties, 'Handler'), run.scope);
    const codeUri = lambda.type === 'AWS::Serverless::Function' ? evaluate(prop(lambda.properties, 'CodeUri') ?? prop(model.functionGlobals, 'CodeUri'), run.scope) : undefined;
    const module = handler && typeof handler.value === 'string' ? handler.value.replace(/\.[^.]+$/, '').replace(/\./g, '/') : undefined;
    const handlerFile = module && codeUri && typeof codeUri.value === 'string' && !parseS3Uri(codeUri.value) ? `${codeUri.value.replace(/\/+$/, '')}/${module}.py` : undefined;
    run.functions.set(functionId, {
      lambdaId: lambda.id,
      ...(runtime ? { runtime: String(runtime.value) } : {}),
      ...(handlerFile ? { handlerFile } : {}),
      ...(versionNote ? { versionNote } : {}),
      ...(publishAlias ? { publishAlias } : {}),
    });
  }
  // The account is the stack's: unknown in the template.
  return `arn:aws:lambda:${run.region ?? ''}::function:${name}${qualifier !== undefined ? `:${qualifier}` : ''}`;
}
