// Diagnostics and quick fixes for Python inference handlers inside group folders (GGML-PY001…PY004).
// The checks live in src/core/python; this file feeds them documents and turns findings into diagnostics.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { FeatureContext } from '../featureContext';
import { checkPythonHandler, PYTHON_RULES } from '../core/python';
import type { Finding, Severity } from '../core/lint/types';
import { DIAGNOSTIC_SOURCE, LineIndex, rangeOf, toWorkspaceEdit, uriToPath, type PositionMapper } from './convert';

const DEBOUNCE_MS = 300;
const SELECTOR: vscode.DocumentSelector = [{ language: 'python', scheme: 'file' }];

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function openDocument(path: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => uriToPath(d.uri) === path || d.uri.toString() === path);
}

/** Other files of the group: open documents first (unsaved edits count), then the disk. */
const host = {
  readFile(path: string): string | undefined {
    const doc = openDocument(path);
    if (doc) return doc.getText();
    if (/^[a-z][a-z0-9+.-]+:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

function mapperFor(path: string): PositionMapper | undefined {
  const doc = openDocument(path);
  if (doc) return doc;
  const text = host.readFile(path);
  return text === undefined ? undefined : new LineIndex(text);
}

function isHandler(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && (doc.languageId === 'python' || doc.uri.path.endsWith('.py'));
}

export class PythonDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  readonly collection = vscode.languages.createDiagnosticCollection('greengrass-ml-python');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  start(): void {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isHandler(e.document)) this.schedule(e.document, DEBOUNCE_MS);
        else if (/\.jsonc?$/i.test(e.document.uri.path)) this.recheckAll();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (/\.jsonc?$/i.test(d.uri.path)) this.recheckAll(); }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cancel(d.uri);
        this.collection.delete(d.uri);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('greengrassMl.lint')) this.recheckAll(); }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.recheckAll()),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** Group files changed: re-check the open handlers (debounced together). */
  private recheckAll(): void {
    for (const d of vscode.workspace.textDocuments) if (isHandler(d)) this.schedule(d, DEBOUNCE_MS);
  }

  private cancel(uri: vscode.Uri): void {
    const t = this.timers.get(uri.toString());
    if (t) clearTimeout(t);
    this.timers.delete(uri.toString());
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isHandler(doc)) return;
    this.cancel(doc.uri);
    this.timers.set(doc.uri.toString(), setTimeout(() => {
      this.timers.delete(doc.uri.toString());
      if (!doc.isClosed) this.check(doc);
    }, delay));
  }

  private severities(uri: vscode.Uri): Record<string, unknown> {
    return vscode.workspace.getConfiguration('greengrassMl.lint', uri).get<Record<string, unknown>>('rules', {}) ?? {};
  }

  findings(doc: vscode.TextDocument): Finding[] {
    if (vscode.workspace.getConfiguration('greengrassMl.lint', doc.uri).get<boolean>('enable', true) === false) return [];
    const configured = this.severities(doc.uri);
    const out: Finding[] = [];
    for (const f of checkPythonHandler({ path: uriToPath(doc.uri), text: doc.getText() }, host)) {
      const s = configured[f.code];
      if (s === 'off') continue;
      out.push(typeof s === 'string' && s in SEVERITY ? { ...f, severity: s as Severity } : f);
    }
    return out;
  }

  check(doc: vscode.TextDocument): void {
    try {
      const diagnostics = this.findings(doc).map((f) => {
        const d = new vscode.Diagnostic(rangeOf(doc, f.offset, f.length), f.message, SEVERITY[f.severity]);
        d.source = DIAGNOSTIC_SOURCE;
        const rule = PYTHON_RULES.find((r) => r.code === f.code);
        d.code = rule ? { value: f.code, target: vscode.Uri.joinPath(this.extensionUri, rule.docs) } : f.code;
        return d;
      });
      this.collection.set(doc.uri, diagnostics);
    } catch (error) {
      this.log.error(`Python handler checks failed, so this file shows no Greengrass ML diagnostics: ${doc.uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      this.collection.delete(doc.uri);
    }
  }

  /** Quick fixes, computed afresh so cross-file edits match the files as they are now. */
  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'object' && /^GGML-PY/.test(String(d.code.value)));
    if (ours.length === 0) return [];
    const actions: vscode.CodeAction[] = [];
    for (const f of this.findings(doc)) {
      const r = rangeOf(doc, f.offset, f.length);
      if (!r.intersection(range) && !ours.some((d) => d.range.isEqual(r))) continue;
      const diagnostic = ours.find((d) => d.range.isEqual(r) && typeof d.code === 'object' && d.code.value === f.code);
      for (const fix of f.fixes ?? []) {
        const edit = toWorkspaceEdit(fix, (p) => (p === uriToPath(doc.uri) ? doc : mapperFor(p)));
        if (!edit) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        if (diagnostic) action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred ?? false;
        actions.push(action);
      }
    }
    return actions;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

export function registerPythonDiagnostics(feature: FeatureContext): PythonDiagnostics {
  const diagnostics = new PythonDiagnostics(feature.extension.extensionUri, feature.log);
  feature.extension.subscriptions.push(diagnostics);
  feature.extension.subscriptions.push(vscode.languages.registerCodeActionsProvider(SELECTOR, diagnostics, PythonDiagnostics.metadata));
  diagnostics.start();
  return diagnostics;
}
