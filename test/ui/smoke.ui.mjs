import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { root } from '../../scripts/lib/codeServer.mjs';
import { openActivity, openWorkbench, runCommand } from './harness.mjs';

describe('The packaged extension in a browser', function () {
  this.timeout(180_000);
  let wb;
  // Without a local endpoint or credentials the explorer shows its welcome content.
  before(async () => { wb = await openWorkbench({ name: 'smoke', workspace: join(root, 'examples'), moto: false }); });
  after(async () => { await wb?.close(); });

  it('shows the Greengrass ML view from the activity bar', async () => {
    await openActivity(wb.page, 'Greengrass ML');
    const title = wb.page.locator('.sidebar .composite.title h2');
    await title.waitFor({ timeout: 30_000 });
    assert.match(await title.innerText(), /greengrass ml/i);
    // The welcome content appears once the extension has found no AWS credentials.
    const welcome = wb.page.locator('.sidebar .welcome-view-content', { hasText: 'Greengrass ML shows' });
    await welcome.waitFor({ timeout: 30_000 });
    assert.match(await welcome.innerText(), /Greengrass ML shows your AWS IoT Greengrass V1 groups/);
    // A new user can set every part of the connection from here, the region too.
    for (const button of ['Choose a Profile', 'Use a Local Endpoint', 'Choose a Region']) {
      await welcome.locator('.monaco-button', { hasText: button }).first().waitFor({ timeout: 30_000 });
    }
    await wb.screenshot('activity-bar-view');
  });

  it('shows the endpoint setting in the User settings without an error on its empty default', async () => {
    const { page } = wb;
    await runCommand(page, 'Preferences: Open Settings (UI)');
    await page.locator('.settings-editor .settings-header').waitFor({ timeout: 30_000 });
    // The search box has the focus when the Settings editor opens (it is an editor: typed, not filled).
    await page.waitForTimeout(1000);
    await page.keyboard.type('greengrassMl.aws.endpoint');
    const item = page.locator('.settings-editor .setting-item-contents[data-key="greengrassMl.aws.endpoint"]');
    // The extension's settings are listed once its package is scanned (the list updates by itself).
    await item.waitFor({ timeout: 90_000 });
    await page.waitForTimeout(1000); // the value is validated as the row renders
    await wb.screenshot('endpoint-setting');
    assert.match(await page.locator('.settings-editor .settings-tabs-widget .action-label.checked, .settings-editor .settings-tabs-widget .action-item.checked').first().innerText(), /^User/, 'shown in the User settings');
    const message = (await item.locator('.setting-item-validation-message').allInnerTexts()).join(' ').trim();
    assert.doesNotMatch(message, /URI expected/i, 'the empty default is not flagged');
    assert.doesNotMatch(String(await item.getAttribute('class')), /invalid-input/, `the setting is not marked invalid: ${message}`);
    assert.match(await item.innerText(), /moto or LocalStack/);
    await page.keyboard.press('Escape');
  });
});
