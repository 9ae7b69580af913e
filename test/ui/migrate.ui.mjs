// Migrate Group to Greengrass V2… in the browser, as a user runs it on the example group: from the Command Palette
// with the group's manifest open, the migration folder picked beside the source, and the report opened by the
// command, its blockers first.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/lib/codeServer.mjs';
import { openWorkbench, runCommand } from './harness.mjs';

describe('Migrate Group to Greengrass V2 in the browser', function () {
  this.timeout(240_000);
  let wb;
  // No endpoint: the SageMaker model source stays a blocker, as it would for a user without a connection.
  before(async () => { wb = await openWorkbench({ name: 'migrate', workspace: join(root, 'examples'), moto: false }); });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => {});
  });
  after(async () => { await wb?.close(); });

  it('runs from the Command Palette on the example group and opens the report, blockers first', async () => {
    const { page } = wb;
    // The group's manifest in the editor: the command migrates the group of the active editor.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('greengrass-ml.json');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'greengrass-ml.json' }).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'camera-inference' }).first().waitFor({ timeout: 60_000 });

    await runCommand(page, 'Greengrass ML: Migrate Group to Greengrass V2');
    const beside = page.locator('.quick-input-list .monaco-list-row', { hasText: 'beside the source' }).first();
    await beside.waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.quick-input-widget input').getAttribute('placeholder'), 'Where to write the migration');
    assert.match(await beside.innerText(), /greengrass-v2/);
    await beside.click();

    // The command opens the report itself.
    const tab = page.locator('.tabs-container .tab.active', { hasText: 'migration-report.md' });
    await tab.waitFor({ timeout: 90_000 });
    const editor = page.locator('.monaco-editor .view-lines', { hasText: 'Greengrass V2 migration of group camera-inference' }).first();
    await editor.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await wb.screenshot('1-migration-report');
    const shown = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(shown, /\*\*3 blockers\*\*: the group does not run on Greengrass V2 as generated until each is resolved/);
    const blockers = shown.indexOf('## Blockers');
    assert.ok(blockers > 0, `the report shows its blockers at the top: ${shown.slice(0, 400)}`);
    assert.match(shown.slice(blockers), /FunctionArn of image-classifier/);
    const every = shown.indexOf('## Every element');
    assert.ok(every === -1 || every > blockers, 'the blockers come before every element');

    // What the report describes is on disk beside the source.
    const out = join(wb.folder, 'greengrass-v2');
    const report = readFileSync(join(out, 'migration-report.md'), 'utf8');
    assert.ok(report.indexOf('## Blockers') < report.indexOf('## Every element'));
    for (const file of ['migration.json', 'deployment.json', 'components/image-classifier.request.json']) assert.ok(existsSync(join(out, file)), `${file} is written`);
  });
});
