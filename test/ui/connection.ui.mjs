/* global document */
// A new user's first connection in the browser (a remote window: code-server), with the endpoint in their User
// settings, no region anywhere, and a repository whose settings name another endpoint.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { root } from '../../scripts/lib/codeServer.mjs';
import { openActivity, openWorkbench, runCommand } from './harness.mjs';

function row(page, text) {
  return page.locator('.sidebar .monaco-list-row', { hasText: text }).first();
}

/** A loopback port nobody listens on. */
function closedPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

describe('AWS connection in a remote window', function () {
  this.timeout(240_000);
  let wb;
  const workspace = join(root, '.test-output', `ui-connection-workspace-${process.pid}`);
  before(async () => {
    rmSync(workspace, { recursive: true, force: true });
    cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    // A repository that tries to send the user's signed requests elsewhere: must be ignored.
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'greengrassMl.aws.endpoint': `http://127.0.0.1:${await closedPort()}` }));
    const nowhere = join(workspace, 'no-such-aws-file');
    wb = await openWorkbench({
      name: 'connection',
      workspace,
      // The endpoint only in the User settings; no region from the environment or a profile.
      settings: (moto) => ({ 'greengrassMl.aws.endpoint': moto.endpoint }),
      env: { AWS_ENDPOINT_URL: undefined, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_PROFILE: undefined, AWS_CONFIG_FILE: nowhere, AWS_SHARED_CREDENTIALS_FILE: nowhere },
    });
    await wb.seedDemo();
  });
  after(async () => {
    await wb?.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('offers Choose Region on the error node, then lists the account at the endpoint from the User settings', async () => {
    const { page } = wb;
    await openActivity(page, 'Greengrass ML');
    const error = row(page, 'Failed to load groups');
    await error.waitFor({ timeout: 60_000 });
    assert.match(await error.innerText(), /No AWS region is set/);
    await error.hover();
    const choose = error.locator('.actions .action-label[aria-label^="Choose AWS Region"]');
    await choose.waitFor({ timeout: 10_000 });
    await wb.screenshot('1-no-region');
    await choose.click();

    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Region' }).waitFor({ timeout: 10_000 });
    await input.fill('us-east-1');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'us-east-1' }).first().click();

    // Only the User settings name moto: the groups listed prove they were used (and the workspace's were not).
    await row(page, 'camera-inference').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar-item', { hasText: 'us-east-1' }).first().waitFor({ timeout: 10_000 });
    const status = await page.locator('.statusbar-item', { hasText: 'us-east-1' }).first().innerText();
    assert.match(status, new RegExp(new URL(wb.moto.endpoint).host.replace(/\./g, '\\.')));
    await wb.screenshot('2-region-chosen');
  });

  it('offers the endpoint from the User settings in the "Use a Local Endpoint" box', async () => {
    const { page } = wb;
    await runCommand(page, 'Greengrass ML: Use a Custom or Local Endpoint');
    const input = page.locator('.quick-input-widget input');
    // The box, by its prompt: until it opens, the widget is still the Command Palette, whose text names the command.
    await page.locator('.quick-input-widget', { hasText: 'The URL of an endpoint that speaks the AWS APIs' }).waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => !/^(>|$)/.test(document.querySelector('.quick-input-widget input')?.value ?? ''), undefined, { timeout: 10_000 });
    assert.equal(await input.inputValue(), wb.moto.endpoint);
    await wb.screenshot('3-endpoint-box');
    await page.keyboard.press('Escape');
  });
});
