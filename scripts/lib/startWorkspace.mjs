// The folder `npm start` opens: a copy of examples/ (the web workbench saves automatically, so editing or applying a
// quick fix in the browser must never change the tracked files). Each start brings the copy up to date with
// examples/ without overwriting what the user changed in it.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

function hashOf(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Regular files below dir, as paths relative to it with "/" separators (symlinks and devices left out). */
function filesBelow(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function readState(file) {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8'));
    return state && typeof state.copied === 'object' && state.copied ? state.copied : {};
  } catch {
    return {};
  }
}

/**
 * Brings `target` up to date with `source`. A file is written when the copy lacks it, or when the copy still holds
 * what the last start put there (the user did not change it); a file the user changed is kept as it is. A file
 * removed from `source` goes from the copy only if the user did not change it. What was copied is remembered in
 * `stateFile` (outside the copy, so it does not show in the workbench).
 * @returns {{ created: string[], updated: string[], kept: string[], removed: string[] }}
 */
export function syncStartWorkspace({ source, target, stateFile }) {
  const copied = readState(stateFile);
  const result = { created: [], updated: [], kept: [], removed: [] };
  const next = {};
  const sourceFiles = filesBelow(source);
  for (const rel of sourceFiles) {
    const from = join(source, ...rel.split('/'));
    const to = join(target, ...rel.split('/'));
    const wanted = hashOf(from);
    let present;
    try {
      present = lstatSync(to).isFile() ? hashOf(to) : null;
    } catch {
      present = undefined;
    }
    if (present === wanted) {
      next[rel] = wanted;
    } else if (present === undefined) {
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
      next[rel] = wanted;
      result.created.push(rel);
    } else if (present !== null && present === copied[rel]) {
      copyFileSync(from, to);
      next[rel] = wanted;
      result.updated.push(rel);
    } else {
      // The user's version (or something that is not a file): kept, and still compared with what was copied.
      if (copied[rel]) next[rel] = copied[rel];
      result.kept.push(rel);
    }
  }
  const inSource = new Set(sourceFiles);
  for (const [rel, hash] of Object.entries(copied)) {
    if (inSource.has(rel)) continue;
    const to = join(target, ...rel.split('/'));
    try {
      if (lstatSync(to).isFile() && hashOf(to) === hash) {
        rmSync(to);
        result.removed.push(rel);
      }
    } catch {
      // already gone
    }
  }
  mkdirSync(target, { recursive: true });
  mkdirSync(dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, `${JSON.stringify({ source, copied: next }, null, 2)}\n`);
  return result;
}
