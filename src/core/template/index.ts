// Lints CloudFormation and SAM templates (YAML or JSON) that hold Greengrass V1 groups, with the same rules as the
// definition files: each group the template wires together is linted as the group of files would be.
// No `vscode` here, no I/O.
import * as l10n from '@vscode/l10n';
import { LintContext, partnerFileOf } from '../lint/context';
import { clamp, endOfSupportMessage, rulesFor, severityResolver } from '../lint/dispatch';
import { definitionList } from '../lint/detect';
import { Group, GroupDocument, manifestModel } from '../lint/group';
import type { ManifestModel, ReadHost } from '../lint/group';
import { items, prop } from '../lint/json';
import type { Node, ParsedJson } from '../lint/json';
import { TARGET_PLATFORMS } from '../manifest';
import type { DocumentKind, Finding, Fix, RelatedLocation, RuleSeverities, Severity, SourceFile } from '../lint/types';
import { decodeTemplate, mutable, rangeKey } from './decode';
import type { TemplateProblem } from './decode';
import { evaluate, intrinsicName } from './intrinsics';
import type { Known, Scope } from './intrinsics';
import { templateFormat } from './recognize';
import { GREENGRASS_TYPE, functionRef, greengrassRoles, lambdaName, runtimeNode, templateModel } from './model';
import type { RolePolicies, TemplateGroup, TemplateModel, TemplateResource } from './model';

export { decodeTemplate, MAX_DEPTH, SHORT_FORM_TAGS } from './decode';
export { isTemplate, templateFormat, RECOGNITION_WINDOW } from './recognize';
export type { DecodedTemplate, TemplateProblem } from './decode';

/** The newest Greengrass V1 core: what rules assume when the template's Metadata names none. */
export const NEWEST_CORE_VERSION: readonly number[] = [1, 11];

export interface TemplateLintOptions {
  severities?: RuleSeverities;
  /** For tests: rethrow an internal error of a rule instead of dropping it. */
  throwInternalErrors?: boolean;
}

/** The parts of a finding located through a parameter's Default, so it can be moved there. */
interface Origin {
  params: Known['params'];
  use: Node;
}

interface Run {
  path: string;
  text: string;
  model: TemplateModel;
  scope: Scope;
  severityOf: (code: string) => Severity | 'off';
  options: TemplateLintOptions;
  /** Ranges of intrinsics whose value stays unknown: a finding inside one is dropped. Disjoint, in walk order. */
  unknowns: { offset: number; end: number }[];
  /** `offset:length` of a node whose value was worked out from parameter Defaults → where they are. */
  origins: Map<string, Origin>;
  /** The scalars written in the template text: the only ranges a fix may replace. */
  literals: ReadonlySet<string>;
  findings: Finding[];
}

/** Lints a template. Never throws. Findings point into the template text. */
export function lintTemplate(file: SourceFile, host: ReadHost, options: TemplateLintOptions = {}): Finding[] {
  try {
    return lintUnsafe(file, host, options);
  } catch (error) {
    if (options.throwInternalErrors) throw error;
    return [];
  }
}

