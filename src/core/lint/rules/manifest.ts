// Rules on the group manifest (greengrass-ml.json) itself.
import * as l10n from '@vscode/l10n';
import { TARGET_PLATFORMS } from '../../manifest';
import type { LintContext } from '../context';
import { cachedDocument, manifestModel, readProblem, safeRead } from '../group';
import { items, prop, str } from '../json';
import { GREENGRASS_V1_REGIONS, isRegionCode } from '../../model';
import { below, versionText } from './util';

/** MAN006's message: the file the manifest names under `kind` holds another kind of document. */
function wrongKindMessage(kind: string, file: string): string {
  switch (kind) {
    case 'coreDefinition':
      return l10n.t('This file does not hold a core definition; point the manifest at the right file: {0}', file);
    case 'functionDefinition':
      return l10n.t('This file does not hold a function definition; point the manifest at the right file: {0}', file);
    case 'resourceDefinition':
      return l10n.t('This file does not hold a resource definition; point the manifest at the right file: {0}', file);
    case 'subscriptionDefinition':
      return l10n.t('This file does not hold a subscription definition; point the manifest at the right file: {0}', file);
    case 'deviceDefinition':
      return l10n.t('This file does not hold a device definition; point the manifest at the right file: {0}', file);
    case 'iamPolicy':
      return l10n.t('This file does not hold an IAM policy; point the manifest at the right file: {0}', file);
    default:
      return l10n.t('This file does not hold {0}; point the manifest at the right file: {1}', kind, file);
  }
}

export function manifestRules(ctx: LintContext): void {
  const root = ctx.root;
  if (!root) return;
  if (root.type !== 'object') {
    ctx.report('GGML-MAN005', root, l10n.t('The group manifest is a JSON object with at least "name"; see docs/manifest.md: not an object'));
    return;
  }
  const m = ctx.group.manifest ?? manifestModel(ctx.path, ctx.doc.parsed);

  const nameNode = prop(root, 'name');
  const name = str(nameNode);
  if (name === undefined || name.trim() === '') {
    ctx.report('GGML-MAN005', nameNode ?? { offset: root.offset, length: 1 }, l10n.t('The group manifest names no group; add "name" with the Greengrass group\'s name: greengrass-ml.json'));
  }

  const regionNode = prop(root, 'region');
  if (regionNode) {
    const region = str(regionNode);
    if (region === undefined || !isRegionCode(region)) {
      ctx.report('GGML-MAN002', regionNode, l10n.t('region is an AWS region code such as us-east-1: {0}', JSON.stringify(regionNode.value)));
    } else if (!GREENGRASS_V1_REGIONS.has(region)) {
      ctx.report('GGML-MAN002', regionNode, l10n.t('Greengrass V1 is not offered in this region; choose one of {0}: {1}', [...GREENGRASS_V1_REGIONS].join(', '), region));
    }
  }

  const coreNode = prop(root, 'coreVersion');
  if (coreNode) {
    const v = m.coreVersion;
    if (!v) {
      ctx.report('GGML-MAN003', coreNode, l10n.t('coreVersion is the Greengrass Core software version as digits and dots, such as 1.11.6: {0}', JSON.stringify(coreNode.value)));
    } else if (v[0] !== 1) {
      ctx.report('GGML-MAN003', coreNode, l10n.t('coreVersion must be a Greengrass Core v1 version (1.0 to 1.11); Greengrass V2 groups are not described by this manifest: {0}', versionText(v)));
    }
  }

  const platformsNode = prop(root, 'platforms');
  if (platformsNode) {
    if (platformsNode.type !== 'array') {
      ctx.report('GGML-MAN004', platformsNode, l10n.t('platforms is a list of {0}: not a list', TARGET_PLATFORMS.join(', ')));
    } else {
      for (const p of items(platformsNode)) {
        if (p.type !== 'string' || !(TARGET_PLATFORMS as readonly string[]).includes(p.value as string)) {
          ctx.report('GGML-MAN004', p, l10n.t('Unknown target platform; use {0}: {1}', TARGET_PLATFORMS.join(', '), JSON.stringify(p.value)));
        }
      }
    }
  }

  // MAN001 / MAN006: the files it names.
  for (const [kind, path] of m.files) {
    const node = m.fileNodes.get(kind)!;
    const text = safeRead(ctx.group.host, path);
    if (text === undefined) {
      const problem = readProblem(ctx.group.host, path);
      if (problem !== undefined) {
        ctx.report('GGML-MAN001', node, l10n.t('The manifest names a file that cannot be read ({0}); fix the file or the path: {1}', problem, String(node.value)));
        continue;
      }
      ctx.report('GGML-MAN001', node, l10n.t('The manifest names a file that does not exist; create it or fix the path: {0}', String(node.value)));
      continue;
    }
    if (!ctx.enabled('GGML-MAN006') || text.trim() === '') continue;
    const doc = cachedDocument(path, text);
    if (!doc.clean) continue;
    const actual = doc.contentKind;
    if (actual !== kind) {
      ctx.report('GGML-MAN006', node, wrongKindMessage(kind, String(node.value)));
    }
  }

  // CORE001 (manifest side): the group's ML resources need core 1.6.
  const core = m.coreVersion;
  if (coreNode && below(core, [1, 6])) {
    const res = ctx.group.partner('resource');
    if (res?.doc.resources.resources.some((r) => r.isMl)) {
      ctx.report('GGML-CORE001', coreNode, l10n.t('The group\'s resource definition has ML resources, which need Greengrass Core 1.6 or later; raise coreVersion: {0}', versionText(core!)));
    }
  }
}
