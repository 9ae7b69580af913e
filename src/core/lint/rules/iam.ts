// Rules on the service role's IAM policy, and the s3:GetObject coverage check the resource rules share.
import * as l10n from '@vscode/l10n';
import { formatArn, formatS3Arn, parseArn } from '../../model';
import { iamGlobMatch } from '../../iamGlob';
import type { LintContext } from '../context';
import type { GroupDocument } from '../group';
import { getNodeValueSafe, keyNode, pathOf, prop, scopedSetEdits, setEdits } from '../json';
import type { StatementModel } from '../model';
import type { Fix } from '../types';
import { modelArchiveLocation, replaceValue } from './util';

export const POLICY_VERSION = '2012-10-17';

function grantsGetObject(s: StatementModel): boolean {
  if (s.effect !== 'Allow') return false;
  return s.actions.some((a) => iamGlobMatch(a.value, 's3:GetObject', true));
}

/** A test of whether the policy lets the service role read `s3://bucket/key`, built once per policy document. */
export function coverageFor(doc: GroupDocument): (bucket: string, key: string) => boolean {
  const patterns: string[] = [];
  for (const s of doc.statements) {
    if (!grantsGetObject(s)) continue;
    for (const r of s.resources) patterns.push(r.value);
  }
  const seen = new Map<string, boolean>();
  return (bucket, key) => {
    const arn = formatS3Arn({ bucket, key });
    let hit = seen.get(arn);
    if (hit === undefined) {
      hit = patterns.some((p) => iamGlobMatch(p, arn));
      seen.set(arn, hit);
    }
    return hit;
  };
}

export function getObjectStatement(bucket: string): unknown {
  return { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [formatS3Arn({ bucket, key: '*' })] };
}

/** Adds an s3:GetObject statement for `bucket` to a policy document (another file of the group, or this one). */
export function getObjectStatementFix(policy: GroupDocument, bucket: string): Fix {
  const statement = prop(policy.root, 'Statement');
  const value = getObjectStatement(bucket);
  let edits;
  if (statement?.type === 'array') edits = scopedSetEdits(policy.text, policy.root, ['Statement', -1], value, true);
  else if (statement?.type === 'object') edits = setEdits(policy.text, ['Statement'], [getNodeValueSafe(statement), value]);
  else edits = setEdits(policy.text, ['Statement'], [value]);
  return { title: l10n.t('Allow s3:GetObject on the model bucket in the service role policy: {0}', bucket), edits: [{ path: policy.path, edits }], isPreferred: true };
}

const REGIONAL_S3_RESOURCES = /^(accesspoint|job|storage-lens|async-request|access-grants|outpost|multi-region-access-point)\b/;
const READ_ONLY_PREFIX = /^(get|list|describe|head)/i;

function isObjectAction(action: string): boolean {
  const a = action.toLowerCase();
  return a.startsWith('s3:') && a.includes('object') && !a.includes('*');
}

