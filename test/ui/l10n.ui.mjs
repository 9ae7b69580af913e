/* global document */
// The extension in another display language: a translation is two files (package.nls.<lang>.json and
// l10n/bundle.l10n.<lang>.json). The window gets one made from the English files, every text wrapped in ⟪…⟫, so
// that any text shown as written in the code (not through the translation) stands out — and names, ids and
// regions, which are not translated, must come through untouched.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { root } from '../../scripts/lib/codeServer.mjs';
import { expandRow, openActivity, openWorkbench, titleRefresh, treeRow as row } from './harness.mjs';

const translate = (english) => `⟪${english}⟫`;

describe('The extension in another display language', function () {
  this.timeout(240_000);
  let wb;
  before(async () => {
    wb = await openWorkbench({ name: 'l10n', workspace: join(root, 'test', 'fixtures', 'workspace'), translation: { language: 'de', translate } });
    await wb.seedDemo();
  });
  after(async () => { await wb?.close(); });

  it('shows the tree\'s folders, status words and descriptions, the status bar and the connection menu in the translation', async () => {
    const { page } = wb;
    await openActivity(page, translate('Greengrass ML'));
    // The account was seeded after the window opened: refresh from the view's title bar (its title is translated too).
    const refresh = titleRefresh(page, translate('Refresh Explorer'));
    await refresh.waitFor({ timeout: 60_000 });
    await refresh.click();

    // Folder labels from the translation; the group's name as it is in the account.
    await row(page, translate('Model Sources')).waitFor({ timeout: 60_000 });
    const group = row(page, 'camera-inference');
    await group.waitFor({ timeout: 60_000 });
    // The description is the last deployment's status and age, both translated: "⟪Succeeded⟫ · ⟪5 min ago⟫".
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.sidebar .monaco-list-row')];
      const camera = rows.find((r) => r.querySelector('.label-name')?.textContent === 'camera-inference');
      return /⟪.+⟫ · ⟪.+⟫/.test(camera?.querySelector('.label-description')?.textContent ?? '');
    }, undefined, { timeout: 30_000 });

    await expandRow(page, 'camera-inference');
    for (const folder of ['Resources', 'Functions', 'Subscriptions']) await row(page, translate(folder)).waitFor({ timeout: 30_000 });
    // The group's deployments: each row's time as the display language (German here) writes a date.
    await expandRow(page, translate('Deployments'));
    await page.waitForFunction(() => [...document.querySelectorAll('.sidebar .monaco-list-row .label-description')]
      .some((d) => /\d{1,2}\. (Jan|Feb|März|Apr|Mai|Juni|Juli|Aug|Sept|Okt|Nov|Dez)\.? \d{4}/.test(d.textContent ?? '')), undefined, { timeout: 30_000 });
    await row(page, translate('Deployments')).click();
    await expandRow(page, translate('Functions'));
    // A function row: its id as written in the group; its description (isolation, memory) from the translation.
    const fn = page.locator('.sidebar .monaco-list-row', { hasText: 'mxnet-squeezenet-inference' }).first();
    await fn.waitFor({ timeout: 30_000 });
    assert.match(await fn.innerText(), /⟪/);
    await wb.screenshot('1-tree');

    // The status bar names the region as it is; its tooltip's words and the menu behind it are translated.
    const status = page.locator('.statusbar-item', { hasText: 'us-east-1' }).first();
    await status.waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await status.innerText(), /⟪us-east-1/);
    await status.click();
    const item = page.locator('.quick-input-list .monaco-list-row', { hasText: translate('Switch Profile…') }).first();
    await item.waitFor({ timeout: 15_000 });
    assert.ok(await page.locator('.quick-input-list .monaco-list-row', { hasText: translate('Switch Region…') }).first().isVisible());
    await wb.screenshot('2-connection-menu');
    await page.keyboard.press('Escape');

    // Nothing in the side bar reads as English written in the code: every row label with words is a name from the
    // account or the workspace, or translated.
    const untranslated = await page.evaluate(() => [...document.querySelectorAll('.sidebar .monaco-list-row .label-name')]
      .map((e) => e.textContent ?? '')
      .filter((t) => /^[A-Z][a-z]+(?: [a-z]+)*$/.test(t)));
    assert.deepEqual(untranslated, [], 'row labels shown in English');
    // Each row label is one whole message: a translated word inside another message ("No ⟪core devices⟫") could not
    // agree with the words around it in another language.
    const composed = await page.evaluate(() => [...document.querySelectorAll('.sidebar .monaco-list-row .label-name')]
      .map((e) => e.textContent ?? '').filter((t) => /⟪[^⟫]*⟪/.test(t)));
    assert.deepEqual(composed, [], 'row labels built from translated pieces');
  });

  it('shows the language server\'s diagnostics in the translation in the Problems view', async () => {
    const { page } = wb;
    await page.keyboard.press('Control+Shift+M');
    const finding = page.locator('.panel .markers-panel .monaco-list-row', { hasText: 'GGML-' }).first();
    await finding.waitFor({ timeout: 60_000 });
    const messages = await page.locator('.panel .markers-panel .monaco-list-row', { hasText: 'GGML-' }).allInnerTexts();
    assert.ok(messages.length > 0);
    assert.deepEqual(messages.filter((m) => !m.includes('⟪')), [], 'every finding\'s message comes from the translation');
    await wb.screenshot('3-problems');
  });
});
