// What a migration reads from the workspace: a group folder (its manifest and definitions) or a CloudFormation/SAM
// template (one of its groups), the handlers' Python files and the model archives that are at hand. Every file is
// read through the one bounded reader (src/core/textFile.ts).
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { groupModel, readGroupFiles, GroupFilesError } from '../deploy/group';
import { MANIFEST_FILE_NAME } from '../manifest';
import { parseLambdaArn, parseS3Uri, type Group } from '../model';
import { groupsFromTemplate } from '../template/group';
import { isTemplate } from '../template/recognize';
import { DEFAULT_MAX_BYTES, readTextFile } from '../textFile';
import type { FunctionFacts, MigrationInput } from './plan';

/** A source that cannot be migrated as it is (bad path, no group, an unknown --group): the message says what to do. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface LoadOptions {
  /** The group to migrate when a template holds several. */
  group?: string | undefined;
  /** The migration folder: paths in the record are relative to it. */
  outDir: string;
  trainingArtifacts?: ReadonlyMap<string, string> | undefined;
  /** What the endpoint said about functions' versions (see versionQueries), by the V1 function's Id. */
  functionVersions?: ReadonlyMap<string, EndpointVersion> | undefined;
}

/** A function's version as the endpoint resolved it, or why it could not. */
export interface EndpointVersion {
  version?: string | undefined;
  /** The versioned ARN the endpoint gave. */
  arn?: string | undefined;
  /** How it was resolved, for the report ("alias live → 3"). */
  how?: string | undefined;
  failure?: string | undefined;
}

/** The function's facts with what the endpoint said about its version. */
function withEndpointVersion(facts: FunctionFacts, found: EndpointVersion | undefined): FunctionFacts {
  if (!found || facts.version) return facts;
  if (found.version) {
    return { ...facts, version: found.version, versionSource: `resolved from the endpoint: ${found.how ?? found.version}`, ...(found.arn ? { versionArn: found.arn } : {}) };
  }
  return found.failure ? { ...facts, versionFailure: found.failure } : facts;
}

