// The local endpoint's Greengrass V1 where moto alone stops short: deployments that end (Success, or Failure with
// ErrorDetails), followed by the extension's own watch, and ResetDeployments, reached through its own code.
import * as assert from 'node:assert/strict';
import {
  CreateCoreDefinitionCommand, CreateDeploymentCommand, CreateFunctionDefinitionCommand, CreateGroupCommand, CreateGroupVersionCommand,
  GetDeploymentStatusCommand, GreengrassClient, ListDeploymentsCommand, ResetDeploymentsCommand,
} from '@aws-sdk/client-greengrass';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createAwsClients } from '../../src/aws/clients';
import type { AwsClients } from '../../src/aws/clients';
import { checkGroup, deployGroup, resetDeployments, watchDeployment } from '../../src/aws/deploy';
import { locateNamedEntries } from '../../src/core/deploy';
import { planScaffold } from '../../src/core/scaffold';
import { emulatorSettings } from './emulator';
import { resetMoto } from './seeded';

const ACCOUNT = '123456789012';
const fast = { initialMs: 100, maxMs: 200, factor: 1.5 };

describe('the local endpoint: Greengrass V1 deployments that finish, and ResetDeployments', function () {
  this.timeout(60_000);
  let gg: GreengrassClient;
  let clients: AwsClients;
  let coreVersionArn: string;

  /** A group as Deploy Group leaves it: a core and the named inference functions, deployed once. */
  async function deployedGroup(name: string, functions: string[]): Promise<{ groupId: string; deploymentId: string; functionArns: string[] }> {
    const functionArns = functions.map((f) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${f}:live`);
    const fd = await gg.send(new CreateFunctionDefinitionCommand({
      Name: `${name}-functions`,
      InitialVersion: { Functions: functionArns.map((arn, i) => ({ Id: functions[i]!, FunctionArn: arn, FunctionConfiguration: { MemorySize: 98_304, Timeout: 10, Pinned: true } })) },
    }));
    const g = await gg.send(new CreateGroupCommand({ Name: name }));
    const v = await gg.send(new CreateGroupVersionCommand({ GroupId: g.Id!, CoreDefinitionVersionArn: coreVersionArn, FunctionDefinitionVersionArn: fd.LatestVersionArn! }));
    const d = await gg.send(new CreateDeploymentCommand({ GroupId: g.Id!, GroupVersionId: v.Version!, DeploymentType: 'NewDeployment' }));
    return { groupId: g.Id!, deploymentId: d.DeploymentId!, functionArns };
  }

  before(async () => {
    await resetMoto();
    await emulatorSettings({ stepSeconds: 0.5 });
    gg = new GreengrassClient({});
    clients = createAwsClients({});
    const core = await gg.send(new CreateCoreDefinitionCommand({
      InitialVersion: { Cores: [{ Id: 'raspberrypi-camera-core', ThingArn: `arn:aws:iot:us-east-1:${ACCOUNT}:thing/raspberrypi-camera`, CertificateArn: `arn:aws:iot:us-east-1:${ACCOUNT}:cert/2f8c`, SyncShadow: true }] },
    }));
    coreVersionArn = core.LatestVersionArn!;
  });
  after(async () => {
    gg?.destroy();
    clients?.dispose();
    await resetMoto();
  });

  it('a deployed function named *fail-deploy* ends in Failure, with ErrorDetails that name it, seen by the deploy watch', async () => {
    const g = await deployedGroup('camera-inference', ['mxnet-squeezenet-inference', 'image-resizer-fail-deploy']);
    const seen: string[] = [];
    const o = await watchDeployment(clients, g.groupId, g.deploymentId, { timeoutMs: 20_000, backoff: fast, onStatus: (s) => seen.push(s.status) });
    assert.equal(o.result, 'failure');
    assert.deepEqual(seen, ['InProgress', 'Failure']);
    assert.match(o.errorMessage ?? '', new RegExp(`^Deployment ${g.deploymentId} of type NewDeployment for group ${g.groupId} failed: 1 Lambda function failed to start`));
    assert.equal(o.errorDetails?.length, 1);
    assert.match(o.errorDetails?.[0]?.DetailedErrorMessage ?? '', new RegExp(`The Lambda function ${g.functionArns[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} failed to start`));
    assert.ok(!o.errorDetails?.[0]?.DetailedErrorMessage?.includes('mxnet-squeezenet-inference'), 'the function that started is not blamed');
  });

  it('a scaffolded group whose function fails to start: Deploy, the watch\'s Failure, and the error located on the function\'s line', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ggml-emu-v1-'));
    try {
      const functionName = 'person-counter-fail-deploy';
      const plan = planScaffold({
        framework: 'neo-dlr', runtime: 'python3.8', platform: 'jetson-tx2', source: { kind: 's3', uri: 's3://greengrass-models-demo/person/model.tar.gz' },
        destinationPath: '/greengrass-machine-learning/dlr/person', isolationMode: 'NoContainer', lifecycle: 'pinned', functionName, topic: 'ml/person/count',
      }, { name: 'loading-dock-counter', readFile: () => undefined });
      for (const f of plan.files) {
        await mkdir(dirname(join(root, f.path)), { recursive: true });
        await writeFile(join(root, f.path), f.content);
      }
      const manifest = join(root, 'greengrass-ml.json');
      const deployed = await deployGroup(clients, manifest);
      assert.equal(deployed.kind, 'deployed', deployed.kind === 'blocked' ? deployed.message : '');
      if (deployed.kind !== 'deployed') return;
      const o = await watchDeployment(clients, deployed.groupId, deployed.deploymentId, { timeoutMs: 20_000, backoff: fast });
      assert.equal(o.result, 'failure');
      const { group } = await checkGroup(manifest);
      const located = (o.errorDetails ?? []).flatMap((d) => locateNamedEntries(group, `${d.DetailedErrorCode ?? ''}: ${d.DetailedErrorMessage ?? ''}`));
      assert.equal(located.length, 1, JSON.stringify(o.errorDetails));
      assert.equal(located[0]?.path, join(root, 'function-definition.json'));
      assert.match(located[0]?.name ?? '', new RegExp(`:function:${functionName}:live$`));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('a group named *pass-deploy* ends in Success after a moment InProgress', async () => {
    const g = await deployedGroup('factory-defects-pass-deploy', ['defect-detector']);
    const first = await gg.send(new GetDeploymentStatusCommand({ GroupId: g.groupId, DeploymentId: g.deploymentId }));
    assert.equal(first.DeploymentStatus, 'InProgress');
    const o = await watchDeployment(clients, g.groupId, g.deploymentId, { timeoutMs: 20_000, backoff: fast });
    assert.equal(o.result, 'success');
    assert.equal(o.status, 'Success');
    assert.equal(o.errorDetails, undefined);
  });

  it('other deployments stay InProgress, as moto has them, until the endpoint is told to finish every deployment', async () => {
    const g = await deployedGroup('staging-cameras', ['mxnet-squeezenet-inference']);
    const o = await watchDeployment(clients, g.groupId, g.deploymentId, { timeoutMs: 1_500, backoff: fast });
    assert.equal(o.result, 'timeout');
    assert.equal(o.status, 'InProgress');
    await emulatorSettings({ v1Deployments: 'finish' });
    try {
      const finished = await watchDeployment(clients, g.groupId, g.deploymentId, { timeoutMs: 20_000, backoff: fast });
      assert.equal(finished.result, 'success');
      const status = await gg.send(new GetDeploymentStatusCommand({ GroupId: g.groupId, DeploymentId: g.deploymentId }));
      assert.equal(status.DeploymentType, 'NewDeployment');
      assert.ok(status.UpdatedAt, 'the status carries when it was last updated');
    } finally {
      await emulatorSettings({ v1Deployments: 'stay' });
    }
  });

  it('resets a deployed group (ResetDeployment), refuses a second plain reset, and force-resets', async () => {
    const g = await deployedGroup('loading-dock', ['person-detector']);
    const reset = await resetDeployments(clients, g.groupId);
    assert.ok(reset.deploymentId && reset.deploymentId !== g.deploymentId);
    const types = async (): Promise<string[]> =>
      ((await gg.send(new ListDeploymentsCommand({ GroupId: g.groupId }))).Deployments ?? []).map((d) => d.DeploymentType ?? '');
    assert.deepEqual(await types(), ['NewDeployment', 'ResetDeployment']);
    await assert.rejects(resetDeployments(clients, g.groupId), (e: Error) => {
      assert.match(e.message, /has not been deployed or has already been reset/);
      assert.doesNotMatch(e.message, /not supported by this endpoint/);
      return true;
    });
    const forced = await resetDeployments(clients, g.groupId, { force: true });
    assert.ok(forced.deploymentId);
    assert.deepEqual(await types(), ['NewDeployment', 'ResetDeployment', 'ForceResetDeployment']);
  });

  it('a plain reset looks at the group\'s own deployments; a group that does not exist is a BadRequestException, as AWS names it', async () => {
    const g = await deployedGroup('north-warehouse', ['person-detector']);
    const other = await deployedGroup('south-warehouse', ['person-detector']);
    await resetDeployments(clients, other.groupId, { force: true });
    // The newest deployment in the account is now another group's reset; this group can still be reset.
    const out = await gg.send(new ResetDeploymentsCommand({ GroupId: g.groupId }));
    assert.ok(out.DeploymentId && out.DeploymentArn?.includes(`/greengrass/groups/${g.groupId}/deployments/`));
    const e = await gg.send(new ResetDeploymentsCommand({ GroupId: 'no-such-group', Force: true })).then(() => undefined, (error: unknown) => error as { name: string; $metadata?: { httpStatusCode?: number } });
    assert.equal(e?.$metadata?.httpStatusCode, 400);
    assert.equal(e?.name, 'BadRequestException');
    assert.match((e as { message?: string } | undefined)?.message ?? '', /That Group Definition does not exist/);
  });
});
