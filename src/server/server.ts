// The Greengrass ML language server: every lint the editor shows (group manifests, definitions, IAM policies,
// Python handlers) runs here, in its own process, and reaches the editor as LSP diagnostics and code actions.
// VS Code starts it over node IPC (src/language), other editors over stdio (`greengrass-ml lsp --stdio`).
//
// Lifecycle of a file: linted when opened (at once) and after edits (debounced; a newer edit drops the older
// run), from disk when the workspace scan finds it or a file of its group names it; re-linted when a partner file
// of its group changes; its diagnostics cleared when it is closed (unless it is a workspace file: then its saved
// text is linted again) or deleted.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join, relative } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind, CompletionItemKind, DidChangeConfigurationNotification, MarkupKind, DidChangeWatchedFilesNotification, FileChangeType, TextDocumentSyncKind, TextDocuments,
} from 'vscode-languageserver/node';
import type {
  CancellationToken, ClientCapabilities, CodeAction, CodeActionParams, CompletionItem, Connection, Diagnostic, Hover, InitializeParams, InitializeResult,
  TextDocumentPositionParams,
} from 'vscode-languageserver/node';
import { dependentsOf, detectKind, kindFromName, lintDocument, suppressionFixes } from '../core/lint';
import type { CommentSyntax, Finding, LintHost, RuleSeverities, Severity } from '../core/lint';
import { groupLintErrors } from '../core/deploy/lint';
import { checkPythonHandler } from '../core/python';
import { applySeverities, CONFIG_FILE_NAME, isExcluded, LintConfigs, mergeSeverities } from '../core/lint/config';
import { allRules } from '../core/rules';
import { isTemplate } from '../core/template/recognize';
import { templateCompletions, templateHover } from '../core/template/hover';
import { intersects, isFilePath, mapperOfText, pathOf, rangeOf, sameRange, toCodeAction, toDiagnostic, toWorkspaceEdit, uriOfPath } from './convert';
import type { PositionMapper } from './convert';
import { findConventionFiles, CONVENTION_NAME } from './files';
import { pathGlobMatcher } from '../core/pathGlob';
import { readTextFile, type TextFileResult } from '../core/textFile';
import {
  DIAGNOSTIC_SOURCE, LINT_GROUP_REQUEST, LINTED_NOTIFICATION, READ_ONLY_DOCUMENT_SCHEME, SETTINGS_SECTION, STATS_REQUEST, WHEN_IDLE_REQUEST,
} from './protocol';
import * as l10n from '@vscode/l10n';
import type { InitializationOptions, LintGroupParams, LintedParams, ServerStats } from './protocol';

const DEBOUNCE_MS = 250;
const PYTHON_DEBOUNCE_MS = 300;
const LEVELS: readonly (Severity | 'off')[] = ['error', 'warning', 'info', 'hint', 'off'];

/** The `greengrassMl.lint` settings of one document. */
export interface LintSettings {
  enable: boolean;
  rules: RuleSeverities;
}

/** Settings as the editor sends them (anything) → what the engine takes; unknown levels are ignored. */
export function parseSettings(raw: unknown): LintSettings {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, Severity | 'off'> = {};
  const given = o['rules'];
  if (given && typeof given === 'object') {
    for (const [code, level] of Object.entries(given as Record<string, unknown>)) {
      if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) rules[code] = level as Severity | 'off';
    }
  }
  return { enable: o['enable'] !== false, rules };
}

/**
 * The repository's `.greengrass-ml.yaml` (the nearest one up to the folder holding `.git`), as the CLI reads it:
 * its severities apply under the editor's `greengrassMl.lint.rules` (a setting wins for the rule it names) and its
 * excluded paths get no diagnostics.
 */
function repositoryConfigs(): LintConfigs {
  return new LintConfigs({
    readFile: (p) => textOf(readTextFile(p, 1024 * 1024)),
    isRepositoryRoot: (dir) => existsSync(join(dir, '.git')),
    join,
  }, new Set(allRules().map((r) => r.code)));
}

