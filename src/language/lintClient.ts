// The thin client of the Greengrass ML language server (src/server): every lint runs in the server's process,
// never on the extension host. The server starts lazily: once a Greengrass document is open or the workspace has
// Greengrass files. Diagnostics, their documentation links and the quick fixes come through vscode-languageclient.
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { kindFromName } from '../core/lint/fileKind';
import type { Finding, SourceFile } from '../core/lint/types';
import { MANIFEST_FILE_NAME } from '../core/manifest';
import { isTemplate, TEMPLATE_FILE_NAMES, TEMPLATE_SEARCH_DEPTH } from '../core/template/recognize';
import { maybeYamlRecipe, v2Hint } from '../core/v2/recognize';
import type { FeatureContext } from '../featureContext';
import { DIAGNOSTIC_SOURCE, LINT_GROUP_REQUEST, READ_ONLY_DOCUMENT_SCHEME, LINTED_NOTIFICATION, STATS_REQUEST, WHEN_IDLE_REQUEST } from '../server/protocol';
import type { InitializationOptions, LintGroupParams, LintedParams, ServerStats } from '../server/protocol';

/** The documents the server is told about; it decides by name and content which of them are Greengrass files. */
export const LINT_SELECTOR = [
  { language: 'json', scheme: 'file' },
  { language: 'json', scheme: 'untitled' },
  { language: 'jsonc', scheme: 'file' },
  { language: 'jsonc', scheme: 'untitled' },
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
  { language: 'python', scheme: 'file' },
  // A deployed component version's recipe, opened read-only from the Greengrass V2 view (JSON).
  { language: 'json', scheme: READ_ONLY_DOCUMENT_SCHEME },
];

/** File names that say "Greengrass" (the same conventions as the server's workspace scan). */
export const CONVENTION_GLOB = '**/{greengrass-ml.json,resource-definition.json,*.resource-definition.json,function-definition.json,*.function-definition.json,core-definition.json,*.core-definition.json,subscription-definition.json,*.subscription-definition.json,device-definition.json,*.device-definition.json,service-role-policy.json,*.policy.json}';
export const SCAN_EXCLUDE = '{**/node_modules/**,**/.*/**}';
/** The quick fix for a diagnostic in a strict `.json` file, which cannot hold a suppression comment. */
export const TURN_OFF_RULE_COMMAND = 'greengrassMl.lint.turnOffRule';
/** A JSON document whose first characters hold one of these keys may be a Greengrass document (the server decides). */
const CONTENT_HINT = /"(Resources|Functions|Cores|Subscriptions|Devices|Statement)"\s*:/;
const HINT_CHARS = 64 * 1024;
/** How many folders up a Python file may be from its group's greengrass-ml.json. */
const HANDLER_DEPTH = 6;

/** The workspace scan settings, as the server takes them. */
function scanSettings(): { scanWorkspace: boolean; scanExclude: string[] } {
  const config = vscode.workspace.getConfiguration('greengrassMl.lint');
  const exclude = config.get<unknown>('exclude');
  return {
    scanWorkspace: config.get<boolean>('scanWorkspace') !== false,
    scanExclude: Array.isArray(exclude) ? exclude.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [],
  };
}

/**
 * Whether an open document may be a Greengrass document, from its name and the head of its text only (never a
 * parse): JSON with a Greengrass file name or key, or a CloudFormation/SAM template in YAML or JSON.
 */
export function isGreengrassDocument(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== READ_ONLY_DOCUMENT_SCHEME) return false;
  // CloudFormation/SAM templates, and Greengrass V2 recipes (JSON or YAML), component requests and deployments.
  if (doc.languageId === 'yaml') {
    const head = headOf(doc);
    return isTemplate(head) || maybeYamlRecipe(head);
  }
  if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') return false;
  if (kindFromName(doc.uri.path) !== undefined) return true;
  const head = headOf(doc);
  return CONTENT_HINT.test(head) || isTemplate(head) || v2Hint(head) !== undefined;
}

function headOf(doc: vscode.TextDocument): string {
  return doc.getText(new vscode.Range(0, 0, 2000, 0)).slice(0, HINT_CHARS);
}

/** The files up the tree that make a Python file a handler: a group manifest, or a template that may deploy it. */
const HANDLER_CONFIG_FILES = [MANIFEST_FILE_NAME, ...TEMPLATE_FILE_NAMES];

