// IAM's wildcard matching (`*` any run of characters, `?` one character), in linear space and O(n·m) worst-case
// time: a greedy two-pointer walk that, on a mismatch, backtracks only to the last `*`. No regular expression is
// built from policy text, so a pattern such as "************************x" cannot make the matcher backtrack
// exponentially.

/** True when `value` matches the whole IAM wildcard `pattern`. */
export function iamGlobMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  let pi = 0;
  let vi = 0;
  let star = -1;
  let starValue = 0;
  while (vi < v.length) {
    const pc = p.charCodeAt(pi);
    if (pi < p.length && pc !== 42 /* * */ && (pc === 63 /* ? */ || pc === v.charCodeAt(vi))) {
      pi++;
      vi++;
    } else if (pi < p.length && pc === 42) {
      // Runs of `*` are one `*`.
      while (p.charCodeAt(pi) === 42) pi++;
      star = pi;
      starValue = vi;
    } else if (star >= 0) {
      pi = star;
      vi = ++starValue;
    } else {
      return false;
    }
  }
  while (p.charCodeAt(pi) === 42) pi++;
  return pi === p.length;
}
