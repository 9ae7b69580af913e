// The group a Python handler belongs to: the nearest greengrass-ml.json up the tree, its definitions, and the
// function whose code the handler is.
//
// Mapping from code to function: a file under `functions/<name>/` (relative to the manifest's folder) is the code
// of the function whose Id is `<name>` in the function definition, or else of the function whose FunctionArn names
// the Lambda function `<name>`. This is the layout "New Inference Function" writes.
import { modify, parse, type ParseError } from 'jsonc-parser';
import { MANIFEST_FILE_NAME, parseVersion, type GroupManifest } from '../manifest';
import { detectFormatting, parseLambdaArn } from '../model';
import type { Fix } from '../lint/types';
import { templateGroupOfHandler } from './template';

export interface ReadHost {
  readFile(path: string): string | undefined;
}

/** Splits a path or URI string into its "scheme://authority" head and the path part. */
function splitHead(path: string): [string, string] {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  return m ? [m[0], path.slice(m[0].length)] : ['', path];
}

function lastSep(path: string): number {
  return Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
}

/** The folders of a path, nearest first: "/a/b/c.py" → "/a/b", "/a", "". */
function ancestors(path: string): string[] {
  const [head, rest] = splitHead(path);
  const out: string[] = [];
  let p = rest;
  while (lastSep(p) >= 0) {
    p = p.slice(0, lastSep(p));
    out.push(head + p);
  }
  return out;
}

function sepOf(path: string): string {
  return !path.includes('/') && path.includes('\\') ? '\\' : '/';
}

export function joinPath(dir: string, relative: string): string {
  const sep = sepOf(dir);
  const parts = relative.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  let out = dir;
  for (const part of parts) {
    if (part === '..') {
      const i = lastSep(out);
      if (i >= 0) out = out.slice(0, i);
    } else out = out + sep + part;
  }
  return out;
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const errors: ParseError[] = [];
  const v = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  return errors.length === 0 && typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The path of a definition's list in any of its shapes (bare, {Name, InitialVersion}, {Definition}). */
export function definitionListPath(doc: Record<string, unknown>, key: string): string[] | undefined {
  if (Array.isArray(doc[key])) return [key];
  for (const outer of ['InitialVersion', 'Definition']) {
    const body = doc[outer] as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && Array.isArray(body[key])) return [outer, key];
  }
  return undefined;
}

function listOf(doc: Record<string, unknown> | undefined, key: string): unknown[] {
  if (!doc) return [];
  const path = definitionListPath(doc, key);
  if (!path) return [];
  let v: unknown = doc;
  for (const k of path) v = (v as Record<string, unknown>)[k];
  return v as unknown[];
}

export interface HandlerGroup {
  manifestPath: string;
  manifest: GroupManifest;
  coreVersion: number[] | undefined;
  raspberryPi: boolean;
  /** DestinationPaths of the group's ML resources. */
  mlDestinations: { id: string; path: string }[];
  /** The function whose code this file is, when the layout (or the template) says so. */
  func?: {
    id: string;
    /** Its environment variables whose values are known. */
    variables: Record<string, unknown>;
    /** Variables whose value is built by an intrinsic function of a template: unknown until the stack is created. */
    unknownVariables?: string[];
    /** GreengrassContainer, NoContainer, or "unknown" when an intrinsic function decides it. */
    isolationMode?: string;
    /** The edits that set MXNET_ENGINE_TYPE=NaiveEngine in the function's configuration, when they can be made safely. */
    naiveEngineEdits?: Fix['edits'];
  };
}

export function findManifest(path: string, host: ReadHost): { path: string; text: string } | undefined {
  for (const dir of ancestors(path)) {
    const candidate = joinPath(dir, MANIFEST_FILE_NAME);
    const text = host.readFile(candidate);
    if (text !== undefined) return { path: candidate, text };
  }
  return undefined;
}

interface Execution {
  IsolationMode?: unknown;
}

