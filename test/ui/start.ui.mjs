import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, root } from '../../scripts/lib/codeServer.mjs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { syncStartWorkspace } from '../../scripts/lib/startWorkspace.mjs';
import { openActivity, screenshotDir } from './harness.mjs';

describe('npm start\'s copy of examples/', () => {
  const dir = join(root, '.test-output', `start-copy-${process.pid}`);
  const source = join(dir, 'examples');
  const target = join(dir, 'workspace');
  const stateFile = join(dir, 'workspace-copy.json');
  const write = (base, rel, text) => { mkdirSync(join(base, rel, '..'), { recursive: true }); writeFileSync(join(base, rel), text); };
  const read = (base, rel) => readFileSync(join(base, rel), 'utf8');
  beforeEach(() => { rmSync(dir, { recursive: true, force: true }); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('is refreshed from examples/ on each start, and keeps the files the user changed', () => {
    write(source, 'greengrass-ml.json', '{"name":"v1"}');
    write(source, 'image_classifier/inference.py', 'print(1)\n');
    write(source, 'old.json', '{}');
    let r = syncStartWorkspace({ source, target, stateFile });
    assert.deepEqual(r.created.sort(), ['greengrass-ml.json', 'image_classifier/inference.py', 'old.json']);
    assert.equal(read(target, 'image_classifier/inference.py'), 'print(1)\n');

    // The user edits one file in the browser; the examples change in the repository.
    write(target, 'greengrass-ml.json', '{"name":"mine"}');
    write(source, 'greengrass-ml.json', '{"name":"v2"}');
    write(source, 'image_classifier/inference.py', 'print(2)\n');
    rmSync(join(source, 'old.json'));
    write(source, 'new.json', '[]');
    r = syncStartWorkspace({ source, target, stateFile });
    assert.deepEqual(r, { created: ['new.json'], updated: ['image_classifier/inference.py'], kept: ['greengrass-ml.json'], removed: ['old.json'] });
    assert.equal(read(target, 'greengrass-ml.json'), '{"name":"mine"}', 'the user\'s edit is kept');
    assert.equal(read(target, 'image_classifier/inference.py'), 'print(2)\n');
    assert.equal(existsSync(join(target, 'old.json')), false);

    // Still kept on the next start; deleting it brings the example's version back.
    assert.deepEqual(syncStartWorkspace({ source, target, stateFile }).kept, ['greengrass-ml.json']);
    rmSync(join(target, 'greengrass-ml.json'));
    assert.deepEqual(syncStartWorkspace({ source, target, stateFile }).created, ['greengrass-ml.json']);
    assert.equal(read(target, 'greengrass-ml.json'), '{"name":"v2"}');
  });

  it('keeps a file the user added, and one removed from examples/ that the user changed', () => {
    write(source, 'a.json', '{}');
    write(source, 'b.json', '{}');
    syncStartWorkspace({ source, target, stateFile });
    write(target, 'mine.py', 'x = 1\n');
    write(target, 'b.json', '{"edited":true}');
    rmSync(join(source, 'b.json'));
    const r = syncStartWorkspace({ source, target, stateFile });
    assert.deepEqual(r.removed, []);
    assert.equal(read(target, 'mine.py'), 'x = 1\n');
    assert.equal(read(target, 'b.json'), '{"edited":true}');
  });
});

describe('npm start', function () {
  this.timeout(240_000);
  let child;
  let output = '';
  // After a failure, stop it as Ctrl+C does (code-server and moto run in process groups of their own, which a kill
  // of npm start's group would leave running); kill it only if it does not stop.
  after(async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try { process.kill(-child.pid, 'SIGINT'); } catch { /* gone */ }
    if (await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 20_000))])) return;
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  });

  it('serves the workbench with the extension active on a copy of examples/ that edits in the browser change, and stops everything on Ctrl+C', async () => {
    const port = await freePort();
    const startDir = join(root, '.test-output', `start-${process.pid}`);
    rmSync(startDir, { recursive: true, force: true });
    const copy = join(startDir, 'workspace');
    const example = join(root, 'examples', 'greengrass-ml.json');
    const exampleText = readFileSync(example, 'utf8');
    child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
      cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GGML_START_PORT: String(port), GGML_START_DIR: startDir },
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
    assert.ok(url.endsWith(`folder=${encodeURIComponent(copy)}`), `opens the copy of the examples, not examples/ itself: ${url}`);
    assert.match(output, /copy of examples\/.*: .*start-\d+\/workspace/, 'says where the copy is');

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

      // Edit the manifest in the browser: the workbench saves it by itself, into the copy.
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill('greengrass-ml.json');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'greengrass-ml.json' }).first().click();
      const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
      await editor.waitFor({ timeout: 30_000 });
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n');
      const copied = join(copy, 'greengrass-ml.json');
      const deadline = Date.now() + 20_000;
      while (readFileSync(copied, 'utf8') === exampleText && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      await page.screenshot({ path: join(screenshotDir, 'start-edited-copy.png') });
      assert.equal(readFileSync(copied, 'utf8'), `${exampleText}\n`, 'the edit was saved into the copy');
      assert.equal(readFileSync(example, 'utf8'), exampleText, 'examples/ is unchanged');
    } finally {
      await browser.close();
    }

    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    process.kill(-child.pid, 'SIGINT');
    const result = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))]);
    assert.notEqual(result, 'timeout', `npm start did not stop within 20 s of Ctrl+C:\n${output}`);
    assert.equal(result.code, 0, output);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) }), 'code-server still answers after Ctrl+C');
    rmSync(startDir, { recursive: true, force: true });
  });
});
