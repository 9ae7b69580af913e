// Rules on Greengrass V2 documents: component recipes (JSON or YAML), CreateComponentVersion requests and
// CreateDeployment requests, alone and across the migration folder they belong to (migration.json beside them or
// one folder up, with the components' files, handlers and models).
import * as l10n from '@vscode/l10n';
import { parseLambdaArn, parseS3Uri } from '../../model';
import { scanPython } from '../../python/scan';
import { findMigration, v2DocumentTree } from '../../v2/migration';
import type { MigratedComponent, MigrationFolder } from '../../v2/migration';
import type { LintContext } from '../context';
import { at, items, keyNode, prop, str } from '../json';
import type { Node } from '../json';
import { baseName } from '../detect';
import { safeRead, samePath } from '../group';
import type { ReadHost } from '../group';
import { trimSlash, under } from './util';

/** The LegacySubscriptionRouter component, whose subscriptions name the components they route between. */
export const ROUTER_COMPONENT = 'aws.greengrass.LegacySubscriptionRouter';
/** The thing-group ARN `greengrass-ml migrate` writes until the user picks the real target. */
export const PLACEHOLDER_TARGET = 'arn:aws:iot:REGION:ACCOUNT:thinggroup/REPLACE_ME';

// semver.org's regular expression for a version (no leading "v", no leading zeros).
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** Archives Greengrass V2 cannot extract (it unpacks ZIP only). */
const NOT_ZIP_ARCHIVE = /\.(tar\.gz|tgz|tar|gz|tar\.bz2|tbz2|tar\.xz|txz|7z|rar)$/i;
/** Most components (and dependency edges) followed when looking for a cycle: far above any real migration. */
const MAX_COMPONENTS = 2000;

/**
 * A recipe key, case-insensitively: recipes in the wild spell the same key `URI` and `Uri` (the recipe reference
 * writes `URI`, many samples `Uri`). The last of equal keys counts, as for `prop`.
 */
function rprop(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  const lower = key.toLowerCase();
  for (let i = node.children.length - 1; i >= 0; i--) {
    const p = node.children[i]!;
    const k = p.children?.[0]?.value;
    if (typeof k === 'string' && k.toLowerCase() === lower) return p.children?.[1];
  }
  return undefined;
}

function entries(node: Node | undefined): { key: Node; name: string; value: Node | undefined }[] {
  if (!node || node.type !== 'object') return [];
  const out: { key: Node; name: string; value: Node | undefined }[] = [];
  for (const p of node.children ?? []) {
    const key = p.children?.[0];
    if (key && typeof key.value === 'string') out.push({ key, name: key.value, value: p.children?.[1] });
  }
  return out;
}

/** The text a scalar is written as (`1.0` stays `1.0`, where the YAML or JSON value would be the number 1). */
function written(ctx: LintContext, node: Node): string {
  return node.type === 'string' ? (node.value as string) : ctx.text.slice(node.offset, node.offset + node.length);
}

// ----- what a document says about its component

interface ComponentFacts {
  name?: string;
  nameNode?: Node;
  /** Dependency name → its key node. */
  dependencies: { name: string; key: Node }[];
}

function recipeFacts(root: Node | undefined): ComponentFacts {
  const nameNode = rprop(root, 'ComponentName');
  const name = str(nameNode);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(nameNode ? { nameNode } : {}),
    dependencies: entries(rprop(root, 'ComponentDependencies')).map((e) => ({ name: e.name, key: e.key })),
  };
}

function requestFacts(root: Node | undefined): ComponentFacts {
  const lambda = prop(root, 'lambdaFunction');
  const nameNode = prop(lambda, 'componentName');
  // The component name defaults to the Lambda function's name.
  const arn = str(prop(lambda, 'lambdaArn'));
  const name = str(nameNode) ?? (arn !== undefined ? parseLambdaArn(arn)?.name : undefined);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(nameNode ? { nameNode } : {}),
    dependencies: entries(prop(lambda, 'componentDependencies')).map((e) => ({ name: e.name, key: e.key })),
  };
}

function factsOf(root: Node | undefined): ComponentFacts {
  return prop(root, 'lambdaFunction') ? requestFacts(root) : recipeFacts(root);
}

/**
 * The name and dependencies of another component file, parsed once while its text is unchanged: linting each file
 * of a 100-component migration folder reads all the others, and must not parse them all again each time.
 */
const partners = new Map<string, { text: string; name: string | undefined; dependencies: string[] }>();

