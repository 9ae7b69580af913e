// One migration, as the CLI and the editor command run it: read the source, plan, write the files.
import * as path from 'node:path';
import { planMigration, type MigrationPlan } from './plan';
import { migrationReport, REPORT_FILE } from './report';
import { loadSource, type EndpointVersion, type LoadedSource } from './sources';
import { writeMigration } from './write';

export interface MigrateOptions {
  group?: string | undefined;
  /** The migration folder; default `<source folder>/greengrass-v2`. */
  outDir?: string | undefined;
  /** Nothing is written outside this folder. */
  root: string;
  force?: boolean | undefined;
  trainingArtifacts?: ReadonlyMap<string, string> | undefined;
  functionVersions?: ReadonlyMap<string, EndpointVersion> | undefined;
}

export interface MigrationResult {
  outDir: string;
  reportPath: string;
  plan: MigrationPlan;
  written: string[];
}

/** The default migration folder for a source: `greengrass-v2` beside it. */
export function defaultOutDir(sourcePath: string): string {
  const resolved = path.resolve(sourcePath);
  const folder = /\.(json|ya?ml|template)$/i.test(resolved) ? path.dirname(resolved) : resolved;
  return path.join(folder, 'greengrass-v2');
}

/** Reads and plans without writing (for a caller that asks before overwriting). */
export async function prepareMigration(sourcePath: string, options: MigrateOptions): Promise<{ loaded: LoadedSource; plan: MigrationPlan; report: string; outDir: string }> {
  const outDir = path.resolve(options.outDir ?? defaultOutDir(sourcePath));
  const loaded = await loadSource(sourcePath, { group: options.group, outDir, trainingArtifacts: options.trainingArtifacts, functionVersions: options.functionVersions });
  const plan = planMigration(loaded.input);
  const report = migrationReport(plan, {
    sourceText: (f) => loaded.texts.get(f),
    displayPath: (f) => path.relative(outDir, f).split(path.sep).join('/'),
  });
  return { loaded, plan, report, outDir };
}

export async function migrate(sourcePath: string, options: MigrateOptions): Promise<MigrationResult> {
  const { plan, report, outDir } = await prepareMigration(sourcePath, options);
  const written = await writeMigration(outDir, plan, report, { root: options.root, force: options.force });
  return { outDir, reportPath: path.join(outDir, REPORT_FILE), plan, written };
}
