// `greengrass-ml migrate --resolve-aliases` against the local endpoint: a function named by an alias gets the version
// the alias points to (GetAlias), one named by $LATEST the newest published version with $LATEST's code, and one
// Lambda cannot answer for stays a blocker with the reason. The written requests validate with botocore.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAliasCommand, CreateFunctionCommand, PublishVersionCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { createAwsClients, type AwsClients } from '../../src/aws/clients';
import { root, validate } from '../unit/migrate/support';
import { endpoint } from './seeded';
import { zipOf } from '../support/zip';

/** A function's code: the same handler gives the same bytes (and CodeSha256) each time. */
const zipWith = (content: string): Promise<Buffer> => zipOf({ 'inference.py': content });

const HANDLER = (n: number): string => `def function_handler(event, context):\n    return {"build": ${n}}\n`;
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function';

describe('migrate --resolve-aliases: Lambda versions read from the endpoint', function () {
  this.timeout(120_000);
  let clients: AwsClients;
  let dir: string;
  const suffix = String(Date.now());
  const classifier = `image-classifier-${suffix}`;
  const counter = `person-counter-${suffix}`;
  const unpublished = `frame-dropper-${suffix}`;

  before(async () => {
    clients = createAwsClients({}, { requestTimeoutMs: 60_000 });
    const role = await clients.iam().send(new CreateRoleCommand({
      RoleName: `ggml-migrate-${suffix}`,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }));
    const lambda = clients.lambda();
    for (const name of [classifier, counter, unpublished]) {
      await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.8', Handler: 'inference.function_handler', Role: role.Role!.Arn!, Code: { ZipFile: await zipWith(HANDLER(0)) } }));
    }
    // The classifier: versions 1, 2, 3 with different code; the alias prod points to 3.
    for (const n of [1, 2, 3]) {
      await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: classifier, ZipFile: await zipWith(HANDLER(n)) }));
      await lambda.send(new PublishVersionCommand({ FunctionName: classifier }));
    }
    await lambda.send(new CreateAliasCommand({ FunctionName: classifier, Name: 'prod', FunctionVersion: '3' }));
    // The counter: versions 1 and 2 published; $LATEST has version 1's code again (a rollback not yet published).
    for (const n of [1, 2]) {
      await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: counter, ZipFile: await zipWith(HANDLER(n)) }));
      await lambda.send(new PublishVersionCommand({ FunctionName: counter }));
    }
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: counter, ZipFile: await zipWith(HANDLER(1)) }));
    // The frame dropper: new code on $LATEST, never published.
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: unpublished, ZipFile: await zipWith(HANDLER(9)) }));

    dir = mkdtempSync(join(tmpdir(), 'ggml-migrate-aliases-'));
    cpSync(join(root, 'examples'), join(dir, 'group'), { recursive: true });
    const rename = (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replaceAll(`${ARN}:image-classifier:prod`, `${ARN}:${classifier}:prod`));
    rename(join(dir, 'group', 'function-definition.json'));
    rename(join(dir, 'group', 'subscription-definition.json'));
    const functions = JSON.parse(readFileSync(join(dir, 'group', 'function-definition.json'), 'utf8')) as { InitialVersion: { Functions: unknown[] } };
    const plain = { Executable: 'inference.function_handler', Pinned: false, Timeout: 5, MemorySize: 65536, Environment: {} };
    functions.InitialVersion.Functions.push(
      { Id: 'person-counter', FunctionArn: `${ARN}:${counter}:$LATEST`, FunctionConfiguration: plain },
      { Id: 'frame-dropper', FunctionArn: `${ARN}:${unpublished}`, FunctionConfiguration: plain },
      { Id: 'night-mode', FunctionArn: `${ARN}:night-mode-${suffix}:beta`, FunctionConfiguration: plain },
    );
    writeFileSync(join(dir, 'group', 'function-definition.json'), JSON.stringify(functions, null, 2));
  });
  after(() => {
    clients?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // The built CLI, as users run it: the AWS layer is its own bundle beside it, loaded for --resolve-aliases only.
  const run = async (args: string[]): Promise<{ code: number | null; out: string; err: string }> => {
    const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'migrate', ...args], { cwd: dir, env: process.env });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const [code] = (await once(child, 'close')) as [number | null];
    return { code, out, err };
  };

  it('names the version each alias or $LATEST stands for, reports where it came from, and keeps the rest as blockers with the reason', async () => {
    const r = await run(['group', '--out', 'v2', '--force', '--resolve-aliases', '--endpoint-url', endpoint(), '--region', 'us-east-1']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /Read 2 of 4 function versions from Lambda/);
    const request = (name: string) => JSON.parse(readFileSync(join(dir, 'v2', 'components', `${name}.request.json`), 'utf8')) as { lambdaFunction: { lambdaArn: string; componentVersion: string } };
    assert.equal(request(classifier).lambdaFunction.lambdaArn, `${ARN}:${classifier}:3`);
    assert.equal(request(classifier).lambdaFunction.componentVersion, '3.0.0');
    assert.equal(request(counter).lambdaFunction.lambdaArn, `${ARN}:${counter}:1`, 'the newest version with $LATEST\'s code, not the newest version');
    assert.equal(request(counter).lambdaFunction.componentVersion, '1.0.0');
    const deployment = JSON.parse(readFileSync(join(dir, 'v2', 'deployment.json'), 'utf8')) as { components: Record<string, { componentVersion: string }> };
    assert.equal(deployment.components[classifier]?.componentVersion, '3.0.0');

    const report = readFileSync(join(dir, 'v2', 'migration-report.md'), 'utf8');
    assert.match(report, /resolved from the endpoint: alias prod → 3/);
    assert.match(report, /resolved from the endpoint: \$LATEST → 1/);
    assert.match(report, new RegExp(`no published version of ${unpublished} has \\$LATEST's code; publish a version first`));
    assert.match(report, new RegExp(`Lambda has no function night-mode-${suffix} with an alias beta`));

    const files = ['deployment.json', `components/${classifier}.request.json`, `components/${counter}.request.json`].map((path) => ({
      path, json: JSON.parse(readFileSync(join(dir, 'v2', path), 'utf8')) as unknown,
    }));
    files[0]!.json = { ...(files[0]!.json as object), targetArn: 'arn:aws:iot:us-east-1:123456789012:thinggroup/cameras' };
    for (const v of validate(files)) assert.deepEqual(v.problems, [], v.file);
  });

  it('without --resolve-aliases reads nothing from Lambda: the alias stays a blocker with the command that finds it', async () => {
    const r = await run(['group', '--out', 'plain', '--force']);
    assert.equal(r.code, 1, r.err);
    const request = JSON.parse(readFileSync(join(dir, 'plain', 'components', `${classifier}.request.json`), 'utf8')) as { lambdaFunction: { lambdaArn: string; componentVersion: string } };
    assert.equal(request.lambdaFunction.lambdaArn, `${ARN}:${classifier}:prod`);
    assert.match(readFileSync(join(dir, 'plain', 'migration-report.md'), 'utf8'), new RegExp(`aws lambda get-alias --function-name ${classifier} --name prod`));
  });

  it('an endpoint that does not answer fails each function in bounded time, and the migration is still written', async () => {
    const started = Date.now();
    const r = await run(['group', '--out', 'down', '--force', '--resolve-aliases', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /Read 0 of 4 function versions from Lambda/);
    assert.ok(Date.now() - started < 60_000, 'bounded');
    assert.match(readFileSync(join(dir, 'down', 'migration-report.md'), 'utf8'), /Reading it from the endpoint failed: /);
  });

  it('refuses an endpoint URL with credentials in it, and the cloud options without --resolve-aliases', async () => {
    const bad = await run(['group', '--out', 'x', '--resolve-aliases', '--endpoint-url', 'http://user:secret@127.0.0.1:5000']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Do not put credentials in the endpoint URL/);
    assert.doesNotMatch(bad.err, /secret@/);
    const stray = await run(['group', '--out', 'x', '--region', 'us-east-1']);
    assert.equal(stray.code, 2);
    assert.match(stray.err, /are for --resolve-aliases/);
  });
});
