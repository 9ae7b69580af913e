// Rules on a function definition: FunctionArn, runtime, memory, root, MXNet, and access to the group's resources.
import * as l10n from '@vscode/l10n';
import { isAccountId, parseLambdaArn } from '../../model';
import type { LintContext } from '../context';
import { keyNode, num, pathOf, prop, str } from '../json';
import type { Node } from '../json';
import type { FunctionModel, ResourceModel } from '../model';
import { below, isNodeInside, nested, replaceValue, under, versionText } from './util';

/** Minimum core version per runtime; `deprecated` runtimes still run but can no longer be created in Lambda. */
const RUNTIMES: ReadonlyMap<string, { min: number[]; deprecated?: boolean }> = new Map([
  ['python3.8', { min: [1, 11] }],
  ['python3.7', { min: [1, 9] }],
  ['python2.7', { min: [1, 0], deprecated: true }],
  ['nodejs12.x', { min: [1, 10] }],
  ['nodejs8.10', { min: [1, 0], deprecated: true }],
  ['nodejs6.10', { min: [1, 0], deprecated: true }],
  ['java8', { min: [1, 1] }],
  ['executable', { min: [1, 6] }],
  ['c', { min: [1, 6] }],
  ['c++', { min: [1, 6] }],
  ['cpp', { min: [1, 6] }],
]);

/** MemorySize values below this many KB (4 MB) are taken for MB typed into a KB field. */
export const MEMORY_KB_THRESHOLD = 4096;
const ENGINES = new Set(['NaiveEngine', 'ThreadedEngine', 'ThreadedEnginePerDevice']);
const PERMISSIONS = new Set(['ro', 'rw']);

function where(fn: FunctionModel, node: Node | undefined): Node {
  return node && isNodeInside(node, fn.node) ? node : (fn.idNode ?? fn.arnNode ?? fn.node);
}

function isMxnet(ctx: LintContext, fn: FunctionModel): boolean {
  const hint = fn.id !== undefined ? ctx.group.manifest?.functionHints.get(fn.id) : undefined;
  if (hint?.framework) return hint.framework.toLowerCase() === 'mxnet';
  const inline = str(prop(fn.node, 'Framework')) ?? str(prop(fn.config, 'Framework'));
  if (inline) return inline.toLowerCase() === 'mxnet';
  if (/mxnet/i.test(fn.id ?? '') || /mxnet/i.test(fn.arn ?? '')) return true;
  for (const p of fn.variables?.children ?? []) {
    const k = p.children?.[0]?.value;
    if (typeof k === 'string' && /mxnet/i.test(k)) return true;
  }
  return false;
}

