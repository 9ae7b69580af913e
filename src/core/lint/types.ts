// The linter's contract, shared by the engine (src/core/lint), the VS Code layer (src/language) and the CLI.
// Positions stay offsets into the document text; only src/language turns them into VS Code ranges.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

import type { DefinitionDocumentKind } from '../model/kinds';
import type { TextEdit } from '../model/text';

export type { TextEdit };

/** A quick fix: edits to one or more files (a cross-file fix edits another file of the group). */
export interface Fix {
  title: string;
  /** Keyed by the same path strings that identify SourceFiles. */
  edits: { path: string; edits: TextEdit[] }[];
  isPreferred?: boolean;
}

export interface RelatedLocation {
  path: string;
  offset: number;
  length: number;
  message: string;
}

export interface Finding {
  /** Stable rule code, e.g. "GGML-ML002"; see RuleMeta. */
  code: string;
  severity: Severity;
  /** What is wrong and how to fix it, the variable part last. */
  message: string;
  path: string;
  offset: number;
  length: number;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Rendered as "unnecessary"/"deprecated" by editors that support it. */
  tags?: ('unnecessary' | 'deprecated')[];
}

export type DocumentKind =
  | 'manifest'
  | DefinitionDocumentKind
  | 'iamPolicy'
  /** A CloudFormation or SAM template (YAML or JSON) holding Greengrass resources. */
  | 'template'
  | V2DocumentKind
  | 'unknown';

/**
 * Greengrass V2 documents: a component recipe (JSON or YAML), a CreateComponentVersion request and a CreateDeployment
 * request (JSON), as `greengrass-ml migrate` writes them and as users write them by hand.
 */
export type V2DocumentKind = 'componentRecipe' | 'componentRequest' | 'deploymentRequest';

export const V2_DOCUMENT_KINDS: readonly V2DocumentKind[] = ['componentRecipe', 'componentRequest', 'deploymentRequest'];

export function isV2Kind(kind: DocumentKind): kind is V2DocumentKind {
  return (V2_DOCUMENT_KINDS as readonly string[]).includes(kind);
}

export interface SourceFile {
  /** An absolute path or a URI string; the engine treats it as an opaque id and joins manifest-relative names to it. */
  path: string;
  text: string;
}

/** Per-rule configuration: a rule code mapped to a severity or "off". */
export type RuleSeverities = Readonly<Record<string, Severity | 'off'>>;

export interface RuleMeta {
  code: string;
  /** Short kebab-case name, e.g. "s3-archive-extension". */
  name: string;
  defaultSeverity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** Which document kinds it applies to. */
  kinds: DocumentKind[];
  /** Repo-relative documentation page, e.g. "docs/rules/GGML-ML002.md". */
  docs: string;
}
