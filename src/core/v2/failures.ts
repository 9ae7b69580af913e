// Where a V2 failure belongs in the migration folder: a device's deployment failure on the component it names (its
// entry in deployment.json and its component file), a device error that names no component on deployment.json's
// target; a FAILED component version on the file that produced it (the artifact or Lambda version it names).
import { parse } from 'jsonc-parser';
import { locateJsonValue, messageNames, namePath, parseComponentFile } from './migrationFolder';

/** A problem at a place in a file (the diagnostics sink's LocatedProblem). */
export interface PlacedProblem {
  path: string;
  offset: number;
  length: number;
  message: string;
  code: string;
}

export interface FolderFile {
  path: string;
  text: string;
}

export interface DeviceFailure {
  device: string;
  reason: string;
}

/** Deployment failures on the components they name (deployment.json and the component files), else on the target. */
export function placeDeploymentFailures(failures: readonly DeviceFailure[], deployment: FolderFile, componentFiles: readonly FolderFile[]): PlacedProblem[] {
  const out: PlacedProblem[] = [];
  const doc = parse(deployment.text, [], { allowTrailingComma: true }) as { components?: unknown } | undefined;
  const names = doc?.components && typeof doc.components === 'object' ? Object.keys(doc.components) : [];
  const files = componentFiles.flatMap((f) => {
    try {
      const parsed = parseComponentFile(f.text, f.path);
      return [{ ...f, name: parsed.name, form: parsed.form }];
    } catch {
      return [];
    }
  });
  // One diagnostic per place: the devices that failed the same way are listed together.
  const byPlace = new Map<string, { at: PlacedProblem; devices: string[] }>();
  const add = (path: string, at: { offset: number; length: number } | undefined, message: (devices: string) => string, device: string): void => {
    if (!at) return;
    const key = `${path}@${at.offset}|${message('')}`;
    const seen = byPlace.get(key);
    if (seen) {
      seen.devices.push(device);
      seen.at.message = message(seen.devices.join(', '));
      return;
    }
    const problem = { path, ...at, code: 'deployment', message: message(device) };
    byPlace.set(key, { at: problem, devices: [device] });
    out.push(problem);
  };
  for (const f of failures) {
    const named = names.filter((n) => messageNames(f.reason, n));
    if (named.length === 0) {
      add(deployment.path, locateJsonValue(deployment.text, ['targetArn']), (d) => `The deployment failed on core device ${d} (a device error, no component named): ${f.reason}`, f.device);
      continue;
    }
    for (const name of named) {
      add(deployment.path, locateJsonValue(deployment.text, ['components', name], 'key'), (d) => `The deployment failed on core device ${d} because of ${name}: ${f.reason}`, f.device);
      const file = files.find((c) => c.name === name);
      if (file) add(file.path, locateJsonValue(file.text, namePath(file.form)), (d) => `The deployment of this component failed on core device ${d}: ${f.reason}`, f.device);
    }
  }
  return out;
}

/** A FAILED component version on its file: each failing artifact URI or Lambda ARN, else the component name. */
export function placeComponentFailure(file: FolderFile, name: string, version: string, message: string | undefined, errors: Record<string, string> | undefined): PlacedProblem[] {
  let form: 'lambda' | 'recipe' = 'recipe';
  try {
    form = parseComponentFile(file.text, file.path).form;
  } catch {
    // the name path of a recipe is the best guess
  }
  const out: PlacedProblem[] = [];
  for (const [what, why] of Object.entries(errors ?? {})) {
    const at = findString(file.text, what);
    if (at) out.push({ path: file.path, ...at, code: 'component', message: `${name} ${version} FAILED to publish: ${why}` });
  }
  if (out.length === 0) {
    const at = locateJsonValue(file.text, namePath(form)) ?? { offset: 0, length: 1 };
    out.push({ path: file.path, ...at, code: 'component', message: `${name} ${version} FAILED to publish: ${message ?? Object.values(errors ?? {}).join('; ') ?? 'no reason was given'}` });
  }
  return out;
}

/** Where a JSON string value equal to `value` is (its quotes included). */
function findString(text: string, value: string): { offset: number; length: number } | undefined {
  const quoted = JSON.stringify(value);
  const i = text.indexOf(quoted);
  return i >= 0 ? { offset: i, length: quoted.length } : undefined;
}

