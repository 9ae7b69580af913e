// A SAM template's Greengrass findings in the browser: open examples/sam-object-detection/template.yaml with Quick
// Open, and the Problems panel lists the findings of the YAML template with their rule codes; the screenshot shows
// the squiggles in the editor and the panel.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { root } from '../../scripts/lib/codeServer.mjs';
import { openWorkbench, runCommand } from './harness.mjs';

describe('A SAM template in the browser', function () {
  this.timeout(240_000);
  let wb;
  before(async () => {
    wb = await openWorkbench({
      name: 'templates', workspace: join(root, 'examples', 'sam-object-detection'), moto: false,
      settings: { 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.startupEditor': 'none' },
    });
  });
  after(async () => { await wb?.close(); });

  it('shows the YAML template\'s diagnostics in the editor and the Problems panel', async () => {
    const { page } = wb;
    // Quick Open lists the file once the workbench has indexed the folder: ask again until it does.
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill('template.yaml');
      try {
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'template.yaml' }).first().waitFor({ timeout: 15_000 });
        break;
      } catch (error) {
        await page.keyboard.press('Escape');
        if (attempt >= 6) throw error;
      }
    }
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'AWSTemplateFormatVersion' }).first().waitFor({ timeout: 60_000 });
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 30_000 });
    // The findings arrive once the language server has started and linted the template.
    for (const code of ['GGML-ML001', 'GGML-FN004', 'GGML-EOS001']) {
      await panel.locator('.monaco-list-row', { hasText: code }).first().waitFor({ timeout: 120_000 });
    }
    const rows = (await panel.locator('.monaco-list-row').allInnerTexts()).join('\n');
    assert.match(rows, /S3Uri must be an s3:\/\/bucket\/key URI of the model archive/);
    assert.match(rows, /MemorySize is in KB, so 512 is 512 KB/);
    // Scroll the editor to the Greengrass function so its squiggle is in the picture.
    await runCommand(page, 'Go to Line/Column...');
    await page.keyboard.type('77');
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    await wb.screenshot('template-diagnostics');
  });
});