function partnerFacts(host: ReadHost, path: string): { name: string | undefined; dependencies: string[] } {
  const text = safeRead(host, path);
  if (text === undefined) return { name: undefined, dependencies: [] };
  const hit = partners.get(path);
  if (hit && hit.text === text) return hit;
  const facts = factsOf(v2DocumentTree(path, text));
  const entry = { text, name: facts.name, dependencies: facts.dependencies.map((d) => d.name) };
  partners.delete(path);
  partners.set(path, entry);
  if (partners.size > MAX_COMPONENTS) {
    const oldest = partners.keys().next().value;
    if (oldest !== undefined) partners.delete(oldest);
  }
  return entry;
}

// ----- rules by document kind

export function recipeRules(ctx: LintContext): void {
  const root = ctx.root;
  if (root?.type !== 'object') return;
  const facts = recipeFacts(root);
  const migration = ctx.enabled('GGML-V2004') || ctx.enabled('GGML-V2006') ? findMigration(ctx.group.host, ctx.path) : undefined;
  versionRule(ctx, rprop(root, 'ComponentVersion'), 'ComponentVersion');
  const self = facts.name !== undefined ? migration?.byName.get(facts.name) : undefined;
  for (const manifest of items(rprop(root, 'Manifests'))) {
    for (const artifact of items(rprop(manifest, 'Artifacts'))) {
      const uriNode = rprop(artifact, 'URI');
      const uri = str(uriNode);
      if (uri === undefined || !uriNode) continue;
      const unarchive = rprop(artifact, 'Unarchive');
      if (str(unarchive)?.toUpperCase() === 'ZIP') {
        const m = NOT_ZIP_ARCHIVE.exec(objectName(uri));
        if (m) {
          ctx.report('GGML-V2003', unarchive, l10n.t('Greengrass V2 extracts ZIP archives only, so this .{0} artifact would not be unpacked; repack it as .zip (greengrass-ml migrate does when the archive is at hand) and point the URI at the .zip: {1}', m[1]!.toLowerCase(), uri), {
            related: ctx.related(ctx.doc, uriNode, l10n.t('The artifact')),
          });
        }
      }
      if (migration && self?.kind === 'model' && parseS3Uri(uri.trim()) && !matchesModel(uri, migration)) {
        ctx.report('GGML-V2004', uriNode, l10n.t('No model of the migration has this artifact URI, so the component would not carry the V1 model; use the model\'s s3Uri from {0}, or migrate the group again: {1}', baseName(migration.path), uri));
      }
    }
  }
  if (migration || facts.dependencies.some((d) => d.name === facts.name)) cycleRule(ctx, facts, migration);
}

export function requestRules(ctx: LintContext): void {
  const root = ctx.root;
  if (root?.type !== 'object') return;
  const lambda = prop(root, 'lambdaFunction');
  if (lambda?.type !== 'object') return;
  const facts = requestFacts(root);
  const arnNode = prop(lambda, 'lambdaArn');
  const arn = str(arnNode);
  if (arnNode && arn !== undefined) {
    const parsed = parseLambdaArn(arn);
    if (!parsed) {
      ctx.report('GGML-V2001', arnNode, l10n.t('lambdaArn must be the ARN of a published Lambda function version (arn:aws:lambda:<region>:<account>:function:<name>:<version>): {0}', arn));
    } else if (parsed.qualifier === undefined) {
      ctx.report('GGML-V2001', arnNode, l10n.t('lambdaArn names no version, and Greengrass V2 imports a published version only; publish one (aws lambda publish-version) and append its number: {0}', arn));
    } else if (parsed.qualifier === '$LATEST') {
      ctx.report('GGML-V2001', arnNode, l10n.t('Greengrass V2 rejects $LATEST; publish a version (aws lambda publish-version) and name its number instead: {0}', arn));
    } else if (!/^\d+$/.test(parsed.qualifier)) {
      ctx.report('GGML-V2001', arnNode, l10n.t('lambdaArn names the alias "{0}", but Greengrass V2 imports a version only; look up the version the alias points to (aws lambda get-alias) and name it instead: {1}', parsed.qualifier, arn));
    }
  }
  const params = prop(lambda, 'componentLambdaParameters');
  const pinned = prop(params, 'pinned');
  if (!pinned && ctx.enabled('GGML-V2002')) {
    const where = keyNode(lambda, 'componentLambdaParameters') ?? keyNode(root, 'lambdaFunction');
    const path = ['lambdaFunction', 'componentLambdaParameters', 'pinned'];
    ctx.report('GGML-V2002', where, l10n.t('pinned is not set, so Greengrass V2 runs the function long-lived (pinned), while V1 ran functions on demand by default; set pinned to true or false: {0}', facts.name ?? 'lambdaFunction'), {
      fixes: [
        () => ctx.setFix(l10n.t('Set pinned to true (long-lived, what Greengrass V2 does now)'), path, true, { preferred: true }),
        () => ctx.setFix(l10n.t('Set pinned to false (on demand, the Greengrass V1 default)'), path, false, { preferred: false }),
      ],
    });
  }
  versionRule(ctx, prop(lambda, 'componentVersion'), 'componentVersion');
  const migration = ctx.enabled('GGML-V2006') || ctx.enabled('GGML-V2008') ? findMigration(ctx.group.host, ctx.path) : undefined;
  if (migration || facts.dependencies.some((d) => d.name === facts.name)) cycleRule(ctx, facts, migration);
  if (migration && ctx.enabled('GGML-V2008')) volumeRule(ctx, params, facts, migration);
}