export interface LoadedSource {
  input: MigrationInput;
  /** The files the group was read from, by path, for line numbers in the report. */
  texts: Map<string, string>;
  /** The folder the source lives in (the default parent of the migration folder). */
  folder: string;
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

function readText(file: string): string | undefined {
  const r = readTextFile(file, DEFAULT_MAX_BYTES);
  return 'text' in r ? r.text : undefined;
}

/** The groups a template holds (for a picker), or undefined when the file is no template. */
export function templateGroupNames(file: string): string[] | undefined {
  const text = readText(file);
  if (text === undefined || !isTemplate(text)) return undefined;
  return groupsFromTemplate(file, text).groups.map((g) => g.name);
}

/** What kind of source a path is: a group folder (or its manifest), a template, or neither. */
export function sourceKind(p: string): 'group-folder' | 'template' | undefined {
  let stat;
  try {
    stat = statSync(p);
  } catch {
    return undefined;
  }
  if (stat.isDirectory()) return readText(path.join(p, MANIFEST_FILE_NAME)) !== undefined ? 'group-folder' : undefined;
  if (path.basename(p) === MANIFEST_FILE_NAME) return 'group-folder';
  const text = readText(p);
  return text !== undefined && isTemplate(text) ? 'template' : undefined;
}

export async function loadSource(sourcePath: string, options: LoadOptions): Promise<LoadedSource> {
  const absolute = path.resolve(sourcePath);
  const kind = sourceKind(absolute);
  if (!kind) {
    throw new MigrationError(`Not a group folder (with ${MANIFEST_FILE_NAME}) or a CloudFormation/SAM template with a Greengrass group; name one: ${sourcePath}`);
  }
  return kind === 'group-folder' ? loadGroupFolder(absolute, options) : loadTemplate(absolute, options);
}

async function loadGroupFolder(p: string, options: LoadOptions): Promise<LoadedSource> {
  const manifestPath = path.basename(p) === MANIFEST_FILE_NAME ? p : path.join(p, MANIFEST_FILE_NAME);
  const folder = path.dirname(manifestPath);
  const texts = new Map<string, string>();
  let files;
  try {
    files = await readGroupFiles(manifestPath, (f) => {
      const text = readText(f);
      if (text !== undefined) texts.set(f, text);
      return Promise.resolve(text);
    });
  } catch (error) {
    if (error instanceof GroupFilesError) throw new MigrationError(error.message);
    throw error;
  }
  const group = groupModel(files);
  const rel = (f: string): string => toPosix(path.relative(options.outDir, f)) || '.';
  const functions = new Map<string, FunctionFacts>();
  for (const item of group.definitions.function?.items ?? []) {
    const id = item.id?.value;
    if (!id) continue;
    const arn = item.fields['FunctionArn']?.value;
    const name = typeof arn === 'string' ? parseLambdaArn(arn)?.name : undefined;
    const config = item.fields['FunctionConfiguration']?.value as { Executable?: unknown } | undefined;
    const executable = typeof config?.Executable === 'string' ? config.Executable : undefined;
    const modules = executable && /^[\w.]+\.\w+$/.test(executable) ? [executable.replace(/\.[^.]+$/, '').replace(/\./g, '/')] : ['inference', 'lambda_function', 'handler', 'main'];
    const names = [...new Set([id, name, id.replace(/-/g, '_'), name?.replace(/-/g, '_')].filter((n): n is string => !!n))];
    const candidates = names.flatMap((n) => modules.flatMap((m) => [path.join(folder, 'functions', n, `${m}.py`), path.join(folder, n, `${m}.py`)]));
    const found = candidates.find((c) => readText(c) !== undefined);
    const hint = files.manifest.functions?.[id];
    functions.set(id, withEndpointVersion({
      ...(hint?.runtime ? { runtime: hint.runtime } : {}),
      ...(found ? { handler: { path: rel(found), text: readText(found)! } } : { handlerSearched: [...new Set(candidates.map((c) => toPosix(path.relative(folder, c))))].slice(0, 4) }),
    }, options.functionVersions?.get(id)));
  }
  return {
    folder,
    texts,
    input: {
      group, functions,
      source: { kind: 'group-folder', path: rel(folder), group: files.manifest.name },
      coreVersion: files.manifest.coreVersion,
      region: files.manifest.region,
      localArchives: localArchives(group, folder, options.outDir),
      trainingArtifacts: options.trainingArtifacts,
    },
  };
}

async function loadTemplate(file: string, options: LoadOptions): Promise<LoadedSource> {
  const text = readText(file);
  if (text === undefined) throw new MigrationError(`The template cannot be read: ${file}`);
  const { groups, problem } = groupsFromTemplate(file, text);
  if (!groups.length) throw new MigrationError(`${problem ?? 'The template holds no Greengrass group'}: ${file}`);
  const names = groups.map((g) => g.name);
  let chosen = groups[0]!;
  if (options.group !== undefined) {
    const found = groups.find((g) => g.name === options.group);
    if (!found) throw new MigrationError(`The template has no group named ${options.group}; its groups: ${names.join(', ')}`);
    chosen = found;
  } else if (groups.length > 1) {
    throw new MigrationError(`The template holds ${groups.length} groups; choose one with --group: ${names.join(', ')}`);
  }
  const folder = path.dirname(file);
  const rel = (f: string): string => toPosix(path.relative(options.outDir, f)) || '.';
  const functions = new Map<string, FunctionFacts>();
  for (const item of chosen.group.definitions.function?.items ?? []) {
    const id = item.id?.value;
    if (!id) continue;
    const facts = chosen.functions.get(id) ?? {};
    const handlerPath = facts.handlerFile ? path.resolve(folder, facts.handlerFile) : undefined;
    const handlerText = handlerPath ? readText(handlerPath) : undefined;
    functions.set(id, withEndpointVersion({
      ...(facts.runtime ? { runtime: facts.runtime } : {}),
      ...(facts.versionNote ? { versionNote: facts.versionNote } : {}),
      ...(facts.publishAlias ? { publishAlias: facts.publishAlias } : {}),
      ...(handlerPath && handlerText !== undefined ? { handler: { path: rel(handlerPath), text: handlerText } } : { handlerSearched: facts.handlerFile ? [facts.handlerFile] : [] }),
    }, options.functionVersions?.get(id)));
  }
  return {
    folder,
    texts: new Map([[file, text]]),
    input: {
      group: chosen.group, functions,
      source: { kind: 'template', path: rel(file), group: chosen.name },
      coreVersion: chosen.coreVersion, region: chosen.region,
      unknowns: chosen.unknowns,
      localArchives: localArchives(chosen.group, folder, options.outDir),
      trainingArtifacts: options.trainingArtifacts,
    },
  };
}

const MAX_SCAN_ENTRIES = 5000;

/** The .tar.gz models of the group found in the source's folder (by file name, a few levels deep), relative to the migration folder. */
function localArchives(group: Group, folder: string, outDir: string): Map<string, string> {
  const wanted = new Map<string, string>();
  for (const item of group.definitions.resource?.items ?? []) {
    const container = item.fields['ResourceDataContainer']?.value as { S3MachineLearningModelResourceData?: { S3Uri?: unknown } } | undefined;
    const uri = container?.S3MachineLearningModelResourceData?.S3Uri;
    const key = typeof uri === 'string' ? parseS3Uri(uri)?.key : undefined;
    if (typeof uri === 'string' && key && /\.(tar\.gz|tgz)$/i.test(key)) wanted.set(key.split('/').pop()!, uri);
  }
  const found = new Map<string, string>();
  if (!wanted.size) return found;
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > 3 || seen > MAX_SCAN_ENTRIES) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > MAX_SCAN_ENTRIES) return;
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules' && path.join(dir, e.name) !== outDir) walk(path.join(dir, e.name), depth + 1);
      } else if (e.isFile() && wanted.has(e.name)) {
        const uri = wanted.get(e.name)!;
        if (!found.has(uri)) found.set(uri, toPosix(path.relative(outDir, path.join(dir, e.name))));
      }
    }
  };
  walk(folder, 0);
  return found;
}
