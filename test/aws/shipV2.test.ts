// Greengrass V2 ship flow against the local endpoint: Publish Components from a migration folder (uploads, recipes
// and Lambda requests, DEPLOYABLE / FAILED, a version published twice), Deploy to Thing Group (placeholder, watch of
// each core device), Cancel, Revise; and every error path a user meets (not found, validation, throttling, a
// component that fails, a device that fails, the time limit, a cancelled watch).
import * as assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetComponentCommand, GetDeploymentCommand, ListDeploymentsCommand } from '@aws-sdk/client-greengrassv2';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { createAwsClients } from '../../src/aws/clients';
import type { AwsClients } from '../../src/aws/clients';
import {
  cancelV2Deployment, coreDeviceThingArn, deployMigrationFolder, describeV2Outcome, listDeploymentTargets, reviseV2Deployment, watchV2Deployment,
} from '../../src/aws/v2/deploy';
import { publishComponents } from '../../src/aws/v2/publish';
import { placeComponentFailure, placeDeploymentFailures } from '../../src/core/v2/failures';
import { emulatorSettings, registerCoreDevice, throttleNext } from './emulator';
import { resetMoto } from './seeded';
import { zipOf } from '../support/zip';

const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'migration-publish');
const FAST = { initialMs: 100, maxMs: 400, factor: 1.5 };
const BUCKET = 'greengrass-ml-artifacts-chosen';

