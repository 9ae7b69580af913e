import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/lib/codeServer.mjs';
import { openWorkbench, runCommand } from './harness.mjs';

const TOTAL = 9;

describe('New Inference Function in a browser', function () {
  this.timeout(240_000);
  let wb;
  before(async () => {
    wb = await openWorkbench({
      name: 'scaffold', workspace: join(root, 'test', 'fixtures', 'scaffold', 'pi-group'), moto: false,
      settings: { 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.startupEditor': 'none' },
    });
  });
  after(async () => { await wb?.close(); });

  const widget = () => wb.page.locator('.quick-input-widget');
  const input = () => wb.page.locator('.quick-input-widget .quick-input-box input');

  /** Waits for step n of the flow (its "n/9" counter) and returns the widget's text. */
  async function step(n) {
    const counter = wb.page.locator('.quick-input-widget', { hasText: `${n}/${TOTAL}` });
    try {
      await counter.waitFor({ timeout: 30_000 });
    } catch (error) {
      await wb.screenshot(`failed-step-${n}`);
      const shown = await widget().innerText().catch(() => '(no quick input)');
      throw new Error(`step ${n}/${TOTAL} did not appear; the quick input shows: ${shown}`, { cause: error });
    }
    return widget().innerText();
  }

  async function choose(label) {
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
  }

  it('walks through the quick picks with defaults, validation and Back, and opens the generated handler', async () => {
    const page = wb.page;
    // The extension is registered (its view container) and active (its status-bar item) before the palette is used.
    await page.locator('.activitybar .action-item a[aria-label^="Greengrass ML"], .activitybar .action-item[aria-label^="Greengrass ML"]').first().waitFor({ timeout: 120_000 });
    await page.locator('.statusbar-item', { hasText: /AWS|us-east-1/ }).first().waitFor({ timeout: 120_000 });
    await runCommand(page, 'Greengrass ML: New Inference Function');

    let text = await step(1);
    assert.match(text, /New Inference Function/);
    assert.match(text, /TensorFlow \(frozen graph\)/);
    await wb.screenshot('1-framework');
    await choose('MXNet');

    text = await step(2);
    assert.match(text, /Python 3\.8/);
    assert.doesNotMatch(text, /Python 2\.7/, 'core 1.11.6 gets no legacy runtime');
    await wb.screenshot('2-runtime');
    await page.keyboard.press('Enter');

    await step(3);
    await wb.screenshot('3-platform');
    await choose('Raspberry Pi');

    await step(4);
    await wb.screenshot('4-source-kind');
    await choose('S3 archive');

    await page.locator('.quick-input-widget', { hasText: 'S3 URI of the model archive' }).waitFor();
    await input().fill('s3://my.models/model.tar.gz');
    const message = page.locator('.quick-input-widget .quick-input-message');
    await page.locator('.quick-input-widget', { hasText: 'contains a period' }).waitFor();
    assert.match(await message.innerText(), /period: my\.models/);
    await wb.screenshot('4-source-validation');
    await input().fill('s3://acme-ml-models/squeezenet/model.tar.gz');
    await page.keyboard.press('Enter');

    await step(5);
    assert.equal(await input().inputValue(), '/greengrass-machine-learning/mxnet/squeezenet');
    await wb.screenshot('5-destination');
    await page.keyboard.press('Enter');

    await step(6);
    await wb.screenshot('6-isolation');
    // Back to the destination, which keeps its value.
    await page.locator('.quick-input-widget .quick-input-titlebar .action-label[aria-label="Back"], .quick-input-widget .action-label.codicon-quick-input-back').first().click();
    await step(5);
    assert.equal(await input().inputValue(), '/greengrass-machine-learning/mxnet/squeezenet');
    await page.keyboard.press('Enter');

    await step(6);
    await choose('Greengrass container');

    await step(7);
    await wb.screenshot('7-lifecycle');
    await choose('Long-lived (pinned)');

    await step(8);
    assert.equal(await input().inputValue(), 'mxnet-inference');
    await input().fill('camera-classifier');
    await wb.screenshot('8-name');
    await page.keyboard.press('Enter');

    await step(9);
    assert.equal(await input().inputValue(), 'ml/inference/camera-classifier');
    await wb.screenshot('9-topic');
    await page.keyboard.press('Enter');

    // The handler opens in an editor.
    await page.locator('.tabs-container .tab', { hasText: 'inference.py' }).waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines', { hasText: 'load_checkpoint' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('10-handler');

    const handler = join(wb.folder, 'functions', 'camera-classifier', 'inference.py');
    await waitForFile(handler);
    assert.match(readFileSync(handler, 'utf8'), /MODEL_PATH = os\.environ\.get\('AWS_GG_RESOURCE_PREFIX', ''\) \+ MODEL_DIR/);
    const functions = readFileSync(join(wb.folder, 'function-definition.json'), 'utf8');
    assert.match(functions, /"Id": "camera-classifier"/);
    assert.match(functions, /^\{\n {2}\/\/ Kept by hand/, 'the comment at the top is kept');
  });
});

async function waitForFile(path) {
  for (let i = 0; i < 100 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(existsSync(path), `${path} was not written`);
}
