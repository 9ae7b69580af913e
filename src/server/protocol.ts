// What the Greengrass ML language server and its clients agree on beyond standard LSP: the settings section,
// the initialization options and the few custom messages. No `vscode` here: the VS Code client, the server and
// the CLI all import it.

/** The settings section the server asks for with workspace/configuration (per document: `scopeUri`). */
export const SETTINGS_SECTION = 'greengrassMl.lint';

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'greengrass-ml';

/**
 * The scheme of the read-only documents the extension opens from the cloud (a component version's recipe): the
 * server lints them like workspace files, alone (no partner file is read for them). Other virtual documents (git:,
 * other extensions' schemes) are never linted.
 */
export const READ_ONLY_DOCUMENT_SCHEME = 'greengrass-ml-v2';

/** What a client may pass as `initializationOptions` (all optional). */
export interface InitializationOptions {
  /**
   * Base URI of the folder that holds `docs/rules/` (the extension's or the package's folder); each diagnostic's
   * `codeDescription.href` points at `<base>/docs/rules/<code>.md`. Default: the installed package's folder.
   */
  docsBaseUri?: string;
  /** Lint the workspace's Greengrass files at start, without opening them (default true). */
  scanWorkspace?: boolean;
  /**
   * Glob patterns, relative to a workspace folder (`**` any folders, `*` within a name, `{a,b}`), of folders and
   * files the workspace scan skips; such files are linted only while they are open (default none).
   */
  scanExclude?: string[];
  /** Send `greengrassMl/linted` after each publish (the VS Code client uses it for tests and deploy). */
  lintedNotifications?: boolean;
  /**
   * A command of the client that turns a rule off in the workspace settings (arguments: the rule code and the
   * document URI). With it, a diagnostic in a strict `.json` file, which cannot hold a suppression comment, gets
   * that quick fix instead.
   */
  turnOffRuleCommand?: string;
  /**
   * The translation of the server's texts (diagnostic messages, quick-fix titles): a bundle in the format of
   * `l10n/bundle.l10n.<locale>.json`, English text → translated text. Without it, the texts are English.
   */
  l10nBundle?: Record<string, string>;
}

/** Server → client after diagnostics of a document were published: which version of its text they describe. */
export const LINTED_NOTIFICATION = 'greengrassMl/linted';
export interface LintedParams {
  uri: string;
  /** The document version linted; null for a file read from disk. */
  version: number | null;
}

/** Client → server: resolves (with null) once no lint is scheduled or running. */
export const WHEN_IDLE_REQUEST = 'greengrassMl/whenIdle';

/** Client → server: lint every file of a group (its manifest and the files it names) and return the findings. */
export const LINT_GROUP_REQUEST = 'greengrassMl/lintGroup';
export interface LintGroupParams {
  /** The group's greengrass-ml.json, as a file path. */
  manifestPath: string;
  /** The texts to lint instead of what is open or on disk (for example what a deploy is about to send). */
  files?: { path: string; text: string }[];
}

/** Client → server: the server's process id and memory, and how many files it holds diagnostics for. */
export const STATS_REQUEST = 'greengrassMl/stats';
export interface ServerStats {
  pid: number;
  rss: number;
  heapUsed: number;
  files: number;
}
