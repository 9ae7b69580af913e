/* eslint-disable @typescript-eslint/no-explicit-any -- generated JSON is read back loosely; the assertions check its shape */
// Helpers for the migration tests: groups built from definition bodies as users write them, and the generated
// files run through botocore's validator over the greengrassv2 service model.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { definitionFromText, type DefinitionKind, type Group, type GroupDefinition } from '../../../src/core/model';
import { planMigration, type FunctionFacts, type MigrationInput, type MigrationPlan } from '../../../src/core/migrate';

export const root = resolve(__dirname, '..', '..', '..', '..');

const LISTS: Record<DefinitionKind, string> = {
  core: 'Cores', function: 'Functions', resource: 'Resources', subscription: 'Subscriptions', device: 'Devices', logger: 'Loggers', connector: 'Connectors',
};

export const CORE = { Id: 'core', ThingArn: 'arn:aws:iot:us-east-1:123456789012:thing/pi_Core', CertificateArn: 'arn:aws:iot:us-east-1:123456789012:cert/abc', SyncShadow: false };

/** A group from definition bodies (`{functions: [...], functionDefaults: {...}}`), each read as its create-*-definition file. */
export function groupOf(parts: Partial<Record<DefinitionKind, unknown[]>>, functionDefaults?: unknown): Group {
  const definitions: Partial<Record<DefinitionKind, GroupDefinition>> = {};
  for (const [kind, list] of Object.entries(parts) as [DefinitionKind, unknown[]][]) {
    const body: Record<string, unknown> = { [LISTS[kind]]: list };
    if (kind === 'function' && functionDefaults) body['DefaultConfig'] = functionDefaults;
    const text = JSON.stringify({ Name: `${kind}s`, InitialVersion: body }, null, 2);
    const d = definitionFromText(kind, `/group/${kind}-definition.json`, text);
    if (d) definitions[kind] = d;
  }
  return { name: 'pi-group', definitions };
}

export function plan(group: Group, extra: Partial<MigrationInput> = {}, functions: Record<string, FunctionFacts> = {}): MigrationPlan {
  return planMigration({ group, source: { kind: 'group-folder', path: '..', group: 'pi-group' }, functions: new Map(Object.entries(functions)), ...extra });
}

export function fileOf(p: MigrationPlan, path: string): Record<string, unknown> {
  const f = p.files.find((x) => x.path === path);
  if (!f) throw new Error(`no file ${path}; files: ${p.files.map((x) => x.path).join(', ')}`);
  return f.json as Record<string, unknown>;
}

/** The request of a Lambda component: `lambdaFunction`. */
export function lambdaOf(p: MigrationPlan, name: string): Record<string, any> {
  return (fileOf(p, `components/${name}.request.json`) as { lambdaFunction: Record<string, any> }).lambdaFunction;
}

export function deploymentOf(p: MigrationPlan): { targetArn: string; components: Record<string, { componentVersion: string; configurationUpdate?: { merge: string }; runWith?: { posixUser: string } }> } {
  return fileOf(p, 'deployment.json') as any;
}

export function mergeOf(p: MigrationPlan, component: string): any {
  const merge = deploymentOf(p).components[component]?.configurationUpdate?.merge;
  if (merge === undefined) throw new Error(`no configuration for ${component}`);
  return JSON.parse(merge);
}

export interface Validation {
  file: string;
  problems: string[];
}

/** Every generated request (component requests, recipes as inlineRecipe, the deployment) through botocore's validator. */
export function validate(files: readonly { path: string; json: unknown }[]): Validation[] {
  const requests = files.flatMap((f) => {
    if (f.path.startsWith('components/')) return [{ file: f.path, operation: 'CreateComponentVersion', params: f.json }];
    if (f.path.startsWith('recipes/')) return [{ file: f.path, operation: 'CreateComponentVersion', params: { inlineRecipe: JSON.stringify(f.json) } }];
    if (f.path === 'deployment.json') return [{ file: f.path, operation: 'CreateDeployment', params: f.json }];
    return [];
  });
  const out = execFileSync('python3', [resolve(root, 'test', 'support', 'validate_v2.py')], { input: JSON.stringify(requests), encoding: 'utf8' });
  return JSON.parse(out) as Validation[];
}
