// Migrate Group to Greengrass V2…: the group folder or template of the active editor (or one picked), the group when
// a template holds several, the migration folder (default greengrass-v2 beside the source); asks before replacing
// files, writes them (src/core/migrate) and opens the report. SageMaker model sources are resolved through the
// connection when there is one. Writes nothing in an untrusted workspace.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EndpointVersion, VersionQuery } from '../core/migrate';
import type { CommandContext } from '../featureContext';
import { loadAwsLayer } from '../connection/connectionManager';

// The migration is in the AWS layer's bundle (with the lint engine, the template decoder and the archive packers it
// uses), loaded on first use, so that activation loads none of it.
const loadMigrate = loadAwsLayer;
import { clientsFor, errorMessage, findManifests, manifestFor } from './deployShared';
import type { CommandFactory } from './index';
import { runCommand } from './runCommand';

const title = (): string => vscode.l10n.t('Greengrass ML: Migrate Group to Greengrass V2');

export interface MigrateCommandOptions {
  /** The group of a template that holds several. */
  group?: string;
  /** The migration folder (absolute). */
  outDir?: string;
  /** Replace existing files without asking. */
  force?: boolean;
}

export interface MigrateCommandResult {
  outDir: string;
  reportPath: string;
  blockers: number;
  written: string[];
}

/** A group folder (its manifest's folder) or a template the file belongs to, or undefined. */
async function sourceOf(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme !== 'file') return undefined;
  const { sourceKind } = await loadMigrate();
  if (sourceKind(uri.fsPath) === 'template') return uri.fsPath;
  const manifest = await manifestFor(uri);
  return manifest ? path.dirname(manifest.fsPath) : undefined;
}

async function pickSource(): Promise<string | undefined> {
  const { sourceKind, templateGroupNames } = await loadMigrate();
  const items: (vscode.QuickPickItem & { source: string })[] = [];
  for (const m of await findManifests()) {
    items.push({ label: m.manifest.name ?? path.basename(path.dirname(m.uri.fsPath)), description: vscode.l10n.t('group folder'), detail: vscode.workspace.asRelativePath(path.dirname(m.uri.fsPath)), source: path.dirname(m.uri.fsPath) });
  }
  const candidates = await vscode.workspace.findFiles('**/*.{yaml,yml,json,template}', '**/{node_modules,.*}/**', 500);
  for (const uri of candidates.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    if (/greengrass-ml\.json$|-definition\.json$/.test(uri.fsPath) || sourceKind(uri.fsPath) !== 'template') continue;
    const names = templateGroupNames(uri.fsPath) ?? [];
    if (names.length) items.push({ label: path.basename(uri.fsPath), description: vscode.l10n.t('template: {0}', names.join(', ')), detail: vscode.workspace.asRelativePath(uri), source: uri.fsPath });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No group folder (with greengrass-ml.json) or CloudFormation/SAM template with a Greengrass group is in the workspace: open one first.'));
    return undefined;
  }
  if (items.length === 1) return items[0]?.source;
  return (await vscode.window.showQuickPick(items, { title: title(), placeHolder: vscode.l10n.t('Which group to migrate') }))?.source;
}

async function pickOutDir(source: string): Promise<string | undefined> {
  const { defaultOutDir } = await loadMigrate();
  const fallback = defaultOutDir(source);
  const choice = await vscode.window.showQuickPick([
    { label: vscode.workspace.asRelativePath(fallback), description: vscode.l10n.t('beside the source'), dir: fallback },
    { label: vscode.l10n.t('Choose a Folder…'), description: '', dir: '' },
  ], { title: title(), placeHolder: vscode.l10n.t('Where to write the migration') });
  if (!choice) return undefined;
  if (choice.dir) return choice.dir;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, defaultUri: vscode.Uri.file(path.dirname(fallback)), openLabel: vscode.l10n.t('Write the Migration Here') });
  return picked?.[0]?.fsPath;
}

/** The training jobs' model artifacts, read through the connection when there is one (never prompts for one). */
async function trainingArtifacts(feature: CommandContext, jobs: readonly string[], region: string | undefined): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!jobs.length) return found;
  await feature.explorer.connection.whenSettled();
  if (feature.explorer.connection.state !== 'ready') {
    feature.log.info(`Migrate: no AWS connection, so the model artifacts of ${jobs.length} SageMaker training job(s) stay blockers in the report`);
    return found;
  }
  const cloud = await clientsFor(feature, region);
  try {
    const service = new cloud.aws.ModelSourcesService(cloud.clients);
    for (const job of jobs) {
      try {
        const details = await service.describeTrainingJob(job);
        if (details.modelArtifactUri) found.set(job, details.modelArtifactUri);
      } catch (error) {
        feature.log.warn(`Migrate: the training job's model artifact could not be read; it stays a blocker in the report: ${errorMessage(error)}`);
      }
    }
  } finally {
    cloud.done();
  }
  return found;
}

/**
 * The published versions behind the functions' aliases (and $LATEST), read through the connection when there is one
 * (never prompts for one). A function the endpoint cannot answer for keeps its blocker, with the reason.
 */