export function functionRules(ctx: LintContext): void {
  const { functions } = ctx.doc.functions;
  if (functions.length === 0) return;
  const core = ctx.group.coreVersion;
  const raspberryPi = ctx.group.manifest?.platforms.has('raspberry-pi') ?? false;
  const resDoc = ctx.group.partner('resource')?.doc;
  const byId = resDoc?.resources.byId;
  // GroupOwner → the ML resources it owns (ACC008), built once.
  let owned: Map<string, ResourceModel[]> | undefined;
  if (byId && ctx.enabled('GGML-ACC008')) {
    owned = new Map();
    for (const r of resDoc!.resources.resources) {
      if (!r.isMl || r.groupOwner === undefined) continue;
      const list = owned.get(r.groupOwner);
      if (list) list.push(r);
      else owned.set(r.groupOwner, [r]);
    }
  }
  const rootReported = new Set<number>();

  for (const fn of functions) {
    const label = fn.id ?? fn.arn ?? '';
    // FN001: qualified FunctionArn.
    if (fn.arnNode) {
      const arn = fn.arn;
      const lambda = arn !== undefined ? parseLambdaArn(arn) : undefined;
      if (arn === undefined || !lambda || (lambda.account !== '' && !isAccountId(lambda.account))) {
        ctx.report('GGML-FN001', fn.arnNode, l10n.t('FunctionArn must be a Lambda function ARN with a version or alias (arn:aws:lambda:<region>:<account>:function:<name>:<alias>): {0}', arn ?? JSON.stringify(fn.arnNode.value)));
      } else if (lambda.qualifier === undefined) {
        ctx.report('GGML-FN001', fn.arnNode, l10n.t('FunctionArn names no version or alias; publish a version, and reference it or an alias: {0}', arn));
      } else if (lambda.qualifier === '$LATEST') {
        ctx.report('GGML-FN001', fn.arnNode, l10n.t('Greengrass does not run $LATEST; publish a version and reference it or an alias: {0}', arn));
      }
    }

    // FN002/FN003: runtime (a hint: the API does not carry it).
    const hint = fn.id !== undefined ? ctx.group.manifest?.functionHints.get(fn.id) : undefined;
    const runtimeNode = prop(fn.node, 'Runtime') ?? prop(fn.config, 'Runtime');
    const runtime = str(runtimeNode) ?? hint?.runtime;
    if (runtime !== undefined) {
      const at = runtimeNode ?? where(fn, undefined);
      const info = RUNTIMES.get(runtime.toLowerCase());
      if (!info) {
        ctx.report('GGML-FN002', at, l10n.t('Greengrass V1 does not run this runtime; use python3.8, python3.7, nodejs12.x, java8 or an executable: {0}', runtime));
      } else if (below(core, info.min)) {
        ctx.report('GGML-FN002', at, l10n.t('This runtime needs Greengrass Core {0} or later; raise coreVersion or choose another runtime: {1} on {2}', versionText(info.min), runtime, versionText(core!)));
      } else if (info.deprecated) {
        ctx.report('GGML-FN003', at, l10n.t('AWS Lambda can no longer create functions with this runtime; move to python3.8, python3.7 or nodejs12.x: {0}', runtime), { tags: ['deprecated'] });
      }
    }

    const memoryNode = prop(fn.config, 'MemorySize');
    const sysfsNode = prop(prop(fn.config, 'Environment'), 'AccessSysfs');
    if (fn.isolation === 'NoContainer') {
      // FN005: ignored settings.
      for (const [name, node] of [['MemorySize', memoryNode], ['AccessSysfs', sysfsNode]] as const) {
        if (!node) continue;
        ctx.report('GGML-FN005', keyNode(node.parent?.parent, name) ?? node, l10n.t('{0} does not apply to a NoContainer function; remove it: {1}', name, label), {
          tags: ['unnecessary'],
          fixes: [() => ctx.setFix(l10n.t('Remove {0}', name), pathOf(node), undefined)],
        });
      }
    } else if (memoryNode) {
      // FN004: MemorySize in KB.
      const mb = num(memoryNode);
      if (mb !== undefined && mb > 0 && mb < MEMORY_KB_THRESHOLD) {
        const kb = Math.round(mb * 1024);
        ctx.report('GGML-FN004', memoryNode, l10n.t('MemorySize is in KB, so {0} is {0} KB; if you meant {0} MB, write {1}: {2}', mb, kb, label), {
          fixes: [() => ctx.fileFix(l10n.t('Change to {0} ({1} MB)', kb, mb), ctx.path, [replaceValue(memoryNode, kb)])],
        });
      }
    }

    // FN006: running as root.
    if (fn.uid === 0 && fn.uidNode && !rootReported.has(fn.uidNode.offset)) {
      rootReported.add(fn.uidNode.offset);
      ctx.report('GGML-FN006', fn.uidNode, l10n.t('Uid 0 runs the function as root, which the core allows only with "allowFunctionsToRunAsRoot": "yes" in its config.json; set it on the core, or run as another user: {0}', isNodeInside(fn.uidNode, fn.node) ? label : 'DefaultConfig'));
    }

    // FN007/FN008: MXNet engine.
    const engineNode = prop(fn.variables, 'MXNET_ENGINE_TYPE');
    const engine = str(engineNode);
    if (engineNode && (engine === undefined || !ENGINES.has(engine))) {
      const misspelt = engine === 'NativeEngine';
      ctx.report('GGML-FN008', engineNode, misspelt ? l10n.t('MXNET_ENGINE_TYPE has the misspelling NativeEngine, which MXNet does not know; write: NaiveEngine') : l10n.t('MXNET_ENGINE_TYPE is not an MXNet engine; use NaiveEngine on a Raspberry Pi: {0}', engine ?? JSON.stringify(engineNode.value)), {
        fixes: [() => ctx.fileFix(l10n.t('Change to NaiveEngine'), ctx.path, [replaceValue(engineNode, 'NaiveEngine')])],
      });
    } else if (raspberryPi && engine !== 'NaiveEngine' && isMxnet(ctx, fn)) {
      const path = engineNode ? pathOf(engineNode) : [...pathOf(fn.node), 'FunctionConfiguration', 'Environment', 'Variables', 'MXNET_ENGINE_TYPE'];
      ctx.report('GGML-FN007', engineNode ?? where(fn, undefined), l10n.t('MXNet on a Raspberry Pi needs the environment variable MXNET_ENGINE_TYPE=NaiveEngine; add it: {0}', label), {
        fixes: [() => ctx.setFix(l10n.t('Set MXNET_ENGINE_TYPE to NaiveEngine'), path, 'NaiveEngine')],
      });
    }

    // Resource access (ACC*, XF*, LR003).
    const policies = fn.policies;
    if (policies.length > 10 && fn.policiesNode) {
      ctx.report('GGML-XF003', keyNode(fn.policiesNode.parent?.parent, 'ResourceAccessPolicies') ?? fn.policiesNode, l10n.t('A function can have at most 10 ResourceAccessPolicies; split the function or drop resources it does not use: {0}', policies.length));
    }
    const noContainer = fn.isolation === 'NoContainer';
    if (noContainer && below(core, [1, 7])) {
      ctx.report('GGML-ACC009', where(fn, fn.isolationNode), l10n.t('IsolationMode NoContainer needs Greengrass Core 1.7 or later; use GreengrassContainer or raise coreVersion: {0}', versionText(core!)));
    }
    const mlDestinations: { path: string; policy: Node; resource: ResourceModel }[] = [];
    let mlAttached = false;
    for (const p of policies) {
      // XF002: permission value.
      if (p.permissionNode && !PERMISSIONS.has(p.permission ?? '')) {
        const node = p.permissionNode;
        const guess = /w/i.test(p.permission ?? '') ? 'rw' : 'ro';
        ctx.report('GGML-XF002', node, l10n.t('Permission is "ro" (read-only) or "rw" (read-write): {0}', JSON.stringify(node.value)), {
          fixes: [() => ctx.fileFix(l10n.t('Change to {0}', guess), ctx.path, [replaceValue(node, guess)], guess === 'ro')],
        });
      }
      if (!byId) continue;
      // XF001: the resource exists.
      const r = p.resourceId !== undefined ? byId.get(p.resourceId) : undefined;
      if (!r) {
        ctx.report('GGML-XF001', p.resourceIdNode ?? p.node, p.resourceId === undefined ? l10n.t('The access policy names no ResourceId; add the Id of a resource of the group\'s resource definition') : l10n.t('No resource of the group\'s resource definition has this Id; add the resource or fix the Id: {0}', p.resourceId), {
          related: resDoc ? ctx.partnerFile(resDoc, 'resourceDefinition') : [],
        });
        continue;
      }
      if (r.dataKey === 'LocalVolumeResourceData' && p.permission === 'rw') {
        const source = str(prop(r.data, 'SourcePath'));
        if (source !== undefined && under(source, '/proc')) {
          const node = p.permissionNode!;
          ctx.report('GGML-LR003', node, l10n.t('A /proc volume is read-only; change the permission to ro: {0}', String(r.id)), {
            fixes: [() => ctx.fileFix(l10n.t('Change to ro'), ctx.path, [replaceValue(node, 'ro')])],
          });
        }
      }
      if (!r.isMl) continue;
      mlAttached = true;
      const related = ctx.related(resDoc!, r.node, l10n.t('The ML resource {0}', r.id ?? ''));
      if (noContainer) {
        // ACC002: NoContainer functions inherit the OwnerSetting's permission.
        if (p.permissionNode) {
          const permissionProp = p.permissionNode.parent ?? p.permissionNode;
          ctx.report('GGML-ACC002', permissionProp, l10n.t('A NoContainer function cannot set Permission on an ML resource (it inherits the OwnerSetting\'s); remove it: {0}', String(r.id)), {
            fixes: [() => ctx.setFix(l10n.t('Remove Permission'), pathOf(p.permissionNode!), undefined)],
            related,
          });
        }
        if (r.destination !== undefined && r.destination.startsWith('/')) mlDestinations.push({ path: r.destination, policy: p.node, resource: r });
      } else {
        const ownerPerm = r.ownerSetting ? r.groupPermission : undefined;
        if (p.permission === 'rw' && ownerPerm === 'ro') {
          // ACC003: more than the owner's permission.
          const node = p.permissionNode!;
          ctx.report('GGML-ACC003', node, l10n.t('The resource\'s OwnerSetting grants ro, so a function cannot ask for rw; lower it to ro: {0}', String(r.id)), {
            fixes: [() => ctx.fileFix(l10n.t('Change to ro'), ctx.path, [replaceValue(node, 'ro')])],
            related,
          });
        }
        if (p.permission === undefined) {
          const legacy = below(core, [1, 10]);
          const addPermission = () => ctx.setFix(l10n.t('Add "Permission": "ro"'), [...pathOf(p.node), 'Permission'], 'ro');
          if (legacy) {
            // ACC010: core ≤ 1.9 needs the function-level permission.
            ctx.report('GGML-ACC010', p.node, l10n.t('Greengrass Core {0} reads ML resource access only from the function; set Permission (ro or rw): {1}', versionText(core!), String(r.id)), { fixes: [addPermission], related });
          } else if (!r.ownerSetting) {
            // ACC004: neither place.
            ctx.report('GGML-ACC004', p.node, l10n.t('Access to this ML resource is set neither here nor in its OwnerSetting; set Permission (ro or rw): {0}', String(r.id)), { fixes: [addPermission], related });
          }
        }
      }
    }
    if (noContainer && mlAttached && below(core, [1, 10]) && !below(core, [1, 7])) {
      ctx.report('GGML-ACC009', where(fn, fn.isolationNode), l10n.t('A NoContainer function can use ML resources only on Greengrass Core 1.10 or later; use GreengrassContainer or raise coreVersion: {0}', versionText(core!)));
    }
    // ACC006: equal or nested destinations on one NoContainer function.
    for (let i = 0; i < mlDestinations.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = mlDestinations[j]!;
        const b = mlDestinations[i]!;
        if (nested(a.path, b.path)) {
          ctx.report('GGML-ACC006', b.policy, l10n.t('A NoContainer function cannot attach ML resources whose destination paths are equal or nested; give them separate paths: {0} and {1}', b.path, a.path), {
            related: ctx.related(ctx.doc, a.policy, l10n.t('The access policy for {0}', a.resource.id ?? '')),
          });
          break;
        }
      }
    }
    // ACC008: RunAs Gid owns a resource the function does not attach (one finding per function, however many).
    if (owned && fn.gid !== undefined && fn.uid !== 0) {
      const gid = String(fn.gid);
      const list = owned.get(gid);
      if (list) {
        const attached = new Set<string>();
        for (const p of policies) if (p.resourceId !== undefined && byId!.get(p.resourceId)?.groupOwner === gid) attached.add(p.resourceId);
        const missing = list.length - attached.size;
        if (missing > 0) {
          const names: ResourceModel[] = [];
          for (const r of list) {
            if (r.id !== undefined && attached.has(r.id)) continue;
            names.push(r);
            if (names.length === 3) break;
          }
          const listed = names.map((r) => r.id ?? '').join(', ');
          const message = missing > names.length
            ? l10n.t('The function runs with Gid {0}, the GroupOwner of ML resources it does not attach; attach them or run with another Gid: {1} and {2} more', gid, listed, missing - names.length)
            : l10n.t('The function runs with Gid {0}, the GroupOwner of ML resources it does not attach; attach them or run with another Gid: {1}', gid, listed);
          ctx.report('GGML-ACC008', where(fn, fn.gidNode), message, {
            related: names.flatMap((r) => ctx.related(resDoc!, r.ownerSetting, l10n.t('The OwnerSetting of {0} naming this group', r.id ?? ''))),
          });
        }
      }
    }
  }
}
