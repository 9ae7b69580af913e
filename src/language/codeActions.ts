// Quick fixes: the engine's Fixes attached to the findings of the last lint, turned into WorkspaceEdits.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, LineIndex, toWorkspaceEdit } from './convert';
import type { PositionMapper } from './convert';
import type { Linter } from './linter';

function codeValue(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly linter: Linter) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const result = this.linter.resultFor(document.uri);
    // Findings of an older version of the text would edit the wrong places.
    if (!result || (result.version !== undefined && result.version !== document.version)) return [];
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const wanted = ours.length ? ours : [];
    const mappers = new Map<string, PositionMapper>();
    const mapperFor = (path: string): PositionMapper | undefined => {
      const text = result.texts.get(path);
      if (text === undefined) return undefined;
      let m = mappers.get(path);
      if (!m) mappers.set(path, (m = new LineIndex(text)));
      return m;
    };
    const actions: vscode.CodeAction[] = [];
    for (const { finding, diagnostic } of result.findings) {
      if (!finding.fixes?.length) continue;
      // The diagnostics VS Code passes back are copies: match them by code, range and message.
      const attached = wanted.find((d) => codeValue(d) === finding.code && d.range.isEqual(diagnostic.range) && d.message === diagnostic.message);
      if (!attached && !diagnostic.range.intersection(range)) continue;
      if (!attached && wanted.length) continue;
      for (const fix of finding.fixes) {
        const edit = toWorkspaceEdit(fix, mapperFor);
        if (!edit) continue;
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = [attached ?? diagnostic];
        action.isPreferred = fix.isPreferred ?? finding.fixes.length === 1;
        actions.push(action);
      }
    }
    return actions;
  }
}
