/* global document */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { CreateGroupCommand, GreengrassClient } from '@aws-sdk/client-greengrass';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as tar from 'tar';
import { root } from '../../scripts/lib/codeServer.mjs';
import { expandRow, openActivity, openWorkbench, runCommand, treeRow as row, titleRefresh } from './harness.mjs';

/** The Get Started walkthrough's steps as the page shows them: title, and whether it is checked off. */
function walkthroughSteps(page) {
  return page.evaluate(() => [...document.querySelectorAll('.gettingStartedContainer .getting-started-step')]
    .filter((s) => s.offsetParent !== null)
    .map((s) => ({ title: s.querySelector('.step-title')?.textContent?.trim() ?? '', done: !!s.querySelector('.codicon-getting-started-step-checked') })));
}

/** Waits until the walkthrough step whose title matches is checked off. */
function stepDone(page, title) {
  return page.waitForFunction((t) => [...document.querySelectorAll('.gettingStartedContainer .getting-started-step')]
    .some((s) => s.querySelector('.step-title')?.textContent?.includes(t) && !!s.querySelector('.codicon-getting-started-step-checked')), title, { timeout: 15_000 });
}

describe('Explorer in the browser', function () {
  this.timeout(180_000);
  let wb;
  before(async () => {
    wb = await openWorkbench({ name: 'explorer', workspace: join(root, 'test', 'fixtures', 'workspace') });
    await wb.seedDemo();
  });
  after(async () => { await wb?.close(); });

  // First, while the explorer has not listed the account yet.
  it('opens the Get Started walkthrough from the Command Palette, and checks off Connect once the account is listed and Lint once the Problems view is shown', async () => {
    const { page } = wb;
    await page.locator('.statusbar-item', { hasText: 'us-east-1' }).first().waitFor({ timeout: 90_000 });
    await runCommand(page, 'Welcome: Open Walkthrough');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Greengrass ML' }).first();
    await pick.waitFor({ timeout: 30_000 });
    await pick.click();
    await page.waitForFunction(() => document.querySelectorAll('.gettingStartedContainer .getting-started-step').length >= 3, undefined, { timeout: 30_000 });
    const before = await walkthroughSteps(page);
    assert.deepEqual(before.map((s) => s.title), ['Lint a group', 'Connect to AWS or a local endpoint', 'Migrate to Greengrass V2']);
    assert.deepEqual(before.map((s) => s.done), [false, false, false], 'nothing done yet');

    // The explorer lists the account: Connect is checked off.
    await openActivity(page, 'Greengrass ML');
    await row(page, 'camera-inference').waitFor({ timeout: 60_000 });
    await stepDone(page, 'Connect to AWS');

    // Lint's button shows the Problems view, on the workspace's findings: Lint is checked off.
    await page.locator('.gettingStartedContainer .getting-started-step', { hasText: 'Lint a group' }).first().click();
    const button = page.locator('.gettingStartedContainer .button-link, .gettingStartedContainer .monaco-button', { hasText: 'Show Problems' }).first();
    await button.waitFor({ timeout: 15_000 });
    await button.click();
    await page.locator('.panel .markers-panel .monaco-list-row', { hasText: 'GGML-' }).first().waitFor({ timeout: 60_000 });
    await stepDone(page, 'Lint a group');
    assert.deepEqual((await walkthroughSteps(page)).map((s) => s.done), [true, true, false], 'Lint and Connect done; Migrate not yet');
    await wb.screenshot('0-walkthrough');

    // The window as the next tests expect it: no editor, no panel, the files in the side bar.
    await runCommand(page, 'View: Close All Editors');
    await page.keyboard.press('Control+J');
    await page.keyboard.press('Control+Shift+E');
    await page.locator('.panel .markers-panel').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('clicks from a group to an ML resource and reveals its model archive', async () => {
    const { page } = wb;
    if (!/greengrass ml/i.test(await page.locator('.sidebar .composite.title h2').innerText().catch(() => ''))) await openActivity(page, 'Greengrass ML');
    const group = row(page, 'camera-inference');
    // Listed by the walkthrough test; alone, the account was seeded after the window opened: refresh from the title bar.
    if (!(await group.isVisible())) {
      const refresh = titleRefresh(page);
      await refresh.waitFor({ timeout: 60_000 });
      await refresh.click();
    }
    await group.waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'us-east-1' }).first().waitFor({ timeout: 10_000 });
    await wb.screenshot('1-groups');

    await expandRow(page, 'camera-inference');
    await row(page, 'Resources').waitFor({ timeout: 30_000 });
    await wb.screenshot('2-group-expanded');

    await expandRow(page, 'Resources');
    const resource = row(page, 'squeezenet-model');
    await resource.waitFor({ timeout: 30_000 });
    assert.match(await resource.innerText(), /s3:\/\/greengrass-models-demo\/squeezenet\/model\.tar\.gz/);
    await wb.screenshot('3-resources');

    await resource.click({ button: 'right' });
    const menuItem = page.locator('.context-view .action-label, .monaco-menu .action-label', { hasText: 'Reveal Model Source' }).first();
    await menuItem.waitFor({ timeout: 10_000 });
    await wb.screenshot('4-context-menu');
    await menuItem.click();

    const selected = page.locator('.sidebar .monaco-list-row.selected');
    await page.waitForFunction(() => {
      const r = document.querySelector('.sidebar .monaco-list-row.selected .label-name');
      return r?.textContent === 'squeezenet/model.tar.gz';
    }, undefined, { timeout: 30_000 });
    assert.match(await selected.first().innerText(), /squeezenet\/model\.tar\.gz/);
    // Size and encryption arrive with the archive's details.
    await page.waitForFunction(() => /SSE-S3/.test(document.querySelector('.sidebar .monaco-list-row.selected')?.textContent ?? ''), undefined, { timeout: 15_000 });
    await wb.screenshot('5-model-source-revealed');
  });

  it('reloads the whole tree from the title bar\'s Refresh while a group is selected', async () => {
    const { page } = wb;
    // Clicking the activity-bar icon of the view that is open would close it.
    if (!/greengrass ml/i.test(await page.locator('.sidebar .composite.title h2').innerText().catch(() => ''))) await openActivity(page, 'Greengrass ML');
    const group = row(page, 'camera-inference');
    if (!(await group.isVisible())) await titleRefresh(page).click(); // the account was seeded after the window opened
    await group.waitFor({ timeout: 30_000 });
    await group.click();
    await page.waitForFunction(() => document.querySelector('.sidebar .monaco-list-row.selected .label-name')?.textContent === 'camera-inference', undefined, { timeout: 10_000 });

    // The account changes behind the explorer's back: a group is added.
    const gg = new GreengrassClient({ endpoint: wb.moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    try {
      await gg.send(new CreateGroupCommand({ Name: 'added-while-you-looked' }));
    } finally {
      gg.destroy();
    }
    await titleRefresh(page).click();
    await row(page, 'added-while-you-looked').waitFor({ timeout: 30_000 });
    await wb.screenshot('6-refresh-with-selection');
  });

  it('opens Show Contents on a model archive packed without a parent folder, and reads the warning', async () => {
    const { page } = wb;
    // `tar -czf model.tar.gz -C model .`: the files at the archive's root, which a Greengrass V1 core cannot unpack.
    const dir = mkdtempSync(join(tmpdir(), 'ggml-ui-flat-'));
    const chunks = [];
    try {
      writeFileSync(join(dir, 'synset.txt'), 'n01440764 tench\nn01443537 goldfish\n');
      writeFileSync(join(dir, 'resnet-18-0000.params'), Buffer.alloc(48_000, 7));
      writeFileSync(join(dir, 'resnet-18-symbol.json'), '{"nodes":[]}');
      for await (const c of tar.c({ gzip: true, cwd: dir, portable: true }, ['.'])) chunks.push(c);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const s3 = new S3Client({ endpoint: wb.moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'camera-models-archive' }));
      await s3.send(new PutObjectCommand({ Bucket: 'camera-models-archive', Key: 'resnet18/model.tar.gz', Body: Buffer.concat(chunks) }));
    } finally {
      s3.destroy();
    }
    if (!/greengrass ml/i.test(await page.locator('.sidebar .composite.title h2').innerText().catch(() => ''))) await openActivity(page, 'Greengrass ML');
    const v2Header = page.locator('.sidebar .pane-header[aria-expanded="true"]', { hasText: 'Greengrass V2' }).first();
    if (await v2Header.count()) await v2Header.click();
    await titleRefresh(page).click();
    // Groups folded away, so that the model sources have the height.
    const groups = page.locator('.sidebar .monaco-list-row[aria-expanded="true"]', { has: page.locator('.label-name', { hasText: /^Groups$/ }) }).first();
    await row(page, 'Groups').waitFor({ timeout: 30_000 });
    if (await groups.count()) await groups.click();
    // S3 may be open already (an earlier test revealed an archive in it): a click would fold it away.
    const s3Folder = row(page, 'S3');
    await s3Folder.waitFor({ timeout: 30_000 });
    if ((await s3Folder.getAttribute('aria-expanded')) !== 'true') await s3Folder.click();
    const bucket = row(page, 'camera-models-archive');
    await bucket.waitFor({ timeout: 30_000 });
    await bucket.click();
    const archive = row(page, 'resnet18/model.tar.gz');
    await archive.waitFor({ timeout: 30_000 });
    await archive.click({ button: 'right' });
    const menuItem = page.locator('.context-view .action-label, .monaco-menu .action-label', { hasText: /^Show Contents$/ }).first();
    await menuItem.waitFor({ timeout: 10_000 });
    // A click that lands while the menu is still being laid out leaves it open: click again until it closes.
    for (let i = 0; i < 3 && await menuItem.isVisible(); i++) {
      await menuItem.click();
      await menuItem.waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => {});
    }
    const editor = page.locator('.editor-instance .view-lines').first();
    // The editor draws spaces as no-break spaces.
    await page.waitForFunction(() => /No parent folder/.test((document.querySelector('.editor-instance .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ')), undefined, { timeout: 30_000 })
      .catch(async (error) => {
        await wb.screenshot('7-archive-contents-failed');
        throw error;
      });
    assert.match(await editor.innerText(), /resnet-18-0000\.params/);
    assert.match(await page.locator('.tabs-container .tab.active').first().innerText(), /model\.tar\.gz\.contents/);
    await wb.screenshot('7-archive-contents');
  });
});
