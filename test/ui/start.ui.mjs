import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { launchChromium, root } from '../../scripts/lib/codeServer.mjs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { openActivity, screenshotDir } from './harness.mjs';

describe('npm start', function () {
  this.timeout(240_000);
  let child;
  let output = '';
  after(async () => { if (child && child.exitCode === null) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } } });

  it('serves the workbench with the extension active on examples/, and stops everything on Ctrl+C', async () => {
    const port = await freePort();
    child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
      cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GGML_START_PORT: String(port) },
    });
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 180 s:\n${output}`)), 180_000);
      const check = () => {
        const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(output);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    });
    assert.ok(url.includes(`:${port}/`), url);
    assert.ok(url.includes(encodeURIComponent(join(root, 'examples'))), 'opens the examples workspace');

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      await page.goto(url);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await openActivity(page, 'Greengrass ML');
      const view = page.locator('.sidebar .pane-body');
      await view.first().waitFor({ timeout: 30_000 });
      // The status-bar item appears only once the extension has activated.
      await page.locator('.statusbar-item', { hasText: /us-east-1/ }).first().waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(screenshotDir, 'start-workbench.png') });
    } finally {
      await browser.close();
    }

    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    process.kill(-child.pid, 'SIGINT');
    const result = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))]);
    assert.notEqual(result, 'timeout', `npm start did not stop within 20 s of Ctrl+C:\n${output}`);
    assert.equal(result.code, 0, output);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) }), 'code-server still answers after Ctrl+C');
  });
});
