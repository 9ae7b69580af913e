// The migration folder as Publish Components and Deploy to Thing Group read it: migration.json (the record of what
// the migration wrote), the component request files and recipes it lists, deployment.json. Pure: texts in, plans and
// text edits out; the AWS layer reads and writes the files.
import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { modifyJson } from '../deploy/edits';
import { parseS3Uri } from '../model';
import type { TextEdit } from '../model';
import { MigrationFolderError, parseJsonObject, THING_GROUP_PLACEHOLDER } from './migrationRecord';

export { MIGRATION_RECORD_FILE, THING_GROUP_PLACEHOLDER, MigrationFolderError, parseMigrationRecord, isRelativeInside } from './migrationRecord';
export type { ComponentKind, MigrationRecord, RecordedComponent } from './migrationRecord';
export const DEPLOYMENT_FILE = 'deployment.json';

const PARSE = { allowTrailingComma: true, disallowComments: false };
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** What one component file asks CreateComponentVersion for. */
export type ComponentRequest =
  | { form: 'lambda'; name: string; version: string; request: Record<string, unknown> }
  | { form: 'recipe'; name: string; version: string; recipe: Record<string, unknown> };

/** Reads a component file: a CreateComponentVersion request (lambdaFunction form) or a JSON recipe. */
export function parseComponentFile(text: string, file: string): ComponentRequest {
  const doc = parseJsonObject(text, file);
  const lambda = doc['lambdaFunction'];
  if (lambda && typeof lambda === 'object' && !Array.isArray(lambda)) {
    const l = lambda as Record<string, unknown>;
    const name = str(l['componentName']);
    const version = str(l['componentVersion']);
    if (!name || !version) throw new MigrationFolderError(l10n.t('The Lambda component request needs lambdaFunction.componentName and componentVersion: {0}', file), file);
    return { form: 'lambda', name, version, request: doc };
  }
  if ('inlineRecipe' in doc) throw new MigrationFolderError(l10n.t('Write the recipe as a file in recipes/, not as inlineRecipe in a request: {0}', file), file);
  const name = str(doc['ComponentName']);
  const version = str(doc['ComponentVersion']);
  if (!name || !version) throw new MigrationFolderError(l10n.t('The file is neither a Lambda component request (lambdaFunction) nor a recipe with ComponentName and ComponentVersion: {0}', file), file);
  return { form: 'recipe', name, version, recipe: doc };
}

/** The JSON path of a component file's version. */
export function versionPath(form: ComponentRequest['form']): string[] {
  return form === 'lambda' ? ['lambdaFunction', 'componentVersion'] : ['ComponentVersion'];
}

/** The JSON path of a component file's name. */
export function namePath(form: ComponentRequest['form']): string[] {
  return form === 'lambda' ? ['lambdaFunction', 'componentName'] : ['ComponentName'];
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:[-+].*)?$/;

/** The next patch version (1.0.3 → 1.0.4; a pre-release or build suffix is dropped); undefined for a version that is not major.minor.patch. */
export function nextPatchVersion(version: string): string | undefined {
  const m = SEMVER.exec(version);
  if (!m) return undefined;
  return `${m[1]}.${m[2]}.${Number(m[3]) + 1}`;
}

/**
 * The recipe with its S3 artifact URIs moved to `bucket` where `moved` says so (the key stays): the artifacts the
 * publish uploaded went to the bucket the user chose, whatever bucket the migration wrote.
 */
export function rewriteArtifactBuckets(recipe: Record<string, unknown>, moved: (uri: string) => string | undefined): { recipe: Record<string, unknown>; rewritten: string[] } {
  const copy = structuredClone(recipe);
  const rewritten: string[] = [];
  const manifests = Array.isArray(copy['Manifests']) ? (copy['Manifests'] as unknown[]) : [];
  for (const m of manifests) {
    const artifacts = m && typeof m === 'object' ? (m as Record<string, unknown>)['Artifacts'] : undefined;
    if (!Array.isArray(artifacts)) continue;
    for (const a of artifacts) {
      if (!a || typeof a !== 'object') continue;
      const art = a as Record<string, unknown>;
      const key = typeof art['URI'] === 'string' ? 'URI' : typeof art['Uri'] === 'string' ? 'Uri' : undefined;
      if (!key) continue;
      const to = moved(art[key] as string);
      if (to && to !== art[key]) {
        art[key] = to;
        rewritten.push(to);
      }
    }
  }
  return { recipe: copy, rewritten };
}

/** The S3 URIs of a recipe's artifacts. */
export function recipeArtifactUris(recipe: Record<string, unknown>): string[] {
  const out: string[] = [];
  rewriteArtifactBuckets(recipe, (uri) => {
    if (parseS3Uri(uri)) out.push(uri);
    return undefined;
  });
  return out;
}

/** deployment.json: a CreateDeployment request. */
export interface DeploymentRequest {
  targetArn: string;
  deploymentName?: string | undefined;
  components: Record<string, { componentVersion?: string } & Record<string, unknown>>;
  request: Record<string, unknown>;
}

export function parseDeploymentFile(text: string, file = DEPLOYMENT_FILE): DeploymentRequest {
  const doc = parseJsonObject(text, file);
  const target = str(doc['targetArn']);
  const components = doc['components'];
  if (!target) throw new MigrationFolderError(l10n.t('deployment.json needs a "targetArn" (a thing group or core device ARN, or the placeholder to choose one): {0}', file), file);
  if (!components || typeof components !== 'object' || Array.isArray(components) || Object.keys(components).length === 0) {
    throw new MigrationFolderError(l10n.t('deployment.json deploys no components; list them under "components": {0}', file), file);
  }
  return { targetArn: target, deploymentName: str(doc['deploymentName']), components: components as DeploymentRequest['components'], request: doc };
}

/** Whether a target still has to be chosen: the placeholder, or any ARN with REGION/ACCOUNT/REPLACE_ME in it. */
export function isPlaceholderTarget(targetArn: string, placeholder = THING_GROUP_PLACEHOLDER): boolean {
  return targetArn === placeholder || /REPLACE_ME|:REGION:|:ACCOUNT:/.test(targetArn);
}

/** The edits that set a value in a JSON file, its formatting and comments kept. */
export function setJsonValue(text: string, path: (string | number)[], value: unknown): TextEdit[] {
  return modifyJson(text, [[path, value]]).edits;
}

/** Where a value is in a JSON text (offset and length), or undefined. */
export function locateJsonValue(text: string, path: (string | number)[], what: 'value' | 'key' = 'value'): { offset: number; length: number } | undefined {
  const root: Node | undefined = parseTree(text, [], PARSE);
  const node = root ? findNodeAtLocation(root, path) : undefined;
  if (!node) return undefined;
  if (what === 'key' && node.parent?.type === 'property' && node.parent.children?.[0]) {
    const key = node.parent.children[0];
    return { offset: key.offset, length: key.length };
  }
  return { offset: node.offset, length: node.length };
}

/** Whether `message` names `name` as a whole word (component names hold dots: com.example.Foo). */
export function messageNames(message: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_.-])${escaped}($|[^A-Za-z0-9_.-]|\\.(?![A-Za-z0-9_-]))`).test(message);
}
