/* global document */
// The explorer as an operations view in the browser: a failed deployment's details opened from its row, and the
// status bar and the view while the endpoint is down, then after it answers again (no click).
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import {
  CreateCoreDefinitionCommand, CreateDeploymentCommand, CreateFunctionDefinitionCommand, CreateGroupCommand, GreengrassClient,
} from '@aws-sdk/client-greengrass';
import { root } from '../../scripts/lib/codeServer.mjs';
import { expandRow, openActivity, openWorkbench, titleRefresh, treeRow as row } from './harness.mjs';

const json = (v) => `${JSON.stringify(v, null, 2)}\n`;
const ACCOUNT = '123456789012';
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:defect-scorer-fail-deploy:live`;
const CORES = [{ Id: 'line_Core', ThingArn: `arn:aws:iot:us-east-1:${ACCOUNT}:thing/line_Core`, CertificateArn: `arn:aws:iot:us-east-1:${ACCOUNT}:cert/${'0'.repeat(64)}`, SyncShadow: false }];
const FUNCTIONS = [{
  Id: 'defect-scorer', FunctionArn: FUNCTION_ARN,
  FunctionConfiguration: { Pinned: true, Timeout: 10, MemorySize: 98304, EncodingType: 'json', Environment: { Execution: { IsolationMode: 'GreengrassContainer' } } },
}];

/** A TCP relay on 127.0.0.1 in front of the local endpoint, which the test stops and starts again on the same port. */
class Relay {
  sockets = new Set();
  server = undefined;
  port = 0;
  target = undefined;
  start() {
    return new Promise((resolve, reject) => {
      const server = createServer((client) => {
        const upstream = createConnection({ host: this.target.hostname, port: Number(this.target.port) });
        for (const s of [client, upstream]) {
          this.sockets.add(s);
          s.on('close', () => this.sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = server.address().port;
        this.server = server;
        resolve(this.port);
      });
    });
  }
  stop() {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

/** A group folder whose function the local endpoint fails on the core (its name contains "fail-deploy"). */
function seedGroup(dir) {
  rmSync(dir, { recursive: true, force: true });
  const group = join(dir, 'line-camera');
  mkdirSync(group, { recursive: true });
  const fn = FUNCTION_ARN;
  writeFileSync(join(group, 'greengrass-ml.json'), json({
    name: 'line-camera', region: 'us-east-1', coreVersion: '1.11.6', platforms: ['raspberry-pi'],
    definitions: { core: 'core-definition.json', functions: 'function-definition.json', subscriptions: 'subscription-definition.json' },
  }));
  writeFileSync(join(group, 'core-definition.json'), json({ Name: 'line-core', InitialVersion: { Cores: CORES } }));
  writeFileSync(join(group, 'function-definition.json'), json({ Name: 'line-functions', InitialVersion: { Functions: FUNCTIONS } }));
  writeFileSync(join(group, 'subscription-definition.json'), json({ Name: 'line-subscriptions', InitialVersion: { Subscriptions: [{ Id: 'scores', Source: fn, Subject: 'line/defects', Target: 'cloud' }] } }));
  return dir;
}

/** The group as it is in the cloud, deployed: the local endpoint fails the deployment on the core within seconds. */
async function deployFailingGroup(endpoint) {
  const gg = new GreengrassClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  try {
    const core = await gg.send(new CreateCoreDefinitionCommand({ Name: 'line-core', InitialVersion: { Cores: CORES } }));
    const fns = await gg.send(new CreateFunctionDefinitionCommand({ Name: 'line-functions', InitialVersion: { Functions: FUNCTIONS } }));
    const group = await gg.send(new CreateGroupCommand({ Name: 'line-camera', InitialVersion: { CoreDefinitionVersionArn: core.LatestVersionArn, FunctionDefinitionVersionArn: fns.LatestVersionArn } }));
    await gg.send(new CreateDeploymentCommand({ GroupId: group.Id, GroupVersionId: group.LatestVersion, DeploymentType: 'NewDeployment' }));
  } finally {
    gg.destroy();
  }
}

describe('Operations view in the browser', function () {
  this.timeout(240_000);
  let wb;
  const relay = new Relay();
  const seedDir = join(root, '.test-output', `operations-ui-seed-${process.pid}`);
  before(async () => {
    await relay.start();
    // The extension reaches the endpoint through the relay (the endpoint setting), so the test can take it away.
    wb = await openWorkbench({ name: 'operations', workspace: seedGroup(seedDir), settings: (moto) => {
      relay.target = new URL(moto.endpoint);
      return { 'greengrassMl.aws.endpoint': `http://127.0.0.1:${relay.port}` };
    } });
    await deployFailingGroup(wb.moto.endpoint);
  });
  after(async () => {
    await wb?.close();
    await relay.stop();
    rmSync(seedDir, { recursive: true, force: true });
  });

  it('opens a failed deployment\'s details from its row, with the error and a link to the function\'s line', async () => {
    const { page } = wb;
    await openActivity(page, 'Greengrass ML');
    // The container also holds the Greengrass V2 view: collapse it, so the V1 tree has the height its rows need.
    const v2Header = page.locator('.sidebar .pane-header[aria-expanded="true"]', { hasText: 'Greengrass V2' }).first();
    if (await v2Header.count()) await v2Header.click();
    await titleRefresh(page).click();
    const group = row(page, 'line-camera');
    await group.waitFor({ timeout: 30_000 });
    await expandRow(page, 'line-camera');
    await expandRow(page, 'Deployments');
    const failed = row(page, 'Failed');
    await failed.waitFor({ timeout: 30_000 });
    await wb.screenshot('1-failed-deployment-row');
    await failed.click();
    // The details open as a Markdown preview (a webview) beside the tree.
    const tab = page.locator('.tabs-container .tab', { hasText: /deployment-/ }).first();
    await tab.waitFor({ timeout: 30_000 });
    assert.match(await tab.innerText(), /deployment-/);
    // The preview renders in a webview (two nested frames): read what the user reads there.
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('body');
    await preview.getByText(/fail-deploy/).first().waitFor({ timeout: 30_000 });
    const shown = await preview.innerText({ timeout: 30_000 });
    assert.match(shown, /Failed/, 'the status');
    assert.match(shown, /fail-deploy/, 'the error message and the function it names');
    assert.match(shown, /runtime\.log|\/greengrass\/ggc\/var\/log/, 'where the core logs it');
    await wb.screenshot('2-deployment-details');
    // The link to the function's entry opens the group's file at that line.
    await preview.locator('a', { hasText: /function-definition\.json line \d+/ }).first().click();
    await page.locator('.tabs-container .tab', { hasText: 'function-definition.json' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-line', { hasText: 'fail-deploy' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('2b-function-entry-opened');
  });

  it('shows "unreachable" in the status bar and the view while the endpoint is down, and clears it by itself', async () => {
    const { page } = wb;
    await relay.stop();
    if (!(await titleRefresh(page).isVisible())) await openActivity(page, 'Greengrass ML');
    await titleRefresh(page).click();
    const warning = page.locator('.statusbar-item', { hasText: /unreachable/ }).first();
    await warning.waitFor({ timeout: 30_000 });
    await page.locator('.sidebar', { hasText: 'Cannot reach the AWS endpoint' }).first().waitFor({ timeout: 10_000 });
    await wb.screenshot('3-endpoint-unreachable');
    await relay.start();
    // No click: the re-probe finds the endpoint again and the tree reloads.
    await page.waitForFunction(() => ![...document.querySelectorAll('.statusbar-item')].some((e) => /unreachable/.test(e.textContent ?? '')), undefined, { timeout: 30_000 });
    await row(page, 'line-camera').waitFor({ timeout: 30_000 });
    await wb.screenshot('4-endpoint-back');
  });
});
