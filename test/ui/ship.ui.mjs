import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/lib/codeServer.mjs';
import { openWorkbench } from './harness.mjs';

const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

/** A small group folder that deploys as it is (lint-clean; moto accepts fake core thing and certificate ARNs). */
function seedGroup(dir) {
  rmSync(dir, { recursive: true, force: true });
  const group = join(dir, 'pi-classifier');
  mkdirSync(group, { recursive: true });
  const account = '123456789012';
  const fn = `arn:aws:lambda:us-east-1:${account}:function:squeezenet-classifier:live`;
  writeFileSync(join(group, 'greengrass-ml.json'), json({
    name: 'pi-classifier', region: 'us-east-1', coreVersion: '1.11.6', platforms: ['raspberry-pi'],
    definitions: { core: 'core-definition.json', functions: 'function-definition.json', resources: 'resource-definition.json', subscriptions: 'subscription-definition.json' },
  }));
  writeFileSync(join(group, 'core-definition.json'), json({ Name: 'pi-core', InitialVersion: { Cores: [{ Id: 'pi_Core', ThingArn: `arn:aws:iot:us-east-1:${account}:thing/pi_Core`, CertificateArn: `arn:aws:iot:us-east-1:${account}:cert/${'0'.repeat(64)}`, SyncShadow: false }] } }));
  writeFileSync(join(group, 'resource-definition.json'), json({ Name: 'pi-resources', InitialVersion: { Resources: [{
    Id: 'squeezenet-model', Name: 'squeezenet-model',
    ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: 's3://greengrass-models-demo/squeezenet/model.tar.gz', DestinationPath: '/greengrass-machine-learning/mxnet/squeezenet' } },
  }] } }));
  writeFileSync(join(group, 'function-definition.json'), json({ Name: 'pi-functions', InitialVersion: { Functions: [{
    Id: 'squeezenet-classifier', FunctionArn: fn,
    FunctionConfiguration: {
      Pinned: true, Timeout: 10, MemorySize: 98304, EncodingType: 'json',
      Environment: { Variables: { MXNET_ENGINE_TYPE: 'NaiveEngine' }, ResourceAccessPolicies: [{ ResourceId: 'squeezenet-model', Permission: 'ro' }], Execution: { IsolationMode: 'GreengrassContainer' } },
    },
  }] } }));
  writeFileSync(join(group, 'subscription-definition.json'), json({ Name: 'pi-subscriptions', InitialVersion: { Subscriptions: [{ Id: 'results', Source: fn, Subject: 'ml/squeezenet/results', Target: 'cloud' }] } }));
  return dir;
}

describe('Deploy from the manifest\'s CodeLens in a browser', function () {
  this.timeout(240_000);
  let wb;
  before(async () => {
    const seed = seedGroup(join(root, '.test-output', `ship-ui-seed-${process.pid}`));
    wb = await openWorkbench({ name: 'ship', workspace: seed, settings: { 'greengrassMl.deploy.watchTimeoutSeconds': 8 } });
  });
  after(async () => {
    await wb?.close();
    rmSync(join(root, '.test-output', `ship-ui-seed-${process.pid}`), { recursive: true, force: true });
  });

  it('shows the deploy progress, ends the watch at the time limit and records the deployment in the manifest', async () => {
    const page = wb.page;
    await page.locator('.statusbar-item', { hasText: /AWS|us-east-1/ }).first().waitFor({ timeout: 120_000 });
    // Open the manifest with Quick Open.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('greengrass-ml.json');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'greengrass-ml.json' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    const lens = page.locator('.codelens-decoration a', { hasText: 'Deploy group' });
    await lens.waitFor({ timeout: 60_000 });
    await wb.screenshot('1-codelens');
    await lens.click();

    const progress = page.locator('.notifications-toasts .notification-toast', { hasText: 'Deploying pi-classifier' });
    await progress.waitFor({ timeout: 60_000 });
    await page.locator('.notifications-toasts .notification-toast', { hasText: /InProgress|watching its status/ }).waitFor({ timeout: 60_000 });
    const text = await progress.innerText();
    assert.match(text, /cancel stops watching; it does not undo the deployment/);
    await wb.screenshot('2-progress');

    const done = page.locator('.notifications-toasts .notification-toast', { hasText: 'stopped watching' });
    await done.waitFor({ timeout: 60_000 });
    assert.match(await done.innerText(), /still InProgress after \d+ s; stopped watching \(it continues in the cloud\)/);
    const manifest = JSON.parse(readFileSync(join(wb.folder, 'pi-classifier', 'greengrass-ml.json'), 'utf8'));
    assert.ok(manifest.cloud?.groupId, 'the group id is recorded');
    assert.ok(manifest.cloud?.lastDeploymentId, 'the deployment id is recorded');
    // The editor shows the recorded ids (the file was edited through the editor and saved).
    await page.locator('.monaco-editor .view-lines', { hasText: 'lastDeploymentId' }).waitFor({ timeout: 30_000 });
    await page.locator('.codelens-decoration a', { hasText: 'Redeploy' }).waitFor({ timeout: 30_000 });
    await wb.screenshot('3-final');
  });
});
