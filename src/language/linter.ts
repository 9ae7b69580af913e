// The diagnostics lifecycle: which documents are linted, when (debounced, stale runs dropped), with which
// settings, and how other files of a group are read (open editors first, then the workspace file system).
import * as vscode from 'vscode';
import { decodeBytes, dependentsOf, detectKind, lintDocument } from '../core/lint';
import type { Finding, LintHost, RuleSeverities, Severity } from '../core/lint';
import { DIAGNOSTIC_SOURCE, LineIndex, pathToUri, toDiagnostic, uriToPath } from './convert';
import type { PositionMapper } from './convert';

const DEBOUNCE_MS = 250;
/** File names the workspace scan looks for at activation (content detection covers the rest when opened). */
export const CONVENTION_GLOB = '**/{greengrass-ml.json,resource-definition.json,*.resource-definition.json,function-definition.json,*.function-definition.json,core-definition.json,*.core-definition.json,subscription-definition.json,*.subscription-definition.json,device-definition.json,*.device-definition.json,service-role-policy.json,*.policy.json}';
const CONVENTION_NAME = /^(greengrass-ml\.json|(.+\.)?((resource|function|core|subscription|device)-definition|service-role-policy)\.json|.+\.policy\.json)$/i;
export const SCAN_EXCLUDE = '{**/node_modules/**,**/.*/**}';
const SCAN_LIMIT = 5000;
const LEVELS: readonly (Severity | 'off')[] = ['error', 'warning', 'info', 'hint', 'off'];

/** The result of the last lint of one file: what code actions work from. */
export interface LintResult {
  uri: vscode.Uri;
  /** The document version linted, or undefined for text read from disk. */
  version: number | undefined;
  findings: { finding: Finding; diagnostic: vscode.Diagnostic }[];
  /** The text of every file the run read (the document itself and the group files), for mapping fix edits. */
  texts: Map<string, string>;
}

function decode(bytes: Uint8Array): string | undefined {
  const d = decodeBytes(bytes);
  if (!('text' in d)) return undefined;
  return d.text.charCodeAt(0) === 0xfeff ? d.text.slice(1) : d.text;
}

function isLintable(document: vscode.TextDocument): boolean {
  return (document.languageId === 'json' || document.languageId === 'jsonc') && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}

