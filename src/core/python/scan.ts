// A small Python scanner: string literals, comments and logical lines. Enough for the handler checks; not a parser.

export interface PyString {
  /** Offset of the literal, including its prefix (r, b, u, f) and quotes. */
  offset: number;
  length: number;
  prefix: string;
  /** The text between the quotes, with simple escapes resolved in non-raw strings. */
  value: string;
}

export interface PyScan {
  strings: PyString[];
  /** The text with comments blanked (same length; strings kept). */
  noComments: string;
  /** The text with comments and string contents blanked (same length; quotes kept). */
  code: string;
  /** [start, end) offsets of logical lines (a statement continued inside brackets or after a backslash). */
  logicalLines: [number, number][];
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/gs, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[c] ?? c);
}

/** `text` with the [start, end) ranges replaced by spaces, except line breaks (ranges ascending, disjoint). */
function blank(text: string, ranges: readonly number[], keepLineBreaks: boolean): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    const s = ranges[r]!;
    const e = ranges[r + 1]!;
    parts.push(text.slice(at, s));
    const body = text.slice(s, e);
    parts.push(keepLineBreaks ? body.replace(/[^\r\n]/g, ' ') : ' '.repeat(e - s));
    at = e;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

const PREFIX_CHAR = /[rRbBuUfF]/;
const IDENT_CHAR = /[A-Za-z0-9_]/;

export function scanPython(text: string): PyScan {
  const strings: PyString[] = [];
  const comments: number[] = [];
  const blanked: number[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      let j = i;
      while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
      comments.push(i, j);
      blanked.push(i, j);
      i = j;
      continue;
    }
    if (c === 34 || c === 39) {
      const q = text[i]!;
      // A prefix of up to two letters right before the quote, not part of a longer identifier.
      let start = i;
      while (start > 0 && start > i - 2 && PREFIX_CHAR.test(text[start - 1]!)) start--;
      if (start > 0 && IDENT_CHAR.test(text[start - 1]!)) start = i;
      const prefix = text.slice(start, i);
      const triple = text.startsWith(q + q + q, i);
      const quote = triple ? q + q + q : q;
      const raw = /r/i.test(prefix);
      let j = i + quote.length;
      let closed = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92 /* \ */) { j += 2; continue; }
        if (!triple && (d === 10 || d === 13)) break;
        if (d === c && (!triple || text.startsWith(quote, j))) { closed = true; break; }
        j++;
      }
      const bodyEnd = Math.min(j, n);
      const body = text.slice(i + quote.length, bodyEnd);
      const end = closed ? bodyEnd + quote.length : bodyEnd;
      strings.push({ offset: start, length: end - start, prefix, value: raw ? body : unescape(body) });
      if (bodyEnd > i + quote.length) blanked.push(i + quote.length, bodyEnd);
      i = end;
      continue;
    }
    i++;
  }
  const codeText = blank(text, blanked, true);
  const logicalLines: [number, number][] = [];
  let depth = 0;
  let lineStart = 0;
  let content = false;
  for (let k = 0; k < n; k++) {
    const ch = codeText.charCodeAt(k);
    if (ch === 40 || ch === 91 || ch === 123) depth++;
    else if (ch === 41 || ch === 93 || ch === 125) depth = Math.max(0, depth - 1);
    else if (ch === 10) {
      const continued = depth > 0 || codeText.charCodeAt(k - 1) === 92 || (codeText.charCodeAt(k - 1) === 13 && codeText.charCodeAt(k - 2) === 92);
      if (!continued) {
        // Blank lines hold no statement; leaving them out keeps a file of blank lines cheap.
        if (content) logicalLines.push([lineStart, k]);
        lineStart = k + 1;
        content = false;
      }
      continue;
    }
    if (!content && ch !== 32 && ch !== 9 && ch !== 13 && ch !== 12) content = true;
  }
  if (lineStart < n && content) logicalLines.push([lineStart, n]);
  return { strings, noComments: blank(text, comments, false), code: codeText, logicalLines };
}

/** The index of the logical line that holds `offset`, or -1. */
export function logicalLineIndex(scan: PyScan, offset: number): number {
  const lines = scan.logicalLines;
  if (lines.length === 0) return -1;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]![0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const [s, e] = lines[lo]!;
  return offset >= s && offset <= e ? lo : -1;
}
