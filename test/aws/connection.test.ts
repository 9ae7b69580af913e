import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListGroupsCommand } from '@aws-sdk/client-greengrass';
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  describeAwsError, describeConnection, GreengrassExplorerService, listProfiles, ModelSourcesService,
} from '../../src/aws';
import type { AwsCallRecord, AwsErrorInfo } from '../../src/aws';
import { awsFailure, clientsDisposedAfterEach, endpoint, resetMoto, withEnv } from './seeded';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';

/** The failure's description, as the explorer shows it. */
const failure = async (promise: Promise<unknown>): Promise<AwsErrorInfo> => (await awsFailure(promise)).info;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe('the AWS connection', function () {
  this.timeout(60_000);
  let dir: string;
  const connect = clientsDisposedAfterEach();

  before(async () => {
    await resetMoto();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-aws-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function writeConfig(config: string, credentials = ''): Record<string, string> {
    writeFileSync(join(dir, 'config'), config);
    writeFileSync(join(dir, 'credentials'), credentials);
    return { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
  }

  it('lists profiles of every kind with their region and endpoint from the shared files', async () => {
    const files = writeConfig(
      [
        '[default]', 'region = eu-west-1', '',
        '[profile sso-dev]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = Dev', 'region = us-west-2', '',
        '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', '',
        '[profile deployer]', 'role_arn = arn:aws:iam::111122223333:role/deploy', 'source_profile = default', '',
        '[profile vault]', 'credential_process = /usr/local/bin/vault-aws', '',
        '[profile local]', 'endpoint_url = http://localhost:5000', 'region = us-east-1', '',
      ].join('\n'),
      ['[default]', `aws_access_key_id = ${ACCESS_KEY}`, `aws_secret_access_key = ${SECRET}`, ''].join('\n'),
    );
    const profiles = await withEnv(files, () => listProfiles());
    const byName = new Map(profiles.map((p) => [p.name, p]));
    assert.equal(profiles[0]?.name, 'default');
    assert.deepEqual(byName.get('default'), { name: 'default', kind: 'static', source: 'both', region: 'eu-west-1' });
    assert.equal(byName.get('sso-dev')?.kind, 'sso');
    assert.equal(byName.get('sso-dev')?.region, 'us-west-2');
    assert.equal(byName.get('deployer')?.kind, 'assumeRole');
    assert.equal(byName.get('vault')?.kind, 'credentialProcess');
    assert.equal(byName.get('local')?.endpointUrl, 'http://localhost:5000');
    assert.ok(!JSON.stringify(profiles).includes(SECRET), 'profiles never carry secrets');
  });

  it('reaches the endpoint from AWS_ENDPOINT_URL without an endpoint in code, and logs each call without secrets', async () => {
    const lines: string[] = [];
    const clients = connect({}, { log: (line) => lines.push(line) });
    const out = await clients.greengrass().send(new ListGroupsCommand({}));
    assert.ok(Array.isArray(out.Groups));
    await clients.s3().send(new ListBucketsCommand({}));
    assert.ok(lines.some((l) => /^Greengrass\.ListGroups · \d+ ms · HTTP 200/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^S3\.ListBuckets · \d+ ms · HTTP 200/.test(l)), lines.join('\n'));
    const secret = process.env['AWS_SECRET_ACCESS_KEY'] ?? 'testing';
    for (const l of lines) {
      assert.ok(!/Authorization|X-Amz-|Signature/i.test(l), `no headers in the log: ${l}`);
      if (secret.length > 4) assert.ok(!l.includes(secret), 'no secret in the log');
    }
    const d = await describeConnection(clients);
    assert.equal(d.region, 'us-east-1');
    assert.equal(d.endpoint, new URL(endpoint()).origin);
  });

  it('uses a chosen profile\'s endpoint_url and region from a temporary config file', async () => {
    const url = endpoint();
    const files = writeConfig(
      ['[profile moto]', `endpoint_url = ${url}`, 'region = eu-central-1', ''].join('\n'),
      ['[moto]', `aws_access_key_id = ${ACCESS_KEY}`, `aws_secret_access_key = ${SECRET}`, ''].join('\n'),
    );
    const vars = { ...files, AWS_ENDPOINT_URL: undefined, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_PROFILE: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };
    await withEnv(vars, async () => {
      const clients = connect({ profile: 'moto' });
      const groups = await new GreengrassExplorerService(clients).listGroups();
      assert.ok(Array.isArray(groups.items));
      await new ModelSourcesService(clients).listBuckets();
      const d = await describeConnection(clients);
      assert.equal(d.profile, 'moto');
      assert.equal(d.region, 'eu-central-1');
      assert.equal(d.endpoint, new URL(url).origin);
    });
    // The same profile through AWS_PROFILE, where the SDK itself reads endpoint_url and region.
    await withEnv({ ...vars, AWS_PROFILE: 'moto' }, async () => {
      const clients = connect({});
      const out = await clients.greengrass().send(new ListGroupsCommand({}));
      assert.ok(Array.isArray(out.Groups));
    });
  });

  it('maps a profile that does not exist to a credentials error that says what to do', async () => {
    const files = writeConfig('[profile other]\nregion = us-east-1\n');
    await withEnv(files, async () => {
      const info = await failure(new GreengrassExplorerService(connect({ profile: 'missing-profile', region: 'us-east-1' })).listGroups());
      assert.equal(info.kind, 'credentials');
      assert.match(info.message, /^No AWS credentials found\. Choose a profile or set AWS_PROFILE/);
    });
  });

  it('connects to a local endpoint chosen in the settings on a machine without AWS credentials', async () => {
    const local = endpoint();
    const noCredentials = {
      ...writeConfig('', ''), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined, AWS_ENDPOINT_URL: undefined, AWS_EC2_METADATA_DISABLED: 'true',
    };
    await withEnv(noCredentials, async () => {
      const out = await connect({ region: 'us-east-1', endpoint: local }).greengrass().send(new ListGroupsCommand({}));
      assert.ok(Array.isArray(out.Groups));
      // A profile is the user's explicit choice: it gets no placeholder credentials, even against a local endpoint.
      const info = await failure(new GreengrassExplorerService(connect({ profile: 'missing-profile', region: 'us-east-1', endpoint: local })).listGroups());
      assert.equal(info.kind, 'credentials');
    });
  });

  it('maps a port that refuses connections to "unreachable" naming the host, within a few seconds', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((r) => server.close(r));
    const started = Date.now();
    const info = await failure(new GreengrassExplorerService(connect({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' })).listGroups());
    assert.equal(info.kind, 'unreachable');
    assert.match(info.message, new RegExp(`Cannot reach the AWS endpoint.*: 127\\.0\\.0\\.1:${port}$`));
    assert.ok(Date.now() - started < 4_000, `took ${Date.now() - started} ms`);
  });

  it('maps an endpoint that accepts and never answers to "timeout" within the configured limit', async () => {
    const sockets: Socket[] = [];
    const server = createServer((s) => { sockets.push(s); });
    const port = await listen(server);
    try {
      const started = Date.now();
      const clients = connect({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' }, { requestTimeoutMs: 1_500 });
      const info = await failure(new GreengrassExplorerService(clients).listGroups());
      const took = Date.now() - started;
      assert.equal(info.kind, 'timeout');
      assert.match(info.message, /did not answer in time/);
      assert.ok(took >= 1_400 && took < 4_000, `took ${took} ms`);
      assert.ok(sockets.length >= 1, 'the request reached the server');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    }
  });

  it('retries throttled calls with the SDK\'s back-off and reports persistent throttling as "throttled"', async () => {
    let requests = 0;
    let throttleFirst = 2;
    const server = createHttpServer((req, res) => {
      requests++;
      req.resume();
      if (requests <= throttleFirst) {
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException' });
        res.end('{"message":"Rate exceeded"}');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"Groups":[{"Id":"g1","Name":"after-retry"}]}');
      }
    });
    const port = await listen(server);
    try {
      const lines: string[] = [];
      const clients = connect({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' }, { log: (l) => lines.push(l) });
      const page = await new GreengrassExplorerService(clients).listGroups();
      assert.deepEqual(page.items.map((g) => g.name), ['after-retry']);
      assert.equal(requests, 3);
      assert.match(lines.join('\n'), /Greengrass\.ListGroups · \d+ ms · HTTP 200 · 3 attempts/);

      requests = 0;
      throttleFirst = 100;
      const info = await failure(new GreengrassExplorerService(clients).listGroups());
      assert.equal(info.kind, 'throttled');
      assert.equal(requests, 3, 'three attempts, then the error');
      assert.match(info.message, /throttling.*: ListGroups$/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('tells each call\'s kind of failure to whoever watches the connection\'s health: refused, throttled, answered', async () => {
    const closed = createServer();
    const closedPort = await listen(closed);
    await new Promise((r) => closed.close(r));
    const records: AwsCallRecord[] = [];
    const refused = connect({ endpoint: `http://127.0.0.1:${closedPort}`, region: 'us-east-1' }, { log: (_l, _level, r) => records.push(r) });
    await failure(new GreengrassExplorerService(refused).listGroups());
    assert.equal(records.at(-1)?.failureKind, 'unreachable');
    assert.equal(records.at(-1)?.httpStatus, undefined);
    assert.match(records.at(-1)?.failureMessage ?? '', new RegExp(`^Cannot reach the AWS endpoint.*127\\.0\\.0\\.1:${closedPort}$`));

    const server = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException', 'retry-after': '3600' });
      res.end('{"message":"Rate exceeded"}');
    });
    const port = await listen(server);
    try {
      const throttled = connect({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1' }, { log: (_l, _level, r) => records.push(r) });
      await failure(new GreengrassExplorerService(throttled).listGroups());
      assert.equal(records.at(-1)?.failureKind, 'throttled');
    } finally {
      await new Promise((r) => server.close(r));
    }

    const ok = connect({}, { log: (_l, _level, r) => records.push(r) });
    await new GreengrassExplorerService(ok).listGroups({ maxResults: 1 });
    assert.equal(records.at(-1)?.failureKind, undefined);
    assert.equal(records.at(-1)?.httpStatus, 200);
  });

  it('addresses S3 path-style when the endpoint is "localhost"', async () => {
    const local = endpoint().replace('127.0.0.1', 'localhost');
    await withEnv({ AWS_ENDPOINT_URL: local }, async () => {
      const clients = connect({});
      await clients.s3().send(new CreateBucketCommand({ Bucket: 'path-style-models' }));
      await clients.s3().send(new PutObjectCommand({ Bucket: 'path-style-models', Key: 'm/model.tar.gz', Body: 'x' }));
      const page = await new ModelSourcesService(clients).listModelArchives('path-style-models');
      assert.deepEqual(page.items.map((a) => a.uri), ['s3://path-style-models/m/model.tar.gz']);
    });
  });

  it('maps a call the endpoint does not implement to "notImplemented" naming the call', async () => {
    const clients = connect({});
    const { GetConnectivityInfoCommand } = await import('@aws-sdk/client-greengrass');
    let raw: unknown;
    try {
      await clients.greengrass().send(new GetConnectivityInfoCommand({ ThingName: 'raspberrypi-camera-core' }));
    } catch (error) {
      raw = error;
    }
    const info = describeAwsError(raw, { operation: 'GetConnectivityInfo' });
    assert.equal(info.kind, 'notImplemented');
    assert.match(info.message, /^The endpoint does not implement GetConnectivityInfo/);
  });

  it('maps an unknown group id to "notFound", and a missing part of a group to an error entry only', async () => {
    const gg = new GreengrassExplorerService(connect({}));
    const info = await failure(gg.getGroupSummary('00000000-0000-0000-0000-000000000000'));
    assert.equal(info.kind, 'notFound');
    assert.equal(info.operation, 'GetGroup');
    const unknownVersion = await failure(gg.getGroupVersionDetails('00000000-0000-0000-0000-000000000000', 'nope'));
    assert.equal(unknownVersion.kind, 'notFound');
  });

  it('never puts credentials into error messages', () => {
    const errors: unknown[] = [
      Object.assign(new Error(`The security token included in the request is invalid: ${ACCESS_KEY}`), { name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } }),
      Object.assign(new Error(`Signature mismatch for secret ${SECRET}`), { name: 'SignatureDoesNotMatch' }),
      Object.assign(new Error(`weird failure aws_secret_access_key=${SECRET}`), { name: 'Weird' }),
      Object.assign(new Error(`X-Amz-Credential=${ACCESS_KEY}/20240101/us-east-1/greengrass/aws4_request`), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }),
    ];
    for (const e of errors) {
      const info = describeAwsError(e, { operation: 'ListGroups' });
      assert.ok(!info.message.includes(SECRET) && !info.message.includes(ACCESS_KEY), `leaked: ${info.message}`);
    }
    assert.equal(describeAwsError(errors[0]).kind, 'credentials');
    assert.equal(describeAwsError(errors[3]).kind, 'accessDenied');
  });

  it('maps throttling, expired tokens and a missing region to their kinds', () => {
    assert.equal(describeAwsError(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } })).kind, 'throttled');
    assert.equal(describeAwsError(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' })).kind, 'expired');
    assert.equal(describeAwsError(new Error('Region is missing')).kind, 'region');
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND greengrass.ap-east-1.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'greengrass.ap-east-1.amazonaws.com' });
    const info = describeAwsError(dns);
    assert.equal(info.kind, 'region');
    assert.match(info.message, /not available in region ap-east-1/);
    const offline = Object.assign(new Error('getaddrinfo EAI_AGAIN greengrass.us-east-1.amazonaws.com'), { code: 'EAI_AGAIN', hostname: 'greengrass.us-east-1.amazonaws.com' });
    assert.equal(describeAwsError(offline).kind, 'unreachable');
  });
});
