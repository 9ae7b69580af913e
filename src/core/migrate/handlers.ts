// What a Greengrass V1 Python handler does that matters on Greengrass V2: the V1 SDK calls that keep working only
// with the LegacySubscriptionRouter, the calls that have no V2 counterpart without a code change (shadows, the ML
// connectors' SDK), and how it finds its model (AWS_GG_RESOURCE_PREFIX, literal destination paths).
// Used by the migration plan (the report) and by the handler rule GGML-V2001 (diagnostics on the same lines).
import { LineIndex } from '../model';
import { scanPython } from '../python/scan';

export type HandlerCallKind = 'publish' | 'shadow' | 'ml-sdk' | 'resource-prefix' | 'model-path';

export interface HandlerCall {
  kind: HandlerCallKind;
  offset: number;
  length: number;
  /** Zero-based line. */
  line: number;
  /** The code as written ("client.publish", "update_thing_shadow", "greengrass_machine_learning_sdk"). */
  text: string;
  /** For publish(): the topic when it is a literal. For model-path: the path. */
  topic?: string | undefined;
}

export interface HandlerUse {
  calls: HandlerCall[];
  publishes: boolean;
  /** Literal topics of publish() calls (those the scanner can read). */
  topics: string[];
}

const SHADOW = /\b(get_thing_shadow|update_thing_shadow|delete_thing_shadow)\s*\(/g;
const ML_SDK = /\bgreengrass_machine_learning_sdk\b/g;
const PUBLISH = /\.\s*publish\s*\(/g;
const PREFIX = /\bAWS_GG_RESOURCE_PREFIX\b/g;

/** The V2-relevant calls of a handler; `destinations` are the ML resources' DestinationPaths to look for as literals. */
export function analyzeHandler(text: string, destinations: readonly string[] = []): HandlerUse {
  const scan = scanPython(text);
  const lines = new LineIndex(text);
  const calls: HandlerCall[] = [];
  const push = (kind: HandlerCallKind, offset: number, length: number, extra: Partial<HandlerCall> = {}): void => {
    calls.push({ kind, offset, length, line: lines.position(offset).line, text: text.slice(offset, offset + length), ...extra });
  };
  const all = (re: RegExp, haystack: string, kind: HandlerCallKind, group = 0): void => {
    re.lastIndex = 0;
    for (let m = re.exec(haystack); m; m = re.exec(haystack)) {
      const found = m[group] ?? m[0];
      push(kind, m.index + m[0].indexOf(found), found.length);
    }
  };
  // Calls are looked for in the code with strings and comments blanked; the module name may also be imported as text.
  all(SHADOW, scan.code, 'shadow', 1);
  all(ML_SDK, scan.noComments, 'ml-sdk');
  all(PREFIX, scan.noComments, 'resource-prefix');
  PUBLISH.lastIndex = 0;
  for (let m = PUBLISH.exec(scan.code); m; m = PUBLISH.exec(scan.code)) {
    // The receiver: the identifier before the dot ("client.publish").
    const before = /([A-Za-z_][\w]*)\s*$/.exec(scan.code.slice(Math.max(0, m.index - 80), m.index));
    const start = before ? m.index - before[0].length : m.index + 1;
    const open = m.index + m[0].length;
    const close = findClose(scan.code, open - 1);
    const topicString = scan.strings.find((s) => s.offset >= open && s.offset < close && /\btopic\s*=\s*$/.test(scan.code.slice(open, s.offset)));
    const firstArg = scan.strings.find((s) => s.offset >= open && s.offset < close && scan.code.slice(open, s.offset).trim() === '');
    const literal = topicString ?? firstArg;
    push('publish', start, open - 1 - start, { topic: literal?.value });
  }
  for (const s of scan.strings) {
    const value = s.value.replace(/\/+$/, '');
    if (destinations.some((d) => d && (value === d || value.endsWith(d)) && d.length > 1)) push('model-path', s.offset, s.length, { topic: s.value });
  }
  calls.sort((a, b) => a.offset - b.offset);
  const publishes = calls.filter((c) => c.kind === 'publish');
  return { calls, publishes: publishes.length > 0, topics: [...new Set(publishes.flatMap((c) => (c.topic !== undefined ? [c.topic] : [])))] };
}

/** The offset of the bracket that closes the one at `open` (or the end of the text), in code with strings blanked. */
function findClose(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length && i < open + 10_000; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return Math.min(code.length, open + 10_000);
}

/** Whether an MQTT topic filter (with + and #) matches a topic. */
export function topicMatches(filter: string, topic: string): boolean {
  if (filter === topic) return true;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
