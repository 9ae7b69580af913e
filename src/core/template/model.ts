// What a template holds for Greengrass: its resources by logical id, the groups its Group/GroupVersion resources
// wire together, the IAM roles Greengrass may assume with their policy documents, and the Lambda functions that
// FunctionArn values name. Read from the decoded tree before any intrinsic is resolved (the wiring is intrinsics).
import { DEFINITION_KINDS } from '../lint/detect';
import { at, items, keys, prop, str } from '../lint/json';
import type { Node } from '../lint/json';
import type { DocumentKind } from '../lint/types';
import { getAtt, intrinsicName, refName } from './intrinsics';

export interface TemplateResource {
  id: string;
  keyNode: Node;
  node: Node;
  type: string;
  typeNode?: Node | undefined;
  properties?: Node | undefined;
}

/** `AWS::Greengrass::FunctionDefinition` → the part between the prefix and "Definition", per definition kind. */
const KIND_OF_STEM: ReadonlyMap<string, DocumentKind | 'other'> = new Map<string, DocumentKind | 'other'>([
  ['Core', 'coreDefinition'],
  ['Function', 'functionDefinition'],
  ['Resource', 'resourceDefinition'],
  ['Subscription', 'subscriptionDefinition'],
  ['Device', 'deviceDefinition'],
  ['Logger', 'other'],
  ['Connector', 'other'],
]);
const DEFINITION_TYPE = /^AWS::Greengrass::(Core|Function|Resource|Subscription|Device|Logger|Connector)Definition(Version)?$/;
export const GROUP_VERSION_KEYS = [...KIND_OF_STEM.keys()].map((stem) => `${stem}DefinitionVersionArn`);

export interface DefinitionResource {
  resource: TemplateResource;
  kind: DocumentKind | 'other';
  isVersion: boolean;
}

/** One group as a template wires it: at most one definition (or definition version) per kind. */
export interface TemplateGroup {
  /** The Group or GroupVersion resource, or undefined for the definitions no group names. */
  owner?: TemplateResource;
  parts: Map<DocumentKind, TemplateResource>;
  /** Logical id of the group role (RoleArn), if the template defines it. */
  roleId?: string;
}

export interface TemplateModel {
  root: Node;
  resources: Map<string, TemplateResource>;
  parameters: Map<string, Node>;
  mappings: Node | undefined;
  metadata: Node | undefined;
  /** SAM `Globals: Function:`. */
  functionGlobals: Node | undefined;
  definitions: DefinitionResource[];
  groups: TemplateGroup[];
}

export const GREENGRASS_TYPE = /^AWS::Greengrass::/;

export function templateModel(root: Node): TemplateModel {
  const resources = new Map<string, TemplateResource>();
  const resourcesNode = prop(root, 'Resources');
  for (const p of resourcesNode?.type === 'object' ? (resourcesNode.children ?? []) : []) {
    const keyNode = p.children?.[0];
    const node = p.children?.[1];
    if (!keyNode || !node || typeof keyNode.value !== 'string') continue;
    const typeNode = prop(node, 'Type');
    resources.set(keyNode.value, { id: keyNode.value, keyNode, node, type: str(typeNode) ?? '', typeNode, properties: prop(node, 'Properties') });
  }
  const parameters = new Map<string, Node>();
  const params = prop(root, 'Parameters');
  for (const name of keys(params)) {
    const d = at(params, name, 'Default');
    if (d && (d.type === 'string' || d.type === 'number' || d.type === 'boolean')) parameters.set(name, d);
  }
  const definitions: DefinitionResource[] = [];
  for (const r of resources.values()) {
    const m = DEFINITION_TYPE.exec(r.type);
    if (m) definitions.push({ resource: r, kind: KIND_OF_STEM.get(m[1]!)!, isVersion: m[2] !== undefined });
  }
  const model: TemplateModel = {
    root,
    resources,
    parameters,
    mappings: prop(root, 'Mappings'),
    metadata: at(root, 'Metadata', 'greengrass-ml'),
    functionGlobals: at(root, 'Globals', 'Function'),
    definitions,
    groups: [],
  };
  model.groups = groupsOf(model);
  return model;
}