async function isHandlerInGroup(doc: vscode.TextDocument): Promise<boolean> {
  if (doc.uri.scheme !== 'file' || doc.languageId !== 'python') return false;
  let dir = vscode.Uri.joinPath(doc.uri, '..');
  for (let i = 0; i < HANDLER_DEPTH; i++) {
    for (const name of HANDLER_CONFIG_FILES) {
      if (i >= TEMPLATE_SEARCH_DEPTH && name !== MANIFEST_FILE_NAME) continue;
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, name));
        return true;
      } catch {
        // not here
      }
    }
    const parent = vscode.Uri.joinPath(dir, '..');
    if (parent.path === dir.path) return false;
    dir = parent;
  }
  return false;
}

/** What the integration tests and the deploy command read from the linter. */
export class LintClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private readonly linted = new Map<string, number | undefined>();
  private readonly triggers: vscode.Disposable[] = [];
  private readonly firstStart: (() => void)[] = [];
  private disposed = false;
  /** Set while the client restarts with new workspace scan settings: requests wait for it. */
  private restarting: Promise<void> | undefined;
  private restartAgain = false;

  constructor(private readonly feature: FeatureContext) {}

  /**
   * Starts the server as soon as a Greengrass document is open or found in the workspace. The open documents are
   * looked at, and the workspace searched, after activation returns: activation itself touches no document.
   */
  watch(): void {
    const timer = setTimeout(() => {
      if (this.disposed || this.starting) return;
      if (vscode.workspace.textDocuments.some(isGreengrassDocument)) {
        void this.start();
        return;
      }
      this.triggers.push(vscode.workspace.onDidOpenTextDocument((doc) => {
        if (this.starting) return;
        if (isGreengrassDocument(doc)) void this.start();
        else void isHandlerInGroup(doc).then((yes) => (yes ? this.start() : undefined));
      }));
      for (const doc of vscode.workspace.textDocuments) void isHandlerInGroup(doc).then((yes) => (yes ? this.start() : undefined));
      void this.lookForWorkspaceFiles();
    }, 0);
    this.triggers.push({ dispose: () => clearTimeout(timer) });
  }

  /**
   * Runs `callback` once, when the server is first asked to start (a Greengrass document is open or the workspace
   * has Greengrass files): what only Greengrass documents need is set up then, not at activation.
   */
  onFirstStart(callback: () => void): void {
    if (this.starting) callback();
    else this.firstStart.push(callback);
  }

  private async lookForWorkspaceFiles(): Promise<void> {
    if (!vscode.workspace.workspaceFolders?.length || this.starting || this.disposed) return;
    const { scanWorkspace, scanExclude } = scanSettings();
    // Without the scan, the server starts when a Greengrass file is opened.
    if (!scanWorkspace) return;
    try {
      const exclude = scanExclude.length ? `{${[SCAN_EXCLUDE.slice(1, -1), ...scanExclude].join(',')}}` : SCAN_EXCLUDE;
      const found = await vscode.workspace.findFiles(CONVENTION_GLOB, exclude, 1);
      if (found.length) await this.start();
    } catch (error) {
      this.feature.log.warn(`Cannot search the workspace for Greengrass files; open one to start the linter: ${String(error)}`);
    }
  }

  /** Whether the server has been started (it then lints and watches the workspace's Greengrass files). */
  get started(): boolean {
    return this.starting !== undefined;
  }

  /** Starts the server once (later calls wait for the same start); undefined when it could not start. */
  start(): Promise<LanguageClient | undefined> {
    if (!this.starting) {
      this.starting = this.startClient();
      for (const callback of this.firstStart.splice(0)) callback();
    }
    return this.starting;
  }

  private async startClient(): Promise<LanguageClient | undefined> {
    if (this.disposed) return undefined;
    for (const t of this.triggers.splice(0)) t.dispose();
    // Loaded here, not at activation: a workspace without Greengrass files never evaluates the client library.
    const { LanguageClient, RevealOutputChannelOn, TransportKind } = await import('vscode-languageclient/node');
    const module = this.feature.extension.asAbsolutePath('dist/server.js');
    const run = { module, transport: TransportKind.ipc };
    const serverOptions: ServerOptions = { run, debug: run };
    // A function: the scan settings are read again when the client restarts after they change.
    const initializationOptions = (): InitializationOptions => ({
      docsBaseUri: this.feature.extension.extensionUri.toString(),
      ...scanSettings(),
      lintedNotifications: true,
      turnOffRuleCommand: TURN_OFF_RULE_COMMAND,
      ...(vscode.l10n.bundle ? { l10nBundle: vscode.l10n.bundle as Record<string, string> } : {}),
    });
    const clientOptions: LanguageClientOptions = {
      documentSelector: LINT_SELECTOR,
      diagnosticCollectionName: DIAGNOSTIC_SOURCE,
      outputChannel: this.feature.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions,
    };
    const client = new LanguageClient('greengrassMl', 'Greengrass ML Linter', serverOptions, clientOptions);
    client.onNotification(LINTED_NOTIFICATION, (p: LintedParams) => {
      const key = vscode.Uri.parse(p.uri).toString();
      if (p.version === null && !this.linted.has(key)) return;
      this.linted.set(key, p.version ?? undefined);
    });
    const started = performance.now();
    try {
      await client.start();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.feature.log.error(`The Greengrass ML linter could not start, so Greengrass files show no diagnostics: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Greengrass ML could not start its linter; see the Greengrass ML log: {0}', message));
      return undefined;
    }
    if (this.disposed) {
      await client.stop().catch(() => undefined);
      return undefined;
    }
    this.client = client;
    this.feature.extension.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (this.disposed || this.client !== client) return;
      if (!e.affectsConfiguration('greengrassMl.lint.scanWorkspace') && !e.affectsConfiguration('greengrassMl.lint.exclude')) return;
      this.feature.log.info('The workspace scan settings changed: restarting the Greengrass ML linter');
      this.restartWithNewSettings(client);
    }));
    this.feature.log.info(`Greengrass ML linter started in ${(performance.now() - started).toFixed(0)} ms`);
    return client;
  }

  /** Restarts the client (it reads the settings again); a change during a restart restarts it once more after. */
  private restartWithNewSettings(client: LanguageClient): void {
    this.restartAgain = true;
    if (this.restarting) return;
    const run = async (): Promise<void> => {
      while (this.restartAgain && !this.disposed) {
        this.restartAgain = false;
        this.linted.clear();
        await client.restart().catch((error: unknown) => this.feature.log.error(`The Greengrass ML linter could not restart: ${String(error)}`));
      }
    };
    this.restarting = run().finally(() => {
      this.restarting = undefined;
    });
  }

  /** The version of a document the last published diagnostics describe (undefined: its text on disk). */
  resultFor(uri: vscode.Uri): { version: number | undefined } | undefined {
    const key = uri.toString();
    return this.linted.has(key) ? { version: this.linted.get(key) } : undefined;
  }

  /** Resolves when the server has no lint scheduled or running (for tests and commands that want settled diagnostics). */
  async whenIdle(): Promise<void> {
    const client = this.client ?? (this.starting ? await this.starting : undefined);
    if (!client) return;
    await this.restarting;
    await client.sendRequest(WHEN_IDLE_REQUEST);
  }

  /**
   * The error findings of a group's files, linted in the server with the workspace's rule severities (what blocks
   * a deploy). `files` are the texts to check; without them the server reads open documents, then the disk.
   */
  async lintGroup(manifestPath: string, files?: readonly { path: string; text: string }[], token?: vscode.CancellationToken): Promise<Finding[]> {
    const client = await this.start();
    if (!client) throw new Error(vscode.l10n.t('The Greengrass ML linter is not running; see the Greengrass ML log'));
    await this.restarting;
    const params: LintGroupParams = { manifestPath, ...(files ? { files: [...files] } : {}) };
    return (await client.sendRequest<Finding[] | null>(LINT_GROUP_REQUEST, params, token)) ?? [];
  }

  /** The server process's memory and how many files it holds diagnostics for (for the benchmark); undefined when not running. */
  async stats(): Promise<ServerStats | undefined> {
    const client = this.client ?? (this.starting ? await this.starting : undefined);
    await this.restarting;
    return client ? client.sendRequest<ServerStats>(STATS_REQUEST) : undefined;
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.triggers.splice(0)) t.dispose();
    const client = this.client;
    this.client = undefined;
    if (client) void client.stop().catch(() => undefined);
  }
}

/**
 * The lint gate of a deploy (the `lint` option of the AWS layer's deploy calls): the language server lints the
 * group's files with the workspace's rule severities (without it, as in the CLI, the AWS layer lints in-process).
 */
export function lintGateOf(linter: LintClient, manifestPath: string, token?: vscode.CancellationToken): { lint: (files: SourceFile[]) => Promise<Finding[]> } {
  return { lint: (files) => linter.lintGroup(manifestPath, files, token) };
}

export function registerLinter(feature: FeatureContext): LintClient {
  const linter = new LintClient(feature);
  feature.extension.subscriptions.push(linter);
  linter.watch();
  return linter;
}
