// The Greengrass V2 explorer's reads against the local endpoint: what the tree shows for the demo account, paging,
// and every error path a user can meet (not found, a request AWS refuses, throttling, the endpoint down).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAwsClients, type AwsClients } from '../../src/aws/clients';
import { GreengrassV2ExplorerService, splitComponentVersionArn } from '../../src/aws/v2/read';
import { emulatorSettings, throttleNext, until } from './emulator';
import { awsFailure, endpoint, resetMoto } from './seeded';

interface SeededV2 {
  components: Record<string, string>;
  thingGroupArns: { cameras: string; docks: string };
  deployments: { cameras: string[]; docks: string[] };
}

interface SeedV2Module {
  seedGreengrassV2Demo(endpoint: string): Promise<SeededV2>;
  seedManyCoreDevices(endpoint: string, n: number, options?: { prefix?: string; groups?: number }): Promise<unknown>;
}

const seedV2 = async (): Promise<SeedV2Module> =>
  (await import(pathToFileURL(join(process.cwd(), 'scripts', 'seedV2.mjs')).href)) as SeedV2Module;


describe('the Greengrass V2 explorer service', function () {
  this.timeout(60_000);
  let clients: AwsClients;
  let v2: GreengrassV2ExplorerService;
  let demo: SeededV2;

  before(async () => {
    await resetMoto();
    await emulatorSettings({ stepSeconds: 0.2 });
    demo = await (await seedV2()).seedGreengrassV2Demo(endpoint());
    clients = createAwsClients({});
    v2 = new GreengrassV2ExplorerService(clients);
    // Let every device finish its deployments and every component version settle.
    await until(() => v2.listEffectiveDeployments('dock-jetson-fail'), (p) => p.items[0]?.status === 'FAILED', 15_000, 'the dock device to fail');
    await until(() => v2.listEffectiveDeployments('camera-pi-north-2'), (p) => p.items.every((e) => e.status === 'SUCCEEDED'), 15_000, 'the cameras to succeed');
  });
  after(async () => {
    clients?.dispose();
    await resetMoto();
  });

  it('lists core devices with status, last status update and platform, and filters them by thing group and status', async () => {
    const all = await v2.listCoreDevices();
    assert.deepEqual(all.items.map((d) => [d.name, d.status]), [
      ['camera-pi-north-1', 'HEALTHY'], ['camera-pi-north-2', 'HEALTHY'], ['dock-jetson-fail', 'UNHEALTHY'], ['lab-bench', 'HEALTHY'],
    ]);
    const dock = all.items.find((d) => d.name === 'dock-jetson-fail')!;
    assert.equal(dock.platform, 'linux');
    assert.equal(dock.architecture, 'aarch64');
    assert.ok(!Number.isNaN(Date.parse(dock.lastStatusUpdate ?? '')), `an ISO time: ${dock.lastStatusUpdate}`);
    const cameras = await v2.listCoreDevices({ thingGroupArn: demo.thingGroupArns.cameras });
    assert.deepEqual(cameras.items.map((d) => d.name), ['camera-pi-north-1', 'camera-pi-north-2']);
    const unhealthy = await v2.listCoreDevices({ status: 'UNHEALTHY' });
    assert.deepEqual(unhealthy.items.map((d) => d.name), ['dock-jetson-fail']);
    const one = await v2.getCoreDevice('camera-pi-north-1');
    assert.equal(one.coreVersion, '2.14.3');
  });

  it('pages core devices with the next token until the list ends', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const p = await v2.listCoreDevices({ maxResults: 3, ...(token ? { nextToken: token } : {}) });
      assert.ok(p.items.length <= 3);
      seen.push(...p.items.map((d) => d.name));
      token = p.nextToken;
      pages++;
    } while (token && pages < 10);
    assert.equal(pages, 2);
    assert.equal(seen.length, 4);
    assert.equal(new Set(seen).size, 4, 'no device twice');
  });

  it('lists a device\'s installed components with lifecycle state, version and the failing component\'s details', async () => {
    const camera = await v2.listInstalledComponents('camera-pi-north-1');
    assert.deepEqual(camera.items.map((c) => [c.name, c.version, c.lifecycleState]), [
      ['com.example.CameraClassifier', '1.1.0', 'RUNNING'], ['com.example.SqueezeNetModel', '1.0.0', 'RUNNING'],
    ]);
    assert.equal(camera.items[0]?.installationSource, demo.thingGroupArns.cameras);
    const withNucleus = await v2.listInstalledComponents('camera-pi-north-1', { topology: 'ALL' });
    assert.ok(withNucleus.items.some((c) => c.name === 'aws.greengrass.Nucleus'), 'ALL includes the nucleus');
  });

  it('lists a device\'s effective deployments newest first, with the failure reason, error stack and types', async () => {
    const cam = await v2.listEffectiveDeployments('camera-pi-north-1');
    assert.deepEqual(cam.items.map((e) => e.deploymentId), [...demo.deployments.cameras].reverse());
    assert.ok(cam.items.every((e) => e.status === 'SUCCEEDED'));
    const dock = await v2.listEffectiveDeployments('dock-jetson-fail');
    const failed = dock.items[0]!;
    assert.equal(failed.status, 'FAILED');
    assert.match(failed.reason ?? '', /DISK_SPACE_CRITICAL/);
    assert.deepEqual(failed.errorTypes, ['DEVICE_ERROR']);
    assert.equal(failed.errorStack?.[0], 'DEPLOYMENT_FAILURE');
    assert.equal(failed.targetArn, demo.thingGroupArns.docks);
  });

  it('lists one deployment per target, the revisions of a target, and a deployment\'s components with versions', async () => {
    const latest = await v2.listDeployments();
    assert.deepEqual(latest.items.map((d) => d.targetArn).sort(), [demo.thingGroupArns.cameras, demo.thingGroupArns.docks].sort());
    const history = await v2.listDeployments({ targetArn: demo.thingGroupArns.cameras, history: 'ALL' });
    assert.deepEqual(history.items.map((d) => [d.revisionId, d.status, d.isLatestForTarget]), [['2', 'ACTIVE', true], ['1', 'INACTIVE', false]]);
    const details = await v2.getDeployment(demo.deployments.cameras[0]!);
    assert.equal(details.deploymentName, 'camera-fleet classifier 1.0.0');
    assert.deepEqual(details.components, [{ name: 'com.example.CameraClassifier', version: '1.0.0' }, { name: 'com.example.SqueezeNetModel', version: '1.0.0' }]);
    const docks = await v2.getDeployment(demo.deployments.docks[0]!);
    assert.equal(docks.failureHandlingPolicy, 'DO_NOTHING');
  });

  it('reads each device of a failed deployment with its own status and reason', async () => {
    const [d] = (await v2.listDeployments({ targetArn: demo.thingGroupArns.docks })).items;
    const statuses = await v2.deviceStatuses(d!);
    assert.equal(statuses.complete, true);
    assert.deepEqual(statuses.devices.map((s) => [s.device, s.effective?.status]), [['dock-jetson-fail', 'FAILED']]);
    assert.match(statuses.devices[0]?.effective?.reason ?? '', /ran out of disk space/);
  });

  it('lists components with their latest version, their versions newest first, DEPLOYABLE and FAILED with the reason', async () => {
    const components = await v2.listComponents();
    const byName = new Map(components.items.map((c) => [c.name, c]));
    assert.equal(byName.get('com.example.CameraClassifier')?.latestVersion, '1.1.0');
    assert.equal(byName.get('com.example.CameraClassifier')?.description, 'Classifies camera frames, twice as often');
    const versions = await v2.listComponentVersions(byName.get('com.example.CameraClassifier')!.arn);
    assert.deepEqual(versions.items.map((v) => v.version), ['1.1.0', '1.0.0']);
    const ok = await v2.describeComponent(demo.components['com.example.SqueezeNetModel@1.0.0']!);
    assert.equal(ok.state, 'DEPLOYABLE');
    assert.equal(ok.message, undefined, 'AWS\'s "NONE" is no message');
    assert.deepEqual(ok.platforms, ['linux']);
    const failed = await v2.describeComponent(demo.components['com.example.PersonDetectorModel@1.0.0']!);
    assert.equal(failed.state, 'FAILED');
    assert.equal(failed.errors.length, 1);
    assert.equal(failed.errors[0]?.subject, 's3://greengrass-components-demo/person-detector/1.0.0/model.zip');
    assert.match(failed.errors[0]?.message ?? '', /does not exist in Amazon S3/);
    const publicOnes = await v2.listComponents({ scope: 'PUBLIC' });
    assert.ok(publicOnes.items.some((c) => c.name === 'aws.greengrass.Nucleus'));
  });

  it('returns a recipe as pretty JSON that names the component and its artifacts', async () => {
    const recipe = await v2.getRecipe(demo.components['com.example.CameraClassifier@1.1.0']!);
    const doc = JSON.parse(recipe.text) as { ComponentName: string; ComponentVersion: string; Manifests: { Artifacts: { URI: string }[] }[] };
    assert.equal(doc.ComponentName, 'com.example.CameraClassifier');
    assert.equal(doc.ComponentVersion, '1.1.0');
    assert.equal(doc.Manifests[0]?.Artifacts[0]?.URI, 's3://greengrass-components-demo/classifier/1.1.0/classifier.zip');
    assert.match(recipe.text, /^\{\n {2}"RecipeFormatVersion"/);
  });

  it('says which deployments use a component, and which use one version of it', async () => {
    const model = await v2.usedBy('com.example.SqueezeNetModel');
    assert.equal(model.complete, true);
    assert.deepEqual(model.deployments.map((d) => [d.targetArn, d.componentVersion]), [[demo.thingGroupArns.cameras, '1.0.0']]);
    const old = await v2.usedBy('com.example.CameraClassifier', '1.0.0');
    assert.deepEqual(old.deployments, [], 'revision 1 is no longer the latest of its target');
    const current = await v2.usedBy('com.example.CameraClassifier', '1.1.0');
    assert.equal(current.deployments[0]?.deploymentName, 'camera-fleet classifier 1.1.0');
    assert.deepEqual((await v2.usedBy('com.example.PersonDetectorModel')).deployments, []);
  });

  it('splits a component version ARN into the component\'s ARN and the version', () => {
    assert.deepEqual(splitComponentVersionArn('arn:aws:greengrass:us-east-1:123456789012:components:com.example.A:versions:1.2.3'),
      { componentArn: 'arn:aws:greengrass:us-east-1:123456789012:components:com.example.A', version: '1.2.3' });
  });

  describe('errors', function () {
    it('a core device that does not exist: not found, naming the device', async () => {
      for (const call of [() => v2.getCoreDevice('no-such-core'), () => v2.listInstalledComponents('no-such-core'), () => v2.listEffectiveDeployments('no-such-core')]) {
        const error = await awsFailure(call());
        assert.equal(error.kind, 'notFound');
        assert.match(error.message, /refresh the explorer/);
        assert.match(error.message, /no-such-core/);
      }
    });

    it('a deployment or component version that does not exist: not found', async () => {
      const d = await awsFailure(v2.getDeployment('00000000-0000-0000-0000-000000000000'));
      assert.equal(d.kind, 'notFound');
      assert.equal(d.info.operation, 'GetDeployment');
      const arn = 'arn:aws:greengrass:us-east-1:123456789012:components:com.example.Gone:versions:9.9.9';
      for (const call of [() => v2.describeComponent(arn), () => v2.getRecipe(arn), () => v2.listComponentVersions(splitComponentVersionArn(arn).componentArn)]) {
        assert.equal((await awsFailure(call())).kind, 'notFound');
      }
    });

    it('a request AWS refuses (a malformed ARN, a bad page token): the service\'s reason, not a stack', async () => {
      const bad = await awsFailure(v2.describeComponent('not-an-arn'));
      assert.equal(bad.info.httpStatus, 400);
      assert.match(bad.message, /^DescribeComponent failed: /);
      const token = await awsFailure(v2.listCoreDevices({ nextToken: 'bm90LWEtdG9rZW4' }));
      assert.match(token.message, /nextToken is not valid/);
    });

    it('throttling: retried, and when it lasts, a message that says to wait', async () => {
      await throttleNext(1, ['ListCoreDevices']);
      const retried = await v2.listCoreDevices();
      assert.equal(retried.items.length, 4, 'one throttled answer is retried');
      await throttleNext(10, ['ListDeployments']);
      const error = await awsFailure(v2.listDeployments());
      assert.equal(error.kind, 'throttled');
      assert.match(error.message, /throttling requests; wait a moment and retry: ListDeployments$/);
      await throttleNext(0);
    });

    it('the endpoint down: unreachable, naming the host, within the connection timeout', async () => {
      const down = createAwsClients({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' });
      try {
        const started = Date.now();
        const error = await awsFailure(new GreengrassV2ExplorerService(down).listCoreDevices());
        assert.equal(error.kind, 'unreachable');
        assert.match(error.message, /127\.0\.0\.1:9$/);
        assert.ok(Date.now() - started < 5_000, `failed in ${Date.now() - started} ms`);
      } finally {
        down.dispose();
      }
    });
  });
});