function lintUnsafe(file: SourceFile, host: ReadHost, options: TemplateLintOptions): Finding[] {
  const text = file.text.charCodeAt(0) === 0xfeff ? ` ${file.text.slice(1)}` : file.text;
  const severityOf = severityResolver(options.severities);
  const out: Finding[] = [];
  const push = (p: TemplateProblem | (Omit<TemplateProblem, 'code'> & { code: string })): void => {
    const severity = severityOf(p.code);
    if (severity === 'off') return;
    const f: Finding = { code: p.code, severity, message: p.message, path: file.path, offset: p.offset, length: p.length };
    if (p.related?.length) f.related = p.related.map((r) => ({ ...r, path: file.path }));
    out.push(f);
  };
  const decoded = decodeTemplate(text, templateFormat(text));
  for (const p of decoded.problems) push(p);
  const root = decoded.root;
  if (decoded.fatal || !root || root.type !== 'object') return clamp(out, text.length);
  const model = templateModel(root);
  const greengrass = [...model.resources.values()].filter((r) => GREENGRASS_TYPE.test(r.type));
  if (greengrass.length === 0) return clamp(out, text.length);

  const run: Run = {
    path: file.path,
    text,
    model,
    scope: { defaults: model.parameters, mappings: model.mappings },
    severityOf,
    options,
    unknowns: [],
    origins: new Map(),
    literals: decoded.literals,
    findings: [],
  };
  const roles = greengrassRoles(model);
  const lambdas = functionArns(run, push);
  // Resolve intrinsics in place, once, in the parts the rules read.
  for (const d of model.definitions) if (d.resource.properties) resolve(run, d.resource.properties);
  for (const rp of roles) for (const doc of rp.documents) resolve(run, doc);
  if (model.metadata) resolve(run, model.metadata);
  run.unknowns.sort((a, b) => a.offset - b.offset);
  injectRuntimes(run, lambdas);

  const manifest = metadataManifest(run);
  const docs = new Map<TemplateResource, GroupDocument>();
  const docOf = (r: TemplateResource): GroupDocument | undefined => {
    if (!r.properties) return undefined;
    let d = docs.get(r);
    if (!d) docs.set(r, (d = new GroupDocument(file.path, parsedOf(text, r.properties))));
    return d;
  };
  const policy = mergedPolicy(run, roles);

  for (const g of model.groups) {
    const parts = new Map<DocumentKind, GroupDocument>();
    for (const [kind, r] of g.parts) {
      const d = docOf(r);
      if (d) parts.set(kind, d);
    }
    if (policy) parts.set('iamPolicy', policy);
    const before = run.findings.length;
    for (const [kind, doc] of parts) {
      if (kind === 'iamPolicy') continue;
      runRules(run, host, doc, kind, parts, manifest, true);
    }
    relinkPartners(run, before, g, roles);
    dropUnknownDependent(run, before, g);
  }
  // Each policy document of a role Greengrass assumes, on its own (IAM001–IAM004).
  const seen = new Set<Node>();
  for (const rp of roles) {
    for (const doc of rp.documents) {
      if (seen.has(doc) || doc.type !== 'object') continue;
      seen.add(doc);
      runRules(run, host, new GroupDocument(file.path, parsedOf(text, doc)), 'iamPolicy', new Map(), manifest, false);
    }
  }
  if (model.metadata) metadataRules(run, host, manifest);

  const first = greengrass[0]!;
  const where = first.typeNode ?? first.keyNode;
  push({ code: 'GGML-EOS001', offset: where.offset, length: where.length, message: endOfSupportMessage() });
  for (const f of settle(run)) out.push(f);
  return clamp(dedupe(out), text.length).sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
}

function parsedOf(text: string, root: Node): ParsedJson {
  return { text, root, errors: [], tooDeep: false };
}

/** The group the rules see: the template's parts of one group, and the template's Metadata as its manifest. */
class PartsGroup extends Group {
  constructor(
    host: ReadHost,
    self: GroupDocument,
    selfKind: DocumentKind,
    manifest: ManifestModel,
    private readonly parts: ReadonlyMap<DocumentKind, GroupDocument>,
    private readonly listed: boolean,
  ) {
    super(host, self, selfKind, manifest);
  }
  override get selfListed(): boolean {
    return this.listed;
  }
  override doc(kind: DocumentKind): GroupDocument | undefined {
    return this.parts.get(kind);
  }
}

function runRules(run: Run, host: ReadHost, doc: GroupDocument, kind: DocumentKind, parts: ReadonlyMap<DocumentKind, GroupDocument>, manifest: ManifestModel, listed: boolean): void {
  const group = new PartsGroup(host, doc, kind, manifest, parts, listed);
  const ctx = new LintContext(doc, kind, group, run.severityOf);
  for (const rule of rulesFor(kind)) {
    try {
      rule(ctx);
    } catch (error) {
      if (run.options.throwInternalErrors) throw error;
    }
  }
  run.findings.push(...ctx.findings);
}

/** Region, core version, platforms and function hints from `Metadata: greengrass-ml:` (the manifest's keys). */
function metadataManifest(run: Run): ManifestModel {
  const meta = run.model.metadata;
  // `coreVersion: 1.10` is a number to YAML (1.1): the version is what is written.
  const written = prop(meta, 'coreVersion');
  if (written?.type === 'number') replace(written, { type: 'string', value: run.text.slice(written.offset, written.offset + written.length), offset: written.offset, length: written.length });
  const m = manifestModel(run.path, parsedOf(run.text, meta ?? { type: 'object', offset: 0, length: 0, children: [] }));
  const platform = prop(meta, 'platform');
  if (platform?.type === 'string') m.platforms.add(platform.value as string);
  m.coreVersion ??= [...NEWEST_CORE_VERSION];
  m.files.clear();
  m.fileNodes.clear();
  return m;
}

