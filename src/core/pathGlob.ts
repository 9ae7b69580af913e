// Path globs as VS Code's `files.exclude` writes them, relative to a workspace folder: `**` any number of folders,
// `*` and `?` within one name, `{a,b}` alternatives. Matched segment by segment (a name with IAM's linear
// wildcard matcher, `**` by a table over pattern × path segments), so no regular expression is built from a
// setting and no pattern can make the match backtrack exponentially.
import { iamGlobMatch } from './iamGlob';

/** The most alternatives one pattern's braces may expand to; the rest are ignored. */
const MAX_ALTERNATIVES = 64;

function expandBraces(pattern: string, out: string[]): void {
  if (out.length >= MAX_ALTERNATIVES) return;
  const open = pattern.indexOf('{');
  const close = open < 0 ? -1 : pattern.indexOf('}', open);
  if (open < 0 || close < 0) {
    out.push(pattern);
    return;
  }
  for (const alt of pattern.slice(open + 1, close).split(',')) expandBraces(pattern.slice(0, open) + alt + pattern.slice(close + 1), out);
}

function segments(path: string): string[] {
  return path.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
}

function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  // can[i][j]: pattern[i..] matches path[j..]; filled from the end.
  const width = path.length + 1;
  const can = new Uint8Array((pattern.length + 1) * width);
  can[pattern.length * width + path.length] = 1;
  for (let i = pattern.length - 1; i >= 0; i--) {
    const p = pattern[i]!;
    for (let j = path.length; j >= 0; j--) {
      let ok: boolean;
      if (p === '**') ok = can[(i + 1) * width + j] === 1 || (j < path.length && can[i * width + j + 1] === 1);
      else ok = j < path.length && can[(i + 1) * width + j + 1] === 1 && iamGlobMatch(p, path[j]!);
      can[i * width + j] = ok ? 1 : 0;
    }
  }
  return can[0] === 1;
}

/** A test of paths relative to a workspace folder (`/` or `\` separated) against any of `patterns`. */
export function pathGlobMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const compiled: string[][] = [];
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || !pattern.trim()) continue;
    const alternatives: string[] = [];
    expandBraces(pattern.trim(), alternatives);
    for (const alt of alternatives) compiled.push(segments(alt));
  }
  if (!compiled.length) return () => false;
  return (relativePath) => {
    const path = segments(relativePath);
    return compiled.some((p) => matchSegments(p, path));
  };
}
