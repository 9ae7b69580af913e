// What the rules read of a group: views over the Group model's definitions (src/core/model) — each resource and
// function item with the facts the rules compare and the parse-tree nodes they point at and fix — built once and
// indexed by id so cross-checks are map look-ups, not nested scans; and the policy statements of an IAM document.
import { treeNodeOf, type GroupDefinition } from '../model';
import { items, num, prop, scalarText, str } from './json';
import type { Node } from './json';

export const ML_DATA_KEYS = ['S3MachineLearningModelResourceData', 'SageMakerMachineLearningModelResourceData'] as const;
export const RESOURCE_DATA_KEYS = [
  'LocalDeviceResourceData',
  'LocalVolumeResourceData',
  'S3MachineLearningModelResourceData',
  'SageMakerMachineLearningModelResourceData',
  'SecretsManagerSecretResourceData',
] as const;

export interface ResourceModel {
  node: Node;
  id?: string | undefined;
  idNode?: Node | undefined;
  name?: string | undefined;
  nameNode?: Node | undefined;
  container?: Node | undefined;
  /** The first resource data key present, e.g. "S3MachineLearningModelResourceData". */
  dataKey?: string | undefined;
  data?: Node | undefined;
  isMl: boolean;
  destination?: string | undefined;
  destinationNode?: Node | undefined;
  ownerSetting?: Node | undefined;
  groupOwner?: string | undefined;
  groupPermission?: string | undefined;
}

export interface PolicyModel {
  node: Node;
  resourceId?: string | undefined;
  resourceIdNode?: Node | undefined;
  permission?: string | undefined;
  permissionNode?: Node | undefined;
}

/** `unknown`: a template builds it with an intrinsic function (`!If …`), so no rule may assume either mode. */
export type IsolationMode = 'GreengrassContainer' | 'NoContainer' | 'unknown';

export interface FunctionModel {
  node: Node;
  id?: string | undefined;
  idNode?: Node | undefined;
  arn?: string | undefined;
  arnNode?: Node | undefined;
  config?: Node | undefined;
  environment?: Node | undefined;
  variables?: Node | undefined;
  /** The effective isolation mode (function setting, else the definition's DefaultConfig, else containerized; unknown when built by an intrinsic). */
  isolation: IsolationMode;
  /** The node that sets the isolation mode, if any (function or DefaultConfig). */
  isolationNode?: Node | undefined;
  uid?: number | undefined;
  gid?: number | undefined;
  uidNode?: Node | undefined;
  gidNode?: Node | undefined;
  runAsNode?: Node | undefined;
  policiesNode?: Node | undefined;
  policies: PolicyModel[];
}

export interface ResourcesModel {
  resources: ResourceModel[];
  byId: Map<string, ResourceModel>;
}

export interface FunctionsModel {
  functions: FunctionModel[];
  defaultConfig?: Node | undefined;
  /** resource id → the functions that attach it, with their policy entry. */
  attachments: Map<string, { fn: FunctionModel; policy: PolicyModel }[]>;
}

/** The resources of a resource definition of the Group model, with their nodes. */
export function resourcesView(definition: GroupDefinition | undefined): ResourcesModel {
  const resources: ResourceModel[] = [];
  const byId = new Map<string, ResourceModel>();
  for (const item of definition?.items ?? []) {
    const node = treeNodeOf(item);
    if (node?.type !== 'object') continue;
    const idNode = prop(node, 'Id');
    const nameNode = prop(node, 'Name');
    const container = prop(node, 'ResourceDataContainer');
    let dataKey: string | undefined;
    let data: Node | undefined;
    if (container?.type === 'object') {
      for (const p of container.children ?? []) {
        const k = p.children?.[0]?.value;
        if (typeof k === 'string' && (RESOURCE_DATA_KEYS as readonly string[]).includes(k)) {
          // The last of a repeated key counts, as for every JSON reader.
          if (dataKey === undefined || dataKey === k) {
            dataKey = k;
            data = p.children?.[1];
          }
        }
      }
    }
    const isMl = dataKey === ML_DATA_KEYS[0] || dataKey === ML_DATA_KEYS[1];
    const destinationNode = isMl ? prop(data, 'DestinationPath') : undefined;
    const ownerSetting = isMl ? prop(data, 'OwnerSetting') : undefined;
    const r: ResourceModel = {
      node,
      id: item.id?.value,
      idNode,
      name: str(nameNode),
      nameNode,
      container,
      dataKey,
      data,
      isMl,
      destination: str(destinationNode),
      destinationNode,
      ownerSetting,
      groupOwner: scalarText(prop(ownerSetting, 'GroupOwner')),
      groupPermission: str(prop(ownerSetting, 'GroupPermission')),
    };
    resources.push(r);
    if (r.id !== undefined && !byId.has(r.id)) byId.set(r.id, r);
  }
  return { resources, byId };
}

