// Publishing a function: which Lambda runtime the group's core can run, and the FunctionArn edit in the
// function definition that points the group at the published alias.
import { compareVersions, parseVersion } from '../manifest';
import type { TextEdit } from '../lint/types';
import { parseLambdaArn } from '../model';

export { parseLambdaArn } from '../model';
import { modifyJson } from './edits';
import { parseDefinition } from './group';

export const DEFAULT_HANDLER = 'inference.function_handler';
export const DEFAULT_ALIAS = 'live';

/** The newest Python runtime Lambda still creates that the core version runs (python3.8 from 1.11, python3.7 from 1.9). */
export function runtimeForCore(coreVersion: string | undefined): 'python3.8' | 'python3.7' {
  const v = parseVersion(coreVersion);
  if (v && compareVersions(v, [1, 11]) < 0) return 'python3.7';
  return 'python3.8';
}

/** Why a name cannot be a Lambda function name, or undefined. */
export function validateFunctionName(name: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) return `A Lambda function name has 1–64 letters, digits, "-" or "_"; rename the folder: ${name}`;
  return undefined;
}

/**
 * The index of the function definition entry for Lambda function `name`: the entry whose FunctionArn names
 * that function, else the one whose Id is the name. -1 when there is none.
 */
export function findFunctionEntry(functions: readonly unknown[], name: string): number {
  const byArn = functions.findIndex((f) => {
    const arn = (f as { FunctionArn?: unknown } | null)?.FunctionArn;
    return typeof arn === 'string' && parseLambdaArn(arn)?.name === name;
  });
  if (byArn >= 0) return byArn;
  return functions.findIndex((f) => (f as { Id?: unknown } | null)?.Id === name);
}

/**
 * Edits that set the FunctionArn of function `name` in a function definition file to `arn` (formatting kept).
 * undefined when the definition has no entry for the function.
 */
export function functionArnEdits(path: string, text: string, name: string, arn: string): { text: string; edits: TextEdit[]; index: number } | undefined {
  const def = parseDefinition('functions', path, text);
  const index = findFunctionEntry(def.definition.items.map((item) => ({ FunctionArn: item.fields['FunctionArn']?.value, Id: item.fields['Id']?.value })), name);
  if (index < 0) return undefined;
  const changed = modifyJson(text, [[[...def.bodyPath, 'Functions', index, 'FunctionArn'], arn]]);
  return { ...changed, index };
}
