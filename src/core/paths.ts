// Joining and comparing the paths documents name. Paths are opaque strings (absolute paths or URIs); joining
// replaces the last segment. Import-free: the deploy path and the V2 documents use it without the lint engine.

const URI_RE = /^[a-z][a-z0-9+.-]+:\/\//i;

function separatorOf(path: string): string {
  return !path.includes('/') && path.includes('\\') ? '\\' : '/';
}

/** The folder part of a path, with its trailing separator ('' when there is none). */
export function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(0, i + 1) : '';
}

/** Joins a manifest-relative name (`models/resources.json`, `../shared/policy.json`) to the folder of `base`. */
export function joinRelative(base: string, relative: string): string {
  const sep = separatorOf(base);
  const isUri = URI_RE.test(base);
  const dir = dirOf(base);
  const segments = dir.split(/[\\/]/);
  segments.pop(); // the empty string after the trailing separator
  // Segments that `..` must never remove: the URI's scheme and authority, or a root/drive.
  const floor = isUri ? 3 : 1;
  for (const part of relative.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length > floor) segments.pop();
      continue;
    }
    segments.push(isUri ? encodeURIComponent(part) : part);
  }
  return segments.join(sep);
}


export function normalizePath(path: string): string {
  let p = path.replace(/\\/g, '/');
  try {
    p = decodeURI(p);
  } catch {
    // keep as is
  }
  return p;
}

export function samePath(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && (a === b || normalizePath(a) === normalizePath(b));
}
