// `npm run package`: a production build and the .vsix, with its contents checked against the allowlist.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const ALLOWED = [/^extension\/package\.json$/, /^extension\/readme\.md$/i, /^extension\/license(\.txt|\.md)?$/i, /^extension\/changelog\.md$/i,
  /^extension\/dist\/(extension|languageclient|aws|cli|server)\.js$/, /^extension\/(media|snippets|schemas|l10n)\//, /^extension\/package\.nls\.json$/, /^extension\/docs\/(rules\/|manifest\.md$)/,
  /^\[Content_Types\]\.xml$/, /^extension\.vsixmanifest$/];

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

/**
 * A temporary copy of the files .vscodeignore ships (its `!` lines: a file, or a folder as `folder/**`), with the
 * .vscodeignore itself, so vsce applies the same allowlist to it.
 */
function stageShipped() {
  const stage = mkdtempSync(join(tmpdir(), 'ggml-package-'));
  try {
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    copyFileSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));
    for (const line of ignore.split('\n')) {
      const shipped = /^!(.+)$/.exec(line.trim())?.[1]?.replace(/\/\*\*$/, '');
      if (!shipped) continue;
      if (/[*?[{]/.test(shipped)) throw new Error(`.vscodeignore: name a file or a whole folder (folder/**), not a pattern: ${line.trim()}`);
      if (!existsSync(join(root, shipped))) throw new Error(`.vscodeignore ships ${shipped}, which does not exist: run the build first`);
      cpSync(join(root, shipped), join(stage, shipped), { recursive: true });
    }
    return stage;
  } catch (error) {
    rmSync(stage, { recursive: true, force: true });
    throw error;
  }
}

export async function packageVsix({ quiet = false, out: target } = {}) {
  const pkg = JSON.parse((await import('node:fs')).readFileSync(join(root, 'package.json'), 'utf8'));
  const out = target ?? join(root, `${pkg.name}-${pkg.version}.vsix`);
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) throw new Error('The production build failed');
  // vsce walks every file under its folder before it applies .vscodeignore (here node_modules, the installed VS Code
  // and the test output: half a minute). It packages a folder that holds only what .vscodeignore lets through.
  const stage = stageShipped();
  let vsce;
  try {
    vsce = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies',
      '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
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
