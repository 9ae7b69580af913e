// Shared helpers of the lint engine's tests: fixture groups as in-memory file maps, and a host over them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, LintHost, LintOptions } from '../../../src/core/lint';
import { lintDocument } from '../../../src/core/lint';

/** The repository root (tests run from out/test/unit/lint). */
export const repoRoot = join(__dirname, '..', '..', '..', '..');
export const fixturesRoot = join(repoRoot, 'test', 'fixtures', 'lint');

export type Files = Map<string, string>;

/** Every file of a fixture folder, keyed by its absolute path. */
export function loadFolder(dir: string): Files {
  const files: Files = new Map();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isFile()) files.set(p, readFileSync(p, 'utf8'));
  }
  return files;
}

export function hostOf(files: Files): LintHost {
  return { readFile: (path) => files.get(path) };
}

export const strict: LintOptions = { throwInternalErrors: true };

export function lintFile(files: Files, path: string, options: LintOptions = strict): Finding[] {
  return lintDocument({ path, text: files.get(path) ?? '' }, hostOf(files), options);
}

export function lintAll(files: Files, options: LintOptions = strict): Finding[] {
  const out: Finding[] = [];
  for (const path of files.keys()) out.push(...lintFile(files, path, options));
  return out;
}

export function codes(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.code))].sort();
}
