/* global document */
// The Get Started walkthrough as a new user meets it: opened from the Command Palette, three steps (lint, connect,
// migrate), each with its button; a step is checked off when the user did what it asks.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { root } from '../../scripts/lib/codeServer.mjs';
import { openActivity, openWorkbench, runCommand } from './harness.mjs';

/** The walkthrough's step titles and whether each is checked off, as the page shows them. */
function steps(page) {
  return page.evaluate(() => [...document.querySelectorAll('.gettingStartedContainer .getting-started-step')]
    .filter((s) => s.offsetParent !== null)
    .map((s) => ({
      title: s.querySelector('.step-title')?.textContent?.trim() ?? '',
      done: s.classList.contains('complete') || !!s.querySelector('.codicon-pass-filled, .codicon-getting-started-step-checked'),
    })));
}

describe('Get Started walkthrough', function () {
  this.timeout(240_000);
  let wb;
  before(async () => {
    wb = await openWorkbench({ name: 'walkthrough', workspace: join(root, 'examples'), settings: (moto) => ({ 'greengrassMl.aws.endpoint': moto.endpoint }) });
  });
  after(async () => { await wb?.close(); });

  it('opens from the Command Palette with its three steps; checks off "Connect" once the account was listed and "Lint a group" once the Problems view was shown', async () => {
    const { page } = wb;
    // Connected to the endpoint of the User settings (the examples hold a group, so the connection starts).
    await page.locator('.statusbar-item', { hasText: new URL(wb.moto.endpoint).host }).first().waitFor({ timeout: 90_000 });
    await runCommand(page, 'Welcome: Open Walkthrough');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Greengrass ML' }).first();
    await pick.waitFor({ timeout: 30_000 });
    await pick.click();
    await page.locator('.gettingStartedContainer', { hasText: 'Get Started with Greengrass ML' }).first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('.gettingStartedContainer .getting-started-step').length >= 3, undefined, { timeout: 30_000 });
    const before = await steps(page);
    assert.deepEqual(before.map((s) => s.title), ['Lint a group', 'Connect to AWS or a local endpoint', 'Migrate to Greengrass V2']);
    assert.deepEqual(before.map((s) => s.done), [false, false, false], 'nothing done yet');

    // The explorer lists the (empty) account: "Connect" is checked off.
    await openActivity(page, 'Greengrass ML');
    await page.locator('.sidebar .monaco-list-row', { hasText: 'No groups found' }).first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.gettingStartedContainer .getting-started-step')]
      .some((s) => /Connect to AWS/.test(s.textContent ?? '') && !!s.querySelector('.codicon-getting-started-step-checked')), undefined, { timeout: 15_000 });

    // The first step's button runs Show Problems; the step is then checked off.
    await page.locator('.gettingStartedContainer .getting-started-step', { hasText: 'Lint a group' }).first().click();
    const button = page.locator('.gettingStartedContainer .button-link, .gettingStartedContainer .monaco-button', { hasText: 'Show Problems' }).first();
    await button.waitFor({ timeout: 15_000 });
    await button.click();
    // The Problems view opens on the examples' findings.
    await page.locator('.panel .markers-panel .monaco-list-row', { hasText: 'GGML-' }).first().waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.gettingStartedContainer .getting-started-step')]
      .some((s) => /Lint a group/.test(s.textContent ?? '') && (s.classList.contains('complete') || !!s.querySelector('.codicon-pass-filled, .codicon-getting-started-step-checked'))),
    undefined, { timeout: 15_000 });
    assert.deepEqual((await steps(page)).map((s) => s.done), [true, true, false], 'lint and connect done; migrate not yet');
    await wb.screenshot('1-lint-step-done');
  });
});
