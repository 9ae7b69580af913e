// Values from files and endpoints shown in messages and on terminals: bounded in length, with control characters
// (terminal escape sequences among them) made visible instead of acted on. One place for both, so the CLI, the
// linter and the AWS layer agree on what a message may carry.
import * as l10n from '@vscode/l10n';

/** Messages longer than this many characters are cut, keeping their start and saying how long the value was. */
export const MAX_MESSAGE_LENGTH = 400;

/** `text` cut to at most `max` characters (plus the note), with "…" and the full length when it was longer. */
export function elide(text: string, max: number = MAX_MESSAGE_LENGTH): string {
  if (text.length <= max) return text;
  let cut = max;
  // Never split a surrogate pair.
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return l10n.t('{0}… ({1} characters)', text.slice(0, cut), text.length);
}

// C0 control characters but tab and line feed, DEL, C1, and the bidirectional overrides that can make a terminal
// line lie.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The same, line feeds included: a one-line message keeps to one line.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_ONE_LINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const asEscape = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text safe to print on a terminal: escape sequences and other control characters shown as `\u001b`. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, asEscape);
}

/** Text for a one-line message: control characters (line breaks too) escaped, cut at `max` characters with "…". */
export function clipForMessage(text: string, max = 300): string {
  const visible = (text.length > max * 2 ? text.slice(0, max * 2) : text).replace(UNSAFE_IN_ONE_LINE, asEscape);
  return visible.length <= max ? visible : `${visible.slice(0, max - 1)}…`;
}

/** A value for a message: quoted, control characters escaped, and elided past `max` characters. */
export function quoteForMessage(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : String(value);
  const body = (text.length > max * 2 ? text.slice(0, max * 2) : text).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const quoted = `"${body.replace(UNSAFE_IN_ONE_LINE, asEscape)}"`;
  return quoted.length <= max ? quoted : `${quoted.slice(0, max - 2)}…"`;
}
