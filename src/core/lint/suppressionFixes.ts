// The "Disable GGML-XXX for this line / for this file" quick fixes: edits that write the suppression directives
// the engines read (`greengrass-ml-disable-next-line CODE` and `greengrass-ml-disable CODE`, see index.ts and
// ../python). An existing directive of the same kind gets the code added instead of a second comment.
import * as l10n from '@vscode/l10n';
import type { Fix } from './types';

/** `//` for JSONC, `#` for YAML and Python. Strict JSON has no comments: it gets no directive. */
export type CommentSyntax = '//' | '#';

const NEXT_LINE = /^(\s*)(\/\/|#)\s*greengrass-ml-disable-next-line(?![\w-])(.*)$/;
const WHOLE_FILE = /^\s*(\/\/|#)\s*greengrass-ml-disable(?![\w-])(.*)$/;
const CODE = /GGML-[A-Z]+\d+/gi;

interface Line {
  start: number;
  /** The offset of the line's end, before its line break. */
  end: number;
  text: string;
}

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', Math.max(0, offset) - 1) + 1;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end, text: text.slice(start, end) };
}

/**
 * The edit that adds `code` to a directive line that lists codes, or undefined when the line is no such directive
 * (a directive without codes already covers every rule). The code goes after the last one listed, before any
 * `-- reason`.
 */
function addToDirective(line: Line, codesPart: string, code: string): { offset: number; length: number; content: string } | undefined {
  const listed = [...codesPart.split(/\s--\s/)[0]!.matchAll(CODE)];
  const last = listed[listed.length - 1];
  if (!last || last.index === undefined) return undefined;
  if (listed.some((m) => m[0].toUpperCase() === code.toUpperCase())) return undefined;
  const at = line.end - codesPart.length + last.index + last[0].length;
  return { offset: at, length: 0, content: `, ${code}` };
}

/** Where a new file directive goes: after a `#!` line and Python's encoding declaration, else at the top. */
function fileDirectiveOffset(text: string, syntax: CommentSyntax): number {
  if (syntax !== '#') return 0;
  let offset = 0;
  for (let i = 0; i < 2 && offset < text.length; i++) {
    const line = lineAt(text, offset);
    const keep = (i === 0 && line.text.startsWith('#!')) || /^#.*coding[:=]/.test(line.text);
    if (!keep) break;
    offset = line.end + (text.startsWith('\r\n', line.end) ? 2 : 1);
  }
  return Math.min(offset, text.length);
}

/**
 * The two suppression quick fixes for a finding of `code` at `offset` in `text`. The line fix is left out where a
 * comment line cannot go before the finding's line (after a Python line continuation).
 */
export function suppressionFixes(path: string, text: string, offset: number, code: string, syntax: CommentSyntax): Fix[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const fixes: Fix[] = [];
  const line = lineAt(text, offset);
  const previous = line.start > 0 ? lineAt(text, line.start - 1) : undefined;
  if (!(syntax === '#' && previous?.text.trimEnd().endsWith('\\'))) {
    const directive = previous ? NEXT_LINE.exec(previous.text) : null;
    const added = directive && previous && directive[2] === syntax ? addToDirective(previous, directive[3] ?? '', code) : undefined;
    const indent = /^[ \t]*/.exec(line.text)?.[0] ?? '';
    fixes.push({
      title: l10n.t('Disable {0} for this line', code),
      edits: [{ path, edits: [added ?? { offset: line.start, length: 0, content: `${indent}${syntax} greengrass-ml-disable-next-line ${code}${eol}` }] }],
      isPreferred: false,
    });
  }
  let existing: ReturnType<typeof addToDirective>;
  for (let at = 0, i = 0; at < text.length && i < 50; i++) {
    const l = lineAt(text, at);
    const m = WHOLE_FILE.exec(l.text);
    if (m && m[1] === syntax) {
      existing = addToDirective(l, m[2] ?? '', code);
      if (existing) break;
    }
    // The file directives people write sit in the comments at the top; the first line of content ends the search.
    const trimmed = l.text.trim();
    if (trimmed && !trimmed.startsWith(syntax)) break;
    at = l.end + (text.startsWith('\r\n', l.end) ? 2 : 1);
  }
  fixes.push({
    title: l10n.t('Disable {0} for this file', code),
    edits: [{ path, edits: [existing ?? { offset: fileDirectiveOffset(text, syntax), length: 0, content: `${syntax} greengrass-ml-disable ${code}${eol}` }] }],
    isPreferred: false,
  });
  return fixes;
}