/** MAN002–MAN004 on the Metadata's region, coreVersion and platforms; the manifest's other checks do not apply. */
function metadataRules(run: Run, host: ReadHost, manifest: ManifestModel): void {
  const meta = run.model.metadata!;
  if (meta.type !== 'object') return;
  const doc = new GroupDocument(run.path, parsedOf(run.text, meta));
  const group = new PartsGroup(host, doc, 'manifest', manifest, new Map(), false);
  const ctx = new LintContext(doc, 'manifest', group, run.severityOf);
  try {
    rulesFor('manifest').forEach((rule) => rule(ctx));
  } catch (error) {
    if (run.options.throwInternalErrors) throw error;
  }
  for (const f of ctx.findings) {
    if (f.code === 'GGML-MAN002' || f.code === 'GGML-MAN003' || f.code === 'GGML-MAN004') run.findings.push(f);
  }
  // A single `platform` is checked like an entry of `platforms`.
  const platform = prop(meta, 'platform');
  if (platform && !(platform.type === 'string' && (TARGET_PLATFORMS as readonly string[]).includes(platform.value as string))) {
    ctx.report('GGML-MAN004', platform, l10n.t('Unknown target platform; use {0}: {1}', TARGET_PLATFORMS.join(', '), JSON.stringify(platform.value)));
    run.findings.push(ctx.findings[ctx.findings.length - 1]!);
  }
}

/**
 * FunctionArn values that name a template's Lambda function: a version or alias (`!Ref Alias`, `!Ref Version`,
 * SAM `!Ref F.Alias`/`F.Version`) is qualified, so the rules see a qualified ARN; the function itself
 * (`!GetAtt F.Arn`, `!Ref F`) is not, which is reported here. Returns function entry → its Lambda resource.
 */
function functionArns(run: Run, push: (p: Omit<TemplateProblem, 'code'> & { code: string }) => void): Map<Node, TemplateResource> {
  const out = new Map<Node, TemplateResource>();
  for (const d of run.model.definitions) {
    if (d.kind !== 'functionDefinition' || !d.resource.properties) continue;
    for (const entry of definitionList(d.resource.properties, 'functionDefinition')) {
      const arn = prop(entry, 'FunctionArn');
      if (!arn || !intrinsicName(arn)) continue;
      const ref = functionRef(run.model, arn);
      if (ref.kind === 'qualified') {
        const name = ref.lambda ? lambdaName(ref.lambda) : 'function';
        replace(arn, { type: 'string', value: `arn:aws:lambda:::function:${name}:${ref.qualifier}`, offset: arn.offset, length: arn.length });
        if (ref.lambda) out.set(entry, ref.lambda);
      } else if (ref.kind === 'unqualified') {
        out.set(entry, ref.lambda);
        push({
          code: 'GGML-FN001',
          offset: arn.offset,
          length: arn.length,
          message: l10n.t('FunctionArn names the function itself, which has no version or alias; refer to an AWS::Lambda::Version or AWS::Lambda::Alias (with SAM: AutoPublishAlias and !Ref {0}.Alias): {1}', ref.lambda.id, ref.how),
          related: [{ offset: ref.lambda.keyNode.offset, length: ref.lambda.keyNode.length, message: l10n.t('The Lambda function {0}', ref.lambda.id) }],
        });
      }
    }
  }
  return out;
}

/** Puts `next` where `node` is in its parent. */
function replace(node: Node, next: Node): void {
  const parent = node.parent;
  if (!parent?.children) return;
  const i = parent.children.indexOf(node);
  if (i < 0) return;
  mutable(next).parent = parent;
  parent.children[i] = next;
}

function scalarNode(k: Known, at: Node): Node {
  const type = typeof k.value === 'number' ? 'number' : typeof k.value === 'boolean' ? 'boolean' : 'string';
  return { type, value: k.value, offset: at.offset, length: at.length };
}

/** Replaces each intrinsic under `node` by its value when known; records the unknown ones. Iterative. */
function resolve(run: Run, top: Node): void {
  const stack: Node[] = [top];
  while (stack.length) {
    const node = stack.pop()!;
    if (intrinsicName(node)) {
      const k = evaluate(node, run.scope);
      if (k && node.parent) {
        const next = scalarNode(k, node);
        replace(node, next);
        if (k.params.length) run.origins.set(`${next.offset}:${next.length}`, { params: k.params, use: next });
      } else {
        run.unknowns.push({ offset: node.offset, end: node.offset + node.length });
      }
      continue;
    }
    for (const c of node.children ?? []) stack.push(c);
  }
}