async function functionVersions(feature: CommandContext, queries: readonly VersionQuery[], region: string | undefined): Promise<Map<string, EndpointVersion>> {
  await feature.explorer.connection.whenSettled();
  if (feature.explorer.connection.state !== 'ready') {
    feature.log.info(`Migrate: no AWS connection, so the versions of ${queries.length} function(s) named by an alias or $LATEST stay blockers in the report`);
    return new Map();
  }
  const cloud = await clientsFor(feature, region);
  try {
    const found = await cloud.aws.resolveLambdaVersions(cloud.clients, queries);
    for (const [id, v] of found) {
      if (v.failure) feature.log.warn(`Migrate: the version of function ${id} could not be read from the endpoint; it stays a blocker in the report: ${v.failure}`);
    }
    return found;
  } catch (error) {
    feature.log.warn(`Migrate: the versions of the functions could not be read from the endpoint; they stay blockers in the report: ${errorMessage(error)}`);
    return new Map();
  } finally {
    cloud.done();
  }
}

export function migrateGroupCommand(feature: CommandContext, arg?: unknown, rawOptions?: unknown): Promise<MigrateCommandResult | undefined> {
  return runCommand(feature, vscode.l10n.t('migrate groups to Greengrass V2'), async () => {
    const options = (rawOptions && typeof rawOptions === 'object' && !Array.isArray(rawOptions) ? rawOptions : {}) as MigrateCommandOptions;
    const { defaultOutDir, existingFiles, MigrationError, prepareMigration, sageMakerJobs, sourceKind, templateGroupNames, versionQueries, writeMigration, REPORT_FILE } = await loadMigrate();
    let source: string | undefined;
    if (arg instanceof vscode.Uri) source = await sourceOf(arg);
    else if (typeof arg === 'string') source = await sourceOf(vscode.Uri.file(arg));
    else {
      const active = vscode.window.activeTextEditor?.document.uri;
      source = active ? await sourceOf(active) : undefined;
      source ??= await pickSource();
    }
    if (!source) {
      if (arg) void vscode.window.showErrorMessage(vscode.l10n.t('Migrate works on a group folder (with greengrass-ml.json) or a CloudFormation/SAM template with a Greengrass group; this is neither: {0}', String(arg instanceof vscode.Uri ? arg.fsPath : arg)));
      return undefined;
    }
    let group = options.group;
    if (group === undefined && sourceKind(source) === 'template') {
      const names = templateGroupNames(source) ?? [];
      if (names.length > 1) {
        group = await vscode.window.showQuickPick(names, { title: title(), placeHolder: vscode.l10n.t('{0} holds {1} groups: which one to migrate', path.basename(source), names.length) });
        if (!group) return undefined;
      }
    }
    const outDir = options.outDir ?? (arg === undefined && !options.group ? await pickOutDir(source) : defaultOutDir(source));
    if (!outDir) return undefined;
    const root = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(outDir))?.uri.fsPath;
    if (!root) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The migration folder is outside the workspace; choose a folder inside it: {0}', outDir));
      return undefined;
    }
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Migrating to Greengrass V2') }, async (progress) => {
        progress.report({ message: vscode.l10n.t('reading the group') });
        let prepared = await prepareMigration(source, { root, group, outDir });
        const jobs = sageMakerJobs(prepared.loaded.input.group);
        const queries = versionQueries(prepared.loaded.input);
        let artifacts = new Map<string, string>();
        let versions = new Map<string, EndpointVersion>();
        if (jobs.length) {
          progress.report({ message: vscode.l10n.t('reading the SageMaker training jobs') });
          artifacts = await trainingArtifacts(feature, jobs, prepared.loaded.input.region);
        }
        if (queries.length) {
          progress.report({ message: vscode.l10n.t('reading the versions of Lambda aliases') });
          versions = await functionVersions(feature, queries, prepared.loaded.input.region);
        }
        if (artifacts.size || versions.size) prepared = await prepareMigration(source, { root, group, outDir, trainingArtifacts: artifacts, functionVersions: versions });
        return prepared;
      });
      const existing = await existingFiles(result.outDir, result.plan);
      if (existing.length && !options.force) {
        const replace = vscode.l10n.t('Replace');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t("{0} already holds {1} of the migration's files. Replace them?", vscode.workspace.asRelativePath(result.outDir), existing.length),
          { modal: true, detail: existing.join('\n') }, replace);
        if (answer !== replace) return undefined;
      }
      const written = await writeMigration(result.outDir, result.plan, result.report, { root, force: true });
      const reportPath = path.join(result.outDir, REPORT_FILE);
      feature.log.info(`Migrated ${result.plan.record.source.group} to Greengrass V2: ${written.length} files in ${result.outDir}, ${result.plan.blockers} blocker(s)`);
      await vscode.window.showTextDocument(vscode.Uri.file(reportPath), { preview: false });
      void vscode.window.showInformationMessage(result.plan.blockers
        ? vscode.l10n.t('Wrote the Greengrass V2 migration with {0} blocker(s) to resolve first (listed at the top of the report): {1}', result.plan.blockers, vscode.workspace.asRelativePath(result.outDir))
        : vscode.l10n.t('Wrote the Greengrass V2 migration: {0}', vscode.workspace.asRelativePath(result.outDir)));
      return { outDir: result.outDir, reportPath, blockers: result.plan.blockers, written };
    } catch (error) {
      const message = errorMessage(error);
      feature.log.error(`Migrate: ${message}`);
      if (error instanceof MigrationError) void vscode.window.showErrorMessage(message);
      else void vscode.window.showErrorMessage(vscode.l10n.t('The migration could not be written: {0}', message), vscode.l10n.t('Show Log')).then((c) => (c ? feature.log.show(true) : undefined));
      return undefined;
    }
  });
}

export const migrateGroupCommands: Record<string, CommandFactory> = {
  'greengrassMl.migrateGroup': (f) => (arg?: unknown, options?: unknown) => migrateGroupCommand(f, arg, options),
};
