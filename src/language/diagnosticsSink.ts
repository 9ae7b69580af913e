// The one place where the extension itself turns findings and deploy errors into VS Code diagnostics (the language
// server publishes the linter's own): each rule code carries its documentation link, as the server's do. Its
// collection is cleared for a file when the file is edited, and for a group folder before the next deploy.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/lint/types';
import { DIAGNOSTIC_SOURCE } from '../server/protocol';
import { ruleDocsHref } from '../server/ruleLinks';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const TAGS = { unnecessary: vscode.DiagnosticTag.Unnecessary, deprecated: vscode.DiagnosticTag.Deprecated } as const;

/** A problem at a place in a file that no rule names (a deployment's error detail): code and message as they are. */
export interface LocatedProblem {
  path: string;
  offset: number;
  length: number;
  message: string;
  code: string;
}

export class DiagnosticsSink implements vscode.Disposable {
  private created: { collection: vscode.DiagnosticCollection; onEdit: vscode.Disposable } | undefined;

  /** `docsBase`: the folder that holds docs/rules/ (the extension's folder), as the language server is told. */
  constructor(private readonly docsBase: vscode.Uri) {}

  /** The collection and its edit listener, made when a command first has something to show (not at activation). */
  private get collection(): vscode.DiagnosticCollection {
    if (!this.created) {
      const collection = vscode.languages.createDiagnosticCollection('greengrass-ml-deploy');
      const onEdit = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && collection.has(e.document.uri)) collection.delete(e.document.uri);
      });
      this.created = { collection, onEdit };
    }
    return this.created.collection;
  }

  /** Shows findings the editor does not show yet (the language server's own diagnostics of open files are left as they are). */
  async showFindings(findings: readonly Finding[]): Promise<void> {
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
    for (const [file, list] of byFile) {
      const uri = vscode.Uri.file(file);
      const doc = await vscode.workspace.openTextDocument(uri);
      const shown = new Set(vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE)
        .map((d) => `${String(typeof d.code === 'object' ? d.code.value : d.code)}@${doc.offsetAt(d.range.start)}`));
      const missing = list.filter((f) => !shown.has(`${f.code}@${f.offset}`));
      if (!missing.length) continue;
      this.collection.set(uri, missing.map((f) => {
        const d = this.diagnostic(doc, f.offset, f.length, f.message, SEVERITY[f.severity], f.code);
        if (f.tags?.length) d.tags = f.tags.map((t) => TAGS[t]);
        return d;
      }));
    }
  }

  /** Shows errors on the places they name; returns how many were shown. */
  async showProblems(problems: readonly LocatedProblem[]): Promise<number> {
    const perFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(p.path));
      perFile.set(p.path, [...(perFile.get(p.path) ?? []), this.diagnostic(doc, p.offset, p.length, p.message, vscode.DiagnosticSeverity.Error, p.code)]);
    }
    for (const [file, list] of perFile) this.collection.set(vscode.Uri.file(file), list);
    return problems.length;
  }

  /** Forgets what was shown for the files of a folder (a group folder, before its next deploy). */
  clearFolder(dir: string): void {
    const collection = this.created?.collection;
    collection?.forEach((uri) => {
      if (!path.relative(dir, uri.fsPath).startsWith('..')) collection.delete(uri);
    });
  }

  dispose(): void {
    this.created?.onEdit.dispose();
    this.created?.collection.dispose();
    this.created = undefined;
  }

  private diagnostic(doc: vscode.TextDocument, offset: number, length: number, message: string, severity: vscode.DiagnosticSeverity, code: string): vscode.Diagnostic {
    const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + Math.max(0, length))), message, severity);
    d.source = DIAGNOSTIC_SOURCE;
    const href = ruleDocsHref(this.docsBase.toString(), code);
    d.code = href ? { value: code, target: vscode.Uri.parse(href) } : code;
    return d;
  }
}
