// The group of a document: the manifest (greengrass-ml.json) in the same folder and the files it names.
// Paths are opaque strings (absolute paths or URIs); joining replaces the last segment.
import { MANIFEST_FILE_NAME, parseVersion } from '../manifest';
import { definitionFromTree, FILE_DEFINITION_KINDS, FILE_KINDS, type FileDefinitionKind, type GroupDefinition } from '../model';
import { kindFromContent } from './detect';
import { items, overriddenKeys, parseJson, prop, str } from './json';
import type { Node, ParsedJson } from './json';
import { functionsView, resourcesView, statementsModel } from './model';
import type { FunctionsModel, ResourcesModel, StatementModel } from './model';
import type { DocumentKind } from './types';
import { dirOf, joinRelative, samePath } from '../paths';

export { dirOf, joinRelative, normalizePath, samePath } from '../paths';


/** The manifest path for a document: greengrass-ml.json next to it. */
export function manifestPathFor(path: string): string {
  return `${dirOf(path)}${MANIFEST_FILE_NAME}`;
}

export interface FunctionHint {
  runtime?: string | undefined;
  framework?: string | undefined;
}

/** What the manifest says, with positions for findings. */
export interface ManifestModel {
  path: string;
  parsed: ParsedJson;
  root: Node | undefined;
  region?: string | undefined;
  coreVersion?: number[] | undefined;
  platforms: Set<string>;
  /** kind → joined path of the file the manifest names for it. */
  files: Map<DocumentKind, string>;
  /** kind → the manifest node naming that file. */
  fileNodes: Map<DocumentKind, Node>;
  functionHints: Map<string, FunctionHint>;
}

export function manifestModel(path: string, parsed: ParsedJson): ManifestModel {
  const root = parsed.root;
  const files = new Map<DocumentKind, string>();
  const fileNodes = new Map<DocumentKind, Node>();
  const definitions = prop(root, 'definitions');
  for (const { manifestKey: key, documentKind: kind } of FILE_KINDS) {
    const n = prop(definitions, key);
    const name = str(n);
    if (n && name) {
      files.set(kind, joinRelative(path, name));
      fileNodes.set(kind, n);
    }
  }
  const policyNode = prop(root, 'serviceRolePolicy');
  const policy = str(policyNode);
  if (policyNode && policy) {
    files.set('iamPolicy', joinRelative(path, policy));
    fileNodes.set('iamPolicy', policyNode);
  }
  const platforms = new Set<string>();
  for (const p of items(prop(root, 'platforms'))) if (p.type === 'string') platforms.add(p.value as string);
  const functionHints = new Map<string, FunctionHint>();
  const hints = prop(root, 'functions');
  if (hints?.type === 'object') {
    for (const p of hints.children ?? []) {
      const id = p.children?.[0]?.value;
      const v = p.children?.[1];
      if (typeof id === 'string' && v?.type === 'object') {
        functionHints.set(id, { runtime: str(prop(v, 'runtime')), framework: str(prop(v, 'framework')) });
      }
    }
  }
  return {
    path,
    parsed,
    root,
    region: str(prop(root, 'region')),
    coreVersion: parseVersion(str(prop(root, 'coreVersion'))),
    platforms,
    files,
    fileNodes,
    functionHints,
  };
}

/** A parsed file of the group with the models the rules need, built lazily and once. */
export class GroupDocument {
  private definitions = new Map<FileDefinitionKind, GroupDefinition>();
  private resourcesCache?: ResourcesModel;
  private functionsCache?: FunctionsModel;
  private statementsCache?: StatementModel[];
  private repeatedCache?: Node[];
  constructor(
    readonly path: string,
    readonly parsed: ParsedJson,
    /**
     * Set for a YAML document decoded into the same tree: `literals` are the `offset:length` ranges of the scalars
     * written in place, the only ranges a fix may replace (JSON `modify` edits do not apply to YAML text).
     */
    readonly yaml?: { literals: ReadonlySet<string> },
  ) {}
  get root(): Node | undefined {
    return this.parsed.root;
  }
  get text(): string {
    return this.parsed.text;
  }
  get clean(): boolean {
    return this.parsed.errors.length === 0 && !this.parsed.tooDeep;
  }
  /** The document read as a definition of `kind` in the Group model (no items when it holds no list of that kind). */
  definition(kind: FileDefinitionKind): GroupDefinition {
    let d = this.definitions.get(kind);
    if (!d) {
      const at = { file: this.path, offset: this.root?.offset ?? 0, length: this.root?.length ?? 0 };
      d = definitionFromTree(kind, this.path, this.root) ?? { kind, items: [], extra: {}, at };
      this.definitions.set(kind, d);
    }
    return d;
  }
  get resources(): ResourcesModel {
    return (this.resourcesCache ??= resourcesView(this.definition('resource')));
  }
  get functions(): FunctionsModel {
    return (this.functionsCache ??= functionsView(this.definition('function')));
  }
  get statements(): StatementModel[] {
    return (this.statementsCache ??= statementsModel(this.root));
  }
  /** Keys a later property of the same object overrides (GGML-JSON005). */
  get repeatedKeys(): Node[] {
    return (this.repeatedCache ??= overriddenKeys(this.root));
  }
  /** Fixes are offered only when the text parses cleanly and repeats no key (an edit would go to the ignored key). */
  get fixable(): boolean {
    return this.clean && this.repeatedKeys.length === 0;
  }
  get contentKind(): DocumentKind {
    return kindFromContent(this.root);
  }
}