export function deploymentRules(ctx: LintContext): void {
  const root = ctx.root;
  if (root?.type !== 'object') return;
  const targetNode = prop(root, 'targetArn');
  const target = str(targetNode);
  if (targetNode && target !== undefined && (target === PLACEHOLDER_TARGET || /:thinggroup\/REPLACE_ME$/.test(target))) {
    ctx.report('GGML-V2009', targetNode, l10n.t('The deployment still targets the placeholder thing group, so it cannot be created as is; run "Greengrass ML: Deploy to Thing Group" to pick the thing group, or set targetArn to its ARN: {0}', target));
  }
  const components = prop(root, 'components');
  const deployed = new Set(entries(components).map((e) => e.name));
  for (const e of entries(components)) versionRule(ctx, prop(e.value, 'componentVersion'), 'componentVersion');
  if (ctx.enabled('GGML-V2007')) routerRule(ctx, prop(components, ROUTER_COMPONENT), deployed);
}

// ----- the rules themselves

function versionRule(ctx: LintContext, node: Node | undefined, key: string): void {
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'null') return;
  const text = written(ctx, node);
  if (node.type === 'string' && SEMVER.test(text)) return;
  const padded = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  const fixed = padded ? `${Number(padded[1])}.${Number(padded[2] ?? 0)}.${Number(padded[3] ?? 0)}` : undefined;
  ctx.report('GGML-V2005', node, fixed
    ? l10n.t('{0} is not a semantic version (major.minor.patch, such as 1.0.0), which Greengrass V2 requires of component versions; write it as one ({1}): {2}', key, fixed, text)
    : l10n.t('{0} is not a semantic version (major.minor.patch, such as 1.0.0), which Greengrass V2 requires of component versions; write it as one: {1}', key, text), {
    fixes: fixed ? [() => ctx.replaceFix(l10n.t('Write the version as {0}', fixed), node, fixed)] : [],
  });
}

/** The object name of an artifact URI, without a query. */
function objectName(uri: string): string {
  return uri.replace(/[?#].*$/, '');
}

function matchesModel(uri: string, migration: MigrationFolder): boolean {
  const location = parseS3Uri(uri.trim());
  for (const c of migration.components) {
    const m = c.model;
    if (!m) continue;
    if (m.s3Uri !== undefined && m.s3Uri.trim() === uri.trim()) return true;
    // A repacked archive is uploaded under its local name to the artifacts bucket.
    if (m.localArchive && location && baseName(location.key) === baseName(m.localArchive) && (!migration.artifactsBucket || migration.artifactsBucket === location.bucket)) return true;
  }
  return false;
}

/** Reports each dependency of this document that leads back to its own component. */
function cycleRule(ctx: LintContext, facts: ComponentFacts, migration: MigrationFolder | undefined): void {
  if (!ctx.enabled('GGML-V2006') || facts.name === undefined) return;
  const self = facts.name;
  const graph = new Map<string, string[]>();
  graph.set(self, facts.dependencies.map((d) => d.name));
  let edges = 0;
  for (const c of migration?.components.slice(0, MAX_COMPONENTS) ?? []) {
    if (!c.file || samePath(c.file, ctx.path)) continue;
    const other = partnerFacts(ctx.group.host, c.file);
    const name = other.name ?? c.name;
    if (name === self || graph.has(name)) continue;
    const deps = other.dependencies;
    edges += deps.length;
    if (edges > MAX_COMPONENTS * 10) break;
    graph.set(name, deps);
  }
  for (const dep of facts.dependencies) {
    const path = pathBack(graph, dep.name, self);
    if (!path) continue;
    const cycle = [self, ...path].join(' → ');
    ctx.report('GGML-V2006', dep.key, l10n.t('This dependency closes a cycle, so Greengrass V2 cannot order the components and the deployment fails; remove one dependency of the cycle: {0}', cycle));
  }
}

/** The shortest chain of names from `from` to `to` (both included), or undefined. */
function pathBack(graph: ReadonlyMap<string, readonly string[]>, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    if (n === to) {
      const path: string[] = [];
      for (let at: string | undefined = n; at !== undefined; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const next of graph.get(n) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, n);
        queue.push(next);
      }
    }
  }
  return undefined;
}