/** The isolation mode a node sets: containerized unless it says NoContainer; unknown when it is no plain value. */
function isolationOf(node: Node | undefined): IsolationMode {
  if (node && (node.type === 'object' || node.type === 'array')) return 'unknown';
  return str(node) === 'NoContainer' ? 'NoContainer' : 'GreengrassContainer';
}

/** The functions of a function definition of the Group model, with their nodes, and who attaches each resource. */
export function functionsView(definition: GroupDefinition | undefined): FunctionsModel {
  const body = definition ? treeNodeOf(definition) : undefined;
  const defaultConfig = prop(body, 'DefaultConfig');
  const defaultExecution = prop(defaultConfig, 'Execution');
  const defaultIsolation = prop(defaultExecution, 'IsolationMode');
  const defaultRunAs = prop(defaultExecution, 'RunAs');
  const functions: FunctionModel[] = [];
  const attachments = new Map<string, { fn: FunctionModel; policy: PolicyModel }[]>();
  for (const item of definition?.items ?? []) {
    const node = treeNodeOf(item);
    if (node?.type !== 'object') continue;
    const config = prop(node, 'FunctionConfiguration');
    const environment = prop(config, 'Environment');
    const execution = prop(environment, 'Execution');
    const isolationNode = prop(execution, 'IsolationMode') ?? defaultIsolation;
    const runAsNode = prop(execution, 'RunAs') ?? defaultRunAs;
    const uidNode = prop(runAsNode, 'Uid');
    const gidNode = prop(runAsNode, 'Gid');
    const policiesNode = prop(environment, 'ResourceAccessPolicies');
    const idNode = prop(node, 'Id');
    const arnNode = prop(node, 'FunctionArn');
    const fn: FunctionModel = {
      node,
      id: item.id?.value,
      idNode,
      arn: str(arnNode),
      arnNode,
      config,
      environment,
      variables: prop(environment, 'Variables'),
      isolation: isolationOf(isolationNode),
      isolationNode,
      uid: num(uidNode),
      gid: num(gidNode),
      uidNode,
      gidNode,
      runAsNode,
      policiesNode,
      policies: [],
    };
    for (const p of items(policiesNode)) {
      if (p.type !== 'object') continue;
      const resourceIdNode = prop(p, 'ResourceId');
      const permissionNode = prop(p, 'Permission');
      const policy: PolicyModel = {
        node: p,
        resourceId: str(resourceIdNode),
        resourceIdNode,
        permission: permissionNode ? scalarText(permissionNode) ?? '' : undefined,
        permissionNode,
      };
      fn.policies.push(policy);
      if (policy.resourceId !== undefined) {
        const list = attachments.get(policy.resourceId);
        if (list) list.push({ fn, policy });
        else attachments.set(policy.resourceId, [{ fn, policy }]);
      }
    }
    functions.push(fn);
  }
  return { functions, defaultConfig, attachments };
}

export interface StatementModel {
  node: Node;
  effect?: string | undefined;
  actions: { value: string; node: Node }[];
  resources: { value: string; node: Node }[];
}

/** IAM statements; `Statement` may be one object or an array. */
export function statementsModel(root: Node | undefined): StatementModel[] {
  const statement = prop(root, 'Statement');
  const list = statement?.type === 'object' ? [statement] : items(statement);
  const out: StatementModel[] = [];
  for (const node of list) {
    if (node.type !== 'object') continue;
    out.push({ node, effect: str(prop(node, 'Effect')), actions: stringsOf(prop(node, 'Action')), resources: stringsOf(prop(node, 'Resource')) });
  }
  return out;
}

function stringsOf(node: Node | undefined): { value: string; node: Node }[] {
  if (!node) return [];
  if (node.type === 'string') return [{ value: node.value as string, node }];
  const out: { value: string; node: Node }[] = [];
  for (const n of items(node)) if (n.type === 'string') out.push({ value: n.value as string, node: n });
  return out;
}

export function variable(fn: FunctionModel, name: string): Node | undefined {
  return prop(fn.variables, name);
}