/** The definition (or version) a group's `…DefinitionVersionArn` names: `!GetAtt D.LatestVersionArn` or `!Ref DV`. */
function wired(model: TemplateModel, value: Node | undefined): TemplateResource | undefined {
  const att = getAtt(value);
  const id = att && att[1] === 'LatestVersionArn' ? att[0] : refName(value);
  const r = id !== undefined ? model.resources.get(id) : undefined;
  return r && DEFINITION_TYPE.test(r.type) ? r : undefined;
}

function kindOf(r: TemplateResource): DocumentKind | 'other' | undefined {
  const m = DEFINITION_TYPE.exec(r.type);
  return m ? KIND_OF_STEM.get(m[1]!) : undefined;
}

function groupsOf(model: TemplateModel): TemplateGroup[] {
  const groups: TemplateGroup[] = [];
  const used = new Set<string>();
  for (const r of model.resources.values()) {
    let body: Node | undefined;
    let roleNode: Node | undefined;
    if (r.type === 'AWS::Greengrass::Group') {
      body = prop(r.properties, 'InitialVersion');
      roleNode = prop(r.properties, 'RoleArn');
    } else if (r.type === 'AWS::Greengrass::GroupVersion') {
      body = r.properties;
      const group = model.resources.get(refName(prop(r.properties, 'GroupId')) ?? '');
      roleNode = prop(group?.properties, 'RoleArn');
    } else continue;
    const g: TemplateGroup = { owner: r, parts: new Map() };
    const role = getAtt(roleNode);
    if (role && role[1] === 'Arn') g.roleId = role[0];
    for (const key of GROUP_VERSION_KEYS) {
      const part = wired(model, prop(body, key));
      if (!part) continue;
      used.add(part.id);
      const kind = kindOf(part);
      if (kind && kind !== 'other' && !g.parts.has(kind)) g.parts.set(kind, part);
    }
    groups.push(g);
  }
  // Definitions no group names: one group when each kind appears once; otherwise each alone, since pairing them
  // by guess would report one group's resources as missing from another's functions.
  const orphans = model.definitions.filter((d) => !used.has(d.resource.id) && d.kind !== 'other');
  const perKind = new Map<string, number>();
  for (const d of orphans) perKind.set(d.kind, (perKind.get(d.kind) ?? 0) + 1);
  if ([...perKind.values()].every((n) => n === 1)) {
    if (orphans.length) groups.push({ parts: new Map(orphans.map((d) => [d.kind as DocumentKind, d.resource])) });
  } else {
    for (const d of orphans) groups.push({ parts: new Map([[d.kind as DocumentKind, d.resource]]) });
  }
  return groups;
}

export function listKeyOf(kind: DocumentKind): string | undefined {
  return DEFINITION_KINDS.find((d) => d.kind === kind)?.list;
}

const GREENGRASS_PRINCIPAL = 'greengrass.amazonaws.com';
const MANAGED_POLICY = /(^|[:/])AWSGreengrassResourceAccessRolePolicy$/;

export interface RolePolicies {
  role: TemplateResource;
  documents: Node[];
  /** The ManagedPolicyArns entry naming AWSGreengrassResourceAccessRolePolicy, if any. */
  managed?: Node;
}

function mentions(node: Node | undefined, text: string, depth = 0): boolean {
  if (!node || depth > 12) return false;
  if (node.type === 'string') return node.value === text;
  return (node.children ?? []).some((c) => mentions(c, text, depth + 1));
}