/** The language ids of documents the server lints: Greengrass JSON documents, and templates in JSON or YAML. */
const LINTED_LANGUAGES = new Set(['json', 'jsonc', 'yaml']);

/**
 * A document the server may lint: the engine decides by name and content (a YAML document only when its head says
 * it is a template or a V2 recipe; any other YAML costs a text check). Files, untitled documents and the
 * extension's own read-only documents (a deployed recipe); never another virtual document (git:, …).
 */
function isLintable(doc: TextDocument): boolean {
  return LINTED_LANGUAGES.has(doc.languageId) && (doc.uri.startsWith('file:') || doc.uri.startsWith('untitled:') || isReadOnly(doc.uri));
}

/**
 * A read-only document of the extension: linted alone (its engine path is its URI, so the rules that look for
 * partner files, such as a migration record beside it, find none), and offered no edits.
 */
function isReadOnly(uri: string): boolean {
  return uri.startsWith(`${READ_ONLY_DOCUMENT_SCHEME}:`);
}

function isYaml(doc: TextDocument): boolean {
  return doc.languageId === 'yaml';
}

function isHandler(doc: TextDocument): boolean {
  return doc.uri.startsWith('file:') && (doc.languageId === 'python' || /\.py$/i.test(doc.uri));
}

/** Files whose change may change a group's (or a handler's) configuration: JSON documents and templates. */
function isConfigPath(path: string): boolean {
  return /\.(jsonc?|ya?ml|template)$/i.test(path);
}

/** The last lint of one file: what its diagnostics say and what its code actions work from. */
interface LintResult {
  uri: string;
  /** The document version linted, or undefined for text read from disk. */
  version: number | undefined;
  python: boolean;
  entries: { finding: Finding; diagnostic: Diagnostic }[];
  /** The text of every file the run read (the file itself and its group's files), for mapping fix edits. */
  texts: Map<string, string>;
}

/** The default home of docs/rules/: the package folder above dist/ (the bundles live in dist/). */
function packageDocsBase(): string {
  return pathToFileURL(join(__dirname, '..')).href;
}

