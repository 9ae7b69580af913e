// The lint engine's entry points. (Skeleton: the rules arrive with the engine.)
import type { DocumentKind, Finding, RuleMeta, RuleSeverities, SourceFile } from './types';

export * from './types';

/** How the engine reaches the other files of a group (cross-file rules). Paths are the engine's opaque ids. */
export interface LintHost {
  /** The text of another file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
}

export interface LintOptions {
  severities?: RuleSeverities;
}

export const RULES: readonly RuleMeta[] = [];

export function detectKind(_path: string, _text: string): DocumentKind {
  return 'unknown';
}

/** Lints one document; other files of its group are read through the host. */
export function lintDocument(_file: SourceFile, _host: LintHost, _options: LintOptions = {}): Finding[] {
  return [];
}

/** The files whose findings may change when `path` changes (the other files of its group), for re-linting. */
export function dependentsOf(_path: string, _host: LintHost): string[] {
  return [];
}