/** IAM001–IAM005 on a policy document. */
export function iamRules(ctx: LintContext): void {
  const root = ctx.root;
  if (!root || root.type !== 'object') return;
  const versionNode = prop(root, 'Version');
  if (!versionNode) {
    ctx.report('GGML-IAM001', { offset: root.offset, length: 1 }, l10n.t('The policy has no Version, so IAM reads it with the 2008 rules (no policy variables); add: "Version": "{0}"', POLICY_VERSION), {
      fixes: [() => ctx.fileFix(l10n.t('Add "Version": "{0}"', POLICY_VERSION), ctx.path, setVersionEdits(ctx.text))],
    });
  } else if (versionNode.value !== POLICY_VERSION) {
    ctx.report('GGML-IAM001', versionNode, l10n.t('The policy Version must be "{0}"; change it: {1}', POLICY_VERSION, JSON.stringify(versionNode.value)), {
      fixes: [() => ctx.fileFix(l10n.t('Set Version to {0}', POLICY_VERSION), ctx.path, [replaceValue(versionNode, POLICY_VERSION)])],
    });
  }

  for (const s of ctx.doc.statements) {
    const allow = s.effect === 'Allow';
    // IAM003: region or account in an S3 ARN.
    for (const res of s.resources) {
      const arn = parseArn(res.value);
      if (arn?.service === 's3' && (arn.region !== '' || arn.account !== '') && !REGIONAL_S3_RESOURCES.test(arn.resource)) {
        const fixed = formatArn({ ...arn, region: '', account: '' });
        ctx.report('GGML-IAM003', res.node, l10n.t('S3 bucket and object ARNs carry no region or account, so this ARN matches nothing; remove them: {0}', res.value), {
          fixes: [() => ctx.fileFix(l10n.t('Remove the region and account: {0}', fixed), ctx.path, [replaceValue(res.node, fixed)])],
        });
      }
    }
    if (!allow) continue;
    // IAM002: s3:GetObject on a bucket-only ARN.
    if (s.actions.some((a) => a.value.toLowerCase() === 's3:getobject')) {
      const objectOnly = s.actions.every((a) => isObjectAction(a.value));
      const values = new Set(s.resources.map((r) => r.value));
      for (const res of s.resources) {
        const arn = parseArn(res.value);
        if (arn?.service !== 's3' || arn.region || arn.account || /[/*?]/.test(arn.resource)) continue;
        const objects = `${res.value}/*`;
        let hasObjects = false;
        for (const v of values) if (v.startsWith(`${res.value}/`)) hasObjects = true;
        if (hasObjects) continue;
        const resourceNode = prop(s.node, 'Resource')!;
        ctx.report('GGML-IAM002', res.node, l10n.t('s3:GetObject acts on objects, so a bucket ARN grants nothing; use the objects ARN: {0}', objects), {
          fixes: [
            objectOnly
              ? () => ctx.fileFix(l10n.t('Change to {0}', objects), ctx.path, [replaceValue(res.node, objects)])
              : () =>
                  resourceNode.type === 'array'
                    ? ctx.setFix(l10n.t('Add {0}', objects), [...pathOf(resourceNode), -1], objects, { isArrayInsertion: true })
                    : ctx.fileFix(l10n.t('Add {0}', objects), ctx.path, [replaceValue(resourceNode, [res.value, objects])]),
          ],
        });
      }
    }
    // IAM004: wildcard actions broader than read-only.
    for (const a of s.actions) {
      if (!a.value.includes('*') && !a.value.includes('?')) continue;
      const colon = a.value.indexOf(':');
      const verb = colon >= 0 ? a.value.slice(colon + 1) : a.value;
      if (!READ_ONLY_PREFIX.test(verb)) {
        ctx.report('GGML-IAM004', a.node, l10n.t('This wildcard grants more than read access; the service role needs only reads such as s3:GetObject, so list the actions it needs: {0}', a.value));
      }
    }
  }

  // IAM005 (policy side): model buckets of the group that the policy does not cover.
  if (!ctx.enabled('GGML-IAM005') || !ctx.group.selfListed) return;
  const resDoc = ctx.group.partner('resource')?.doc;
  if (!resDoc) return;
  const covers = coverageFor(ctx.doc);
  const reported = new Set<string>();
  const where = keyNode(root, 'Statement') ?? { offset: root.offset, length: 1 };
  for (const r of resDoc.resources.resources) {
    if (r.dataKey !== 'S3MachineLearningModelResourceData') continue;
    const uriNode = prop(r.data, 'S3Uri');
    const loc = typeof uriNode?.value === 'string' ? modelArchiveLocation(uriNode.value) : undefined;
    if (!loc || /greengrass/i.test(loc.bucket) || reported.has(loc.bucket) || covers(loc.bucket, loc.key)) continue;
    reported.add(loc.bucket);
    ctx.report('GGML-IAM005', where, l10n.t('No statement allows s3:GetObject on a model bucket of the group, and its name lacks "greengrass" (the managed policy\'s pattern); add a statement: {0}', loc.bucket), {
      fixes: [() => getObjectStatementFix(ctx.doc, loc.bucket)],
      related: ctx.related(resDoc, uriNode, l10n.t('The ML resource {0} that reads this bucket', r.id ?? '')),
    });
  }
}

function setVersionEdits(text: string) {
  return setEdits(text, ['Version'], POLICY_VERSION, false, true);
}
