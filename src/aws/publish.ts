// Publish an inference function: zip its folder, create or update the Lambda function, publish a version, point
// an alias at it, and write the alias ARN into the group's function definition (formatting kept).
import * as l10n from '@vscode/l10n';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  CreateAliasCommand, CreateFunctionCommand, GetFunctionCommand, PublishVersionCommand, UpdateAliasCommand, UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import type { Runtime } from '@aws-sdk/client-lambda';
import type { AwsClients } from './clients';
import { ShipError, nodeGroupIo, shipAwsError } from './deploy';
import type { GroupIo } from './deploy';
import { packFolder } from './upload';
import {
  DEFAULT_ALIAS, DEFAULT_HANDLER, functionArnEdits, readGroupFiles, runtimeForCore, validateFunctionName,
} from '../core/deploy';
import { MANIFEST_FILE_NAME } from '../core/manifest';
import type { GroupManifest } from '../core/manifest';
import { parse as parseJsonc } from 'jsonc-parser';

export interface PublishOptions {
  /** The group manifest: gives the execution role, the core version (runtime) and the function definition. */
  manifestPath: string;
  /** The function's folder (functions/<name>/); its name is the Lambda function's name unless `functionName` is given. */
  folder: string;
  functionName?: string;
  alias?: string;
  handler?: string;
  runtime?: string;
  io?: GroupIo;
  onStep?: (message: string) => void;
  log?: (line: string) => void;
}

export interface PublishResult {
  functionName: string;
  functionArn: string;
  version: string;
  aliasArn: string;
  created: boolean;
  /** The function definition file whose FunctionArn was updated (undefined when the definition has no entry for it). */
  definitionPath?: string;
}