function routerRule(ctx: LintContext, router: Node | undefined, deployed: ReadonlySet<string>): void {
  const mergeNode = at(router, 'configurationUpdate', 'merge');
  const merge = str(mergeNode);
  if (!mergeNode || merge === undefined) return;
  let config: unknown;
  try {
    config = JSON.parse(merge);
  } catch {
    return;
  }
  const subscriptions = config && typeof config === 'object' ? (config as { subscriptions?: unknown }).subscriptions : undefined;
  if (!subscriptions || typeof subscriptions !== 'object') return;
  const raw = ctx.text.slice(mergeNode.offset, mergeNode.offset + mergeNode.length);
  for (const [id, sub] of Object.entries(subscriptions as Record<string, unknown>)) {
    if (!sub || typeof sub !== 'object') continue;
    for (const side of ['source', 'target'] as const) {
      const value = (sub as Record<string, unknown>)[side];
      if (typeof value !== 'string' || !value.startsWith('component:')) continue;
      const name = value.slice('component:'.length);
      if (deployed.has(name)) continue;
      // Point at the name inside the merge string when it is written plainly there; else at the whole string.
      const i = raw.indexOf(value);
      const where = i >= 0 ? { offset: mergeNode.offset + i, length: value.length } : mergeNode;
      ctx.report('GGML-V2007', where, side === 'source'
        ? l10n.t('Subscription "{0}" routes messages from a component this deployment does not deploy, so the router never delivers them; add the component to components, or correct the name: {1}', id, name)
        : l10n.t('Subscription "{0}" routes messages to a component this deployment does not deploy, so the router never delivers them; add the component to components, or correct the name: {1}', id, name));
    }
  }
}

function volumeRule(ctx: LintContext, params: Node | undefined, facts: ComponentFacts, migration: MigrationFolder): void {
  const volumes = items(at(params, 'linuxProcessParams', 'containerParams', 'volumes'));
  if (volumes.length === 0) return;
  const component: MigratedComponent | undefined = migration.components.find((c) => c.file !== undefined && samePath(c.file, ctx.path))
    ?? (facts.name !== undefined ? migration.byName.get(facts.name) : undefined);
  const handlerPath = component?.handler;
  if (!handlerPath) return;
  const code = safeRead(ctx.group.host, handlerPath);
  if (code === undefined) return;
  const scan = scanPython(code);
  const literals = scan.strings.map((s) => s.value.trim()).filter((v) => v.startsWith('/'));
  const names = new Set(scan.strings.map((s) => s.value));
  // Environment variables the handler names, whose value is a path (os.environ['MODEL_PATH'] → /ml/model).
  const envPaths: string[] = [];
  for (const e of entries(prop(params, 'environmentVariables'))) {
    const v = str(e.value);
    if (v !== undefined && v.startsWith('/') && names.has(e.name)) envPaths.push(v);
  }
  for (const volume of volumes) {
    const destNode = prop(volume, 'destinationPath');
    const dest = str(destNode);
    if (!destNode || dest === undefined || !dest.startsWith('/')) continue;
    const dir = trimSlash(dest);
    if (dir === '/') continue;
    if (literals.some((v) => under(v, dir)) || envPaths.some((v) => under(v, dir))) continue;
    ctx.report('GGML-V2008', destNode, l10n.t('The handler never reads this volume\'s destination, so the function would not find what is mounted there; read the files under this path in {0}, or correct the destination: {1}', baseName(handlerPath), dest), {
      related: [{ path: handlerPath, offset: 0, length: 0, message: facts.name !== undefined ? l10n.t('The handler of {0}', facts.name) : l10n.t('The handler of this component') }],
    });
  }
}
