// Rules on definition documents: ids and names (all kinds), resources (ML and local), the core definition.
import * as l10n from '@vscode/l10n';
import { archiveFormatFor } from '../../archive/plan';
import type { LintContext } from '../context';
import { parseSecretArn, parseTrainingJobArn, SAGEMAKER_REGIONS } from '../../model';
import { DEFINITION_KINDS, definitionBody } from '../detect';
import { items, keyNode, pathOf, prop, propNode, str } from '../json';
import type { Node } from '../json';
import { RESOURCE_DATA_KEYS } from '../model';
import type { FunctionsModel, ResourceModel } from '../model';
import type { Fix } from '../types';
import { coverageFor, getObjectStatementFix } from './iam';
import {
  below,
  modelArchiveLocation,
  replaceValue,
  toS3Uri,
  trimSlash,
  under,
  versionText,
} from './util';

const ID_PATTERN = /^[a-zA-Z0-9:_-]+$/;
const ID_BAD_CHARS = /[^a-zA-Z0-9:_-]+/g;

export function sanitizeId(value: string): string {
  const s = value.replace(ID_BAD_CHARS, '-').slice(0, 128);
  return s.length > 0 ? s : 'id';
}

/** ID001–ID004 on every definition kind. */
export function idRules(ctx: LintContext): void {
  const d = DEFINITION_KINDS.find((x) => x.kind === ctx.kind);
  if (!d) return;
  const list = prop(definitionBody(ctx.root, ctx.kind), d.list);
  const seenIds = new Map<string, Node>();
  const seenNames = new Map<string, Node>();
  const isResources = ctx.kind === 'resourceDefinition';
  // References to resource ids in the group's function definition, so renaming an id renames its uses too.
  const functions = isResources ? ctx.group.partner('function') : undefined;
  const attachments = functions?.doc.clean ? functions.doc.functions.attachments : undefined;
  for (const entry of items(list)) {
    const idNode = prop(entry, 'Id');
    const fields: [string, Node | undefined][] = isResources ? [['Id', idNode], ['Name', prop(entry, 'Name')]] : [['Id', idNode]];
    for (const [field, node] of fields) {
      const value = str(node);
      if (!node || value === undefined) continue;
      const renameFix = (title: (next: string) => string): Fix | undefined => {
        const next = sanitizeId(value);
        if (next === value) return undefined;
        const fix = ctx.fileFix(title(next), ctx.path, [replaceValue(node, next)]);
        if (field === 'Id' && attachments) {
          const uses = attachments.get(value);
          if (uses?.length) fix.edits.push({ path: functions!.definition.at.file, edits: uses.map((u) => replaceValue(u.policy.resourceIdNode!, next)) });
        }
        return fix;
      };
      if (value.length === 0 || !ID_PATTERN.test(value)) {
        ctx.report('GGML-ID001', node, l10n.t('{0} may contain only letters, digits, ":", "_" and "-"; rename it: {1}', field, JSON.stringify(value)), {
          fixes: [() => renameFix((next) => l10n.t('Replace the characters {0} may not contain: {1}', field, next))],
        });
      } else if (value.length > 128) {
        ctx.report('GGML-ID002', node, l10n.t('{0} is longer than 128 characters; shorten it: {1} characters', field, value.length), {
          fixes: [() => renameFix((next) => l10n.t('Shorten the {0} to 128 characters: {1}', field, next))],
        });
      }
    }
    const id = str(idNode);
    if (idNode && id !== undefined) {
      const first = seenIds.get(id);
      if (first) {
        ctx.report('GGML-ID003', idNode, l10n.t('Another entry of this definition has the same Id; give each entry its own Id: {0}', id), {
          related: ctx.related(ctx.doc, first, l10n.t('The first entry with this Id')),
        });
      } else seenIds.set(id, idNode);
    }
    if (isResources) {
      const nameNode = prop(entry, 'Name');
      const name = str(nameNode);
      if (nameNode && name !== undefined) {
        const first = seenNames.get(name);
        if (first) {
          ctx.report('GGML-ID004', nameNode, l10n.t('Another resource of the group has the same Name; give each resource its own Name: {0}', name), {
            related: ctx.related(ctx.doc, first, l10n.t('The first resource with this Name')),
          });
        } else seenNames.set(name, nameNode);
      }
    }
  }
}