export class GreengrassLanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  /** Open documents by engine path (a file path, or the URI string of an untitled document). */
  private readonly openByPath = new Map<string, string>();
  private readonly justOpened = new Set<string>();
  private readonly results = new Map<string, LintResult>();
  private readonly published = new Set<string>();
  /** Files found by the workspace scan or named by a group: linted from disk while they are not open. */
  private readonly workspaceFiles = new Set<string>();
  /** Files read from disk (their text, or why there is none); kept only while the editor reports file changes. */
  private readonly disk = new Map<string, TextFileResult>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generation = new Map<string, number>();
  private readonly settingsCache = new Map<string, Promise<LintSettings>>();
  private globalSettings: unknown = undefined;
  private running = 0;
  private scanning = false;
  private idleWaiters: (() => void)[] = [];
  private disposed = false;
  private capabilities: ClientCapabilities = {};
  private options: InitializationOptions = {};
  private roots: string[] = [];
  private docsBase: string | undefined;
  private watching = false;
  private readonly configs = repositoryConfigs();
  private scanExcluded: (relativePath: string) => boolean = () => false;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onShutdown(() => this.dispose());
    this.documents.onDidOpen((e) => {
      this.openByPath.set(pathOf(e.document.uri), e.document.uri);
      this.justOpened.add(e.document.uri);
      this.opened(e.document);
    });
    this.documents.onDidChangeContent((e) => {
      if (this.justOpened.delete(e.document.uri)) return;
      this.changed(e.document);
    });
    this.documents.onDidClose((e) => {
      this.justOpened.delete(e.document.uri);
      this.openByPath.delete(pathOf(e.document.uri));
      this.closed(e.document);
    });
    this.documents.onDidSave((e) => {
      if (isLintable(e.document)) this.recheckHandlers();
    });
    c.onDidChangeWatchedFiles((params) => {
      let json = false;
      let config = false;
      for (const change of params.changes) {
        const path = pathOf(change.uri);
        if (path.endsWith(CONFIG_FILE_NAME)) {
          config = true;
          continue;
        }
        if (isConfigPath(path)) json = true;
        if (change.type === FileChangeType.Deleted) this.deleted(path);
        else this.diskChanged(path);
      }
      if (config) {
        this.configs.clear();
        this.relintAll();
      } else if (json) this.recheckHandlers();
    });
    c.onDidChangeConfiguration((params) => {
      this.settingsCache.clear();
      const settings: unknown = params.settings;
      if (settings && typeof settings === 'object') {
        const lint = (settings as { greengrassMl?: { lint?: unknown } }).greengrassMl?.lint;
        if (lint !== undefined) this.globalSettings = lint;
      }
      this.relintAll();
    });
    c.onCodeAction((params, token) => this.codeActions(params, token));
    c.onHover((params) => this.hover(params));
    c.onCompletion((params) => this.completion(params));
    c.onRequest(WHEN_IDLE_REQUEST, () => this.whenIdle().then(() => null));
    c.onRequest(LINT_GROUP_REQUEST, (params: LintGroupParams, token) => this.lintGroup(params, token));
    c.onRequest(STATS_REQUEST, (): ServerStats => {
      const m = process.memoryUsage();
      return { pid: process.pid, rss: m.rss, heapUsed: m.heapUsed, files: this.published.size };
    });
    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities ?? {};
    const options: unknown = params.initializationOptions;
    this.options = options && typeof options === 'object' ? (options as InitializationOptions) : {};
    const bundle = this.options.l10nBundle;
    // Only text entries: a value that is not a string would break every message it names.
    if (bundle && typeof bundle === 'object') l10n.config({ contents: Object.fromEntries(Object.entries(bundle).filter((e): e is [string, string] => typeof e[1] === 'string')) });
    this.docsBase = typeof this.options.docsBaseUri === 'string' && this.options.docsBaseUri ? this.options.docsBaseUri : packageDocsBase();
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = folders.filter((u) => u.startsWith('file:')).map(pathOf);
    this.scanExcluded = pathGlobMatcher(Array.isArray(this.options.scanExclude) ? this.options.scanExclude : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' '] },
      },
      serverInfo: { name: 'greengrass-ml' },
    };
  }

  private async initialized(): Promise<void> {
    const ws = this.capabilities.workspace;
    if (ws?.didChangeWatchedFiles?.dynamicRegistration) {
      this.watching = true;
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{json,jsonc,yaml,yml,template}' }, { globPattern: `**/${CONFIG_FILE_NAME}` }] })
        .catch((error: unknown) => {
          this.watching = false;
          this.connection.console.warn(`The editor does not report file changes, so files are read again for each lint: ${String(error)}`);
        });
    }
    if (ws?.didChangeConfiguration?.dynamicRegistration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'greengrassMl' }).catch(() => undefined);
    }
    if (this.options.scanWorkspace !== false) await this.scanWorkspace();
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.settle();
  }

  // ----- events

  private opened(doc: TextDocument): void {
    const path = pathOf(doc.uri);
    if (isLintable(doc) || isHandler(doc)) this.schedule(path, 0);
    else this.forget(path);
  }

  private changed(doc: TextDocument): void {
    const path = pathOf(doc.uri);
    if (isHandler(doc)) {
      this.schedule(path, PYTHON_DEBOUNCE_MS);
    } else if (isLintable(doc)) {
      // A template is a group of its own: no other file depends on it, except the handlers of its functions. A V2
      // recipe in YAML has dependents (the other documents of its migration folder).
      const template = isYaml(doc) && isTemplate(doc.getText());
      this.schedule(path, DEBOUNCE_MS, !template);
      if (!isYaml(doc) || template) this.recheckHandlers();
    }
  }

  private closed(doc: TextDocument): void {
    const path = pathOf(doc.uri);
    // A workspace file keeps the diagnostics of its saved text; anything else (untitled, handlers, files outside
    // the scan) is cleared.
    if (doc.uri.startsWith('file:') && this.workspaceFiles.has(path)) {
      this.disk.delete(path);
      this.schedule(path, 0, true);
    } else {
      this.bump(path);
      this.cancelTimer(path);
      this.forget(path);
      if (!isHandler(doc)) this.scheduleDependentsOnly(path);
    }
  }

  private diskChanged(path: string): void {
    this.disk.delete(path);
    if (this.openDoc(path)) {
      // The editor's text wins; only the files that read this one from disk may change.
      this.scheduleDependentsOnly(path);
      return;
    }
    const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    if (!this.workspaceFiles.has(path) && (!CONVENTION_NAME.test(name) || !this.scansPath(path))) {
      // A file outside the conventions: linted only if it belongs to a group we lint (dependents decide).
      this.scheduleDependentsOnly(path);
      return;
    }
    this.workspaceFiles.add(path);
    this.schedule(path, DEBOUNCE_MS, true);
  }

  /** The path of a file relative to each workspace folder it is in. */
  private relativePaths(path: string): string[] {
    return this.roots.map((root) => relative(root, path)).filter((rel) => rel !== '' && !rel.startsWith('..') && !/^[a-z]:/i.test(rel) && !rel.startsWith('/'));
  }

  /** Whether the workspace scan covers a file: scanning is on, the file is in a workspace folder and not excluded. */
  private scansPath(path: string): boolean {
    const rels = this.relativePaths(path);
    return this.options.scanWorkspace !== false && rels.length > 0 && !rels.some(this.scanExcluded);
  }

  private deleted(path: string): void {
    this.disk.set(path, GONE);
    this.workspaceFiles.delete(path);
    this.bump(path);
    this.cancelTimer(path);
    this.forget(path);
    this.scheduleDependentsOnly(path);
  }

  private relintAll(): void {
    const paths = new Set<string>([...this.results.keys(), ...this.workspaceFiles, ...this.openByPath.keys()]);
    for (const p of paths) this.schedule(p, 0);
  }

  /** Group files changed: the open handlers are checked again (debounced together). */
  private recheckHandlers(): void {
    for (const doc of this.documents.all()) if (isHandler(doc)) this.schedule(pathOf(doc.uri), PYTHON_DEBOUNCE_MS);
  }

  private async scanWorkspace(): Promise<void> {
    if (!this.roots.length) return;
    this.scanning = true;
    try {
      const files = await findConventionFiles(this.roots, () => this.disposed, this.scanExcluded);
      this.connection.console.info(`Linting ${files.length} Greengrass file(s) of the workspace`);
      for (const path of files) {
        if (this.disposed) return;
        this.workspaceFiles.add(path);
        // One at a time: a workspace of thousands of files must not open thousands of files at once.
        if (!this.results.has(path) && !this.timers.has(path)) await this.run(path, this.bump(path));
        // Files a manifest names under other names (e.g. models/my-resources.json), and the V2 documents a
        // migration.json lists, belong to the scan too.
        if (kindFromName(path) === 'manifest' || /(^|[\\/])migration\.json$/i.test(path)) {
          const { value: deps } = await this.withFiles((host) => dependentsOf(path, host));
          for (const dep of deps) {
            if (this.workspaceFiles.has(dep) || this.relativePaths(dep).some(this.scanExcluded)) continue;
            this.workspaceFiles.add(dep);
            if (!this.timers.has(dep)) await this.run(dep, this.bump(dep));
          }
        }
      }
    } catch (error) {
      this.connection.console.warn(`Cannot search the workspace for Greengrass files; open them to lint them: ${String(error)}`);
    } finally {
      this.scanning = false;
      this.settle();
    }
  }

  // ----- scheduling

  private bump(path: string): number {
    const g = (this.generation.get(path) ?? 0) + 1;
    this.generation.set(path, g);
    return g;
  }

  private cancelTimer(path: string): void {
    const t = this.timers.get(path);
    if (t) clearTimeout(t);
    this.timers.delete(path);
    this.settle();
  }

  /** Debounced lint of one file; with `dependents`, the other files of its group are linted after it. */
  private schedule(path: string, delay: number, dependents = false): void {
    if (this.disposed) return;
    const g = this.bump(path);
    const old = this.timers.get(path);
    if (old) clearTimeout(old);
    this.timers.set(path, setTimeout(() => {
      this.timers.delete(path);
      void this.run(path, g, dependents);
    }, delay));
  }

  private scheduleDependentsOnly(path: string): void {
    this.running++;
    void this.relintDependents(path)
      .catch((error: unknown) => this.connection.console.warn(`Cannot find the files that depend on a changed file: ${path}: ${String(error)}`))
      .finally(() => {
        this.running--;
        this.settle();
      });
  }

  /** Resolves when no lint is scheduled or running and the workspace scan is done. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.disposed || (this.timers.size === 0 && this.running === 0 && !this.scanning);
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async run(path: string, generation: number, dependents = false): Promise<void> {
    this.running++;
    try {
      await this.lintOnce(path, generation);
      if (dependents && !this.disposed) await this.relintDependents(path);
    } catch (error) {
      this.connection.console.error(`Linting failed; the diagnostics of this file may be out of date: ${path}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    } finally {
      this.running--;
      this.settle();
    }
  }

  /** After a file's text changed: the other files of its group that are linted now are linted again. */
  private async relintDependents(path: string): Promise<void> {
    const { value: dependents } = await this.withFiles((host) => dependentsOf(path, host));
    for (const p of dependents) {
      if (p === path) continue;
      if (this.openDoc(p) || this.workspaceFiles.has(p) || this.results.has(p)) {
        this.workspaceFiles.add(p);
        this.schedule(p, DEBOUNCE_MS);
      }
    }
  }

  // ----- reading files

  private openDoc(path: string): TextDocument | undefined {
    const uri = this.openByPath.get(path);
    return uri === undefined ? undefined : this.documents.get(uri);
  }

  /** The URI the editor knows a path by (an open document's own URI string), else the path's file URI. */
  private uriFor(path: string): string {
    return this.openByPath.get(path) ?? uriOfPath(path);
  }

  private settings(uri: string): Promise<LintSettings> {
    if (!this.capabilities.workspace?.configuration) return Promise.resolve(parseSettings(this.globalSettings));
    let p = this.settingsCache.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(parseSettings, () => parseSettings(this.globalSettings));
      this.settingsCache.set(uri, p);
    }
    return p;
  }

  /**
   * The texts read from disk for one piece of work: the shared cache while the editor reports file changes (it is
   * then kept current), else a cache of this work only, so that a file changed on disk is read again next time.
   */
  private diskCache(): Map<string, TextFileResult> {
    return this.watching ? this.disk : new Map();
  }

  /** A host over open documents and a disk cache that records what it could not answer yet. */
  private host(cache: Map<string, TextFileResult>, texts: Map<string, string>, missing: Set<string>): LintHost {
    return {
      problem: (path: string) => {
        const r = this.openDoc(path) ? undefined : cache.get(path);
        return r && !('text' in r) && r.kind !== 'missing' ? r.reason : undefined;
      },
      readFile: (path: string) => {
        const doc = this.openDoc(path);
        let text: string | undefined;
        if (doc) text = doc.getText();
        else if (cache.has(path)) text = textOf(cache.get(path));
        else {
          missing.add(path);
          return undefined;
        }
        if (text !== undefined) texts.set(path, text);
        return text;
      },
    };
  }

  private readDisk(path: string, cache: Map<string, TextFileResult>): void {
    // The one bounded reader: regular files only, the size checked before reading (a FIFO or device never blocks).
    cache.set(path, isFilePath(path) ? readTextFile(path) : GONE);
  }

  /**
   * Runs `work` against the host until it needs no file that is not loaded yet: the engine reads synchronously,
   * so files it asked for are read asynchronously and the work runs again (a group has a handful of files).
   */
  private async withFiles<T>(
    work: (host: LintHost) => T, stop: () => boolean = () => false, cache = this.diskCache(),
  ): Promise<{ value: T; texts: Map<string, string> }> {
    for (let round = 0; ; round++) {
      const missing = new Set<string>();
      const texts = new Map<string, string>();
      const value = work(this.host(cache, texts, missing));
      if (missing.size === 0 || round >= 4 || stop()) return { value, texts };
      for (const p of missing) this.readDisk(p, cache);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  // ----- linting

  /** Lints a file as it is now (open text, else disk); undefined when it is not a Greengrass file or linting is off. */
  private async compute(path: string, stop: () => boolean): Promise<LintResult | undefined> {
    const uri = this.uriFor(path);
    const doc = this.openDoc(path);
    if (doc && !isLintable(doc) && !isHandler(doc)) return undefined;
    if (!doc && !this.workspaceFiles.has(path)) return undefined;
    const settings = await this.settings(uri);
    if (!settings.enable || stop()) return undefined;
    // Without file events from the editor, the configuration is read again for each lint.
    if (!this.watching) this.configs.clear();
    const config = isFilePath(path) ? this.configs.forFile(path) : undefined;
    if (config && isExcluded(config, path)) return undefined;
    const rules = mergeSeverities(config?.rules, settings.rules);
    const cache = this.diskCache();
    let text: string | undefined;
    const version = doc?.version;
    if (doc) {
      text = doc.getText();
    } else {
      if (!cache.has(path)) this.readDisk(path, cache);
      text = textOf(cache.get(path));
    }
    if (text === undefined || stop()) return undefined;
    const python = doc !== undefined && isHandler(doc);
    if (!python && detectKind(path, text) === 'unknown') return undefined;
    const source = { path, text };
    const { value: findings, texts } = await this.withFiles(
      (host) => (python ? applySeverities(checkPythonHandler(source, host), rules) : lintDocument(source, host, { severities: rules })),
      stop,
      cache,
    );
    texts.set(path, text);
    const self: PositionMapper = doc ?? mapperOfText(path, text);
    const mappers = new Map<string, PositionMapper>();
    const mapperFor = (p: string): PositionMapper | undefined => {
      if (p === path) return self;
      const t = texts.get(p);
      if (t === undefined) return undefined;
      let m = mappers.get(p);
      if (!m) mappers.set(p, (m = mapperOfText(p, t)));
      return m;
    };
    const entries = findings
      .filter((f) => f.path === path)
      .map((finding) => ({ finding, diagnostic: toDiagnostic(finding, self, this.docsBase, mapperFor, (p) => this.uriFor(p)) }));
    return { uri, version, python, entries, texts };
  }

  private async lintOnce(path: string, generation: number): Promise<void> {
    const stale = () => this.disposed || this.generation.get(path) !== generation;
    const result = await this.compute(path, stale);
    if (stale()) return;
    if (!result) return this.forget(path);
    if (result.version !== undefined && this.openDoc(path)?.version !== result.version) return;
    this.results.set(path, result);
    this.published.add(path);
    await this.connection.sendDiagnostics({ uri: result.uri, ...(result.version !== undefined ? { version: result.version } : {}), diagnostics: result.entries.map((e) => e.diagnostic) });
    await this.notifyLinted({ uri: result.uri, version: result.version ?? null });
  }

  private forget(path: string): void {
    this.results.delete(path);
    if (!this.published.delete(path)) return;
    const uri = this.uriFor(path);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    void this.notifyLinted({ uri, version: null });
  }

  private async notifyLinted(params: LintedParams): Promise<void> {
    if (this.options.lintedNotifications) await this.connection.sendNotification(LINTED_NOTIFICATION, params);
  }

  // ----- requests

  /** Whether the texts a result was computed from are still the texts of those files. */
  private isCurrent(result: LintResult): boolean {
    for (const [p, t] of result.texts) {
      const doc = this.openDoc(p);
      const now = doc ? doc.getText() : this.disk.has(p) ? textOf(this.disk.get(p)) : t;
      if (now !== t) return false;
    }
    return true;
  }

  private async codeActions(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[] | null> {
    const only = params.context.only;
    if (only && !only.some((k) => k === CodeActionKind.Empty || k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
    const path = pathOf(params.textDocument.uri);
    const doc = this.openDoc(path);
    let result = this.results.get(path);
    // Findings of an older version of the text would edit the wrong places.
    if (!result || (doc && result.version !== undefined && result.version !== doc.version)) return [];
    if (!this.isCurrent(result)) {
      // A partner file changed since the last lint: the cross-file edits are computed again against its text now.
      result = await this.compute(path, () => token.isCancellationRequested);
      if (!result || token.isCancellationRequested) return null;
    }
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const texts = result.texts;
    const mapperFor = (p: string): PositionMapper | undefined => {
      const open = this.openDoc(p);
      if (open) return open;
      const t = texts.get(p);
      return t === undefined ? undefined : mapperOfText(p, t);
    };
    const versioned = this.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    const versionOf = versioned ? (p: string) => this.openDoc(p)?.version ?? null : undefined;
    const actions: CodeAction[] = [];
    const suppressions: CodeAction[] = [];
    // A read-only document cannot take an edit: only turning the rule off is offered there.
    const readOnly = isReadOnly(params.textDocument.uri);
    const syntax = readOnly ? 'strict' : this.commentSyntax(path, result.python);
    const text = texts.get(path);
    for (const { finding, diagnostic } of result.entries) {
      if (token.isCancellationRequested) return null;
      // The diagnostics the editor passes back are copies: match them by code, range and message.
      const attached = ours.find((d) => String(d.code) === finding.code && sameRange(d.range, diagnostic.range) && d.message === diagnostic.message);
      if (!attached && (ours.length || !intersects(diagnostic.range, params.range))) continue;
      for (const fix of readOnly ? [] : finding.fixes ?? []) {
        const edit = toWorkspaceEdit(fix, mapperFor, versionOf, (p) => this.uriFor(p));
        if (!edit) continue;
        const preferred = fix.isPreferred ?? (result.python ? false : finding.fixes?.length === 1);
        actions.push(toCodeAction(fix, edit, attached ?? diagnostic, preferred));
      }
      // Every diagnostic can be silenced; these come after the repairs.
      if (syntax !== 'strict' && text !== undefined) {
        for (const fix of suppressionFixes(path, text, finding.offset, finding.code, syntax)) {
          const edit = toWorkspaceEdit(fix, mapperFor, versionOf, (p) => this.uriFor(p));
          if (edit && !suppressions.some((a) => a.title === fix.title)) suppressions.push(toCodeAction(fix, edit, attached ?? diagnostic, false));
        }
      } else if (syntax === 'strict' && this.options.turnOffRuleCommand) {
        const title = l10n.t('Turn off {0} in the workspace settings (a .json file cannot hold a comment)', finding.code);
        if (!suppressions.some((a) => a.title === title)) {
          suppressions.push({
            title, kind: CodeActionKind.QuickFix, diagnostics: [attached ?? diagnostic], isPreferred: false,
            command: { title, command: this.options.turnOffRuleCommand, arguments: [finding.code, params.textDocument.uri] },
          });
        }
      }
    }
    return [...actions, ...suppressions];
  }

  /**
   * How a suppression comment is written in a file: `#` in Python and YAML, `//` in JSONC (`.jsonc`, or a document
   * the editor treats as JSON with comments); a `.json` file is strict JSON, which the AWS CLI and IAM read and a
   * comment would break.
   */
  private commentSyntax(path: string, python: boolean): CommentSyntax | 'strict' {
    if (python || /\.ya?ml$/i.test(path)) return '#';
    if (/\.jsonc$/i.test(path) || this.openDoc(path)?.languageId === 'jsonc') return '//';
    return 'strict';
  }

  /** A template that is open: hover and completion work on its text as the editor has it. */
  private openTemplate(uri: string): TextDocument | undefined {
    const doc = this.documents.get(uri);
    return doc && isLintable(doc) && isTemplate(doc.getText()) ? doc : undefined;
  }

  private hover(params: TextDocumentPositionParams): Hover | null {
    const doc = this.openTemplate(params.textDocument.uri);
    if (!doc) return null;
    const found = templateHover(doc.getText(), doc.offsetAt(params.position), schemaFile);
    if (!found) return null;
    return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: rangeOf(doc, found.offset, found.length) };
  }

  private completion(params: TextDocumentPositionParams): CompletionItem[] {
    const doc = this.openTemplate(params.textDocument.uri);
    if (!doc) return [];
    return templateCompletions(doc.getText(), doc.offsetAt(params.position)).map((c) => ({
      label: c.label,
      kind: CompletionItemKind.Class,
      documentation: { kind: MarkupKind.Markdown, value: c.documentation },
      textEdit: { range: rangeOf(doc, c.offset, c.length), newText: c.label },
    }));
  }

  /**
   * The error findings of a group's files (what blocks a deploy), with the workspace's rule severities. The texts
   * are the ones given, else the open documents' texts, else the files on disk.
   */
  private async lintGroup(params: LintGroupParams, token: CancellationToken): Promise<Finding[] | null> {
    const manifest = params.manifestPath;
    let files = params.files;
    if (!files) {
      const { value: deps } = await this.withFiles((host) => dependentsOf(manifest, host));
      files = [];
      for (const p of [manifest, ...deps]) {
        const doc = this.openDoc(p);
        const text = doc ? doc.getText() : textOf(readTextFile(p));
        if (text !== undefined) files.push({ path: p, text });
      }
    }
    if (token.isCancellationRequested) return null;
    const settings = await this.settings(this.uriFor(manifest));
    if (token.isCancellationRequested) return null;
    // The group's files show their diagnostics too (with their rule links), so the editor can point at each error.
    for (const f of files) {
      if (!isFilePath(f.path)) continue;
      if (!this.workspaceFiles.has(f.path) || !this.results.has(f.path)) {
        this.workspaceFiles.add(f.path);
        this.schedule(f.path, 0);
      }
    }
    const config = isFilePath(manifest) ? this.configs.forFile(manifest) : undefined;
    return groupLintErrors(files, { severities: mergeSeverities(config?.rules, settings.rules) });
  }
}

/** Starts the server on a connection (node IPC, stdio or a socket: the caller chose). */
export function startServer(connection: Connection): GreengrassLanguageServer {
  const server = new GreengrassLanguageServer(connection);
  server.listen();
  return server;
}

const schemas = new Map<string, unknown>();
/** A definition schema of the installed package (schemas/ beside dist/), read once; undefined when unreadable. */
function schemaFile(name: string): unknown {
  if (!schemas.has(name)) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(join(__dirname, '..', 'schemas', name), 'utf8'));
    } catch {
      value = undefined;
    }
    schemas.set(name, value);
  }
  return schemas.get(name);
}

/** What the cache holds for a file that is gone or is not on disk. */
const GONE: TextFileResult = { problem: 'The file does not exist', reason: 'it does not exist', kind: 'missing' };

function textOf(r: TextFileResult | undefined): string | undefined {
  return r && 'text' in r ? r.text : undefined;
}
