// The only place where the engine's findings and fixes become LSP data: offsets become line/character positions,
// paths become URIs, rule codes get their documentation link. Plain JSON out; the client turns it into VS Code
// objects (vscode-languageclient), other editors use it as it is.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic, DiagnosticRelatedInformation, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../core/lint';
import { DIAGNOSTIC_SOURCE } from './protocol';
import { ruleDocsHref } from './ruleLinks';


const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const TAGS = { unnecessary: DiagnosticTag.Unnecessary, deprecated: DiagnosticTag.Deprecated } as const;

const SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const DRIVE = /^[a-z]:[\\/]/i;

/** The engine's path id of a document: a file path for file: URIs, the URI string for anything else (untitled:). */
export function pathOf(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}

/** Whether an engine path id is a file path (not the URI string of an untitled or virtual document). */
export function isFilePath(path: string): boolean {
  return !SCHEME.test(path) || DRIVE.test(path);
}

/** The URI of an engine path id (absolute paths are files, anything with a scheme is already a URI). */
export function uriOfPath(path: string): string {
  return isFilePath(path) ? pathToFileURL(path).href : path;
}

/** Something that turns an offset into a position: an open document, or the text of a file read from disk. */
export interface PositionMapper {
  positionAt(offset: number): { line: number; character: number };
}

/** A position mapper over text that is not open in the editor (the same line-break rules as an open document). */
export function mapperOfText(path: string, text: string): PositionMapper {
  return TextDocument.create(uriOfPath(path), 'json', 0, text);
}

export function rangeOf(mapper: PositionMapper, offset: number, length: number): Range {
  return { start: mapper.positionAt(offset), end: mapper.positionAt(offset + Math.max(0, length)) };
}

/**
 * Finding → Diagnostic. `mapperFor` gives position mappers for other files (related information); a related
 * location whose file cannot be mapped is left out.
 */
export function toDiagnostic(
  finding: Finding,
  mapper: PositionMapper,
  docsBase: string | undefined,
  mapperFor: (path: string) => PositionMapper | undefined,
  uriOf: (path: string) => string = uriOfPath,
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: rangeOf(mapper, finding.offset, finding.length),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    message: finding.message,
  };
  const href = ruleDocsHref(docsBase, finding.code);
  if (href) diagnostic.codeDescription = { href };
  if (finding.tags?.length) diagnostic.tags = finding.tags.map((t) => TAGS[t]);
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of finding.related ?? []) {
    const m = r.path === finding.path ? mapper : mapperFor(r.path);
    if (m) related.push({ location: { uri: uriOf(r.path), range: rangeOf(m, r.offset, r.length) }, message: r.message });
  }
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}

/**
 * Fix → WorkspaceEdit (edits to other files of the group too); undefined when a target file cannot be mapped.
 * With `versionOf`, the edit names the version of each open document it was computed for, so an editor refuses
 * it when the text has changed since (files that are not open get version null).
 */
export function toWorkspaceEdit(
  fix: Fix,
  mapperFor: (path: string) => PositionMapper | undefined,
  versionOf?: (path: string) => number | null,
  uriOf: (path: string) => string = uriOfPath,
): WorkspaceEdit | undefined {
  const perFile: { path: string; edits: TextEdit[] }[] = [];
  for (const fileEdits of fix.edits) {
    const mapper = mapperFor(fileEdits.path);
    if (!mapper) return undefined;
    perFile.push({ path: fileEdits.path, edits: fileEdits.edits.map((e) => ({ range: rangeOf(mapper, e.offset, e.length), newText: e.content })) });
  }
  if (versionOf) {
    const documentChanges: TextDocumentEdit[] = perFile.map((f) => ({ textDocument: { uri: uriOf(f.path), version: versionOf(f.path) }, edits: f.edits }));
    return { documentChanges };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const f of perFile) (changes[uriOf(f.path)] ??= []).push(...f.edits);
  return { changes };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Whether two ranges touch (a cursor at either end of a range counts). */
export function intersects(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** A quick fix as an LSP code action. */
export function toCodeAction(fix: Fix, edit: WorkspaceEdit, diagnostic: Diagnostic, isPreferred: boolean): CodeAction {
  return { title: fix.title, kind: 'quickfix', diagnostics: [diagnostic], isPreferred, edit };
}