/** The DefaultConfig execution of the definition whose Functions list is at `listPath`. */
function defaultExecution(doc: Record<string, unknown>, listPath: string[]): Execution | undefined {
  let body: unknown = doc;
  for (const k of listPath.slice(0, -1)) body = (body as Record<string, unknown> | undefined)?.[k];
  const config = (body as { DefaultConfig?: { Execution?: Execution } } | undefined)?.DefaultConfig;
  return config?.Execution;
}

/**
 * The group of a Python file: from the nearest greengrass-ml.json up the tree, or from the CloudFormation or SAM
 * template that deploys it (src/core/python/template.ts), whichever is nearer; undefined when neither is found.
 */
export function groupOfHandler(path: string, host: ReadHost): HandlerGroup | undefined {
  const found = findManifest(path, host);
  // The nearer of the two configures the handler (a manifest at the workspace root does not hide a SAM app's template).
  const fromTemplate = templateGroupOfHandler(path, host, found ? found.path.slice(0, lastSep(found.path)) : undefined);
  if (fromTemplate || !found) return fromTemplate;
  const manifest = parseObject(found.text) as GroupManifest | undefined;
  if (!manifest) return undefined;
  const dir = found.path.slice(0, lastSep(found.path));
  const group: HandlerGroup = {
    manifestPath: found.path,
    manifest,
    coreVersion: parseVersion(typeof manifest.coreVersion === 'string' ? manifest.coreVersion : undefined),
    raspberryPi: Array.isArray(manifest.platforms) && manifest.platforms.includes('raspberry-pi'),
    mlDestinations: [],
  };
  const resourcesName = manifest.definitions?.resources;
  if (typeof resourcesName === 'string') {
    for (const r of listOf(parseObject(host.readFile(joinPath(dir, resourcesName))), 'Resources')) {
      const container = (r as { Id?: unknown; ResourceDataContainer?: Record<string, { DestinationPath?: unknown } | undefined> } | null);
      const data = container?.ResourceDataContainer?.['S3MachineLearningModelResourceData'] ?? container?.ResourceDataContainer?.['SageMakerMachineLearningModelResourceData'];
      if (typeof data?.DestinationPath === 'string' && data.DestinationPath.startsWith('/')) {
        group.mlDestinations.push({ id: typeof container?.Id === 'string' ? container.Id : '', path: data.DestinationPath.replace(/\/+$/, '') || '/' });
      }
    }
  }
  // functions/<name>/… relative to the manifest's folder.
  const relative = path.slice(dir.length).replace(/\\/g, '/');
  const name = /^\/functions\/([^/]+)\//.exec(relative)?.[1];
  const functionsName = manifest.definitions?.functions;
  if (name && typeof functionsName === 'string') {
    const definitionPath = joinPath(dir, functionsName);
    const definitionText = host.readFile(definitionPath);
    const doc = parseObject(definitionText);
    const listPath = doc ? definitionListPath(doc, 'Functions') : undefined;
    if (doc && listPath && definitionText !== undefined) {
      const functions = listOf(doc, 'Functions') as { Id?: unknown; FunctionArn?: unknown; FunctionConfiguration?: { Environment?: { Variables?: unknown; Execution?: Execution } } }[];
      let index = functions.findIndex((f) => f?.Id === name);
      if (index < 0) index = functions.findIndex((f) => typeof f?.FunctionArn === 'string' && parseLambdaArn(f.FunctionArn)?.name === name);
      if (index >= 0) {
        const f = functions[index]!;
        const vars = f.FunctionConfiguration?.Environment?.Variables;
        const execution = f.FunctionConfiguration?.Environment?.Execution ?? defaultExecution(doc, listPath);
        const edits = modify(definitionText, [...listPath, index, 'FunctionConfiguration', 'Environment', 'Variables', 'MXNET_ENGINE_TYPE'], 'NaiveEngine',
          { formattingOptions: detectFormatting(definitionText) });
        group.func = {
          id: typeof f.Id === 'string' ? f.Id : name,
          variables: vars && typeof vars === 'object' && !Array.isArray(vars) ? (vars as Record<string, unknown>) : {},
          isolationMode: typeof execution?.IsolationMode === 'string' ? execution.IsolationMode : 'GreengrassContainer',
          naiveEngineEdits: [{ path: definitionPath, edits }],
        };
      }
    }
  }
  return group;
}
