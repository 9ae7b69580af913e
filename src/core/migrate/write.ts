// Writing a migration into the workspace: the report, the request files, the recipes, deployment.json and
// migration.json, and each .tar.gz model at hand repacked as .zip (same entries, so the model keeps V1's layout).
// Every write stays inside the workspace once symbolic links are resolved, and no existing file is replaced unless
// the caller says so (--force, or the editor's question).
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { ZipFile } from 'yazl';
import { isReallyInside } from '../insideFolder';
import type { MigrationPlan } from './plan';
import { REPORT_FILE } from './report';
import { MigrationError } from './sources';

/** Entries larger than this are refused: a model file is read whole before it goes into the zip. */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024 * 1024;

export interface WriteOptions {
  /** The workspace (or, for the CLI, the current folder): nothing is written outside it. */
  root: string;
  /** Replace files that exist. */
  force?: boolean | undefined;
}

/** The files a migration writes, relative to its folder. */
export function plannedFiles(plan: MigrationPlan): string[] {
  return [REPORT_FILE, ...plan.files.map((f) => f.path), ...plan.repacks.map((r) => r.target)];
}

/** The planned files that exist already (relative paths). */
export async function existingFiles(outDir: string, plan: MigrationPlan): Promise<string[]> {
  const out: string[] = [];
  for (const f of plannedFiles(plan)) {
    if (await lstat(path.join(outDir, f)).then(() => true, () => false)) out.push(f);
  }
  return out;
}

/** Writes the migration into `outDir`. Throws MigrationError (nothing written) when a file exists without `force`, or a path leaves the root. */
export async function writeMigration(outDir: string, plan: MigrationPlan, report: string, options: WriteOptions): Promise<string[]> {
  const dir = path.resolve(outDir);
  if (!(await isReallyInside(options.root, dir))) {
    throw new MigrationError(`The migration folder is outside the workspace; choose a folder inside it: ${dir}`);
  }
  const targets = plannedFiles(plan);
  for (const rel of targets) {
    if (!(await isReallyInside(dir, path.join(dir, rel)))) throw new MigrationError(`A file of the migration would leave its folder through a link; remove the link: ${rel}`);
  }
  if (!options.force) {
    const existing = await existingFiles(dir, plan);
    if (existing.length) throw new MigrationError(`The migration folder already holds ${existing.length} of these files; migrate with --force to replace them, or choose another folder: ${existing.join(', ')}`);
  }
  const contents: [string, string][] = [[REPORT_FILE, report], ...plan.files.map((f): [string, string] => [f.path, `${JSON.stringify(f.json, null, 2)}\n`])];
  for (const [rel, text] of contents) {
    const target = path.join(dir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text, 'utf8');
  }
  for (const r of plan.repacks) await repackAsZip(path.resolve(dir, r.source), path.join(dir, r.target));
  return targets;
}

/** Repacks a .tar.gz as a .zip with the same entries (files and folders; links and names that leave the archive are refused). */
export async function repackAsZip(source: string, target: string): Promise<{ files: number; skipped: string[] }> {
  await mkdir(path.dirname(target), { recursive: true });
  const zip = new ZipFile();
  const skipped: string[] = [];
  let files = 0;
  const partial = `${target}.partial`;
  const written = pipeline(zip.outputStream, createWriteStream(partial));
  const pending: Promise<void>[] = [];
  try {
    await pipeline(createReadStream(source), new tar.Parser({
      onReadEntry: (entry) => {
        const name = entry.path.replace(/^\.\//, '');
        const safe = name !== '' && !name.split('/').includes('..') && !path.posix.isAbsolute(name);
        if (!safe || (entry.type !== 'File' && entry.type !== 'Directory' && entry.type !== 'OldFile')) {
          if (name && name !== '.' && name !== './') skipped.push(name);
          entry.resume();
          return;
        }
        if (entry.type === 'Directory') {
          zip.addEmptyDirectory(name.replace(/\/+$/, ''));
          entry.resume();
          return;
        }
        if ((entry.size ?? 0) > MAX_ENTRY_BYTES) {
          skipped.push(name);
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        pending.push(new Promise<void>((resolve, reject) => {
          entry.on('data', (c: Buffer) => chunks.push(c));
          entry.on('end', () => {
            zip.addBuffer(Buffer.concat(chunks), name, { mode: entry.mode ?? 0o644 });
            files++;
            resolve();
          });
          entry.on('error', reject);
        }));
      },
    }));
    await Promise.all(pending);
    zip.end();
    await written;
    await rename(partial, target);
  } catch (error) {
    zip.end();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw new MigrationError(`The model archive cannot be repacked as .zip; check that it is a .tar.gz (${error instanceof Error ? error.message : String(error)}): ${source}`);
  }
  return { files, skipped };
}