/**
 * Partner files are parsed once and reused while their text is unchanged: linting each of a group's files reads the
 * others, and a 10,000-function definition must not be re-parsed for every resource file lint.
 */
const cache = new Map<string, GroupDocument>();
const CACHE_LIMIT = 24;

export function cachedDocument(path: string, text: string): GroupDocument {
  const hit = cache.get(path);
  if (hit && hit.text === text) {
    cache.delete(path);
    cache.set(path, hit);
    return hit;
  }
  const doc = new GroupDocument(path, parseJson(text));
  cache.set(path, doc);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return doc;
}

export interface ReadHost {
  readFile(path: string): string | undefined;
  problem?(path: string): string | undefined;
}

/** The group a document belongs to, as seen from that document. */
export class Group {
  private docs = new Map<DocumentKind, GroupDocument | null>();
  constructor(
    readonly host: ReadHost,
    readonly self: GroupDocument,
    readonly selfKind: DocumentKind,
    readonly manifest: ManifestModel | undefined,
  ) {}

  get region(): string | undefined {
    return this.manifest?.region;
  }
  get coreVersion(): number[] | undefined {
    return this.manifest?.coreVersion;
  }
  /** True when the manifest names this document (or it is the manifest): only then are partner files used. */
  get selfListed(): boolean {
    if (!this.manifest) return false;
    if (this.selfKind === 'manifest') return true;
    return samePath(this.manifest.files.get(this.selfKind), this.self.path);
  }

  /** The group's document of `kind` (this document when it is that kind and listed), if readable. */
  doc(kind: DocumentKind): GroupDocument | undefined {
    if (kind === this.selfKind && (this.selfListed || !this.manifest)) return this.self;
    if (!this.manifest || !this.selfListed) return undefined;
    const cached = this.docs.get(kind);
    if (cached !== undefined) return cached ?? undefined;
    const path = this.manifest.files.get(kind);
    let doc: GroupDocument | undefined;
    if (path !== undefined) {
      const text = safeRead(this.host, path);
      if (text !== undefined) doc = cachedDocument(path, text);
      // A partner that does not parse cleanly, or holds another kind of document, would only produce false findings.
      if (doc && (!doc.clean || doc.contentKind !== kind)) doc = undefined;
    }
    this.docs.set(kind, doc ?? null);
    return doc;
  }

  /** Another file of the group: its document (for positions and fixes in it) and its definition in the Group model. */
  partner(kind: FileDefinitionKind): { doc: GroupDocument; definition: GroupDefinition } | undefined {
    const doc = this.doc(FILE_DEFINITION_KINDS[kind].documentKind);
    return doc && doc !== this.self ? { doc, definition: doc.definition(kind) } : undefined;
  }
}

export function safeRead(host: ReadHost, path: string): string | undefined {
  try {
    const t = host.readFile(path);
    return typeof t === 'string' ? stripBom(t) : undefined;
  } catch {
    return undefined;
  }
}

/** Why the host could not read a file that exists, or undefined (missing, or no reason known). */
export function readProblem(host: ReadHost, path: string): string | undefined {
  try {
    return host.problem?.(path);
  } catch {
    return undefined;
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function loadGroup(host: ReadHost, self: GroupDocument, selfKind: DocumentKind): Group {
  let manifest: ManifestModel | undefined;
  if (selfKind === 'manifest') manifest = manifestModel(self.path, self.parsed);
  else {
    const mPath = manifestPathFor(self.path);
    const text = safeRead(host, mPath);
    if (text !== undefined) manifest = manifestModel(mPath, cachedDocument(mPath, text).parsed);
  }
  return new Group(host, self, selfKind, manifest);
}
