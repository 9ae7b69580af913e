// Rules on the group manifest (greengrass-ml.json) itself.
import { TARGET_PLATFORMS } from '../../manifest';
import type { LintContext } from '../context';
import { cachedDocument, manifestModel, readProblem, safeRead } from '../group';
import { items, prop, str } from '../json';
import { GREENGRASS_V1_REGIONS, isRegionCode } from '../../model';
import { below, versionText } from './util';

const KIND_LABEL: Record<string, string> = {
  coreDefinition: 'a core definition',
  functionDefinition: 'a function definition',
  resourceDefinition: 'a resource definition',
  subscriptionDefinition: 'a subscription definition',
  deviceDefinition: 'a device definition',
  iamPolicy: 'an IAM policy',
};

export function manifestRules(ctx: LintContext): void {
  const root = ctx.root;
  if (!root) return;
  if (root.type !== 'object') {
    ctx.report('GGML-MAN005', root, 'The group manifest is a JSON object with at least "name"; see docs/manifest.md: not an object');
    return;
  }
  const m = ctx.group.manifest ?? manifestModel(ctx.path, ctx.doc.parsed);

  const nameNode = prop(root, 'name');
  const name = str(nameNode);
  if (name === undefined || name.trim() === '') {
    ctx.report('GGML-MAN005', nameNode ?? { offset: root.offset, length: 1 }, 'The group manifest names no group; add "name" with the Greengrass group\'s name: greengrass-ml.json');
  }

  const regionNode = prop(root, 'region');
  if (regionNode) {
    const region = str(regionNode);
    if (region === undefined || !isRegionCode(region)) {
      ctx.report('GGML-MAN002', regionNode, `region is an AWS region code such as us-east-1: ${JSON.stringify(regionNode.value)}`);
    } else if (!GREENGRASS_V1_REGIONS.has(region)) {
      ctx.report('GGML-MAN002', regionNode, `Greengrass V1 is not offered in this region; choose one of ${[...GREENGRASS_V1_REGIONS].join(', ')}: ${region}`);
    }
  }

  const coreNode = prop(root, 'coreVersion');
  if (coreNode) {
    const v = m.coreVersion;
    if (!v) {
      ctx.report('GGML-MAN003', coreNode, `coreVersion is the Greengrass Core software version as digits and dots, such as 1.11.6: ${JSON.stringify(coreNode.value)}`);
    } else if (v[0] !== 1) {
      ctx.report('GGML-MAN003', coreNode, `coreVersion must be a Greengrass Core v1 version (1.0 to 1.11); Greengrass V2 groups are not described by this manifest: ${versionText(v)}`);
    }
  }

  const platformsNode = prop(root, 'platforms');
  if (platformsNode) {
    if (platformsNode.type !== 'array') {
      ctx.report('GGML-MAN004', platformsNode, `platforms is a list of ${TARGET_PLATFORMS.join(', ')}: not a list`);
    } else {
      for (const p of items(platformsNode)) {
        if (p.type !== 'string' || !(TARGET_PLATFORMS as readonly string[]).includes(p.value as string)) {
          ctx.report('GGML-MAN004', p, `Unknown target platform; use ${TARGET_PLATFORMS.join(', ')}: ${JSON.stringify(p.value)}`);
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
        ctx.report('GGML-MAN001', node, `The manifest names a file that cannot be read (${problem}); fix the file or the path: ${String(node.value)}`);
        continue;
      }
      ctx.report('GGML-MAN001', node, `The manifest names a file that does not exist; create it or fix the path: ${String(node.value)}`);
      continue;
    }
    if (!ctx.enabled('GGML-MAN006') || text.trim() === '') continue;
    const doc = cachedDocument(path, text);
    if (!doc.clean) continue;
    const actual = doc.contentKind;
    if (actual !== kind) {
      ctx.report('GGML-MAN006', node, `This file does not hold ${KIND_LABEL[kind] ?? kind}; point the manifest at the right file: ${String(node.value)}`);
    }
  }

  // CORE001 (manifest side): the group's ML resources need core 1.6.
  const core = m.coreVersion;
  if (coreNode && below(core, [1, 6])) {
    const res = ctx.group.partner('resource');
    if (res?.doc.resources.resources.some((r) => r.isMl)) {
      ctx.report('GGML-CORE001', coreNode, `The group's resource definition has ML resources, which need Greengrass Core 1.6 or later; raise coreVersion: ${versionText(core!)}`);
    }
  }
}
