// `npm run package`: a production build and the .vsix, with its contents checked against the allowlist.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const ALLOWED = [/^extension\/package\.json$/, /^extension\/readme\.md$/i, /^extension\/license(\.txt|\.md)?$/i, /^extension\/changelog\.md$/i,
  /^extension\/dist\/(extension|languageclient|aws|cli|server)\.js$/, /^extension\/(media|snippets|schemas|l10n)\//, /^extension\/package\.nls\.json$/, /^extension\/docs\/(rules\/|manifest\.md$)/,
  /^\[Content_Types\]\.xml$/, /^extension\.vsixmanifest$/];

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

export async function packageVsix({ quiet = false, out: target } = {}) {
  const pkg = JSON.parse((await import('node:fs')).readFileSync(join(root, 'package.json'), 'utf8'));
  const out = target ?? join(root, `${pkg.name}-${pkg.version}.vsix`);
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) throw new Error('The production build failed');
  const vsce = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies',
    '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (vsce.status !== 0) throw new Error(`vsce package failed:\n${vsce.stdout}\n${vsce.stderr}`);
  const list = spawnSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', out], { encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`Cannot list ${out}: ${list.stderr}`);
  const files = list.stdout.split('\n').filter(Boolean);
  const stray = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
  if (stray.length) throw new Error(`The .vsix holds files outside the allowlist:\n${stray.join('\n')}`);
  if (!quiet) {
    console.log(`${files.length} files in ${out}`);
    for (const f of files) console.log(`  ${f}`);
  }
  for (const b of ['extension.js', 'languageclient.js', 'aws.js', 'cli.js', 'server.js']) console.log(`bundle dist/${b}: ${kb(statSync(join(root, 'dist', b)).size)}`);
  console.log(`vsix ${out}: ${kb(statSync(out).size)}`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  packageVsix().catch((error) => { console.error(error.message); process.exit(1); });
}
