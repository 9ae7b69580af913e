// The only place where the engine's offsets become VS Code positions: Finding → Diagnostic and Fix → WorkspaceEdit.
import * as vscode from 'vscode';
import { RULES } from '../core/lint';
import type { Finding, Fix, RuleMeta, Severity } from '../core/lint';
import { LineIndex as TextLineIndex } from '../core/model';

export const DIAGNOSTIC_SOURCE = 'greengrass-ml';

/** Anything that turns an offset into a position: an open TextDocument, or a LineIndex over a file read from disk. */
export interface PositionMapper {
  positionAt(offset: number): vscode.Position;
}

/** positionAt for text that is not open in an editor (same line-break rules as TextDocument: \n, \r\n, \r). */
export class LineIndex implements PositionMapper {
  private readonly index: TextLineIndex;
  constructor(text: string) {
    this.index = new TextLineIndex(text);
  }
  positionAt(offset: number): vscode.Position {
    const p = this.index.position(offset);
    return new vscode.Position(p.line, p.character);
  }
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const TAGS = { unnecessary: vscode.DiagnosticTag.Unnecessary, deprecated: vscode.DiagnosticTag.Deprecated } as const;

let rulesByCode: Map<string, RuleMeta> | undefined;
export function ruleFor(code: string): RuleMeta | undefined {
  rulesByCode ??= new Map(RULES.map((r) => [r.code, r]));
  return rulesByCode.get(code);
}

/** The engine's path ids ↔ URIs: absolute paths are files, anything with a scheme is a URI string. */
export function pathToUri(path: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(path) && !/^[a-z]:[\\/]/i.test(path) ? vscode.Uri.parse(path) : vscode.Uri.file(path);
}

export function uriToPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

export function rangeOf(mapper: PositionMapper, offset: number, length: number): vscode.Range {
  return new vscode.Range(mapper.positionAt(offset), mapper.positionAt(offset + Math.max(0, length)));
}

/**
 * Finding → Diagnostic. `mapperFor` gives position mappers for other files (related information); a related
 * location whose file cannot be mapped is left out.
 */
export function toDiagnostic(
  finding: Finding,
  mapper: PositionMapper,
  extensionUri: vscode.Uri,
  mapperFor: (path: string) => PositionMapper | undefined,
): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(mapper, finding.offset, finding.length), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  const rule = ruleFor(finding.code);
  diagnostic.code = rule ? { value: finding.code, target: vscode.Uri.joinPath(extensionUri, rule.docs) } : finding.code;
  if (finding.tags?.length) diagnostic.tags = finding.tags.map((t) => TAGS[t]);
  const related: vscode.DiagnosticRelatedInformation[] = [];
  for (const r of finding.related ?? []) {
    const m = r.path === finding.path ? mapper : mapperFor(r.path);
    if (m) related.push(new vscode.DiagnosticRelatedInformation(new vscode.Location(pathToUri(r.path), rangeOf(m, r.offset, r.length)), r.message));
  }
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}

/** Fix → WorkspaceEdit (edits to other files of the group too). Undefined when a target file cannot be mapped. */
export function toWorkspaceEdit(fix: Fix, mapperFor: (path: string) => PositionMapper | undefined): vscode.WorkspaceEdit | undefined {
  const edit = new vscode.WorkspaceEdit();
  for (const fileEdits of fix.edits) {
    const mapper = mapperFor(fileEdits.path);
    if (!mapper) return undefined;
    const uri = pathToUri(fileEdits.path);
    for (const e of fileEdits.edits) edit.replace(uri, rangeOf(mapper, e.offset, e.length), e.content);
  }
  return edit;
}