function absoluteFix(ctx: LintContext, node: Node, value: string): () => Fix | undefined {
  return () => {
    const next = `/${value.replace(/^\.?\/*/, '')}`;
    return next === value ? undefined : ctx.fileFix(l10n.t('Make the path absolute: {0}', next), ctx.path, [replaceValue(node, next)]);
  };
}

function checkAbsolute(ctx: LintContext, r: ResourceModel, field: string): string | undefined {
  const node = prop(r.data, field);
  const value = str(node);
  if (!node) {
    ctx.report('GGML-ML006', keyNode(r.container, r.dataKey!) ?? r.node, l10n.t('The resource has no {0}; add an absolute path on the core device: {1}', field, r.id ?? ''));
    return undefined;
  }
  if (value === undefined || !value.startsWith('/')) {
    ctx.report('GGML-ML006', node, l10n.t('{0} must be an absolute path on the core device; start it with "/": {1}', field, value ?? JSON.stringify(node.value)), {
      fixes: value !== undefined && value.length > 0 ? [absoluteFix(ctx, node, value)] : [],
    });
    return undefined;
  }
  return value;
}

/** ML*, LR*, ACC001/005/007/011, CORE001, IAM005 (resource side) on a resource definition. */
export function resourceRules(ctx: LintContext): void {
  const { resources } = ctx.doc.resources;
  if (resources.length === 0) return;
  const core = ctx.group.coreVersion;
  const region = ctx.group.region;
  const attachments = ctx.group.partner('function')?.doc.functions.attachments;
  const policyDoc = ctx.group.doc('iamPolicy');
  const checkBuckets = policyDoc !== undefined && !policyDoc.parsed.tooDeep && ctx.enabled('GGML-IAM005');
  const coverage = checkBuckets ? coverageFor(policyDoc) : undefined;

  for (const r of resources) {
    const container = r.container;
    // LR005: exactly one resource type.
    if (!container || container.type !== 'object') {
      ctx.report('GGML-LR005', prop(r.node, 'ResourceDataContainer') ?? keyNode(r.node, 'Id') ?? r.node, l10n.t('The resource has no ResourceDataContainer object; add one with exactly one resource type: {0}', r.id ?? ''));
      continue;
    }
    let count = 0;
    for (const k of RESOURCE_DATA_KEYS) if (propNode(container, k)) count++;
    if (count !== 1) {
      ctx.report(
        'GGML-LR005',
        keyNode(r.node, 'ResourceDataContainer') ?? container,
        count === 0
          ? l10n.t('ResourceDataContainer holds no known resource type; use one of {0}: {1}', RESOURCE_DATA_KEYS.join(', '), r.id ?? '')
          : l10n.t('ResourceDataContainer holds {0} resource types; keep exactly one: {1}', count, r.id ?? ''),
      );
    }
    if (!r.dataKey || r.data?.type !== 'object') continue;
    const dataKeyNode = keyNode(container, r.dataKey) ?? container;

    if (r.dataKey === 'S3MachineLearningModelResourceData') {
      const uriNode = prop(r.data, 'S3Uri');
      const uri = str(uriNode);
      const loc = uri !== undefined ? modelArchiveLocation(uri) : undefined;
      if (!uriNode || uri === undefined || !loc) {
        const rewritten = uri !== undefined ? toS3Uri(uri) : undefined;
        ctx.report('GGML-ML001', uriNode ?? dataKeyNode, l10n.t('S3Uri must be an s3://bucket/key URI of the model archive: {0}', uri ?? l10n.t('(missing)')), {
          fixes: rewritten && uriNode ? [() => ctx.fileFix(l10n.t('Rewrite as {0}', rewritten), ctx.path, [replaceValue(uriNode, rewritten)])] : [],
        });
      } else {
        if (!archiveFormatFor(loc.key)) {
          ctx.report('GGML-ML002', uriNode, l10n.t('The model source must be a .tar.gz or .zip archive; package the model and point S3Uri at the archive: {0}', loc.key));
        }
        if (loc.bucket.includes('.')) {
          ctx.report('GGML-ML003', uriNode, l10n.t('Greengrass cannot download models from a bucket whose name contains a period; copy the model to a bucket without periods: {0}', loc.bucket));
        }
        if (coverage && policyDoc && !/greengrass/i.test(loc.bucket) && !coverage(loc.bucket, loc.key)) {
          ctx.report('GGML-IAM005', uriNode, l10n.t('The service role policy does not allow s3:GetObject on this model, and the bucket name lacks "greengrass" (the managed policy\'s pattern); add a statement to the policy: {0}', loc.bucket), {
            fixes: policyDoc.fixable ? [() => getObjectStatementFix(policyDoc, loc.bucket)] : [],
            related: ctx.partnerFile(policyDoc, 'iamPolicy'),
          });
        }
      }
    } else if (r.dataKey === 'SageMakerMachineLearningModelResourceData') {
      const arnNode = prop(r.data, 'SageMakerJobArn');
      const arn = str(arnNode);
      const job = arn !== undefined ? parseTrainingJobArn(arn) : undefined;
      if (!arnNode || arn === undefined || !job) {
        ctx.report('GGML-ML004', arnNode ?? dataKeyNode, l10n.t('SageMakerJobArn must be a training job ARN (arn:aws:sagemaker:<region>:<account>:training-job/<name>): {0}', arn ?? l10n.t('(missing)')));
      } else {
        const arnRegion = job.region;
        const bad = [...new Set([arnRegion, region])].filter((x): x is string => x !== undefined && !SAGEMAKER_REGIONS.has(x));
        if (bad.length) {
          ctx.report('GGML-ML005', arnNode, l10n.t('SageMaker model sources are not supported in this region; use an S3 source or a supported region: {0}', bad.join(', ')));
        }
      }
    }

    if (r.isMl) {
      checkAbsolute(ctx, r, 'DestinationPath');
      if (below(core, [1, 6])) {
        ctx.report('GGML-CORE001', dataKeyNode, l10n.t('ML resources need Greengrass Core 1.6 or later; raise coreVersion in the group manifest: {0}', versionText(core!)));
      }
      mlAccessResourceRules(ctx, r, attachments, core);
    } else if (r.dataKey === 'LocalDeviceResourceData') {
      const source = checkAbsolute(ctx, r, 'SourcePath');
      if (source !== undefined) {
        const node = prop(r.data, 'SourcePath')!;
        if (under(source, '/dev/shm')) {
          ctx.report('GGML-LR001', node, l10n.t('/dev/shm can be attached only as a volume resource; use LocalVolumeResourceData: {0}', source));
        } else if (!under(source, '/dev') || trimSlash(source) === '/dev') {
          ctx.report('GGML-LR001', node, l10n.t('A device resource\'s SourcePath is a character or block device under /dev: {0}', source));
        }
      }
    } else if (r.dataKey === 'LocalVolumeResourceData') {
      const source = checkAbsolute(ctx, r, 'SourcePath');
      const dest = checkAbsolute(ctx, r, 'DestinationPath');
      const sourceNode = prop(r.data, 'SourcePath');
      if (source !== undefined && sourceNode) {
        const forbidden = ['/sys', '/var', '/dev'].find((d) => under(source, d) && !(d === '/dev' && under(source, '/dev/shm')));
        if (forbidden) {
          ctx.report('GGML-LR002', sourceNode, l10n.t('A volume resource cannot come from {0}; use a device resource for devices, or another folder: {1}', forbidden, source));
        }
        if (under(source, '/proc')) {
          if (below(core, [1, 6])) {
            ctx.report('GGML-LR003', sourceNode, l10n.t('A /proc volume needs Greengrass Core 1.6 or later; raise coreVersion in the group manifest: {0}', versionText(core!)));
          }
          const destNode = prop(r.data, 'DestinationPath');
          if (dest !== undefined && destNode && under(dest, '/proc')) {
            ctx.report('GGML-LR003', destNode, l10n.t('A /proc volume cannot be mounted at /proc in the function\'s container; choose another DestinationPath: {0}', dest));
          }
        }
      }
    } else if (r.dataKey === 'SecretsManagerSecretResourceData') {
      const arnNode = prop(r.data, 'ARN');
      const arn = str(arnNode);
      if (!arnNode || arn === undefined || !parseSecretArn(arn)) {
        ctx.report('GGML-LR004', arnNode ?? dataKeyNode, l10n.t('A secret resource\'s ARN is a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>): {0}', arn ?? l10n.t('(missing)')));
      }
    }
  }
}

