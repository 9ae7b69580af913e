// An assume-role profile whose role requires MFA, in the browser (code-server): the code is asked for in a
// password box titled with the device, a cancelled box leaves a clear state, and a code lists the account.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/lib/codeServer.mjs';
import { openActivity, openWorkbench, runCommand } from './harness.mjs';

const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

describe('MFA for an assume-role profile', function () {
  this.timeout(300_000);
  let wb;
  const aws = join(root, '.test-output', `ui-mfa-aws-${process.pid}`);
  before(async () => {
    rmSync(aws, { recursive: true, force: true });
    mkdirSync(aws, { recursive: true });
    writeFileSync(join(aws, 'config'), [
      '[profile ops]', 'region = us-east-1', '',
      '[profile ml-deployer]', 'role_arn = arn:aws:iam::123456789012:role/GreengrassMlDeployer', 'source_profile = ops',
      `mfa_serial = ${MFA_SERIAL}`, 'region = us-east-1', '',
    ].join('\n'));
    writeFileSync(join(aws, 'credentials'), ['[ops]', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ''].join('\n'));
    wb = await openWorkbench({
      name: 'mfa',
      workspace: join(root, 'test', 'fixtures', 'workspace'),
      settings: (moto) => ({ 'greengrassMl.aws.endpoint': moto.endpoint }),
      env: {
        AWS_CONFIG_FILE: join(aws, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(aws, 'credentials'),
        AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined, AWS_ENDPOINT_URL: undefined,
      },
    });
    await wb.seedDemo();
  });
  after(async () => {
    await wb?.close();
    rmSync(aws, { recursive: true, force: true });
  });

  it('asks for the code when the profile is chosen; Escape says a code is needed, Refresh asks again and lists the groups', async () => {
    const { page } = wb;
    await openActivity(page, 'Greengrass ML');
    await runCommand(page, 'Choose AWS Profile');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ml-deployer' }).first().click();

    const box = page.locator('.quick-input-widget', { hasText: MFA_SERIAL });
    await box.waitFor({ timeout: 30_000 });
    const input = page.locator('.quick-input-widget input');
    assert.equal(await input.getAttribute('type'), 'password', 'the code is typed like a password');
    await wb.screenshot('1-code-asked');
    await page.keyboard.press('Escape');

    const welcome = page.locator('.sidebar .welcome-view-content', { hasText: 'MFA code' }).first();
    await welcome.waitFor({ timeout: 30_000 });
    const status = page.locator('.statusbar-item', { hasText: 'No AWS connection' }).first();
    await status.waitFor({ timeout: 10_000 });
    await wb.screenshot('2-cancelled');

    await runCommand(page, 'Refresh Explorer');
    await box.waitFor({ timeout: 30_000 });
    await input.fill('12a');
    await page.locator('.quick-input-widget', { hasText: 'Enter the 6-digit code' }).waitFor({ timeout: 10_000 });
    await input.fill('123456');
    await page.keyboard.press('Enter');
    await page.locator('.sidebar .monaco-list-row', { hasText: 'camera-inference' }).first().waitFor({ timeout: 60_000 });
    await wb.screenshot('3-connected');
  });
});