export class Linter implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly results = new Map<string, LintResult>();
  /** Files found by the workspace scan or linted from disk: re-linted from disk when they change or close. */
  private readonly workspaceFiles = new Set<string>();
  private readonly disk = new Map<string, string | undefined>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generation = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private disposed = false;
  private watching = false;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  start(): void {
    const d = this.disposables;
    // Output channels, git views and other languages are never linted (a language change closes and reopens).
    d.push(vscode.workspace.onDidOpenTextDocument((doc) => (isLintable(doc) ? this.schedule(doc.uri, 0) : this.forget(doc.uri))));
    d.push(vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && isLintable(e.document)) this.schedule(e.document.uri, DEBOUNCE_MS, true);
    }));
    d.push(vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)));
    d.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('greengrassMl.lint')) this.relintAll();
    }));
    for (const doc of vscode.workspace.textDocuments) if (isLintable(doc)) this.schedule(doc.uri, 0);
    // The workspace scan runs after activation returns and yields between files, so it never blocks startup.
    setTimeout(() => void this.scanWorkspace(), 0);
  }

  /**
   * Follows changes on disk once the workspace turns out to hold Greengrass files (found by the scan or linted):
   * a window that only edits other JSON never pays for a file watcher.
   */
  private watchWorkspace(): void {
    if (this.watching || this.disposed) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{json,jsonc}');
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => this.diskChanged(uri)),
      watcher.onDidCreate((uri) => this.diskChanged(uri)),
      watcher.onDidDelete((uri) => this.deleted(uri)),
    );
  }

  /** Whether the linter follows file changes on disk (for the tests of lazy activation). */
  get isWatching(): boolean {
    return this.watching;
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** The last lint of a document, for code actions. */
  resultFor(uri: vscode.Uri): LintResult | undefined {
    return this.results.get(uri.toString());
  }

  /** Resolves when no lint is scheduled or running (for tests and commands that want settled diagnostics). */
  whenIdle(): Promise<void> {
    if (this.timers.size === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Lints a file now (open document or file on disk) and waits for its diagnostics. */
  async lintNow(uri: vscode.Uri): Promise<void> {
    this.workspaceFiles.add(uri.toString());
    await this.run(uri, this.bump(uri));
  }

  private bump(uri: vscode.Uri): number {
    const key = uri.toString();
    const g = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, g);
    return g;
  }

  /** Debounced lint of one file; with `dependents`, the other files of its group are linted after it. */
  private schedule(uri: vscode.Uri, delay: number, dependents = false): void {
    if (this.disposed) return;
    const key = uri.toString();
    const g = this.bump(uri);
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.run(uri, g, dependents);
    }, delay));
  }

  private settle(): void {
    if (this.timers.size === 0 && this.running === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  private enabled(uri: vscode.Uri): boolean {
    return vscode.workspace.getConfiguration('greengrassMl.lint', uri).get<boolean>('enable', true) !== false;
  }

  private severities(uri: vscode.Uri): RuleSeverities {
    const raw = vscode.workspace.getConfiguration('greengrassMl.lint', uri).get<Record<string, unknown>>('rules', {});
    const out: Record<string, Severity | 'off'> = {};
    for (const [code, level] of Object.entries(raw ?? {})) {
      if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) out[code] = level as Severity | 'off';
    }
    return out;
  }

  /** A host over open documents and the file-system cache that records what it could not answer yet. */
  private host(texts: Map<string, string>, missing: Set<string>): LintHost {
    return {
      readFile: (path: string) => {
        const uri = pathToUri(path);
        const doc = this.openDocument(uri);
        let text: string | undefined;
        if (doc) text = doc.getText();
        else if (this.disk.has(uri.toString())) text = this.disk.get(uri.toString());
        else {
          missing.add(path);
          return undefined;
        }
        if (text !== undefined) texts.set(path, text);
        return text;
      },
    };
  }

  private async readDisk(path: string): Promise<void> {
    const uri = pathToUri(path);
    if (uri.scheme !== 'file') {
      this.disk.set(uri.toString(), undefined);
      return;
    }
    try {
      this.disk.set(uri.toString(), decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      this.disk.set(uri.toString(), undefined);
    }
  }

  /**
   * Runs `work` against the host until it needs no file that is not loaded yet: the engine reads synchronously,
   * so files it asked for are read asynchronously and the work runs again (a group has a handful of files).
   */
  private async withFiles<T>(work: (host: LintHost, texts: Map<string, string>) => T): Promise<{ value: T; texts: Map<string, string> }> {
    for (let round = 0; ; round++) {
      const missing = new Set<string>();
      const texts = new Map<string, string>();
      const value = work(this.host(texts, missing), texts);
      if (missing.size === 0 || round >= 4) return { value, texts };
      await Promise.all([...missing].map((p) => this.readDisk(p)));
    }
  }

  private async run(uri: vscode.Uri, generation: number, dependents = false): Promise<void> {
    this.running++;
    try {
      await this.lintOnce(uri, generation);
      if (dependents && !this.disposed) await this.relintDependents(uri);
    } catch (error) {
      this.log.error(`Linting failed; the diagnostics of this file may be out of date: ${uri.toString(true)}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    } finally {
      this.running--;
      this.settle();
    }
  }

  private async lintOnce(uri: vscode.Uri, generation: number): Promise<void> {
    const key = uri.toString();
    const stale = () => this.disposed || this.generation.get(key) !== generation;
    const path = uriToPath(uri);
    let doc = this.openDocument(uri);
    if (doc && !isLintable(doc)) return this.forget(uri);
    if (!doc && !this.workspaceFiles.has(key)) return this.forget(uri);
    if (!this.enabled(uri)) return this.forget(uri);
    if (!doc) await this.readDisk(path);
    if (stale()) return;
    doc = this.openDocument(uri);
    const version = doc?.version;
    const text = doc ? doc.getText() : this.disk.get(key);
    if (text === undefined || detectKind(path, text) === 'unknown') return this.forget(uri);
    this.watchWorkspace();
    const options = { severities: this.severities(uri) };
    const { value: findings, texts } = await this.withFiles((host) => lintDocument({ path, text }, host, options));
    if (stale() || (doc && this.openDocument(uri)?.version !== version)) return;
    texts.set(path, text);
    const self: PositionMapper = doc ?? new LineIndex(text);
    const mappers = new Map<string, PositionMapper>();
    const mapperFor = (p: string): PositionMapper | undefined => {
      const t = texts.get(p);
      if (t === undefined) return undefined;
      let m = mappers.get(p);
      if (!m) mappers.set(p, (m = new LineIndex(t)));
      return m;
    };
    const own = findings.filter((f) => f.path === path);
    const entries = own.map((finding) => ({ finding, diagnostic: toDiagnostic(finding, self, this.extensionUri, mapperFor) }));
    this.results.set(key, { uri, version, findings: entries, texts });
    this.diagnostics.set(uri, entries.map((e) => e.diagnostic));
  }

  private forget(uri: vscode.Uri): void {
    this.results.delete(uri.toString());
    this.diagnostics.delete(uri);
  }

  /** After a file's text changed: the other files of its group that are linted now are linted again. */
  private async relintDependents(uri: vscode.Uri): Promise<void> {
    const { value: dependents } = await this.withFiles((host) => dependentsOf(uriToPath(uri), host));
    for (const p of dependents) {
      const dep = pathToUri(p);
      const key = dep.toString();
      if (key === uri.toString()) continue;
      if (this.openDocument(dep) || this.workspaceFiles.has(key) || this.results.has(key)) {
        this.workspaceFiles.add(key);
        this.schedule(dep, DEBOUNCE_MS);
      }
    }
  }


  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    // A workspace file keeps the diagnostics of its saved text; anything else (untitled, files outside the scan) is cleared.
    if (doc.uri.scheme === 'file' && this.workspaceFiles.has(key)) {
      this.disk.delete(key);
      this.schedule(doc.uri, 0, true);
    } else {
      this.bump(doc.uri);
      this.forget(doc.uri);
      this.scheduleDependentsOnly(doc.uri);
    }
  }

  private scheduleDependentsOnly(uri: vscode.Uri): void {
    this.running++;
    void this.relintDependents(uri)
      .catch((error: unknown) => this.log.warn(`Cannot find the files that depend on a changed file: ${uri.toString(true)}: ${String(error)}`))
      .finally(() => {
        this.running--;
        this.settle();
      });
  }

  private diskChanged(uri: vscode.Uri): void {
    const key = uri.toString();
    this.disk.delete(key);
    if (this.openDocument(uri)) {
      // The editor's text wins; only the files that read this one from disk may change.
      this.scheduleDependentsOnly(uri);
      return;
    }
    if (!this.workspaceFiles.has(key) && !CONVENTION_NAME.test(uri.path.slice(uri.path.lastIndexOf('/') + 1))) {
      // A file outside the conventions: linted only if it belongs to a group we lint (dependents decide).
      this.scheduleDependentsOnly(uri);
      return;
    }
    this.workspaceFiles.add(key);
    this.schedule(uri, DEBOUNCE_MS, true);
  }

  private deleted(uri: vscode.Uri): void {
    const key = uri.toString();
    this.disk.set(key, undefined);
    this.workspaceFiles.delete(key);
    this.bump(uri);
    this.forget(uri);
    this.scheduleDependentsOnly(uri);
  }

  private relintAll(): void {
    const keys = new Set<string>([...this.results.keys(), ...this.workspaceFiles]);
    for (const doc of vscode.workspace.textDocuments) keys.add(doc.uri.toString());
    for (const key of keys) this.schedule(vscode.Uri.parse(key), 0);
  }

  private async scanWorkspace(): Promise<void> {
    if (!vscode.workspace.workspaceFolders?.length) return;
    let uris: vscode.Uri[];
    try {
      uris = await vscode.workspace.findFiles(CONVENTION_GLOB, SCAN_EXCLUDE, SCAN_LIMIT);
    } catch (error) {
      this.log.warn(`Cannot search the workspace for Greengrass files; open them to lint them: ${String(error)}`);
      return;
    }
    if (uris.length === 0) return;
    this.watchWorkspace();
    this.log.info(`Linting ${uris.length} Greengrass file(s) of the workspace`);
    for (const uri of uris) {
      if (this.disposed) return;
      const key = uri.toString();
      this.workspaceFiles.add(key);
      if (!this.results.has(key)) this.schedule(uri, 0);
      // Files a manifest names under other names (e.g. models/my-resources.json) belong to the scan too.
      if (uri.path.endsWith('/greengrass-ml.json')) {
        const { value: deps } = await this.withFiles((host) => dependentsOf(uriToPath(uri), host));
        for (const p of deps) {
          const dep = pathToUri(p);
          if (!this.workspaceFiles.has(dep.toString())) {
            this.workspaceFiles.add(dep.toString());
            this.schedule(dep, 0);
          }
        }
      }
      await new Promise((r) => setTimeout(r, 0));
    }
  }
}
