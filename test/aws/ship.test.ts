// End to end against moto: from an empty folder to a deployment (scaffold → upload the model → publish → deploy →
// status), with the manifest updated and formatting kept; then the error paths a user meets.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  GetGroupCommand, GetGroupVersionCommand, ListCoreDefinitionsCommand, ListFunctionDefinitionsCommand, ListGroupsCommand,
} from '@aws-sdk/client-greengrass';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { GetAliasCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import * as tar from 'tar';
import { createAwsClients } from '../../src/aws/clients';
import type { AwsClients } from '../../src/aws/clients';
import { deployGroup, redeployGroup, resetDeployments, watchDeployment, checkGroup, nodeGroupIo } from '../../src/aws/deploy';
import { publishFunction } from '../../src/aws/publish';
import { objectExists, uploadModel } from '../../src/aws/upload';
import { modifyJson, recordCloudIds } from '../../src/core/deploy';
import { planScaffold } from '../../src/core/scaffold';
import type { ScaffoldAnswers } from '../../src/core/scaffold';

const run = Date.now().toString(36);
const bucket = `greengrass-ship-${run}`;
const functionName = `squeezenet-classifier-${run}`;

function answers(): ScaffoldAnswers {
  return {
    framework: 'mxnet', runtime: 'python3.8', platform: 'raspberry-pi',
    source: { kind: 's3', uri: `s3://${bucket}/squeezenet/model.tar.gz` },
    destinationPath: '/greengrass-machine-learning/mxnet/squeezenet', isolationMode: 'GreengrassContainer', lifecycle: 'pinned',
    functionName, topic: 'ml/squeezenet/results',
  };
}

/** Writes what the scaffold plans into an empty folder (what New Inference Function does in the editor). */
async function scaffoldGroup(folder: string): Promise<void> {
  const files = new Map<string, string>();
  const plan = planScaffold(answers(), { name: 'pi-classifier', readFile: (p) => files.get(p) });
  assert.deepEqual(plan.conflicts, []);
  for (const f of plan.files) {
    await mkdir(dirname(join(folder, f.path)), { recursive: true });
    await writeFile(join(folder, f.path), f.content);
  }
}

async function body(clients: AwsClients, key: string): Promise<Buffer> {
  const out = await clients.s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

async function tarEntries(archive: Buffer, dir: string): Promise<string[]> {
  const file = join(dir, 'downloaded.tar.gz');
  await writeFile(file, archive);
  const names: string[] = [];
  await tar.t({ file, onReadEntry: (e) => { names.push(e.path); } });
  return names;
}

describe('ship end to end against moto: scaffold → upload → publish → deploy → status', function () {
  this.timeout(180_000);
  let clients: AwsClients;
  let root: string;
  let group: string;
  let manifest: string;
  let roleArn: string;

  before(async () => {
    // Generous limits: the machine running the tests may be busy, and moto answers slowly then.
    clients = createAwsClients({}, { requestTimeoutMs: 60_000 });
    root = await mkdtemp(join(tmpdir(), 'ggml-ship-'));
    group = join(root, 'pi-classifier');
    manifest = join(group, 'greengrass-ml.json');
    await mkdir(group);
    await scaffoldGroup(group);
    // The model folder, with a link to a file outside it that must not end up in the archive.
    const model = join(root, 'models', 'squeezenet');
    await mkdir(join(model, 'params'), { recursive: true });
    await writeFile(join(model, 'synset.txt'), 'n01440764 tench\n');
    await writeFile(join(model, 'params', 'squeezenet_v1.1-0000.params'), Buffer.alloc(64 * 1024, 7));
    await writeFile(join(root, 'secret.txt'), 'not part of the model');
    await symlink(join(root, 'secret.txt'), join(model, 'leak.txt'));
    await clients.s3().send(new CreateBucketCommand({ Bucket: bucket }));
    const role = await clients.iam().send(new CreateRoleCommand({
      RoleName: `ggml-inference-${run}`,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }));
    roleArn = role.Role!.Arn!;
  });
  after(async () => {
    clients?.dispose();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('the scaffolded group is lint-clean, so Deploy would not block it', async () => {
    const { errors, group: files } = await checkGroup(manifest);
    assert.deepEqual(errors.map((e) => `${e.code} ${e.message}`), []);
    assert.ok(files.definitions.core && files.definitions.functions && files.definitions.resources && files.definitions.subscriptions);
  });

  it('publishing without an execution role in the manifest says what to add', async () => {
    await assert.rejects(publishFunction(clients, { manifestPath: manifest, folder: join(group, 'functions', functionName) }),
      /Add "lambdaExecutionRoleArn": "arn:aws:iam::<account>:role\/<name>" to greengrass-ml\.json/);
  });

  it('publishing with a role that does not exist names the role to fix', async () => {
    const text = await readFile(manifest, 'utf8');
    await writeFile(manifest, modifyJson(text, [[['lambdaExecutionRoleArn'], 'arn:aws:iam::123456789012:role/does-not-exist']]).text);
    await assert.rejects(publishFunction(clients, { manifestPath: manifest, folder: join(group, 'functions', functionName) }),
      (e: Error) => /role/i.test(e.message) && /does-not-exist/.test(e.message));
  });

  it('uploads the model as a .tar.gz with a parent directory, leaving out the link that leaves the folder', async () => {
    const steps: string[] = [];
    const progress: number[] = [];
    const r = await uploadModel(clients, {
      folder: join(root, 'models', 'squeezenet'), s3Uri: answers().source.kind === 's3' ? `s3://${bucket}/squeezenet/model.tar.gz` : '',
      onStep: (s) => steps.push(s), onProgress: (p) => progress.push(p.loaded),
    });
    assert.equal(r.key, 'squeezenet/model.tar.gz');
    assert.ok(await objectExists(clients, bucket, 'squeezenet/model.tar.gz'));
    assert.deepEqual(r.plan.skipped.map((s) => s.path), ['leak.txt']);
    assert.match(r.plan.skipped[0]?.reason ?? '', /outside the folder/);
    const names = await tarEntries(await body(clients, 'squeezenet/model.tar.gz'), root);
    assert.deepEqual(names.sort(), ['squeezenet/', 'squeezenet/params/', 'squeezenet/params/squeezenet_v1.1-0000.params', 'squeezenet/synset.txt']);
    assert.ok(progress.length > 0 && progress[progress.length - 1] === r.bytes, 'progress reaches the archive size');
    assert.match(steps.join('\n'), /Uploading .* to s3:\/\/greengrass-ship-/);
  });

  it('uploads a large model in several parts (multipart) and a .zip on request', async () => {
    const big = join(root, 'models', 'big');
    await mkdir(big, { recursive: true });
    await writeFile(join(big, 'weights.bin'), randomBytes(11 * 1024 * 1024));
    const progress: number[] = [];
    const r = await uploadModel(clients, { folder: big, s3Uri: `s3://${bucket}/big/model.zip`, partSize: 5 * 1024 * 1024, onProgress: (p) => progress.push(p.loaded) });
    assert.ok(progress.length >= 3, `one progress event per part: ${progress.join(', ')}`);
    const zip = await body(clients, 'big/model.zip');
    assert.equal(zip.subarray(0, 2).toString(), 'PK');
    assert.equal(zip.length, r.bytes);
  });

  it('publishes the function: Lambda created, version published, alias live, FunctionArn written keeping the file\'s formatting', async () => {
    const text = await readFile(manifest, 'utf8');
    await writeFile(manifest, modifyJson(text, [[['lambdaExecutionRoleArn'], roleArn]]).text);
    const defPath = join(group, 'function-definition.json');
    // As if an earlier version had been published by hand: Publish must point the group at the alias instead.
    const scaffolded = await readFile(defPath, 'utf8');
    const before = scaffolded.replace(`function:${functionName}:live`, `function:${functionName}:1`);
    assert.notEqual(before, scaffolded);
    await writeFile(defPath, before);
    const r = await publishFunction(clients, { manifestPath: manifest, folder: join(group, 'functions', functionName) });
    assert.equal(r.created, true);
    assert.equal(r.version, '1');
    assert.match(r.aliasArn, new RegExp(`:function:${functionName}:live$`));
    const fn = await clients.lambda().send(new GetFunctionCommand({ FunctionName: functionName }));
    assert.equal(fn.Configuration?.Handler, 'inference.function_handler');
    assert.equal(fn.Configuration?.Role, roleArn);
    const alias = await clients.lambda().send(new GetAliasCommand({ FunctionName: functionName, Name: 'live' }));
    assert.equal(alias.FunctionVersion, '1');
    const after = await readFile(defPath, 'utf8');
    assert.equal(JSON.parse(after).InitialVersion.Functions[0].FunctionArn, r.aliasArn);
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    assert.equal(after.split('\n').length, before.split('\n').length, 'no line added or removed');
    assert.equal(changed.length, 1, `only the FunctionArn line changed: ${changed.join('\n')}`);
    assert.equal(r.definitionPath, defPath);

    const again = await publishFunction(clients, { manifestPath: manifest, folder: join(group, 'functions', functionName) });
    assert.equal(again.created, false, 'the second publish updates the code');
    assert.notEqual(again.version, r.version);
    const moved = await clients.lambda().send(new GetAliasCommand({ FunctionName: functionName, Name: 'live' }));
    assert.equal(moved.FunctionVersion, again.version, 'the alias follows the new version');
  });

  let firstIds: Record<string, string> = {};

  it('deploys: definitions, group and group version created, a deployment id returned, every id recorded keeping formatting', async () => {
    const before = await readFile(manifest, 'utf8');
    const steps: string[] = [];
    const r = await deployGroup(clients, manifest, { onProgress: (s) => steps.push(s) });
    assert.equal(r.kind, 'deployed', r.kind === 'blocked' ? r.message : '');
    if (r.kind !== 'deployed') return;
    assert.deepEqual(r.createdDefinitions.sort(), ['core', 'functions', 'resources', 'subscriptions']);
    assert.equal(r.createdGroup, true);
    assert.ok(r.deploymentId);
    const g = await clients.greengrass().send(new GetGroupCommand({ GroupId: r.groupId }));
    assert.equal(g.Name, 'pi-classifier');
    const v = await clients.greengrass().send(new GetGroupVersionCommand({ GroupId: r.groupId, GroupVersionId: r.groupVersionId }));
    for (const k of ['CoreDefinitionVersionArn', 'FunctionDefinitionVersionArn', 'ResourceDefinitionVersionArn', 'SubscriptionDefinitionVersionArn'] as const) {
      assert.ok(v.Definition?.[k], `the group version has ${k}`);
    }
    const after = await readFile(manifest, 'utf8');
    const cloud = JSON.parse(after).cloud;
    assert.deepEqual(Object.keys(cloud).sort(), ['coreDefinitionId', 'functionDefinitionId', 'groupId', 'groupVersionId', 'lastDeploymentId', 'resourceDefinitionId', 'subscriptionDefinitionId']);
    assert.equal(cloud.lastDeploymentId, r.deploymentId);
    assert.equal(cloud.groupId, r.groupId);
    assert.equal(after, recordCloudIds(before, cloud).text, 'the manifest changed only by the cloud ids, in its own layout');
    assert.ok(after.startsWith(before.slice(0, before.lastIndexOf('\n}'))), 'everything before the cloud object is untouched');
    assert.deepEqual(steps, ['Checking the group files', 'Creating definition versions', 'Creating the group version', 'Creating the deployment']);
    firstIds = cloud;
  });

  it('watching the deployment ends with a timeout result, not a hang (moto keeps it InProgress)', async () => {
    const seen: string[] = [];
    const started = Date.now();
    const o = await watchDeployment(clients, firstIds['groupId']!, firstIds['lastDeploymentId']!, {
      timeoutMs: 1500, backoff: { initialMs: 200, maxMs: 400, factor: 2 }, onStatus: (s) => seen.push(s.status),
    });
    assert.equal(o.result, 'timeout');
    assert.equal(o.status, 'InProgress');
    assert.deepEqual(seen, ['InProgress']);
    assert.ok(o.polls >= 3);
    assert.ok(Date.now() - started < 5000);
  });

  it('a second deploy reuses the definitions (new versions, no new definitions) and the group', async () => {
    const countDefs = async () => ({
      functions: (await clients.greengrass().send(new ListFunctionDefinitionsCommand({}))).Definitions?.length ?? 0,
      cores: (await clients.greengrass().send(new ListCoreDefinitionsCommand({}))).Definitions?.length ?? 0,
      groups: (await clients.greengrass().send(new ListGroupsCommand({}))).Groups?.length ?? 0,
    });
    const before = await countDefs();
    const edits: string[] = [];
    const io = { readFile: nodeGroupIo.readFile, editFile: async (path: string, change: Parameters<typeof nodeGroupIo.editFile>[1]) => {
      edits.push(path);
      await nodeGroupIo.editFile(path, change);
    } };
    const r = await deployGroup(clients, manifest, { io });
    assert.equal(r.kind, 'deployed');
    assert.deepEqual(edits, [manifest], 'a deploy edits the manifest once, with every id');
    if (r.kind !== 'deployed') return;
    assert.deepEqual(r.createdDefinitions, []);
    assert.equal(r.createdGroup, false);
    assert.deepEqual(await countDefs(), before);
    const cloud = JSON.parse(await readFile(manifest, 'utf8')).cloud;
    for (const k of ['groupId', 'coreDefinitionId', 'functionDefinitionId', 'resourceDefinitionId', 'subscriptionDefinitionId']) {
      assert.equal(cloud[k], firstIds[k], `${k} is reused`);
    }
    assert.notEqual(cloud.groupVersionId, firstIds['groupVersionId']);
    assert.notEqual(cloud.lastDeploymentId, firstIds['lastDeploymentId']);
  });

  it('redeploys the newest deployment, then force-resets the group\'s deployments', async () => {
    const cloud = JSON.parse(await readFile(manifest, 'utf8')).cloud;
    const r = await redeployGroup(clients, cloud.groupId);
    assert.equal(r.redeployedId, cloud.lastDeploymentId);
    assert.ok(r.deploymentId && r.deploymentId !== cloud.lastDeploymentId);
    const reset = await resetDeployments(clients, cloud.groupId, { force: true });
    assert.ok(reset.deploymentId && reset.deploymentId !== r.deploymentId, 'the reset is a deployment of its own');
  });

  it('lint errors block the deploy before any cloud call', async () => {
    const resources = join(group, 'resource-definition.json');
    const good = await readFile(resources, 'utf8');
    await writeFile(resources, good.replace(`s3://${bucket}/squeezenet/model.tar.gz`, 'https://example.com/model'));
    try {
      const groupsBefore = (await clients.greengrass().send(new ListGroupsCommand({}))).Groups?.length;
      const manifestBefore = await readFile(manifest, 'utf8');
      const r = await deployGroup(clients, manifest);
      assert.equal(r.kind, 'blocked');
      if (r.kind !== 'blocked') return;
      assert.ok(r.findings.some((f) => f.code === 'GGML-ML001' && f.path === resources), r.findings.map((f) => f.code).join(', '));
      assert.match(r.message, /^Deploy stopped: \d+ lint errors? in resource-definition\.json\. Fix (it|them) first: GGML-ML001/);
      assert.equal((await clients.greengrass().send(new ListGroupsCommand({}))).Groups?.length, groupsBefore);
      assert.equal(await readFile(manifest, 'utf8'), manifestBefore, 'nothing recorded');
    } finally {
      await writeFile(resources, good);
    }
  });

  it('an unreachable endpoint gives a clear message, and the manifest keeps its ids', async () => {
    const offline = createAwsClients({ endpoint: 'http://127.0.0.1:9' }, { maxAttempts: 1, connectionTimeoutMs: 1000 });
    const before = await readFile(manifest, 'utf8');
    try {
      await assert.rejects(deployGroup(offline, manifest), /failed\. Cannot reach the AWS endpoint\. Check that it is running and the endpoint setting or AWS_ENDPOINT_URL is right: 127\.0\.0\.1:9/);
      assert.equal(await readFile(manifest, 'utf8'), before);
    } finally {
      offline.dispose();
    }
  });

  // Last: an aborted multipart upload can leave the emulator busy with the half-sent request for a while.
  it('cancelling an upload aborts it: a clear message, and no object is left behind', async () => {
    const big = join(root, 'models', 'cancelled');
    await mkdir(big, { recursive: true });
    await writeFile(join(big, 'weights.bin'), randomBytes(16 * 1024 * 1024));
    const controller = new AbortController();
    await assert.rejects(uploadModel(clients, {
      folder: big, s3Uri: `s3://${bucket}/cancelled/model.tar.gz`, partSize: 5 * 1024 * 1024, signal: controller.signal,
      onStep: (s) => { if (s.startsWith('Uploading')) setTimeout(() => controller.abort(), 5); },
    }), (e: Error & { kind?: string }) => e.kind === 'cancelled' && /The upload was cancelled; the model in S3 is unchanged\./.test(e.message));
    assert.equal(await objectExists(clients, bucket, 'cancelled/model.tar.gz'), false);
  });
});
