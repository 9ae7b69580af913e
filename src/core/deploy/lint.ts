// The lint gate of Deploy: error findings in any of the group's files block it.
import { lintDocument } from '../lint';
import type { Finding, LintOptions } from '../lint';

/** Lints every file of the group (their texts given by path) and returns the findings of severity error. */
export function groupLintErrors(files: readonly { path: string; text: string }[], options: LintOptions = {}): Finding[] {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  const host = { readFile: (path: string): string | undefined => byPath.get(path) };
  const errors: Finding[] = [];
  for (const file of files) {
    for (const finding of lintDocument(file, host, options)) {
      if (finding.severity === 'error') errors.push(finding);
    }
  }
  return errors;
}

/** One line for a blocked deploy: how many errors, in which files, the first message. */
export function describeLintBlock(errors: readonly Finding[], baseName: (path: string) => string): string {
  const files = [...new Set(errors.map((e) => baseName(e.path)))];
  const first = errors[0];
  const n = errors.length;
  return `Deploy stopped: ${n} lint error${n === 1 ? '' : 's'} in ${files.join(', ')}. Fix ${n === 1 ? 'it' : 'them'} first: ${first ? `${first.code} ${first.message}` : ''}`.trim();
}