/** The roles Greengrass may assume (trust policy or a group's RoleArn), with every policy document attached to them. */
export function greengrassRoles(model: TemplateModel): RolePolicies[] {
  const groupRoles = new Set(model.groups.map((g) => g.roleId).filter((x): x is string => x !== undefined));
  const out = new Map<string, RolePolicies>();
  for (const r of model.resources.values()) {
    if (r.type !== 'AWS::IAM::Role') continue;
    if (!groupRoles.has(r.id) && !mentions(prop(r.properties, 'AssumeRolePolicyDocument'), GREENGRASS_PRINCIPAL)) continue;
    const rp: RolePolicies = { role: r, documents: [] };
    for (const p of items(prop(r.properties, 'Policies'))) {
      const doc = prop(p, 'PolicyDocument');
      if (doc) rp.documents.push(doc);
    }
    for (const a of items(prop(r.properties, 'ManagedPolicyArns'))) {
      if (a.type === 'string' && MANAGED_POLICY.test(a.value as string)) rp.managed = a;
      const ref = model.resources.get(refName(a) ?? '');
      const doc = ref?.type === 'AWS::IAM::ManagedPolicy' ? prop(ref.properties, 'PolicyDocument') : undefined;
      if (doc) rp.documents.push(doc);
    }
    out.set(r.id, rp);
  }
  for (const r of model.resources.values()) {
    if (r.type !== 'AWS::IAM::Policy' && r.type !== 'AWS::IAM::ManagedPolicy') continue;
    const doc = prop(r.properties, 'PolicyDocument');
    if (!doc) continue;
    for (const role of items(prop(r.properties, 'Roles'))) {
      const rp = out.get(refName(role) ?? '');
      if (rp && !rp.documents.includes(doc)) rp.documents.push(doc);
    }
  }
  return [...out.values()];
}

/** What a FunctionArn value names. */
export type FunctionRef =
  | { kind: 'qualified'; lambda?: TemplateResource | undefined; qualifier: string }
  | { kind: 'unqualified'; lambda: TemplateResource; how: string }
  | { kind: 'other' };

const LAMBDA_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

export function functionRef(model: TemplateModel, node: Node | undefined): FunctionRef {
  const att = getAtt(node);
  if (att) {
    const r = model.resources.get(att[0]);
    if (r && LAMBDA_TYPES.has(r.type) && att[1] === 'Arn') return { kind: 'unqualified', lambda: r, how: `!GetAtt ${att[0]}.Arn` };
    return { kind: 'other' };
  }
  const ref = refName(node);
  if (ref === undefined) return { kind: 'other' };
  const dot = ref.indexOf('.');
  if (dot > 0) {
    // SAM: `!Ref F.Alias` / `!Ref F.Version` exist when F has AutoPublishAlias.
    const r = model.resources.get(ref.slice(0, dot));
    const attr = ref.slice(dot + 1);
    const alias = str(prop(r?.properties, 'AutoPublishAlias'));
    if (r?.type === 'AWS::Serverless::Function' && (attr === 'Alias' || attr === 'Version') && prop(r.properties, 'AutoPublishAlias')) {
      return { kind: 'qualified', lambda: r, qualifier: attr === 'Alias' ? (alias ?? 'live') : '1' };
    }
    return { kind: 'other' };
  }
  const r = model.resources.get(ref);
  if (!r) return { kind: 'other' };
  if (LAMBDA_TYPES.has(r.type)) return { kind: 'unqualified', lambda: r, how: `!Ref ${ref}` };
  if (r.type === 'AWS::Lambda::Alias' || r.type === 'AWS::Lambda::Version') {
    const fnNode = prop(r.properties, 'FunctionName');
    const target = model.resources.get(refName(fnNode) ?? getAtt(fnNode)?.[0] ?? '');
    const qualifier = r.type === 'AWS::Lambda::Alias' ? (str(prop(r.properties, 'Name')) ?? 'alias') : '1';
    return { kind: 'qualified', lambda: target && LAMBDA_TYPES.has(target.type) ? target : undefined, qualifier };
  }
  return { kind: 'other' };
}

/** The Runtime of a Lambda function resource, else SAM's `Globals: Function: Runtime`. */
export function runtimeNode(model: TemplateModel, lambda: TemplateResource): Node | undefined {
  return prop(lambda.properties, 'Runtime') ?? (lambda.type === 'AWS::Serverless::Function' ? prop(model.functionGlobals, 'Runtime') : undefined);
}

/** The function's name for messages and synthetic ARNs: FunctionName when literal, else the logical id. */
export function lambdaName(lambda: TemplateResource): string {
  const n = str(prop(lambda.properties, 'FunctionName'));
  return n !== undefined && /^[a-zA-Z0-9_-]+$/.test(n) ? n : lambda.id;
}

export function isIntrinsic(node: Node | undefined): boolean {
  return intrinsicName(node) !== undefined;
}
