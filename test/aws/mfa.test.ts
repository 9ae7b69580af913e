import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GreengrassExplorerService, ModelSourcesService } from '../../src/aws';
import type { MfaCodeRequest } from '../../src/aws';
import { awsFailure, clientsDisposedAfterEach, endpoint, resetMoto, withEnv } from './seeded';

const SOURCE_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SOURCE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/alice';


describe('assume-role profiles that require MFA', function () {
  this.timeout(60_000);
  let dir: string;
  let vars: Record<string, string | undefined>;
  const connect = clientsDisposedAfterEach();

  before(async () => {
    await resetMoto();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-mfa-'));
    // The shape `aws configure` and the IAM guide give such a profile: a role, the profile whose keys assume it,
    // and the MFA device the role's trust policy requires.
    writeFileSync(join(dir, 'config'), [
      '[profile ops]', 'region = us-east-1', '',
      '[profile ml-deployer]',
      'role_arn = arn:aws:iam::123456789012:role/GreengrassMlDeployer',
      'source_profile = ops',
      `mfa_serial = ${MFA_SERIAL}`,
      'role_session_name = alice-greengrass',
      'region = us-east-1', '',
    ].join('\n'));
    writeFileSync(join(dir, 'credentials'), ['[ops]', `aws_access_key_id = ${SOURCE_KEY}`, `aws_secret_access_key = ${SOURCE_SECRET}`, ''].join('\n'));
    vars = {
      AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined,
      AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined,
    };
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for the code once per connection and signs every service with the role\'s session credentials', async () => {
    const asked: MfaCodeRequest[] = [];
    await withEnv(vars, async () => {
      const clients = connect({ profile: 'ml-deployer', endpoint: endpoint() }, {
        mfaCode: async (request) => {
          asked.push(request);
          return '123456';
        },
      });
      // Several services, some at once, as the explorer's first load does.
      const [groups] = await Promise.all([
        new GreengrassExplorerService(clients).listGroups(),
        new ModelSourcesService(clients).listBuckets(),
        new GreengrassExplorerService(clients).listGroups({ maxResults: 1 }),
      ]);
      assert.ok(Array.isArray(groups.items));
      await new ModelSourcesService(clients).listBuckets();
      const credentials = await (clients.greengrass().config.credentials as () => Promise<{ accessKeyId: string; sessionToken?: string }>)();
      assert.notEqual(credentials.accessKeyId, SOURCE_KEY, 'the calls are signed with the assumed role, not the source profile');
      assert.ok(credentials.sessionToken, 'assumed-role credentials carry a session token');
    });
    assert.deepEqual(asked, [{ profile: 'ml-deployer', mfaSerial: MFA_SERIAL }]);
  });

  it('says that an MFA code is needed when the user cancels the prompt, without waiting', async () => {
    await withEnv(vars, async () => {
      let asked = 0;
      const clients = connect({ profile: 'ml-deployer', endpoint: endpoint() }, {
        mfaCode: async () => {
          asked++;
          return undefined;
        },
      });
      const start = Date.now();
      const error = await awsFailure(new GreengrassExplorerService(clients).listGroups());
      assert.ok(Date.now() - start < 5_000, 'a cancelled prompt fails at once');
      assert.equal(error.kind, 'credentials');
      assert.match(error.message, /^No MFA code was entered, so the AWS profile "ml-deployer" cannot assume its role\. .*Refresh.*: arn:aws:iam::123456789012:mfa\/alice$/);
      // The next attempt asks again (a declined prompt is not remembered as the answer).
      await awsFailure(new GreengrassExplorerService(clients).listGroups());
      assert.equal(asked, 2);
    });
  });

  it('does not fall back to placeholder credentials for a local endpoint when AWS_PROFILE needs a code that was not entered', async () => {
    await withEnv({ ...vars, AWS_PROFILE: 'ml-deployer' }, async () => {
      const asked: MfaCodeRequest[] = [];
      const clients = connect({ endpoint: endpoint() }, { mfaCode: async (request) => { asked.push(request); return undefined; } });
      const error = await awsFailure(new GreengrassExplorerService(clients).listGroups());
      assert.match(error.message, /^No MFA code was entered, so the AWS profile "ml-deployer" cannot assume its role/);
      assert.deepEqual(asked, [{ profile: 'ml-deployer', mfaSerial: MFA_SERIAL }]);
    });
  });

  it('says which profile needs a code when nothing can ask for one', async () => {
    await withEnv(vars, async () => {
      const error = await awsFailure(new GreengrassExplorerService(connect({ profile: 'ml-deployer', endpoint: endpoint() })).listGroups());
      assert.equal(error.kind, 'credentials');
      assert.match(error.message, /^The AWS profile "ml-deployer" needs an MFA code to assume its role.*: arn:aws:iam::123456789012:mfa\/alice$/);
      assert.ok(!error.message.includes(SOURCE_SECRET));
    });
  });
});