/** The Lambda function's Runtime as the function entry's own `Runtime`, which the runtime rules read. */
function injectRuntimes(run: Run, lambdas: Map<Node, TemplateResource>): void {
  for (const [entry, lambda] of lambdas) {
    if (entry.type !== 'object' || prop(entry, 'Runtime')) continue;
    const rt = runtimeNode(run.model, lambda);
    if (!rt) continue;
    let value: Node | undefined;
    if (rt.type === 'string') value = { ...rt };
    else {
      const k = evaluate(rt, run.scope);
      if (k) {
        value = scalarNode(k, rt);
        if (k.params.length) run.origins.set(`${value.offset}:${value.length}`, { params: k.params, use: value });
      }
    }
    if (!value) continue;
    const p: Node = { type: 'property', offset: rt.offset, length: rt.length, parent: entry, children: [] };
    mutable(value).parent = p;
    p.children!.push({ type: 'string', value: 'Runtime', offset: rt.offset, length: 0, parent: p }, value);
    entry.children!.push(p);
  }
}

function str(value: string, at: Node, parent?: Node): Node {
  return { type: 'string', value, offset: at.offset, length: at.length, ...(parent ? { parent } : {}) };
}

/**
 * One policy document standing for everything the roles Greengrass assumes may do, for the model-bucket coverage
 * check: their statements, `*greengrass*`/`*sagemaker*` buckets when the managed policy is attached, and every
 * object when a statement allows s3:GetObject on a resource that is an unknown intrinsic.
 */
function mergedPolicy(run: Run, roles: RolePolicies[]): GroupDocument | undefined {
  if (roles.length === 0) return undefined;
  const root: Node = { type: 'object', offset: roles[0]!.role.keyNode.offset, length: roles[0]!.role.keyNode.length, children: [] };
  const list: Node = { type: 'array', offset: root.offset, length: root.length, children: [] };
  const p: Node = { type: 'property', offset: root.offset, length: root.length, parent: root, children: [str('Statement', root), list] };
  mutable(list).parent = p;
  root.children!.push(p);
  const statement = (at: Node, actions: Node, resources: string[] | Node): void => {
    const s: Node = { type: 'object', offset: at.offset, length: at.length, parent: list, children: [] };
    const add = (key: string, value: Node): void => {
      const q: Node = { type: 'property', offset: at.offset, length: at.length, parent: s, children: [str(key, at), value] };
      mutable(value).parent = q;
      s.children!.push(q);
    };
    add('Effect', str('Allow', at));
    add('Action', actions);
    if (Array.isArray(resources)) {
      const arr: Node = { type: 'array', offset: at.offset, length: at.length, children: [] };
      for (const r of resources) arr.children!.push(str(r, at, arr));
      add('Resource', arr);
    } else add('Resource', resources);
    list.children!.push(s);
  };
  for (const rp of roles) {
    if (rp.managed) {
      const actions: Node = { type: 'array', offset: rp.managed.offset, length: rp.managed.length, children: [] };
      actions.children!.push(str('s3:GetObject', rp.managed, actions));
      statement(rp.managed, actions, ['arn:aws:s3:::*greengrass*', 'arn:aws:s3:::*sagemaker*']);
    }
    for (const doc of rp.documents) {
      const st = prop(doc, 'Statement');
      for (const s of st?.type === 'object' ? [st] : items(st)) {
        if (s.type !== 'object') continue;
        const effect = prop(s, 'Effect');
        if (effect?.type !== 'string' || effect.value !== 'Allow') continue;
        const action = prop(s, 'Action');
        const resource = prop(s, 'Resource');
        if (!action || !resource) continue;
        const unknown = isUnknown(resource) || items(resource).some((r) => isUnknown(r));
        statement(s, action, unknown ? ['*'] : resource);
      }
    }
  }
  return new GroupDocument(run.path, parsedOf(run.text, root));
}

function isUnknown(node: Node | undefined): boolean {
  return node !== undefined && node.type === 'object' && intrinsicName(node) !== undefined;
}

/** Related locations that name a partner file as a whole (offset 0) point at the template resource instead. */
function relinkPartners(run: Run, from: number, g: TemplateGroup, roles: RolePolicies[]): void {
  const resources = g.parts.get('resourceDefinition');
  const role = roles[0]?.role;
  for (let i = from; i < run.findings.length; i++) {
    const f = run.findings[i]!;
    if (!f.related) continue;
    f.related = f.related.map((r): RelatedLocation => {
      const partner = partnerFileOf(r);
      if (partner === 'iamPolicy' && role) {
        return { ...r, offset: role.keyNode.offset, length: role.keyNode.length, message: l10n.t('The group\'s service role policy: {0}', role.id) };
      }
      if (partner === 'resourceDefinition' && resources) {
        return { ...r, offset: resources.keyNode.offset, length: resources.keyNode.length, message: l10n.t('The group\'s resource definition: {0}', resources.id) };
      }
      return r;
    });
  }
}

