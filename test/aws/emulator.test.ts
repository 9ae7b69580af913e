// The local endpoint's Greengrass V2, through the official SDK client over HTTP: what the V2 explorer and the
// publish/deploy commands rely on, the answers AWS gives to malformed requests, and deployments that progress.
import * as assert from 'node:assert/strict';
import {
  CancelDeploymentCommand, CreateComponentVersionCommand, CreateDeploymentCommand, DeleteComponentCommand, DeleteCoreDeviceCommand,
  DeleteDeploymentCommand, DescribeComponentCommand, GetComponentCommand, GetCoreDeviceCommand, GetDeploymentCommand,
  GreengrassV2Client, ListComponentsCommand, ListComponentVersionsCommand, ListCoreDevicesCommand, ListDeploymentsCommand,
  ListEffectiveDeploymentsCommand, ListInstalledComponentsCommand, ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-greengrassv2';
import type { EffectiveDeployment } from '@aws-sdk/client-greengrassv2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { emulatorSettings, rawControl, registerCoreDevice, throttleNext, until } from './emulator';
import { resetMoto } from './seeded';
import { zipOf } from '../support/zip';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const BUCKET = 'greengrass-components-demo';
const componentArn = (name: string, version?: string): string =>
  `arn:aws:greengrass:${REGION}:${ACCOUNT}:components:${name}${version ? `:versions:${version}` : ''}`;

/** A recipe as users write it: a model component with a ZIP artifact in S3. */
function modelRecipe(name: string, version: string, key = 'models/squeezenet.zip'): Record<string, unknown> {
  return {
    RecipeFormatVersion: '2020-01-25',
    ComponentName: name,
    ComponentVersion: version,
    ComponentDescription: 'SqueezeNet model for the camera classifier',
    ComponentPublisher: 'Example Corp',
    Manifests: [{ Platform: { os: 'linux' }, Artifacts: [{ URI: `s3://${BUCKET}/${key}`, Unarchive: 'ZIP', Permission: { Read: 'OWNER' } }] }],
  };
}

const YAML_RECIPE = (name: string): string => `---
RecipeFormatVersion: '2020-01-25'
ComponentName: ${name}
ComponentVersion: '1.0.0'
ComponentDescription: Classifies camera frames with the SqueezeNet model
ComponentPublisher: Example Corp
ComponentDependencies:
  com.example.SqueezeNetModel:
    VersionRequirement: '>=1.0.0 <2.0.0'
Manifests:
  - Platform:
      os: linux
    Lifecycle:
      Run: python3 -u {artifacts:path}/inference.py
    Artifacts:
      - URI: s3://${BUCKET}/code/inference.zip
        Unarchive: ZIP
`;

function encode(value: unknown): Uint8Array {
  return new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

/** The error an SDK call rejects with: its name, message and HTTP status. */
async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await p;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded, but it was expected to fail');
}

describe('the local endpoint: Greengrass V2', function () {
  this.timeout(60_000);
  let v2: GreengrassV2Client;
  let s3: S3Client;

  before(async () => {
    await resetMoto();
    v2 = new GreengrassV2Client({});
    s3 = new S3Client({});
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    for (const key of ['models/squeezenet.zip', 'code/inference.zip']) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: await zipOf({ 'README.txt': key }) }));
    }
    await emulatorSettings({ stepSeconds: 0.2 });
  });
  after(async () => {
    v2?.destroy();
    s3?.destroy();
    await resetMoto();
  });

  describe('components', () => {
    it('publishes a JSON recipe: REQUESTED at once, DEPLOYABLE a moment later, the recipe returned byte for byte', async () => {
      const recipe = encode(modelRecipe('com.example.SqueezeNetModel', '1.0.0'));
      const created = await v2.send(new CreateComponentVersionCommand({ inlineRecipe: recipe }));
      assert.equal(created.$metadata.httpStatusCode, 201);
      assert.equal(created.arn, componentArn('com.example.SqueezeNetModel', '1.0.0'));
      assert.equal(created.componentName, 'com.example.SqueezeNetModel');
      assert.equal(created.status?.componentState, 'REQUESTED');
      assert.ok(created.creationTimestamp instanceof Date);
      const ready = await until(() => v2.send(new DescribeComponentCommand({ arn: created.arn })), (d) => d.status?.componentState !== 'REQUESTED');
      assert.equal(ready.status?.componentState, 'DEPLOYABLE');
      assert.equal(ready.publisher, 'Example Corp');
      assert.equal(ready.description, 'SqueezeNet model for the camera classifier');
      assert.deepEqual(ready.platforms, [{ name: 'linux', attributes: { os: 'linux' } }]);
      const got = await v2.send(new GetComponentCommand({ arn: created.arn }));
      assert.equal(got.recipeOutputFormat, 'JSON');
      assert.equal(new TextDecoder().decode(got.recipe), new TextDecoder().decode(recipe));
    });

    it('keeps a YAML recipe as YAML and converts it to JSON when asked', async () => {
      const name = 'com.example.CameraClassifier';
      const created = await v2.send(new CreateComponentVersionCommand({ inlineRecipe: encode(YAML_RECIPE(name)), tags: { team: 'vision' } }));
      const asYaml = await v2.send(new GetComponentCommand({ arn: created.arn, recipeOutputFormat: 'YAML' }));
      assert.equal(new TextDecoder().decode(asYaml.recipe), YAML_RECIPE(name));
      assert.deepEqual(asYaml.tags, { team: 'vision' });
      const asJson = await v2.send(new GetComponentCommand({ arn: created.arn, recipeOutputFormat: 'JSON' }));
      const doc = JSON.parse(new TextDecoder().decode(asJson.recipe)) as { ComponentDependencies: Record<string, unknown>; Manifests: { Lifecycle: { Run: string } }[] };
      assert.deepEqual(Object.keys(doc.ComponentDependencies), ['com.example.SqueezeNetModel']);
      assert.equal(doc.Manifests[0]?.Lifecycle.Run, 'python3 -u {artifacts:path}/inference.py');
    });

    it('fails a component version whose artifact is not in S3, with the reason per artifact, and refuses to deploy it', async () => {
      const created = await v2.send(new CreateComponentVersionCommand({
        inlineRecipe: encode(modelRecipe('com.example.MissingModel', '1.0.0', 'models/not-uploaded.zip')),
      }));
      const failed = await until(() => v2.send(new DescribeComponentCommand({ arn: created.arn })), (d) => d.status?.componentState !== 'REQUESTED');
      assert.equal(failed.status?.componentState, 'FAILED');
      const uri = `s3://${BUCKET}/models/not-uploaded.zip`;
      assert.match(failed.status?.errors?.[uri] ?? '', /does not exist in Amazon S3 .*upload it before creating the component version/);
      assert.match(failed.status?.message ?? '', /could not be created/);
      const device = await registerCoreDevice({ coreDeviceThingName: 'component-check-1', thingGroupNames: ['component-check'] });
      const e = await failure(v2.send(new CreateDeploymentCommand({
        targetArn: device.thingGroupArns[0], components: { 'com.example.MissingModel': { componentVersion: '1.0.0' } },
      })));
      assert.equal(e.name, 'ValidationException');
      assert.match(e.message, /FAILED and can't be deployed .*com\.example\.MissingModel 1\.0\.0$/);
    });

    it('refuses to publish the same version twice (ConflictException)', async () => {
      const recipe = encode(modelRecipe('com.example.Twice', '1.0.0'));
      await v2.send(new CreateComponentVersionCommand({ inlineRecipe: recipe }));
      const e = await failure(v2.send(new CreateComponentVersionCommand({ inlineRecipe: recipe })));
      assert.deepEqual([e.name, e.status], ['ConflictException', 409]);
      assert.match(e.message, /already exists; publish a new version: com\.example\.Twice 1\.0\.0/);
    });

    it('imports a Lambda function version as a component, and rejects an alias or a version that does not exist', async () => {
      const iam = new IAMClient({});
      const lambda = new LambdaClient({});
      try {
        const role = await iam.send(new CreateRoleCommand({
          RoleName: 'ggml-emulator-lambda',
          AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
        }));
        const fn = await lambda.send(new CreateFunctionCommand({
          FunctionName: 'squeezenet-classifier', Runtime: 'python3.8', Handler: 'inference.function_handler', Role: role.Role!.Arn!,
          Code: { ZipFile: await zipOf({ 'inference.py': 'def function_handler(event, context):\n    return event\n' }) }, Publish: true,
        }));
        const versionArn = `${fn.FunctionArn!.replace(/:\$LATEST$/, '')}:${fn.Version!}`;
        const created = await v2.send(new CreateComponentVersionCommand({
          lambdaFunction: {
            lambdaArn: versionArn,
            componentLambdaParameters: {
              environmentVariables: { MODEL_PATH: '/greengrass-machine-learning/mxnet/squeezenet' }, pinned: true, timeoutInSeconds: 10,
              linuxProcessParams: { isolationMode: 'GreengrassContainer', containerParams: { memorySizeInKB: 98_304 } },
            },
          },
        }));
        assert.equal(created.componentName, 'squeezenet-classifier');
        assert.equal(created.componentVersion, `${fn.Version!}.0.0`);
        const ready = await until(() => v2.send(new DescribeComponentCommand({ arn: created.arn })), (d) => d.status?.componentState !== 'REQUESTED');
        assert.equal(ready.status?.componentState, 'DEPLOYABLE');
        const recipe = JSON.parse(new TextDecoder().decode((await v2.send(new GetComponentCommand({ arn: created.arn }))).recipe)) as {
          ComponentType: string; ComponentConfiguration: { DefaultConfiguration: { lambdaExecutionParameters: { EnvironmentVariables: Record<string, string> }; containerParams: { memorySizeInKB: number } } };
          ComponentDependencies: Record<string, unknown>;
        };
        assert.equal(recipe.ComponentType, 'aws.greengrass.lambda');
        assert.equal(recipe.ComponentConfiguration.DefaultConfiguration.lambdaExecutionParameters.EnvironmentVariables['MODEL_PATH'], '/greengrass-machine-learning/mxnet/squeezenet');
        assert.equal(recipe.ComponentConfiguration.DefaultConfiguration.containerParams.memorySizeInKB, 98_304);
        assert.ok('aws.greengrass.LambdaLauncher' in recipe.ComponentDependencies);

        const alias = await failure(v2.send(new CreateComponentVersionCommand({ lambdaFunction: { lambdaArn: versionArn.replace(/:\d+$/, ':live') } })));
        assert.equal(alias.name, 'ValidationException');
        assert.match(alias.message, /must name a function version, not an alias or \$LATEST: arn:aws:lambda:.*:live$/);
        const missing = await v2.send(new CreateComponentVersionCommand({ lambdaFunction: { lambdaArn: versionArn.replace(/:\d+$/, ':42') } }));
        const failed = await until(() => v2.send(new DescribeComponentCommand({ arn: missing.arn })), (d) => d.status?.componentState !== 'REQUESTED');
        assert.equal(failed.status?.componentState, 'FAILED');
        assert.match(Object.values(failed.status?.errors ?? {})[0] ?? '', /Lambda function version does not exist; publish it first: squeezenet-classifier:42/);
      } finally {
        iam.destroy();
        lambda.destroy();
      }
    });

    it('lists components with their latest version and pages versions newest first', async () => {
      for (const v of ['1.1.0', '2.0.0', '1.10.0']) {
        await v2.send(new CreateComponentVersionCommand({ inlineRecipe: encode(modelRecipe('com.example.Paged', v)) }));
      }
      const names: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await v2.send(new ListComponentsCommand({ maxResults: 2, ...(token ? { nextToken: token } : {}) }));
        for (const c of page.components ?? []) {
          names.push(c.componentName!);
          if (c.componentName === 'com.example.Paged') {
            assert.equal(c.latestVersion?.componentVersion, '2.0.0');
            assert.equal(c.arn, componentArn('com.example.Paged'));
          }
        }
        token = page.nextToken;
        pages += 1;
      } while (token);
      assert.ok(pages >= 2, 'more than one page');
      assert.ok(names.includes('com.example.Paged') && names.includes('com.example.SqueezeNetModel'), names.join(', '));
      assert.equal(new Set(names).size, names.length, 'no component twice across pages');

      const first = await v2.send(new ListComponentVersionsCommand({ arn: componentArn('com.example.Paged'), maxResults: 2 }));
      assert.deepEqual(first.componentVersions?.map((v) => v.componentVersion), ['2.0.0', '1.10.0']);
      const second = await v2.send(new ListComponentVersionsCommand({ arn: componentArn('com.example.Paged'), maxResults: 2, nextToken: first.nextToken }));
      assert.deepEqual(second.componentVersions?.map((v) => v.componentVersion), ['1.1.0']);
      assert.equal(second.nextToken, undefined);

      const bad = await failure(v2.send(new ListComponentVersionsCommand({ arn: componentArn('com.example.Paged'), nextToken: 'not-a-token' })));
      assert.equal(bad.name, 'ValidationException');

      const pub = await v2.send(new ListComponentsCommand({ scope: 'PUBLIC' }));
      const nucleus = pub.components?.find((c) => c.componentName === 'aws.greengrass.Nucleus');
      assert.match(nucleus?.latestVersion?.arn ?? '', /^arn:aws:greengrass:us-east-1:aws:components:aws\.greengrass\.Nucleus:versions:2\./);
    });

    it('deletes a component version; reading it afterwards is ResourceNotFoundException', async () => {
      const arn = componentArn('com.example.Paged', '1.1.0');
      const out = await v2.send(new DeleteComponentCommand({ arn }));
      assert.equal(out.$metadata.httpStatusCode, 204);
      const gone = await failure(v2.send(new DescribeComponentCommand({ arn })));
      assert.deepEqual([gone.name, gone.status], ['ResourceNotFoundException', 404]);
      assert.match(gone.message, /The component version does not exist: arn:aws:greengrass:.*com\.example\.Paged:versions:1\.1\.0$/);
      assert.equal((await failure(v2.send(new DeleteComponentCommand({ arn })))).name, 'ResourceNotFoundException');
      assert.equal((await failure(v2.send(new GetComponentCommand({ arn: componentArn('com.example.Nothing', '1.0.0') })))).name, 'ResourceNotFoundException');
      assert.equal((await failure(v2.send(new ListComponentVersionsCommand({ arn: componentArn('com.example.Nothing') })))).name, 'ResourceNotFoundException');
    });
  });

  describe('requests that AWS would reject are rejected against the service model', () => {
    it('an ARN that does not match the model\'s pattern', async () => {
      const e = await failure(v2.send(new DescribeComponentCommand({ arn: 'com.example.SqueezeNetModel' })));
      assert.deepEqual([e.name, e.status], ['ValidationException', 400]);
      assert.match(e.message, /Value 'com\.example\.SqueezeNetModel' at 'arn' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    });

    it('a missing required member', async () => {
      const e = await failure(v2.send(new CreateDeploymentCommand({ deploymentName: 'no target' } as never)));
      assert.deepEqual([e.name, e.status], ['ValidationException', 400]);
      assert.match(e.message, /Missing required parameter in input: "targetArn"/);
    });

    it('a value over its maximum: a 129-character component name, maxResults 500', async () => {
      const e = await failure(v2.send(new CreateComponentVersionCommand({
        lambdaFunction: { lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f:1', componentName: `com.example.${'x'.repeat(117)}` },
      })));
      assert.equal(e.name, 'ValidationException');
      assert.match(e.message, /at 'lambdaFunction\.componentName' failed to satisfy constraint: Member must have length less than or equal to 128/);
      const m = await failure(v2.send(new ListCoreDevicesCommand({ maxResults: 500 })));
      assert.match(m.message, /Value '500' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100/);
    });

    it('a value outside its enum, and a recipe without a version', async () => {
      const e = await failure(v2.send(new ListDeploymentsCommand({ historyFilter: 'NEWEST' as never })));
      assert.match(e.message, /Value 'NEWEST' at 'historyFilter' failed to satisfy constraint: Member must satisfy enum value set: \[ALL, LATEST_ONLY\]/);
      const r = await failure(v2.send(new CreateComponentVersionCommand({ inlineRecipe: encode({ RecipeFormatVersion: '2020-01-25', ComponentName: 'com.example.NoVersion' }) })));
      assert.equal(r.name, 'ValidationException');
      assert.match(r.message, /The recipe is missing required keys: ComponentVersion$/);
      const both = await failure(v2.send(new CreateComponentVersionCommand({})));
      assert.match(both.message, /Specify exactly one of inlineRecipe or lambdaFunction/);
    });
  });

  describe('core devices and deployments', () => {
    let cameras: string;
    let docks: string;
    const effective = async (device: string): Promise<EffectiveDeployment[]> =>
      (await v2.send(new ListEffectiveDeploymentsCommand({ coreDeviceThingName: device }))).effectiveDeployments ?? [];
    const settled = (device: string, deploymentId: string): Promise<EffectiveDeployment | undefined> => until(
      async () => (await effective(device)).find((d) => d.deploymentId === deploymentId),
      (d) => d !== undefined && !['QUEUED', 'IN_PROGRESS'].includes(d.coreDeviceExecutionStatus ?? ''), 15_000, `the deployment to settle on ${device}`);

    before(async () => {
      const pi1 = await registerCoreDevice({ coreDeviceThingName: 'camera-pi-1', thingGroupNames: ['camera-fleet'], architecture: 'armv7l' });
      await registerCoreDevice({ coreDeviceThingName: 'camera-pi-2', thingGroupNames: ['camera-fleet'] });
      const dock = await registerCoreDevice({ coreDeviceThingName: 'dock-jetson-fail', thingGroupNames: ['dock-fleet'] });
      await registerCoreDevice({ coreDeviceThingName: 'lab-bench' });
      cameras = pi1.thingGroupArns[0]!;
      docks = dock.thingGroupArns[0]!;
      assert.equal(cameras, `arn:aws:iot:${REGION}:${ACCOUNT}:thinggroup/camera-fleet`);
      await v2.send(new CreateComponentVersionCommand({ inlineRecipe: encode(modelRecipe('com.example.FailDeployModel', '1.0.0')) }));
    });

    it('lists core devices with paging and by thing group; reads one; an unknown one is ResourceNotFoundException', async () => {
      const first = await v2.send(new ListCoreDevicesCommand({ maxResults: 3 }));
      const second = await v2.send(new ListCoreDevicesCommand({ maxResults: 3, nextToken: first.nextToken }));
      const all = [...first.coreDevices ?? [], ...second.coreDevices ?? []].map((d) => d.coreDeviceThingName);
      assert.deepEqual(all, ['camera-pi-1', 'camera-pi-2', 'component-check-1', 'dock-jetson-fail', 'lab-bench']);
      assert.equal(second.nextToken, undefined);
      const inGroup = await v2.send(new ListCoreDevicesCommand({ thingGroupArn: cameras }));
      assert.deepEqual(inGroup.coreDevices?.map((d) => [d.coreDeviceThingName, d.status]), [['camera-pi-1', 'HEALTHY'], ['camera-pi-2', 'HEALTHY']]);
      const one = await v2.send(new GetCoreDeviceCommand({ coreDeviceThingName: 'camera-pi-1' }));
      assert.equal(one.architecture, 'armv7l');
      assert.equal(one.platform, 'linux');
      assert.match(one.coreVersion ?? '', /^2\.\d+\.\d+$/);
      assert.ok(one.lastStatusUpdateTimestamp instanceof Date);
      const e = await failure(v2.send(new GetCoreDeviceCommand({ coreDeviceThingName: 'no-such-device' })));
      assert.deepEqual([e.name, e.status], ['ResourceNotFoundException', 404]);
      assert.match(e.message, /The core device does not exist: no-such-device$/);
      for (const cmd of [new ListInstalledComponentsCommand({ coreDeviceThingName: 'no-such-device' }), new ListEffectiveDeploymentsCommand({ coreDeviceThingName: 'no-such-device' })]) {
        assert.equal((await failure(v2.send(cmd as never))).name, 'ResourceNotFoundException');
      }
    });

    it('a deployment to a thing group reaches each device: QUEUED/IN_PROGRESS, then SUCCEEDED, and its components run', async () => {
      // Steps long enough that the first look comes before the end, even on a busy machine.
      await emulatorSettings({ stepSeconds: 1 });
      const d = await v2.send(new CreateDeploymentCommand({
        targetArn: cameras, deploymentName: 'camera-fleet classifier',
        components: {
          'com.example.SqueezeNetModel': { componentVersion: '1.0.0' },
          'com.example.CameraClassifier': { componentVersion: '1.0.0', configurationUpdate: { merge: '{"threshold":0.8}' } },
          'aws.greengrass.Nucleus': { componentVersion: '2.14.3' },
        },
      }));
      assert.equal(d.$metadata.httpStatusCode, 201);
      assert.ok(d.deploymentId && d.iotJobId && d.iotJobArn?.startsWith(`arn:aws:iot:${REGION}:${ACCOUNT}:job/`));
      const early = (await effective('camera-pi-1')).find((e) => e.deploymentId === d.deploymentId);
      assert.ok(['QUEUED', 'IN_PROGRESS'].includes(early?.coreDeviceExecutionStatus ?? ''), JSON.stringify(early));
      for (const device of ['camera-pi-1', 'camera-pi-2']) {
        const done = await settled(device, d.deploymentId!);
        assert.equal(done?.coreDeviceExecutionStatus, 'SUCCEEDED');
        assert.equal(done?.targetArn, cameras);
        assert.equal(done?.deploymentName, 'camera-fleet classifier');
      }
      await emulatorSettings({ stepSeconds: 0.2 });
      assert.deepEqual(await effective('lab-bench'), [], 'a device outside the group takes nothing');
      const installed = await v2.send(new ListInstalledComponentsCommand({ coreDeviceThingName: 'camera-pi-1' }));
      assert.deepEqual(installed.installedComponents?.map((c) => [c.componentName, c.componentVersion, c.lifecycleState, c.isRoot, c.lastInstallationSource]), [
        ['aws.greengrass.Nucleus', '2.14.3', 'FINISHED', true, cameras],
        ['com.example.CameraClassifier', '1.0.0', 'RUNNING', true, cameras],
        ['com.example.SqueezeNetModel', '1.0.0', 'RUNNING', true, cameras],
      ]);
      const got = await v2.send(new GetDeploymentCommand({ deploymentId: d.deploymentId }));
      assert.equal(got.deploymentStatus, 'ACTIVE');
      assert.equal(got.revisionId, '1');
      assert.equal(got.isLatestForTarget, true);
      assert.equal(got.components?.['com.example.CameraClassifier']?.configurationUpdate?.merge, '{"threshold":0.8}');
    });

    it('a new deployment to the same group supersedes the previous one; ListDeployments filters by history, target and parent', async () => {
      const before = (await v2.send(new ListDeploymentsCommand({ targetArn: cameras }))).deployments ?? [];
      assert.equal(before.length, 1);
      const d = await v2.send(new CreateDeploymentCommand({
        targetArn: cameras, deploymentName: 'camera-fleet model only', parentTargetArn: `arn:aws:iot:${REGION}:${ACCOUNT}:thinggroup/all-sites`,
        components: { 'com.example.SqueezeNetModel': { componentVersion: '1.0.0' } },
      }));
      const latest = await v2.send(new ListDeploymentsCommand({ targetArn: cameras }));
      assert.deepEqual(latest.deployments?.map((x) => [x.deploymentId, x.revisionId, x.isLatestForTarget, x.deploymentStatus]), [[d.deploymentId, '2', true, 'ACTIVE']]);
      const history = await v2.send(new ListDeploymentsCommand({ targetArn: cameras, historyFilter: 'ALL' }));
      assert.deepEqual(history.deployments?.map((x) => [x.revisionId, x.deploymentStatus]), [['2', 'ACTIVE'], ['1', 'INACTIVE']]);
      const byParent = await v2.send(new ListDeploymentsCommand({ parentTargetArn: `arn:aws:iot:${REGION}:${ACCOUNT}:thinggroup/all-sites`, historyFilter: 'ALL' }));
      assert.deepEqual(byParent.deployments?.map((x) => x.deploymentId), [d.deploymentId]);
      await settled('camera-pi-1', d.deploymentId!);
      const installed = await v2.send(new ListInstalledComponentsCommand({ coreDeviceThingName: 'camera-pi-1', topologyFilter: 'ALL' }));
      assert.deepEqual(installed.installedComponents?.map((c) => c.componentName), ['aws.greengrass.Nucleus', 'com.example.SqueezeNetModel'],
        'what the group no longer deploys is removed; the nucleus stays');
    });

    it('a component named *FailDeploy* fails on every device with the reason and error stack; with DO_NOTHING it is left BROKEN', async () => {
      const d = await v2.send(new CreateDeploymentCommand({
        targetArn: cameras, deploymentName: 'broken model',
        components: { 'com.example.FailDeployModel': { componentVersion: '1.0.0' }, 'com.example.SqueezeNetModel': { componentVersion: '1.0.0' } },
        deploymentPolicies: { failureHandlingPolicy: 'DO_NOTHING' },
      }));
      const done = await settled('camera-pi-2', d.deploymentId!);
      assert.equal(done?.coreDeviceExecutionStatus, 'FAILED');
      assert.match(done?.reason ?? '', /COMPONENT_BROKEN: .*com\.example\.FailDeployModel 1\.0\.0$/);
      assert.deepEqual(done?.statusDetails, { errorStack: ['DEPLOYMENT_FAILURE', 'COMPONENT_UPDATE_ERROR', 'COMPONENT_BROKEN'], errorTypes: ['USER_COMPONENT_ERROR'] });
      const installed = await v2.send(new ListInstalledComponentsCommand({ coreDeviceThingName: 'camera-pi-2' }));
      const broken = installed.installedComponents?.find((c) => c.componentName === 'com.example.FailDeployModel');
      assert.equal(broken?.lifecycleState, 'BROKEN');
      assert.match(broken?.lifecycleStateDetails ?? '', /marked it BROKEN/);
      const unhealthy = await v2.send(new ListCoreDevicesCommand({ thingGroupArn: cameras, status: 'UNHEALTHY' }));
      assert.deepEqual(unhealthy.coreDevices?.map((c) => c.coreDeviceThingName), ['camera-pi-1', 'camera-pi-2']);
    });

    it('with the default ROLLBACK policy a failed deployment leaves the device\'s components as they were', async () => {
      const before = await v2.send(new ListInstalledComponentsCommand({ coreDeviceThingName: 'camera-pi-1' }));
      const d = await v2.send(new CreateDeploymentCommand({ targetArn: cameras, components: { 'com.example.FailDeployModel': { componentVersion: '1.0.0' } } }));
      assert.equal((await settled('camera-pi-1', d.deploymentId!))?.coreDeviceExecutionStatus, 'FAILED');
      const after = await v2.send(new ListInstalledComponentsCommand({ coreDeviceThingName: 'camera-pi-1' }));
      assert.deepEqual(after.installedComponents?.map((c) => [c.componentName, c.lifecycleState]), before.installedComponents?.map((c) => [c.componentName, c.lifecycleState]));
    });

    it('a device whose thing name ends with -fail fails every deployment with a device error', async () => {
      const d = await v2.send(new CreateDeploymentCommand({ targetArn: docks, components: { 'com.example.SqueezeNetModel': { componentVersion: '1.0.0' } } }));
      const done = await settled('dock-jetson-fail', d.deploymentId!);
      assert.equal(done?.coreDeviceExecutionStatus, 'FAILED');
      assert.deepEqual(done?.statusDetails?.errorTypes, ['DEVICE_ERROR']);
      assert.equal(done?.statusDetails?.errorStack?.[0], 'DEPLOYMENT_FAILURE');
      assert.match(done?.reason ?? '', /ran out of disk space .*: dock-jetson-fail$/);
      assert.equal((await v2.send(new GetCoreDeviceCommand({ coreDeviceThingName: 'dock-jetson-fail' }))).status, 'UNHEALTHY');
    });

    it('a deployment to one thing completes when its device succeeds', async () => {
      const thing = `arn:aws:iot:${REGION}:${ACCOUNT}:thing/lab-bench`;
      const d = await v2.send(new CreateDeploymentCommand({ targetArn: thing, components: { 'com.example.SqueezeNetModel': { componentVersion: '1.0.0' } } }));
      await settled('lab-bench', d.deploymentId!);
      assert.equal((await v2.send(new GetDeploymentCommand({ deploymentId: d.deploymentId }))).deploymentStatus, 'COMPLETED');
    });

    it('cancels an active deployment (its devices stop, CANCELED), then deletes it; both refuse the wrong state', async () => {
      await emulatorSettings({ stepSeconds: 30 });
      try {
        const d = await v2.send(new CreateDeploymentCommand({ targetArn: docks, components: { 'com.example.SqueezeNetModel': { componentVersion: '1.0.0' } } }));
        const live = await failure(v2.send(new DeleteDeploymentCommand({ deploymentId: d.deploymentId })));
        assert.deepEqual([live.name, live.status], ['ConflictException', 409]);
        assert.match(live.message, /cancel it first/);
        const c = await v2.send(new CancelDeploymentCommand({ deploymentId: d.deploymentId }));
        assert.match(c.message ?? '', /canceled/);
        assert.equal((await v2.send(new GetDeploymentCommand({ deploymentId: d.deploymentId }))).deploymentStatus, 'CANCELED');
        assert.equal((await effective('dock-jetson-fail')).find((e) => e.deploymentId === d.deploymentId)?.coreDeviceExecutionStatus, 'CANCELED');
        assert.equal((await failure(v2.send(new CancelDeploymentCommand({ deploymentId: d.deploymentId })))).name, 'ConflictException');
        const del = await v2.send(new DeleteDeploymentCommand({ deploymentId: d.deploymentId }));
        assert.equal(del.$metadata.httpStatusCode, 204);
        const gone = await failure(v2.send(new GetDeploymentCommand({ deploymentId: d.deploymentId })));
        assert.deepEqual([gone.name, gone.status], ['ResourceNotFoundException', 404]);
      } finally {
        await emulatorSettings({ stepSeconds: 0.2 });
      }
    });

    it('refuses a deployment to a thing group that does not exist, or of a component version that does not exist', async () => {
      const group = await failure(v2.send(new CreateDeploymentCommand({
        targetArn: `arn:aws:iot:${REGION}:${ACCOUNT}:thinggroup/no-such-fleet`, components: { 'com.example.SqueezeNetModel': { componentVersion: '1.0.0' } },
      })));
      assert.deepEqual([group.name, group.status], ['ResourceNotFoundException', 404]);
      assert.match(group.message, /create it first: arn:aws:iot:.*thinggroup\/no-such-fleet$/);
      const version = await failure(v2.send(new CreateDeploymentCommand({ targetArn: cameras, components: { 'com.example.SqueezeNetModel': { componentVersion: '9.9.9' } } })));
      assert.equal(version.name, 'ResourceNotFoundException');
      assert.match(version.message, /com\.example\.SqueezeNetModel 9\.9\.9$/);
    });

    it('tags components, deployments and core devices', async () => {
      const arn = componentArn('com.example.SqueezeNetModel', '1.0.0');
      await v2.send(new TagResourceCommand({ resourceArn: arn, tags: { stage: 'prod', owner: 'vision' } }));
      await v2.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['owner'] }));
      assert.deepEqual((await v2.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { stage: 'prod' });
      const device = `arn:aws:greengrass:${REGION}:${ACCOUNT}:coreDevices:camera-pi-1`;
      await v2.send(new TagResourceCommand({ resourceArn: device, tags: { site: 'north' } }));
      assert.deepEqual((await v2.send(new GetCoreDeviceCommand({ coreDeviceThingName: 'camera-pi-1' }))).tags, { site: 'north' });
      const e = await failure(v2.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:greengrass:${REGION}:${ACCOUNT}:deployments:nope` })));
      assert.equal(e.name, 'ResourceNotFoundException');
    });

    it('a device that joins a thing group later takes the group\'s latest deployment', async () => {
      const first = await registerCoreDevice({ coreDeviceThingName: 'kiosk-1', thingGroupNames: ['kiosk-fleet'] });
      const d = await v2.send(new CreateDeploymentCommand({
        targetArn: first.thingGroupArns[0], components: { 'com.example.SqueezeNetModel': { componentVersion: '1.0.0' } },
      }));
      await settled('kiosk-1', d.deploymentId!);
      assert.deepEqual(await effective('kiosk-2').catch((e: Error) => e.name), 'ResourceNotFoundException');
      await registerCoreDevice({ coreDeviceThingName: 'kiosk-2', thingGroupNames: ['kiosk-fleet'] });
      assert.equal((await settled('kiosk-2', d.deploymentId!))?.coreDeviceExecutionStatus, 'SUCCEEDED');
      const installed = await v2.send(new ListInstalledComponentsCommand({ coreDeviceThingName: 'kiosk-2' }));
      assert.deepEqual(installed.installedComponents?.map((c) => c.componentName), ['com.example.SqueezeNetModel']);
    });

    it('deletes a core device: it leaves the listings', async () => {
      const out = await v2.send(new DeleteCoreDeviceCommand({ coreDeviceThingName: 'lab-bench' }));
      assert.equal(out.$metadata.httpStatusCode, 204);
      const names = (await v2.send(new ListCoreDevicesCommand({}))).coreDevices?.map((d) => d.coreDeviceThingName);
      assert.ok(!names?.includes('lab-bench'));
      assert.equal((await failure(v2.send(new DeleteCoreDeviceCommand({ coreDeviceThingName: 'lab-bench' })))).name, 'ResourceNotFoundException');
    });
  });

  describe('throttling and the control endpoint', () => {
    it('answers ThrottlingException (429, Retry-After) when told to; the SDK\'s retries get through a single one', async () => {
      const once = new GreengrassV2Client({ maxAttempts: 1 });
      try {
        await throttleNext(1, ['ListCoreDevices']);
        const e = await failure(once.send(new ListCoreDevicesCommand({})));
        assert.deepEqual([e.name, e.status], ['ThrottlingException', 429]);
        assert.match(e.message, /Rate exceeded for ListCoreDevices/);
        assert.ok((await once.send(new ListCoreDevicesCommand({}))).coreDevices, 'the next request is answered');
        await throttleNext(1);
        const retried = await v2.send(new ListComponentsCommand({}));
        assert.equal(retried.$metadata.attempts, 2);
      } finally {
        once.destroy();
      }
    });

    it('rejects bad control requests with a message, and a reset restores the defaults and empties V2', async () => {
      const bad = await rawControl('/settings', { stepSeconds: -1 });
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /stepSeconds must be a number of seconds from 0 to 3600/);
      const device = await rawControl('/core-devices', { coreDeviceThingName: 'has spaces' });
      assert.equal(device.status, 400);
      await emulatorSettings({ stepSeconds: 5, v1Deployments: 'finish' });
      await resetMoto();
      assert.deepEqual(await emulatorSettings({}), { stepSeconds: 1, v1Deployments: 'stay' });
      assert.deepEqual((await v2.send(new ListCoreDevicesCommand({}))).coreDevices, []);
      assert.deepEqual((await v2.send(new ListComponentsCommand({}))).components, []);
    });
  });
});
