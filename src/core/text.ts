// Text helpers: messages built from file contents (values of unbounded length elided, control characters made
// visible before text reaches a terminal), and finding the line of an offset.

/** Messages longer than this many characters are cut, keeping their start and saying how long the value was. */
export const MAX_MESSAGE_LENGTH = 400;

/** `text` cut to at most `max` characters (plus the note), with "…" and the full length when it was longer. */
export function elide(text: string, max: number = MAX_MESSAGE_LENGTH): string {
  if (text.length <= max) return text;
  let cut = max;
  // Never split a surrogate pair.
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${text.slice(0, cut)}… (${text.length} characters)`;
}

// C0 and C1 control characters, DEL, and the bidirectional overrides that can make a terminal line lie.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print on a terminal: escape sequences and other control characters shown as `\u001b`. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The index of the last of the ascending `starts` that is at or before `offset` (0 when none is). */
export function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
