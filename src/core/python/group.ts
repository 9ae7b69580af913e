// The group a Python handler belongs to: the nearest greengrass-ml.json up the tree, its definitions, and the
// function whose code the handler is.
//
// Mapping from code to function: a file under `functions/<name>/` (relative to the manifest's folder) is the code
// of the function whose Id is `<name>` in the function definition, or else of the function whose FunctionArn names
// the Lambda function `<name>`. This is the layout "New Inference Function" writes.
import { modify, parse, type ParseError } from 'jsonc-parser';
import { MANIFEST_FILE_NAME, parseVersion, type GroupManifest } from '../manifest';
import { detectFormatting, groupFromFolder, parseLambdaArn, type GroupItem } from '../model';
import { dirOf } from '../paths';
import type { Fix } from '../lint/types';
import { templateGroupOfHandler } from './template';

export interface ReadHost {
  readFile(path: string): string | undefined;
}

/** The length of a path's "scheme://authority" head ('' for a plain path): the search for a manifest stops there. */
function headLength(path: string): number {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path)?.[0].length ?? 0;
}

/** The folders of a path with their trailing separator, nearest first: "/a/b/c.py" → "/a/b/", "/a/", "/". */
function ancestors(path: string): string[] {
  const head = headLength(path);
  const out: string[] = [];
  let p = path;
  for (let dir = dirOf(p); dir.length > head; dir = dirOf(p)) {
    out.push(dir);
    p = dir.slice(0, -1);
  }
  return out;
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const errors: ParseError[] = [];
  const v = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  return errors.length === 0 && typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
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
    const candidate = `${dir}${MANIFEST_FILE_NAME}`;
    const text = host.readFile(candidate);
    if (text !== undefined) return { path: candidate, text };
  }
  return undefined;
}

/** A plain object's property, or undefined. */
function member(value: unknown, key: string): unknown {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

/** The function definition item for Lambda function `name`: the one whose Id is the name, else whose FunctionArn names it. */
function functionItem(items: readonly GroupItem[], name: string): number {
  const byId = items.findIndex((f) => f.fields['Id']?.value === name);
  if (byId >= 0) return byId;
  return items.findIndex((f) => {
    const arn = f.fields['FunctionArn']?.value;
    return typeof arn === 'string' && parseLambdaArn(arn)?.name === name;
  });
}

/**
 * The group of a Python file: from the nearest greengrass-ml.json up the tree, or from the CloudFormation or SAM
 * template that deploys it (src/core/python/template.ts), whichever is nearer; undefined when neither is found.
 */
export function groupOfHandler(path: string, host: ReadHost): HandlerGroup | undefined {
  const found = findManifest(path, host);
  // The nearer of the two configures the handler (a manifest at the workspace root does not hide a SAM app's template).
  const fromTemplate = templateGroupOfHandler(path, host, found ? dirOf(found.path).slice(0, -1) : undefined);
  if (fromTemplate || !found) return fromTemplate;
  const manifest = parseObject(found.text) as GroupManifest | undefined;
  if (!manifest) return undefined;
  const dir = dirOf(found.path);
  const group: HandlerGroup = {
    manifestPath: found.path,
    manifest,
    coreVersion: parseVersion(typeof manifest.coreVersion === 'string' ? manifest.coreVersion : undefined),
    raspberryPi: Array.isArray(manifest.platforms) && manifest.platforms.includes('raspberry-pi'),
    mlDestinations: [],
  };
  const model = groupFromFolder(found.path, manifest, (p) => host.readFile(p));
  for (const r of model.definitions.resource?.items ?? []) {
    const container = r.fields['ResourceDataContainer']?.value;
    const data = member(container, 'S3MachineLearningModelResourceData') ?? member(container, 'SageMakerMachineLearningModelResourceData');
    const destination = member(data, 'DestinationPath');
    if (typeof destination === 'string' && destination.startsWith('/')) {
      group.mlDestinations.push({ id: r.id?.value ?? '', path: destination.replace(/\/+$/, '') || '/' });
    }
  }
  // functions/<name>/… relative to the manifest's folder.
  const relative = path.slice(dir.length).replace(/\\/g, '/');
  const name = /^functions\/([^/]+)\//.exec(relative)?.[1];
  const functions = model.definitions.function;
  const definitionText = functions ? host.readFile(functions.at.file) : undefined;
  if (name && functions && definitionText !== undefined) {
    const index = functionItem(functions.items, name);
    const f = functions.items[index];
    if (f) {
      const environment = member(f.fields['FunctionConfiguration']?.value, 'Environment');
      const vars = member(environment, 'Variables');
      const execution = member(environment, 'Execution') ?? member(functions.extra['DefaultConfig']?.value, 'Execution');
      const isolationMode = member(execution, 'IsolationMode');
      const edits = modify(definitionText, [...(functions.bodyPath ?? []), 'Functions', index, 'FunctionConfiguration', 'Environment', 'Variables', 'MXNET_ENGINE_TYPE'], 'NaiveEngine',
        { formattingOptions: detectFormatting(definitionText) });
      group.func = {
        id: f.id?.value ?? name,
        variables: vars && typeof vars === 'object' && !Array.isArray(vars) ? (vars as Record<string, unknown>) : {},
        isolationMode: typeof isolationMode === 'string' ? isolationMode : 'GreengrassContainer',
        naiveEngineEdits: [{ path: functions.at.file, edits }],
      };
    }
  }
  return group;
}