const PERMISSIONS = new Set(['ro', 'rw']);

function mlAccessResourceRules(
  ctx: LintContext,
  r: ResourceModel,
  attachments: FunctionsModel['attachments'] | undefined,
  core: number[] | undefined,
): void {
  const users = r.id !== undefined ? attachments?.get(r.id) : undefined;
  const owner = r.ownerSetting;
  const dataKeyNode = keyNode(r.container, r.dataKey!) ?? r.node;
  const functions = ctx.group.partner('function');
  if (owner) {
    const ownerKey = keyNode(r.data, 'OwnerSetting') ?? owner;
    if (below(core, [1, 10])) {
      ctx.report('GGML-ACC007', ownerKey, l10n.t('OwnerSetting needs Greengrass Core 1.10 or later; remove it and set Permission on each function, or raise coreVersion: {0}', versionText(core!)));
    }
    const groupOwner = r.groupOwner;
    const perm = r.groupPermission;
    const ownerOk = groupOwner !== undefined && groupOwner !== '';
    const permOk = perm !== undefined && PERMISSIONS.has(perm);
    if (owner.type !== 'object' || !ownerOk || !permOk) {
      const id = r.id ?? '';
      const message = !ownerOk && !permOk
        ? l10n.t('OwnerSetting needs both GroupOwner and GroupPermission; set GroupOwner and GroupPermission (ro or rw): {0}', id)
        : !ownerOk
          ? l10n.t('OwnerSetting needs both GroupOwner and GroupPermission; set GroupOwner: {0}', id)
          : l10n.t('OwnerSetting needs both GroupOwner and GroupPermission; set GroupPermission (ro or rw): {0}', id);
      ctx.report('GGML-ACC005', ownerKey, message, {
        fixes: [
          () =>
            ctx.setFix(l10n.t('Complete the OwnerSetting'), pathOf(owner), {
              GroupOwner: ownerOk ? groupOwner : 'ggc_group',
              GroupPermission: permOk ? perm : 'ro',
            }),
        ],
      });
    }
    if (users?.length && users.every((u) => u.fn.isolation === 'GreengrassContainer')) {
      ctx.report('GGML-ACC011', ownerKey, l10n.t('Only containerized functions use this resource; the recommended form sets Permission per function and no OwnerSetting: {0}', r.id ?? ''), {
        tags: ['unnecessary'],
      });
    }
  } else if (users && functions) {
    const noContainer = users.find((u) => u.fn.isolation === 'NoContainer');
    if (noContainer) {
      const gid = noContainer.fn.gid;
      const skeleton = { GroupOwner: gid !== undefined ? String(gid) : 'ggc_group', GroupPermission: 'ro' };
      ctx.report('GGML-ACC001', dataKeyNode, l10n.t('A NoContainer function uses this ML resource, so it needs an OwnerSetting with GroupOwner and GroupPermission: {0}', noContainer.fn.id ?? r.id ?? ''), {
        fixes: [() => ctx.setFix(l10n.t('Add an OwnerSetting'), [...pathOf(r.data!), 'OwnerSetting'], skeleton)],
        related: ctx.related(functions.doc, noContainer.policy.node, l10n.t('The NoContainer function\'s access policy')),
      });
    }
  }
}

/** CORE002 on a core definition. */
export function coreRules(ctx: LintContext): void {
  const body = definitionBody(ctx.root, 'coreDefinition');
  const list = prop(body, 'Cores');
  const cores = items(list);
  if (cores.length === 0) {
    ctx.report('GGML-CORE002', keyNode(body, 'Cores') ?? list, l10n.t('A Greengrass group needs exactly one core; add the core to Cores: 0 cores'));
  } else if (cores.length > 1) {
    for (const extra of cores.slice(1)) {
      ctx.report('GGML-CORE002', extra, l10n.t('A Greengrass group has exactly one core; keep one entry in Cores: {0} cores', cores.length));
    }
  }
}
