// Text as the engine sees it: edits as offsets, the indentation a JSON file already uses, and offsets → lines.
// Offsets stay offsets until the editor boundary (src/language) or the CLI's report turns them into positions.
import type { FormattingOptions } from 'jsonc-parser';

/** A replacement of `length` characters at `offset` by `content` (jsonc-parser's Edit has this shape). */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

/**
 * Applies non-overlapping edits (offsets into `text`, in any order) and returns the new text. Edits at the same
 * offset are inserted in the order given, as an editor applies a WorkspaceEdit.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.offset - b.e.offset || a.i - b.i);
  const parts: string[] = [];
  let at = 0;
  for (const { e } of sorted) {
    if (e.offset < at || e.offset + e.length > text.length) {
      throw new RangeError(`Text edits overlap or reach past the end of the text; edit at offset ${e.offset}, length ${e.length}`);
    }
    parts.push(text.slice(at, e.offset), e.content);
    at = e.offset + e.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** One edit that turns `before` into `after`: the changed middle between their common prefix and suffix (none when equal). */
export function minimalEdit(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return [{ offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) }];
}

/**
 * The indentation and line ending a JSON text already uses, so inserted text looks like the rest: the first
 * indented line decides (a tab, or its number of spaces, at most 8); two spaces and "\n" when nothing is indented.
 */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)[^\s]/m.exec(text)?.[1];
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent ? Math.min(indent.length, 8) : 2, eol };
}

/** A zero-based line and character (UTF-16 code units), as LSP and VS Code count them. */
export interface LinePosition {
  line: number;
  character: number;
}

/** Offsets → lines and characters for a text, with the line breaks an editor knows: \n, \r\n and \r. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset; offsets outside the text are clamped, and one inside a line break belongs to the end of its line. */
  position(offset: number): LinePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo] ?? 0;
    let end = this.starts[lo + 1] ?? this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return { line: lo, character: Math.min(o - start, end - start) };
  }

  /** The offset of a position; characters past the end of the line are clamped to it. */
  offset(position: LinePosition): number {
    const line = Math.max(0, Math.min(position.line, this.starts.length - 1));
    const start = this.starts[line] ?? 0;
    const next = this.starts[line + 1] ?? this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }
}