/** Publishes the function folder; throws ShipError with a message for the user. */
export async function publishFunction(clients: AwsClients, options: PublishOptions): Promise<PublishResult> {
  const io = options.io ?? nodeGroupIo;
  const step = options.onStep ?? ((): void => undefined);
  const log = options.log ?? ((): void => undefined);
  const group = await readGroupFiles(options.manifestPath, (p) => io.readFile(p)).catch((error: unknown) => {
    // Publishing needs the manifest only; a group without a core can still publish functions.
    if (error instanceof Error && /deploys only with a core|exactly one core/.test(error.message)) return undefined;
    throw error;
  });
  const manifestText = group?.manifestText ?? (await io.readFile(options.manifestPath));
  const manifest = group?.manifest ?? (manifestText ? (parseJsonc(manifestText) as Partial<GroupManifest> | undefined) : undefined);
  if (!manifest) throw new ShipError(l10n.t('The group manifest was not found: {0}', options.manifestPath), 'input');
  const role = manifest.lambdaExecutionRoleArn;
  if (typeof role !== 'string' || !role.trim()) {
    throw new ShipError(l10n.t('Publishing needs the IAM role the function runs with. Add "lambdaExecutionRoleArn": "arn:aws:iam::<account>:role/<name>" to {0}: {1}', MANIFEST_FILE_NAME, options.manifestPath), 'input');
  }
  const functionName = options.functionName ?? basename(options.folder.replace(/[\\/]+$/, ''));
  const invalid = validateFunctionName(functionName);
  if (invalid) throw new ShipError(invalid, 'input');
  const alias = options.alias ?? DEFAULT_ALIAS;
  const handler = options.handler ?? (await defaultHandler(options.folder));
  const runtime = (options.runtime ?? runtimeForCore(manifest.coreVersion)) as Runtime;

  const work = await mkdtemp(join(tmpdir(), 'greengrass-ml-publish-'));
  let zip: Uint8Array;
  try {
    step(l10n.t('Zipping {0}', functionName));
    const out = join(work, 'function.zip');
    const plan = await packFolder(options.folder, { format: 'zip', outFile: out });
    for (const s of plan.skipped) log(`Left out of the function package: ${s.path} (${s.reason})`);
    zip = await readFile(out);
  } finally {
    await rm(work, { recursive: true, force: true });
  }

  const lambda = clients.lambda();
  let exists = true;
  try {
    await lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'ResourceNotFoundException' || e.$metadata?.httpStatusCode === 404) exists = false;
    else throw shipAwsError(error, l10n.t('Reading the Lambda function {0}', functionName), 'GetFunction');
  }

  let version: string | undefined;
  let functionArn: string | undefined;
  if (!exists) {
    step(l10n.t('Creating the Lambda function {0}', functionName));
    try {
      const out = await lambda.send(new CreateFunctionCommand({
        FunctionName: functionName, Runtime: runtime, Handler: handler, Role: role, Code: { ZipFile: zip }, Publish: true,
        Timeout: 10, MemorySize: 128, Description: 'Greengrass ML inference function',
      }));
      version = out.Version;
      functionArn = out.FunctionArn;
    } catch (error) {
      const e = error as { name?: string; message?: string };
      if (e.name === 'InvalidParameterValueException' && /role/i.test(e.message ?? '')) {
        throw new ShipError(l10n.t('Lambda cannot use the execution role; check that it exists and trusts lambda.amazonaws.com, then fix "lambdaExecutionRoleArn" in {0}: {1}', MANIFEST_FILE_NAME, role), 'input', { cause: error });
      }
      throw shipAwsError(error, l10n.t('Creating the Lambda function {0}', functionName), 'CreateFunction');
    }
  } else {
    step(l10n.t('Updating the code of {0}', functionName));
    try {
      const out = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: functionName, ZipFile: zip, Publish: true }));
      version = out.Version;
      functionArn = out.FunctionArn;
    } catch (error) {
      throw shipAwsError(error, l10n.t('Updating the Lambda function {0}', functionName), 'UpdateFunctionCode');
    }
  }
  if (!version || version === '$LATEST') {
    step(l10n.t('Publishing a version'));
    try {
      const out = await lambda.send(new PublishVersionCommand({ FunctionName: functionName }));
      version = out.Version;
      functionArn = out.FunctionArn ?? functionArn;
    } catch (error) {
      throw shipAwsError(error, l10n.t('Publishing a version of {0}', functionName), 'PublishVersion');
    }
  }
  if (!version) throw new ShipError(l10n.t('Lambda published no version of the function: {0}', functionName));

  step(l10n.t('Pointing the alias {0} at version {1}', alias, version));
  let aliasArn: string | undefined;
  try {
    const out = await lambda.send(new CreateAliasCommand({ FunctionName: functionName, Name: alias, FunctionVersion: version }));
    aliasArn = out.AliasArn;
  } catch (error) {
    // AWS answers ResourceConflictException for an existing alias; some emulators a plain 409 ConflictException.
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name !== 'ResourceConflictException' && e.$metadata?.httpStatusCode !== 409) throw shipAwsError(error, l10n.t('Creating the alias {0}', alias), 'CreateAlias');
    try {
      const out = await lambda.send(new UpdateAliasCommand({ FunctionName: functionName, Name: alias, FunctionVersion: version }));
      aliasArn = out.AliasArn;
    } catch (inner) {
      throw shipAwsError(inner, l10n.t('Updating the alias {0}', alias), 'UpdateAlias');
    }
  }
  if (!aliasArn) throw new ShipError(l10n.t('Lambda returned no alias ARN for {0}:{1}', functionName, alias));

  let definitionPath: string | undefined;
  const def = group?.definitions.functions;
  if (def) {
    let matched = false;
    await io.editFile(def.path, (text) => {
      const r = functionArnEdits(def.path, text, functionName, aliasArn);
      matched = r !== undefined;
      return r?.edits ?? [];
    });
    if (matched) definitionPath = def.path;
    else log(`The function definition has no entry for ${functionName} (by FunctionArn or Id); add one with FunctionArn: ${aliasArn}`);
  }
  return { functionName, functionArn: functionArn ?? aliasArn.replace(/:[^:]+$/, ''), version, aliasArn, created: !exists, ...(definitionPath ? { definitionPath } : {}) };
}

/** `inference.function_handler`, or `<module>.function_handler` when the folder has one Python file of another name. */
async function defaultHandler(folder: string): Promise<string> {
  try {
    await stat(join(folder, 'inference.py'));
    return DEFAULT_HANDLER;
  } catch {
    const py = (await readdir(folder)).filter((n) => n.endsWith('.py'));
    const only = py[0];
    return py.length === 1 && only ? `${only.slice(0, -3)}.function_handler` : DEFAULT_HANDLER;
  }
}
