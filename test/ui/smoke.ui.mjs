import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { root } from '../../scripts/lib/codeServer.mjs';
import { openActivity, openWorkbench } from './harness.mjs';

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
    await wb.screenshot('activity-bar-view');
  });
});
