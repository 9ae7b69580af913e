// The Greengrass V2 half of `npm start`'s demo account, as the V2 explorer will show it.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DescribeComponentCommand, GreengrassV2Client, ListCoreDevicesCommand, ListDeploymentsCommand, ListEffectiveDeploymentsCommand,
  ListInstalledComponentsCommand,
} from '@aws-sdk/client-greengrassv2';
import { emulatorSettings, until } from './emulator';
import { endpoint, resetMoto, seedModule } from './seeded';

interface SeedV2Module {
  seedGreengrassV2Demo(endpoint: string): Promise<{ components: Record<string, string>; thingGroupArns: { cameras: string; docks: string }; deployments: { cameras: string[]; docks: string[] } }>;
  seedManyCoreDevices(endpoint: string, n: number): Promise<{ coreDevices: { coreDeviceThingName: string }[] }>;
}

const seedV2 = async (): Promise<SeedV2Module> =>
  (await import(pathToFileURL(join(process.cwd(), 'scripts', 'seedV2.mjs')).href)) as SeedV2Module;

describe('the demo account\'s Greengrass V2 half', function () {
  this.timeout(60_000);
  let v2: GreengrassV2Client;
  before(async () => {
    await resetMoto();
    await emulatorSettings({ stepSeconds: 0.2 });
    v2 = new GreengrassV2Client({});
  });
  after(async () => {
    v2?.destroy();
    await resetMoto();
  });

  it('seeds beside the V1 demo: devices that succeed and fail, two revisions, a DEPLOYABLE and a FAILED component', async () => {
    await (await seedModule()).seedDemoAccount(endpoint());
    const demo = await (await seedV2()).seedGreengrassV2Demo(endpoint());
    const devices = await v2.send(new ListCoreDevicesCommand({}));
    assert.deepEqual(devices.coreDevices?.map((d) => d.coreDeviceThingName), ['camera-pi-north-1', 'camera-pi-north-2', 'dock-jetson-fail', 'lab-bench']);

    const cameras = await v2.send(new ListDeploymentsCommand({ targetArn: demo.thingGroupArns.cameras, historyFilter: 'ALL' }));
    assert.deepEqual(cameras.deployments?.map((d) => [d.revisionId, d.deploymentStatus]), [['2', 'ACTIVE'], ['1', 'INACTIVE']]);
    const latest = demo.deployments.cameras[1]!;
    const north1 = await until(() => v2.send(new ListEffectiveDeploymentsCommand({ coreDeviceThingName: 'camera-pi-north-1' })),
      (r) => r.effectiveDeployments?.find((e) => e.deploymentId === latest)?.coreDeviceExecutionStatus === 'SUCCEEDED', 15_000, 'camera-pi-north-1 to take revision 2');
    assert.equal(north1.effectiveDeployments?.length, 2);
    const installed = await v2.send(new ListInstalledComponentsCommand({ coreDeviceThingName: 'camera-pi-north-1' }));
    assert.deepEqual(installed.installedComponents?.map((c) => [c.componentName, c.componentVersion, c.lifecycleState]),
      [['com.example.CameraClassifier', '1.1.0', 'RUNNING'], ['com.example.SqueezeNetModel', '1.0.0', 'RUNNING']]);

    const dock = await until(() => v2.send(new ListEffectiveDeploymentsCommand({ coreDeviceThingName: 'dock-jetson-fail' })),
      (r) => r.effectiveDeployments?.[0]?.coreDeviceExecutionStatus === 'FAILED', 15_000, 'the dock device to fail');
    assert.ok(dock.effectiveDeployments?.[0]?.reason, 'a failed deployment says why');
    assert.equal((await v2.send(new ListCoreDevicesCommand({ status: 'UNHEALTHY' }))).coreDevices?.[0]?.coreDeviceThingName, 'dock-jetson-fail');

    const missing = await until(() => v2.send(new DescribeComponentCommand({ arn: demo.components['com.example.PersonDetectorModel@1.0.0'] })),
      (d) => d.status?.componentState !== 'REQUESTED');
    assert.equal(missing.status?.componentState, 'FAILED');
    const model = await v2.send(new DescribeComponentCommand({ arn: demo.components['com.example.SqueezeNetModel@1.0.0'] }));
    assert.equal(model.status?.componentState, 'DEPLOYABLE');
  });

  it('registers a fleet of 1,000 core devices for the benchmark, paged 100 at a time', async () => {
    const out = await (await seedV2()).seedManyCoreDevices(endpoint(), 1000);
    assert.equal(out.coreDevices.length, 1000);
    let token: string | undefined;
    let n = 0;
    let pages = 0;
    do {
      const page = await v2.send(new ListCoreDevicesCommand({ maxResults: 100, ...(token ? { nextToken: token } : {}) }));
      n += page.coreDevices?.length ?? 0;
      token = page.nextToken;
      pages += 1;
    } while (token);
    assert.equal(pages, 11);
    assert.equal(n, 1004);
  });
});
