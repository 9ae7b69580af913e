// Whether a path stays inside a folder: by its text (after resolving `..`), and by where it really leads once
// symbolic links are resolved. Every command that writes into the workspace checks the real path before writing,
// so a link such as `escape -> /outside` in a repository cannot redirect a write out of it.
import { readlink, realpath } from 'node:fs/promises';
import * as path from 'node:path';

/** True when `target` is `root` or below it (after resolving `..`; symbolic links are not looked at). */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(target));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The real path of `p` or of its nearest existing ancestor (symbolic links resolved), plus the rest of `p`. A dangling
 * link counts as the place it points to: writing to it would create its target.
 */
export async function realPathOfNearest(p: string, depth = 0): Promise<string> {
  let current = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch {
      const link = await readlink(current).catch(() => undefined);
      if (link !== undefined && depth < 40) return path.join(await realPathOfNearest(path.resolve(path.dirname(current), link), depth + 1), ...rest.reverse());
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(p);
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** True when `target` stays inside `root` both as written and once symbolic links are resolved in both. */
export async function isReallyInside(root: string, target: string): Promise<boolean> {
  return isInside(root, target) && isInside(await realPathOfNearest(root), await realPathOfNearest(target));
}
