// Values from files and endpoints shown in messages: bounded in length, with control characters (terminal escape
// sequences among them) made visible instead of acted on.

/** Control characters (C0 but tab, DEL, C1; line breaks included) as \u escapes. */
function escapeControls(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out += (c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f) ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

/** Text for a message: control characters escaped, cut at `max` characters with an ellipsis. */
export function clipForMessage(text: string, max = 300): string {
  const visible = escapeControls(text.length > max * 2 ? text.slice(0, max * 2) : text);
  return visible.length <= max ? visible : `${visible.slice(0, max - 1)}…`;
}

/** A value for a message: quoted, control characters escaped, and elided past `max` characters. */
export function quoteForMessage(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : String(value);
  const quoted = `"${escapeControls((text.length > max * 2 ? text.slice(0, max * 2) : text).replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
  return quoted.length <= max ? quoted : `${quoted.slice(0, max - 2)}…"`;
}