/**
 * Findings that only an unknown value caused, away from that value: an OwnerSetting whose GroupOwner or
 * GroupPermission is an intrinsic, and unknown resource ids when some resource's Id is itself an intrinsic.
 */
function dropUnknownDependent(run: Run, from: number, g: TemplateGroup): void {
  const resources = g.parts.get('resourceDefinition')?.properties;
  const entries = resources ? definitionList(resources, 'resourceDefinition') : [];
  const unknownIds = entries.some((r) => isUnknown(prop(r, 'Id')));
  const vagueOwners = new Set<number>();
  for (const r of entries) {
    const container = prop(r, 'ResourceDataContainer');
    for (const p of container?.children ?? []) {
      const owner = p.children?.[1]?.children?.find((q) => q.children?.[0]?.value === 'OwnerSetting');
      const value = owner?.children?.[1];
      if (owner && (isUnknown(value) || isUnknown(prop(value, 'GroupOwner')) || isUnknown(prop(value, 'GroupPermission')))) {
        vagueOwners.add(owner.children![0]!.offset);
      }
    }
  }
  let to = from;
  for (let i = from; i < run.findings.length; i++) {
    const f = run.findings[i]!;
    if (f.code === 'GGML-XF001' && unknownIds) continue;
    if (f.code === 'GGML-ACC005' && vagueOwners.has(f.offset)) continue;
    run.findings[to++] = f;
  }
  run.findings.length = to;
}

/** The unknown intrinsic whose range holds [offset, offset+length], if any. */
function insideUnknown(run: Run, offset: number, length: number): boolean {
  const list = run.unknowns;
  let lo = 0;
  let hi = list.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.offset <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = best; i >= 0 && i > best - 4; i--) {
    const u = list[i]!;
    if (u.offset <= offset && offset + length <= u.end) return true;
  }
  return false;
}

/** The rule findings as users get them: unknown values dropped, Default-based ones moved to the Default, safe fixes only. */
function settle(run: Run): Finding[] {
  const out: Finding[] = [];
  for (const f of run.findings) {
    if (insideUnknown(run, f.offset, f.length)) continue;
    const origin = run.origins.get(`${f.offset}:${f.length}`);
    if (origin) {
      const names = [...new Set(origin.params.map((p) => p.name))];
      const use: RelatedLocation = { path: f.path, offset: origin.use.offset, length: origin.use.length, message: l10n.t('Where the template uses the parameter') };
      const only = origin.params.length === 1 ? origin.params[0]! : undefined;
      f.message = l10n.t('{0} (checked against the Default of parameter {1}; the stack may be given another value)', f.message, names.join(', '));
      if (only) {
        f.offset = only.node.offset;
        f.length = only.node.length;
        f.related = [use, ...(f.related ?? [])];
      } else {
        f.related = [...origin.params.map((p) => ({ path: f.path, offset: p.node.offset, length: p.node.length, message: l10n.t('The Default of parameter {0}', p.name) })), ...(f.related ?? [])];
      }
    }
    const fixes = templateFixes(run, f.fixes);
    if (fixes.length) f.fixes = fixes;
    else delete f.fixes;
    out.push(f);
  }
  return out;
}

/**
 * The fixes that stay right in a template, YAML or JSON: those that only replace scalars written in the text by other
 * scalars (a value a rule rewrote, an Id renamed with its uses). A fix that rewrites an intrinsic (its range is not a
 * written scalar), reaches through an alias, or changes structure (computed as JSON edits) is not offered.
 */
function templateFixes(run: Run, fixes: readonly Fix[] | undefined): Fix[] {
  const out: Fix[] = [];
  for (const fix of fixes ?? []) {
    // Structural fixes compute JSON edits on first read (an accessor); they need the YAML document model.
    if (Object.getOwnPropertyDescriptor(fix, 'edits')?.get) continue;
    const ok = fix.edits.length > 0 && fix.edits.every((e) => e.path === run.path && e.edits.length > 0 && e.edits.every((x) => run.literals.has(rangeKey(x.offset, x.length)) && isScalarText(x.content)));
    if (ok) out.push(fix);
  }
  return out;
}

function isScalarText(content: string): boolean {
  if (content.includes('\n')) return false;
  try {
    const v: unknown = JSON.parse(content);
    return v === null || typeof v !== 'object';
  } catch {
    return false;
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}|${f.offset}|${f.length}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
