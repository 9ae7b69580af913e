// package.json as VS Code shows it: each %key% replaced by its English text from package.nls.json.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');

export function packageNls(): Record<string, string> {
  return JSON.parse(readFileSync(join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
}

/** The manifest with its %key% placeholders resolved; a key package.nls.json lacks throws, naming it. */
export function localizedPackageJson<T>(): T {
  const nls = packageNls();
  return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'), (_key, value: unknown) => {
    if (typeof value !== 'string') return value;
    const m = /^%(.+)%$/.exec(value);
    if (!m) return value;
    const text = nls[m[1]!];
    if (text === undefined) throw new Error(`package.json names ${value}, which package.nls.json lacks`);
    return text;
  }) as T;
}

/** The English l10n bundle with each text marked as translated ("«…»"), placeholders such as {0} kept. */
export function markedBundle(): Record<string, string> {
  const english = JSON.parse(readFileSync(join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(english).map(([key, text]) => [key, `«${text}»`]));
}