async function copyFixture(root: string, name: string): Promise<string> {
  const dir = join(root, name);
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

const json = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

describe('Greengrass V2 ship: publish components, deploy to a thing group, watch, cancel, revise (against the local endpoint)', function () {
  this.timeout(120_000);
  let clients: AwsClients;
  let root: string;
  let cameras: string;
  let docks: string;

  before(async () => {
    await resetMoto();
    await emulatorSettings({ stepSeconds: 0.2 });
    clients = createAwsClients({}, { requestTimeoutMs: 60_000 });
    root = await mkdtemp(join(tmpdir(), 'ggml-shipv2-'));
    await clients.s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
    const role = await clients.iam().send(new CreateRoleCommand({
      RoleName: 'ggml-v2-lambda',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }));
    for (const fn of ['image-classifier', 'person-counter', 'telemetry-uploader']) {
      await clients.lambda().send(new CreateFunctionCommand({
        FunctionName: fn, Runtime: 'python3.8', Handler: 'inference.function_handler', Role: role.Role!.Arn!, Publish: true,
        Code: { ZipFile: await zipOf({ 'inference.py': 'def function_handler(event, context):\n    return event\n' }) },
      }));
    }
    cameras = (await registerCoreDevice({ coreDeviceThingName: 'camera-pi-1', thingGroupNames: ['camera-fleet'] })).thingGroupArns[0]!;
    await registerCoreDevice({ coreDeviceThingName: 'camera-pi-2', thingGroupNames: ['camera-fleet'] });
    docks = (await registerCoreDevice({ coreDeviceThingName: 'dock-jetson-fail', thingGroupNames: ['dock-fleet'] })).thingGroupArns[0]!;
    await registerCoreDevice({ coreDeviceThingName: 'lab-bench' });
  });
  after(async () => {
    clients?.dispose();
    if (root) await rm(root, { recursive: true, force: true });
    await resetMoto();
  });

  describe('Publish Components', () => {
    let folder: string;
    before(async () => {
      folder = await copyFixture(root, 'published');
    });

    it('uploads the model archive to the chosen bucket, creates every component version and waits until each is DEPLOYABLE', async () => {
      const steps: string[] = [];
      const r = await publishComponents(clients, folder, { bucket: BUCKET, backoff: FAST, onProgress: (s) => steps.push(s) });
      assert.equal(r.wait, 'success');
      assert.deepEqual(r.components.map((c) => [c.name, c.version, c.state]), [
        ['com.example.CameraModel', '1.0.0', 'DEPLOYABLE'],
        ['com.example.ImageClassifier', '1.0.0', 'DEPLOYABLE'],
        ['com.example.PersonCounter', '1.0.0', 'DEPLOYABLE'],
        ['com.example.TelemetryUploader', '1.0.0', 'DEPLOYABLE'],
      ]);
      assert.deepEqual(r.uploaded.map((u) => u.s3Uri), [`s3://${BUCKET}/squeezenet/squeezenet.zip`]);
      const object = await clients.s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'squeezenet/squeezenet.zip' }));
      assert.deepEqual(Buffer.from(await object.Body!.transformToByteArray()), await readFile(join(folder, 'artifacts', 'squeezenet.zip')));
      // The recipe published points at the bucket the archive went to; the file on disk is left as the migration wrote it.
      const model = r.components[0]!;
      const got = await clients.greengrassV2().send(new GetComponentCommand({ arn: model.arn }));
      const recipe = JSON.parse(new TextDecoder().decode(got.recipe)) as { Manifests: { Artifacts: { URI: string }[] }[] };
      assert.equal(recipe.Manifests[0]?.Artifacts[0]?.URI, `s3://${BUCKET}/squeezenet/squeezenet.zip`);
      assert.match(await readFile(model.file, 'utf8'), /s3:\/\/greengrass-models-v2\/squeezenet\/squeezenet\.zip/);
      assert.ok(steps.some((s) => /^Uploading artifacts\/squeezenet\.zip to s3:\/\/greengrass-ml-artifacts-chosen\//.test(s)), steps.join('\n'));
    });

    it('publishing the same versions again stops with what to do, unless the user takes the next patch version', async () => {
      await assert.rejects(publishComponents(clients, folder, { bucket: BUCKET, backoff: FAST }),
        /com\.example\.CameraModel 1\.0\.0 is published already\. Publish again and choose a new version, or raise the version in the file: .*SqueezeNetModel-1\.0\.0\.json$/);
      const deploymentBefore = await readFile(join(folder, 'deployment.json'), 'utf8');
      const asked: string[] = [];
      const r = await publishComponents(clients, folder, {
        bucket: BUCKET, backoff: FAST,
        onConflict: async (c) => { asked.push(`${c.name} ${c.version}→${c.next}`); return c.name.includes('Telemetry') ? 'keep' : 'bump'; },
      });
      assert.deepEqual(asked, [
        'com.example.CameraModel 1.0.0→1.0.1', 'com.example.ImageClassifier 1.0.0→1.0.1', 'com.example.PersonCounter 1.0.0→1.0.1',
        'com.example.TelemetryUploader 1.0.0→1.0.1',
      ]);
      assert.deepEqual(r.components.map((c) => [c.name, c.version, c.state, c.bumpedFrom ?? '', c.existing ?? false]), [
        ['com.example.CameraModel', '1.0.1', 'DEPLOYABLE', '1.0.0', false],
        ['com.example.ImageClassifier', '1.0.1', 'DEPLOYABLE', '1.0.0', false],
        ['com.example.PersonCounter', '1.0.1', 'DEPLOYABLE', '1.0.0', false],
        ['com.example.TelemetryUploader', '1.0.0', 'DEPLOYABLE', '', true],
      ]);
      // Written back: the component files, migration.json and deployment.json, each changed only where the version is.
      const request = await json<{ lambdaFunction: { componentVersion: string } }>(join(folder, 'components', 'ImageClassifier.request.json'));
      assert.equal(request.lambdaFunction.componentVersion, '1.0.1');
      assert.equal((await json<{ ComponentVersion: string }>(join(folder, 'recipes', 'SqueezeNetModel-1.0.0.json'))).ComponentVersion, '1.0.1');
      const record = await json<{ components: { version: string }[] }>(join(folder, 'migration.json'));
      assert.deepEqual(record.components.map((c) => c.version), ['1.0.1', '1.0.1', '1.0.1', '1.0.0']);
      const deploymentAfter = await readFile(join(folder, 'deployment.json'), 'utf8');
      const expected = deploymentBefore
        .replace('"com.example.CameraModel": { "componentVersion": "1.0.0" }', '"com.example.CameraModel": { "componentVersion": "1.0.1" }')
        .replace('"com.example.ImageClassifier": { "componentVersion": "1.0.0" }', '"com.example.ImageClassifier": { "componentVersion": "1.0.1" }')
        .replace('"com.example.PersonCounter": { "componentVersion": "1.0.0" }', '"com.example.PersonCounter": { "componentVersion": "1.0.1" }');
      assert.equal(deploymentAfter, expected);
    });

    it('a recipe whose artifact is not in S3 and a Lambda version that does not exist become FAILED, each with its reason on its file', async () => {
      const bad = await copyFixture(root, 'failing');
      const recipePath = join(bad, 'recipes', 'SqueezeNetModel-1.0.0.json');
      const recipeText = (await readFile(recipePath, 'utf8')).replace(/com\.example\.CameraModel/g, 'com.example.FailingModel').replace('greengrass-models-v2/squeezenet/squeezenet.zip', `${BUCKET}/never/uploaded.zip`);
      await writeFile(recipePath, recipeText);
      const requestPath = join(bad, 'components', 'PersonCounter.request.json');
      await writeFile(requestPath, (await readFile(requestPath, 'utf8')).replace('function:person-counter:1', 'function:person-counter:7').replace('com.example.PersonCounter', 'com.example.PersonCounterV7'));
      const record = await json<{ components: { name: string; model?: unknown }[] }>(join(bad, 'migration.json'));
      record.components = [{ ...record.components[0]!, name: 'com.example.FailingModel', model: undefined }, { ...record.components[2]!, name: 'com.example.PersonCounterV7' }];
      await writeFile(join(bad, 'migration.json'), JSON.stringify(record, null, 2));
      const r = await publishComponents(clients, bad, { backoff: FAST });
      assert.equal(r.wait, 'failure');
      assert.deepEqual(r.components.map((c) => c.state), ['FAILED', 'FAILED']);
      const [model, lambda] = r.components;
      assert.match(model!.message ?? '', /could not be created/);
      assert.match(Object.values(model!.errors ?? {})[0] ?? '', /The artifact does not exist in Amazon S3 \(404 Not Found\); upload it/);
      assert.match(Object.values(lambda!.errors ?? {})[0] ?? '', /Lambda function version does not exist; publish it first: person-counter:7/);
      const placed = placeComponentFailure({ path: recipePath, text: recipeText }, model!.name, model!.version, model!.message, model!.errors);
      assert.equal(placed.length, 1);
      assert.equal(recipeText.slice(placed[0]!.offset, placed[0]!.offset + placed[0]!.length), `"s3://${BUCKET}/never/uploaded.zip"`);
      assert.match(placed[0]!.message, /^com\.example\.FailingModel 1\.0\.0 FAILED to publish: The artifact does not exist in Amazon S3/);
    });

    it('a request the service rejects (validation) says which component and why', async () => {
      const bad = await copyFixture(root, 'invalid');
      const requestPath = join(bad, 'components', 'ImageClassifier.request.json');
      await writeFile(requestPath, (await readFile(requestPath, 'utf8')).replace('"isolationMode": "GreengrassContainer"', '"isolationMode": "Container"'));
      await assert.rejects(publishComponents(clients, bad, { bucket: BUCKET, backoff: FAST, onConflict: async () => 'keep' }),
        (e: Error) => /^Publishing com\.example\.ImageClassifier 1\.0\.0 failed\./.test(e.message) && /isolationMode/.test(e.message));
    });

    it('a migration folder without a record, or whose record leaves the folder, is refused before any call', async () => {
      const empty = await mkdtemp(join(root, 'empty-'));
      await assert.rejects(publishComponents(clients, empty), /The migration folder has no migration\.json; migrate the group again or restore the file: .*migration\.json$/);
      const escaping = await copyFixture(root, 'escaping');
      const record = await json<{ components: { file: string }[] }>(join(escaping, 'migration.json'));
      record.components[0]!.file = '../../etc/passwd';
      await writeFile(join(escaping, 'migration.json'), JSON.stringify(record));
      await assert.rejects(publishComponents(clients, escaping), /A component file must be a path inside the migration folder: \.\.\/\.\.\/etc\/passwd$/);
    });

    it('stops waiting at the time limit, saying the versions are still being created', async () => {
      const slow = await copyFixture(root, 'slow');
      for (const f of ['components/ImageClassifier.request.json', 'components/PersonCounter.request.json', 'components/TelemetryUploader.request.json', 'recipes/SqueezeNetModel-1.0.0.json', 'deployment.json', 'migration.json']) {
        const p = join(slow, f);
        await writeFile(p, (await readFile(p, 'utf8')).replace(/"(componentVersion|ComponentVersion|version)": "1\.0\.0"/g, '"$1": "3.0.0"'));
      }
      await emulatorSettings({ stepSeconds: 30 });
      try {
        const r = await publishComponents(clients, slow, { bucket: BUCKET, backoff: FAST, readyTimeoutMs: 800 });
        assert.equal(r.wait, 'timeout');
        assert.ok(r.components.every((c) => c.state === 'REQUESTED'), JSON.stringify(r.components.map((c) => c.state)));
      } finally {
        await emulatorSettings({ stepSeconds: 0.2 });
      }
    });

    it('gets through one throttled CreateComponentVersion (the SDK retries it) and says so when throttling goes on', async () => {
      const t = await copyFixture(root, 'throttled');
      const record = await json<{ components: unknown[] }>(join(t, 'migration.json'));
      record.components = [record.components[3]];
      await writeFile(join(t, 'migration.json'), JSON.stringify(record));
      const p = join(t, 'components', 'TelemetryUploader.request.json');
      await writeFile(p, (await readFile(p, 'utf8')).replace('"componentVersion": "1.0.0"', '"componentVersion": "4.0.0"'));
      await throttleNext(1, ['CreateComponentVersion']);
      const r = await publishComponents(clients, t, { backoff: FAST });
      assert.deepEqual(r.components.map((c) => [c.version, c.state]), [['4.0.0', 'DEPLOYABLE']]);
      await writeFile(p, (await readFile(p, 'utf8')).replace('"componentVersion": "4.0.0"', '"componentVersion": "4.0.1"'));
      await throttleNext(10, ['CreateComponentVersion']);
      try {
        await assert.rejects(publishComponents(clients, t, { backoff: FAST }), /^ShipError: Publishing com\.example\.TelemetryUploader 4\.0\.1 failed\. AWS is throttling requests; wait a moment and retry: CreateComponentVersion$/);
      } finally {
        await throttleNext(0);
      }
    });
  });

  describe('Deploy to Thing Group, watch, cancel, revise', () => {
    let folder: string;
    before(async () => {
      folder = await copyFixture(root, 'deployed');
      await publishComponents(clients, folder, { bucket: BUCKET, backoff: FAST, onConflict: async () => 'keep' });
    });

    it('refuses the placeholder target until one is chosen', async () => {
      await assert.rejects(deployMigrationFolder(clients, folder),
        /deployment\.json still targets the placeholder; choose a thing group or core device to deploy to: arn:aws:iot:REGION:ACCOUNT:thinggroup\/REPLACE_ME$/);
    });

    it('lists the thing groups and core devices to choose from, and a core device\'s thing ARN', async () => {
      const targets = await listDeploymentTargets(clients);
      assert.deepEqual(targets.filter((t) => t.kind === 'thingGroup').map((t) => [t.name, t.arn]).sort(), [['camera-fleet', cameras], ['dock-fleet', docks]]);
      assert.deepEqual(targets.filter((t) => t.kind === 'coreDevice').map((t) => t.name), ['camera-pi-1', 'camera-pi-2', 'dock-jetson-fail', 'lab-bench']);
      assert.equal(await coreDeviceThingArn(clients, 'lab-bench'), 'arn:aws:iot:us-east-1:123456789012:thing/lab-bench');
    });

    it('writes the chosen thing group into deployment.json (only that line changes), deploys, and watches every device to SUCCEEDED', async () => {
      const path = join(folder, 'deployment.json');
      const before = await readFile(path, 'utf8');
      const created = await deployMigrationFolder(clients, folder, { targetArn: cameras });
      assert.equal(await readFile(path, 'utf8'), before.replace('arn:aws:iot:REGION:ACCOUNT:thinggroup/REPLACE_ME', cameras));
      const seen: string[] = [];
      const o = await watchV2Deployment(clients, created.deploymentId, {
        timeoutMs: 30_000, backoff: FAST, onProgress: (devices) => seen.push(devices.map((d) => `${d.device}=${d.status}`).join(',')),
      });
      assert.equal(o.result, 'success', describeV2Outcome(o));
      assert.deepEqual(o.devices.map((d) => [d.device, d.status]), [['camera-pi-1', 'SUCCEEDED'], ['camera-pi-2', 'SUCCEEDED']]);
      assert.ok(seen.length >= 1 && seen.at(-1) === 'camera-pi-1=SUCCEEDED,camera-pi-2=SUCCEEDED', seen.join(' | '));
      assert.match(describeV2Outcome(o), /^The deployment succeeded on all 2 core devices \(after \d+ s\)\.$/);
    });

    it('a device that fails: the outcome gives its reason, placed on deployment.json\'s target (no component named)', async () => {
      const created = await deployMigrationFolder(clients, folder, { targetArn: docks });
      const o = await watchV2Deployment(clients, created.deploymentId, { timeoutMs: 30_000, backoff: FAST });
      assert.equal(o.result, 'failure');
      assert.equal(o.devices[0]?.status, 'FAILED');
      assert.match(o.devices[0]?.reason ?? '', /DISK_SPACE_CRITICAL/);
      assert.match(describeV2Outcome(o), /^The deployment failed on 1 of 1 core device\(s\); see Problems for the components it names: dock-jetson-fail: DEPLOYMENT_FAILURE/);
      const path = join(folder, 'deployment.json');
      const text = await readFile(path, 'utf8');
      const placed = placeDeploymentFailures([{ device: 'dock-jetson-fail', reason: o.devices[0]!.reason! }], { path, text }, []);
      assert.equal(placed.length, 1);
      assert.equal(text.slice(placed[0]!.offset, placed[0]!.offset + placed[0]!.length), JSON.stringify(docks));
      assert.match(placed[0]!.message, /^The deployment failed on core device dock-jetson-fail \(a device error, no component named\): DEPLOYMENT_FAILURE/);
    });

    it('a component that fails on every device: the failure is placed on that component in deployment.json and in its file', async () => {
      const bad = await copyFixture(root, 'component-fails');
      const requestPath = join(bad, 'components', 'TelemetryUploader.request.json');
      await writeFile(requestPath, (await readFile(requestPath, 'utf8')).replace('com.example.TelemetryUploader', 'com.example.TelemetryUploaderFailDeploy'));
      const deploymentPath = join(bad, 'deployment.json');
      await writeFile(deploymentPath, (await readFile(deploymentPath, 'utf8')).replace('"com.example.TelemetryUploader"', '"com.example.TelemetryUploaderFailDeploy"'));
      const recordPath = join(bad, 'migration.json');
      await writeFile(recordPath, (await readFile(recordPath, 'utf8')).replace('"com.example.TelemetryUploader"', '"com.example.TelemetryUploaderFailDeploy"'));
      await publishComponents(clients, bad, { bucket: BUCKET, backoff: FAST, onConflict: async () => 'keep' });
      const created = await deployMigrationFolder(clients, bad, { targetArn: cameras });
      const o = await watchV2Deployment(clients, created.deploymentId, { timeoutMs: 30_000, backoff: FAST });
      assert.equal(o.result, 'failure');
      assert.deepEqual(o.devices.map((d) => d.status), ['FAILED', 'FAILED']);
      const text = await readFile(deploymentPath, 'utf8');
      const requestText = await readFile(requestPath, 'utf8');
      const placed = placeDeploymentFailures(o.devices.map((d) => ({ device: d.device, reason: d.reason ?? '' })), { path: deploymentPath, text }, [{ path: requestPath, text: requestText }]);
      assert.deepEqual(placed.map((p) => [p.path === deploymentPath ? 'deployment.json' : 'request', (p.path === deploymentPath ? text : requestText).slice(p.offset, p.offset + p.length)]), [
        ['deployment.json', '"com.example.TelemetryUploaderFailDeploy"'], ['request', '"com.example.TelemetryUploaderFailDeploy"'],
      ]);
      assert.match(placed[0]!.message, /^The deployment failed on core device camera-pi-1, camera-pi-2 because of com\.example\.TelemetryUploaderFailDeploy: DEPLOYMENT_FAILURE: COMPONENT_UPDATE_ERROR: COMPONENT_BROKEN/);
    });

    it('a thing group that does not exist, and a component version never published, are refused with the service\'s reason', async () => {
      const missing = cameras.replace('camera-fleet', 'no-such-fleet');
      await assert.rejects(deployMigrationFolder(clients, folder, { targetArn: missing }),
        /^ShipError: Creating the deployment failed\. It no longer exists or the id is wrong; refresh the explorer: The deployment target does not exist in AWS IoT; create it first: arn:aws:iot:us-east-1:123456789012:thinggroup\/no-such-fleet$/);
      const path = join(folder, 'deployment.json');
      await writeFile(path, (await readFile(path, 'utf8')).replace(missing, cameras).replace('"com.example.PersonCounter": { "componentVersion": "1.0.0" }', '"com.example.PersonCounter": { "componentVersion": "9.9.9" }'));
      await assert.rejects(deployMigrationFolder(clients, folder), /Creating the deployment failed\. .*The deployment names a component version that does not exist: com\.example\.PersonCounter 9\.9\.9$/);
      await writeFile(path, (await readFile(path, 'utf8')).replace('"componentVersion": "9.9.9"', '"componentVersion": "1.0.0"'));
      await assert.rejects(cancelV2Deployment(clients, '00000000-0000-0000-0000-000000000000'), /^ShipError: Canceling deployment 00000000-0000-0000-0000-000000000000 failed\. It no longer exists/);
      await assert.rejects(reviseV2Deployment(clients, '00000000-0000-0000-0000-000000000000'), /^ShipError: Reading deployment 00000000-0000-0000-0000-000000000000 failed\. It no longer exists/);
    });

    it('stops at the time limit, and when the user cancels the watch, without touching the deployment', async () => {
      await emulatorSettings({ stepSeconds: 30 });
      try {
        const created = await deployMigrationFolder(clients, folder, { targetArn: cameras });
        const timedOut = await watchV2Deployment(clients, created.deploymentId, { timeoutMs: 1_000, backoff: FAST });
        assert.equal(timedOut.result, 'timeout');
        assert.deepEqual(timedOut.devices.map((d) => d.status), ['QUEUED', 'QUEUED']);
        assert.match(describeV2Outcome(timedOut), /^The deployment is still running on 2 of 2 core device\(s\) after \d+ s \(0 succeeded, 0 failed\); stopped watching, it continues in the cloud: /);
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 300);
        const stopped = await watchV2Deployment(clients, created.deploymentId, { timeoutMs: 30_000, backoff: FAST, signal: controller.signal });
        assert.equal(stopped.result, 'cancelled');
        assert.match(describeV2Outcome(stopped), /^Stopped watching; this undoes nothing.*To stop it, use Cancel Deployment: /);
        const d = await clients.greengrassV2().send(new GetDeploymentCommand({ deploymentId: created.deploymentId }));
        assert.equal(d.deploymentStatus, 'ACTIVE');

        // Cancel Deployment: the devices stop; a second cancel is refused with the status.
        assert.match(await cancelV2Deployment(clients, created.deploymentId), /canceled/);
        const after = await watchV2Deployment(clients, created.deploymentId, { timeoutMs: 5_000, backoff: FAST });
        assert.equal(after.result, 'failure');
        assert.deepEqual(after.devices.map((x) => x.status), ['CANCELED', 'CANCELED']);
        assert.match(describeV2Outcome(after), /^The deployment failed on 2 of 2 core device\(s\)/);
        await assert.rejects(cancelV2Deployment(clients, created.deploymentId), /^ShipError: Only an active deployment can be canceled; this one is CANCELED\. Refresh the Greengrass V2 view: /);
      } finally {
        await emulatorSettings({ stepSeconds: 0.2 });
      }
    });

    it('Revise deploys a new revision to the same target with the same components, or with deployment.json\'s', async () => {
      const created = await deployMigrationFolder(clients, folder, { targetArn: cameras });
      const revised = await reviseV2Deployment(clients, created.deploymentId);
      assert.notEqual(revised.deploymentId, created.deploymentId);
      assert.equal(revised.targetArn, cameras);
      const gg = clients.greengrassV2();
      const [old, fresh] = await Promise.all([created.deploymentId, revised.deploymentId].map((id) => gg.send(new GetDeploymentCommand({ deploymentId: id }))));
      assert.deepEqual(fresh!.components, old!.components);
      assert.equal(Number(fresh!.revisionId), Number(old!.revisionId) + 1);
      assert.equal(fresh!.deploymentName, 'pi-classifier (migrated from Greengrass V1)');
      assert.equal(old!.deploymentStatus, 'INACTIVE');
      const o = await watchV2Deployment(clients, revised.deploymentId, { timeoutMs: 30_000, backoff: FAST });
      assert.equal(o.result, 'success', describeV2Outcome(o));
      // From deployment.json: its components (here without the subscription router), the previous target.
      const fromFile = await reviseV2Deployment(clients, revised.deploymentId, {
        request: { targetArn: 'ignored', components: { 'com.example.CameraModel': { componentVersion: '1.0.0' } } },
      });
      const latest = await gg.send(new ListDeploymentsCommand({ targetArn: cameras }));
      assert.equal(latest.deployments?.[0]?.deploymentId, fromFile.deploymentId);
      const d = await gg.send(new GetDeploymentCommand({ deploymentId: fromFile.deploymentId }));
      assert.deepEqual(Object.keys(d.components ?? {}), ['com.example.CameraModel']);
    });

    it('a CreateDeployment throttled beyond the retries says so and what to do', async () => {
      await throttleNext(10, ['CreateDeployment']);
      try {
        await assert.rejects(deployMigrationFolder(clients, folder, { targetArn: cameras }),
          /^ShipError: Creating the deployment failed\. AWS is throttling requests; wait a moment and retry: CreateDeployment$/);
      } finally {
        await throttleNext(0);
      }
    });
  });
});
