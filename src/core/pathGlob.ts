// Path globs, the one matcher for them: `**` any number of folders, `*` and `?` within one name. Two ways of writing
// them share it:
//   - VS Code's `files.exclude` (the workspace scan's greengrassMl.lint.exclude): relative to a workspace folder,
//     `{a,b}` alternatives;
//   - .gitignore (the `exclude` list of .greengrass-ml.yaml): a pattern without a slash matches a name at any depth,
//     a leading `/` anchors it to the configuration's folder, and a folder that matches excludes all it holds.
// Matched segment by segment (a name with IAM's linear wildcard matcher, `**` by a table over pattern × path
// segments), so no regular expression is built from a setting and no pattern can make the match backtrack
// exponentially.
import { iamGlobMatch } from './iamGlob';

/** The most alternatives one pattern's braces may expand to; the rest are ignored. */
const MAX_ALTERNATIVES = 64;

export interface PathGlobOptions {
  /** Patterns written as in .gitignore (see above) instead of VS Code's `files.exclude`. */
  readonly gitignore?: boolean | undefined;
}

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

/** The names of a `/` or `\` separated path, without empty and `.` segments. */
export function pathSegments(path: string): string[] {
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

/** A .gitignore pattern as segments of the common form: `**` before an unanchored one, `**` after every one. */
function gitignoreSegments(pattern: string): string[] | undefined {
  const p = pattern.replace(/\\/g, '/').replace(/\/+$/, '');
  const anchored = p.startsWith('/') || p.includes('/');
  const segments = pathSegments(p);
  if (!segments.length) return undefined;
  return [...(anchored ? [] : ['**']), ...segments, '**'];
}

/** A test of paths relative to a folder (`/` or `\` separated) against any of `patterns`. */
export function pathGlobMatcher(patterns: readonly string[], options: PathGlobOptions = {}): (relativePath: string) => boolean {
  const compiled: string[][] = [];
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || !pattern.trim()) continue;
    if (options.gitignore) {
      const segments = gitignoreSegments(pattern.trim());
      if (segments) compiled.push(segments);
      continue;
    }
    const alternatives: string[] = [];
    expandBraces(pattern.trim(), alternatives);
    for (const alt of alternatives) compiled.push(pathSegments(alt));
  }
  if (!compiled.length) return () => false;
  return (relativePath) => {
    const path = pathSegments(relativePath);
    return compiled.some((p) => matchSegments(p, path));
  };
}
