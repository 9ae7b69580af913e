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

export function scanPython(text: string): PyScan {
  const strings: PyString[] = [];
  const noComments = text.split('');
  const code = text.split('');
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '#') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') {
        noComments[i] = ' ';
        code[i] = ' ';
        i++;
      }
      continue;
    }
    if (c === '"' || c === "'") {
      // A prefix of up to two letters right before the quote, not part of a longer identifier.
      let start = i;
      while (start > 0 && start > i - 2 && /[rRbBuUfF]/.test(text[start - 1]!)) start--;
      if (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1]!)) start = i;
      const prefix = text.slice(start, i);
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      const raw = /r/i.test(prefix);
      let j = i + quote.length;
      let closed = false;
      while (j < n) {
        if (text[j] === '\\') { j += 2; continue; }
        if (!triple && (text[j] === '\n' || text[j] === '\r')) break;
        if (text.startsWith(quote, j)) { closed = true; break; }
        j++;
      }
      const bodyEnd = Math.min(j, n);
      const body = text.slice(i + quote.length, bodyEnd);
      const end = closed ? bodyEnd + quote.length : bodyEnd;
      strings.push({ offset: start, length: end - start, prefix, value: raw ? body : unescape(body) });
      for (let k = i + quote.length; k < bodyEnd; k++) if (text[k] !== '\n' && text[k] !== '\r') code[k] = ' ';
      i = end;
      continue;
    }
    i++;
  }
  const codeText = code.join('');
  const logicalLines: [number, number][] = [];
  let depth = 0;
  let lineStart = 0;
  for (let k = 0; k < n; k++) {
    const ch = codeText[k]!;
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === '\n') {
      const continued = depth > 0 || /\\\r?$/.test(codeText.slice(Math.max(lineStart, k - 2), k));
      if (!continued) {
        logicalLines.push([lineStart, k]);
        lineStart = k + 1;
      }
    }
  }
  if (lineStart < n) logicalLines.push([lineStart, n]);
  return { strings, noComments: noComments.join(''), code: codeText, logicalLines };
}

/** The logical line that holds `offset`. */
export function logicalLineAt(scan: PyScan, offset: number): [number, number] {
  for (const line of scan.logicalLines) if (offset >= line[0] && offset <= line[1]) return line;
  return [offset, offset];
}
