/* global document */
// The Greengrass V2 view in the browser, as a user walks it: from a core device to why its component broke, to
// why its deployment failed (and the details document), and to why a component version FAILED.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../../scripts/lib/codeServer.mjs';
import { openActivity, openWorkbench, runCommand, treeRow as row } from './harness.mjs';

/**
 * Clicks a row, then moves the pointer off the tree: the row's tooltip opens below it after a moment, and would
 * cover the rows the next click wants.
 */
async function open(page, locator) {
  await locator.click();
  await page.mouse.move(900, 700);
}

async function control(endpoint, path, body) {
  const r = await fetch(`${endpoint}/ggml-emu${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`The endpoint's control refused ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

describe('Greengrass V2 view in the browser', function () {
  this.timeout(240_000);
  let wb;
  before(async () => {
    wb = await openWorkbench({ name: 'v2explorer', workspace: join(root, 'test', 'fixtures', 'workspace') });
    await control(wb.moto.endpoint, '/settings', { stepSeconds: 0.2 });
    const { seedGreengrassV2Demo } = await import(pathToFileURL(join(root, 'scripts', 'seedV2.mjs')).href);
    await seedGreengrassV2Demo(wb.moto.endpoint);
    // A second device joins the dock fleet: it takes the fleet's deployment, whose defect detector breaks on start.
    await control(wb.moto.endpoint, '/core-devices', { region: 'us-east-1', coreDeviceThingName: 'dock-jetson-2', thingGroupNames: ['dock-fleet'], architecture: 'aarch64' });
    await new Promise((r) => setTimeout(r, 1500));
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => {});
  });
  after(async () => { await wb?.close(); });

  it('walks from a core device to its broken component\'s reason and its failed deployment\'s details', async () => {
    const { page } = wb;
    await openActivity(page, 'Greengrass ML');
    // The V1 explorer's section is folded away so the V2 view has the sidebar's height.
    const v1Header = page.locator('.sidebar .pane-header', { has: page.locator('h3.title', { hasText: /^Explorer$/ }) }).first();
    await v1Header.waitFor({ timeout: 60_000 });
    if ((await v1Header.getAttribute('aria-expanded')) === 'true') await v1Header.click();
    const v2Header = page.locator('.sidebar .pane-header', { has: page.locator('h3.title', { hasText: /^Greengrass V2$/ }) }).first();
    await v2Header.waitFor({ timeout: 30_000 });
    if ((await v2Header.getAttribute('aria-expanded')) !== 'true') await v2Header.click();
    // The account was seeded after the window opened.
    await runCommand(page, 'Greengrass ML: Refresh Greengrass V2');

    const device = row(page, 'dock-jetson-2', 2);
    await device.waitFor({ timeout: 120_000 });
    assert.match(await row(page, 'dock-jetson-fail', 2).innerText(), /Unhealthy/);
    await wb.screenshot('1-core-devices');

    await open(page, device);
    const installed = row(page, 'Installed components', 3);
    await installed.waitFor({ timeout: 30_000 });
    await open(page, installed);
    const broken = row(page, 'com.example.DefectDetectorFailDeploy', 4);
    await broken.waitFor({ timeout: 30_000 });
    assert.match(await broken.innerText(), /Broken · 1\.0\.0/);
    await open(page, broken);
    const why = page.locator('.sidebar .monaco-list-row[aria-level="5"]', { hasText: 'run script exited with code 1 three times' }).first();
    await why.waitFor({ timeout: 15_000 });
    await wb.screenshot('2-broken-component-reason');

    const deployments = row(page, 'Deployments', 3);
    await open(page, deployments);
    const taken = row(page, 'dock-fleet defect detector', 4);
    await taken.waitFor({ timeout: 30_000 });
    assert.match(await taken.innerText(), /Failed · dock-fleet/);
    await open(page, taken);
    // Below the device's failed deployment: its reason (the same words as the broken component's), and the details.
    const reasons = page.locator('.sidebar .monaco-list-row[aria-level="5"]', { hasText: 'run script exited' });
    await reasons.nth(1).waitFor({ timeout: 15_000 });
    await wb.screenshot('3-failed-deployment-reason');
    await row(page, 'Show deployment details', 5).click();

    // The details document: every device of the fleet, the failed ones with their full reason.
    const editor = page.locator('.monaco-editor .view-lines', { hasText: /dock-jetson-2:\sFailed/ }).first();
    await editor.waitFor({ timeout: 30_000 });
    const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /### dock-jetson-fail: Failed/);
    assert.match(text, /DISK_SPACE_CRITICAL|disk space/);
    await wb.screenshot('4-deployment-details');
  });

  it('shows why a component version FAILED under Components', async () => {
    const { page } = wb;
    await page.keyboard.press('Escape');
    const components = row(page, 'Components', 1);
    await components.waitFor({ timeout: 30_000 });
    // Fold the core devices so the components come into view.
    const devices = row(page, 'Core devices', 1);
    if ((await devices.getAttribute('aria-expanded')) === 'true') await devices.click();
    const component = row(page, 'com.example.PersonDetectorModel', 2);
    await component.waitFor({ timeout: 30_000 });
    await component.click();
    const version = row(page, '1.0.0', 3);
    await version.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.sidebar .monaco-list-row[aria-level="3"]')].some((r) => /Failed/.test(r.textContent ?? '')), undefined, { timeout: 30_000 });
    assert.match(await version.innerText(), /Failed · The artifact does not exist in Amazon S3/);
    // Clicking the version opens its recipe, read-only; its row opens to the reason per artifact.
    await version.click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'com.example.PersonDetectorModel' }).first().waitFor({ timeout: 30_000 });
    const twistie = version.locator('.monaco-tl-twistie');
    if ((await version.getAttribute('aria-expanded')) !== 'true') await twistie.click();
    const artifact = page.locator('.sidebar .monaco-list-row[aria-level="4"]', { hasText: 'upload it before creating the component version' }).first();
    await artifact.waitFor({ timeout: 15_000 });
    assert.match(await artifact.innerText(), /person-detector\/1\.0\.0\/model\.zip/);
    await wb.screenshot('5-failed-component-version');
  });
});
