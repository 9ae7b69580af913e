// Endpoints that misbehave, and values that try to send requests elsewhere: every call ends in bounded time and
// memory with a message that says what happened, and nothing signed goes to a host the user did not choose.
// Each server here is a small node:http (or https) server on 127.0.0.1 started by the test.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createAwsClients } from '../../src/aws/clients';
import type { AwsClients, ConnectionSettings, AwsClientOptions } from '../../src/aws/clients';
import { deployGroup, redeployGroup, resetDeployments } from '../../src/aws/deploy';
import { AwsError } from '../../src/aws/errors';
import { GreengrassExplorerService } from '../../src/aws/greengrass';
import { uploadModel } from '../../src/aws/upload';
import { planScaffold } from '../../src/core/scaffold';
import { withEnv } from './seeded';

const ACCESS_KEY = 'ASIAQNZGKIQY56JQ7WML';
const SECRET = 'Zx3kqVd9jQ7+Lm2/Pt8wYb4RnE6sHc1uTg5oKf0a';
// The shape of a real STS session token: long base64 with "/", "+" and "=" that no pattern can recognise as a whole.
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDkT0Sx3+Mh8/vmF2zWe0q7pRr9LhQm5gYV1oZtH4cXnAIgV3y'
  + 'Q+5kXb8TqL2jw9Nn/0hPZf4sG7cE1rD6aYm3uKiQq8AIIs///////////ARAAGgw1NTU1NTU1NTU1NTUiDP2y0q9mWtB4nKc8ZSrMAo0Vg+'
  + 'rT3pLs9kQ7hXwE2yF/cJ5aN1bD8mU4oZ6vR0iGt3Hq=';

interface Recorded { connections: number; requests: { url: string; headers: IncomingMessage['headers'] }[] }

/** A server on 127.0.0.1 that records what reaches it; `close()` ends every connection it holds. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, tls = false): Promise<{ port: number; seen: Recorded; close(): Promise<void> }> {
  const seen: Recorded = { connections: 0, requests: [] };
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    seen.requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  };
  const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tls');
  const server: Server = tls
    ? createHttpsServer({ key: await readFile(join(fixtures, '127.0.0.1.key')), cert: await readFile(join(fixtures, '127.0.0.1.crt')) }, onRequest)
    : createHttpServer(onRequest);
  server.on('connection', (s: Socket) => {
    seen.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return {
    port, seen,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** The error a promise rejects with (it must reject), and how long that took. */
async function failure(promise: Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const started = Date.now();
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, `expected an Error, got: ${String(error)}`);
    return { error, ms: Date.now() - started };
  }
  assert.fail('expected the call to fail');
}

/** A group folder as New Inference Function writes it (what Deploy reads). */
async function groupFolder(root: string): Promise<string> {
  const plan = planScaffold({
    framework: 'mxnet', runtime: 'python3.8', platform: 'raspberry-pi', source: { kind: 's3', uri: 's3://greengrass-models-demo/squeezenet/model.tar.gz' },
    destinationPath: '/greengrass-machine-learning/mxnet/squeezenet', isolationMode: 'GreengrassContainer', lifecycle: 'pinned',
    functionName: 'squeezenet-classifier', topic: 'ml/squeezenet/results',
  }, { name: 'pi-classifier', readFile: () => undefined });
  const folder = join(root, 'pi-classifier');
  for (const f of plan.files) {
    await mkdir(dirname(join(folder, f.path)), { recursive: true });
    await writeFile(join(folder, f.path), f.content);
  }
  return join(folder, 'greengrass-ml.json');
}

describe('hostile endpoints and values', function () {
  this.timeout(60_000);
  let root: string;
  let model: string;
  let manifest: string;
  const open: AwsClients[] = [];
  const closers: (() => Promise<void>)[] = [];
  const connect = (settings: ConnectionSettings, options?: AwsClientOptions): AwsClients => {
    const c = createAwsClients(settings, options);
    open.push(c);
    return c;
  };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ggml-hostile-'));
    model = join(root, 'models', 'squeezenet');
    await mkdir(model, { recursive: true });
    await writeFile(join(model, 'synset.txt'), 'n01440764 tench\nn01443537 goldfish\n');
    await writeFile(join(model, 'squeezenet_v1.1-0000.params'), Buffer.alloc(32 * 1024, 3));
    manifest = await groupFolder(root);
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.dispose();
    for (const close of closers.splice(0)) await close();
  });
  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function server(handler: (req: IncomingMessage, res: ServerResponse) => void, tls = false): Promise<{ port: number; seen: Recorded; url: string }> {
    const s = await serve(handler, tls);
    closers.push(s.close);
    return { ...s, url: `http://127.0.0.1:${s.port}` };
  }

  describe('a region is only ever a region', () => {
    // A region that is really "user@host:port/?": the Greengrass client would build https://greengrass.x@127.0.0.1:<port>/?.amazonaws.com.
    // The https server trusts nothing; the test lets the client accept its self-signed certificate, so that what the
    // client would send to such a host shows up here.
    const signedEnv = (extra: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
      AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_GREENGRASS: undefined, AWS_ENDPOINT_URL_S3: undefined, AWS_PROFILE: undefined,
      AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: SESSION_TOKEN, NODE_TLS_REJECT_UNAUTHORIZED: '0', ...extra,
    });

    it('Redeploy, Reset, Deploy and the explorer send nothing to a host hidden in the manifest\'s region, and say why', async () => {
      const trap = await server((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"DeploymentId":"d-1","Groups":[]}'); }, true);
      const region = `x@127.0.0.1:${trap.port}/?`;
      await withEnv(signedEnv(), async () => {
        const clients = connect({ region }, { regionFix: 'Fix "region" in greengrass-ml.json' });
        const calls: [string, Promise<unknown>][] = [
          ['Redeploy', redeployGroup(clients, 'e6b8d9f2-7c41-4a55-9f0e-3f1b2c4d5e6f', { deploymentId: 'd-0', groupVersionId: 'v-0' })],
          ['Reset', resetDeployments(clients, 'e6b8d9f2-7c41-4a55-9f0e-3f1b2c4d5e6f', { force: true })],
          ['Deploy', deployGroup(clients, manifest, { skipLint: true })],
          ['List groups', new GreengrassExplorerService(clients).listGroups()],
        ];
        const failures = calls.map(([name, call]) => [name, failure(call)] as const);
        for (const [name, failed] of failures) {
          const { error, ms } = await failed;
          assert.match(error.message, /The AWS region is not a region code such as us-east-1, so nothing was sent\. Fix "region" in greengrass-ml\.json: "x@127\.0\.0\.1:\d+\/\?"$/, `${name}: ${error.message}`);
          assert.ok(ms < 5_000, `${name} took ${ms} ms`);
        }
      });
      assert.deepEqual(trap.seen.requests.map((r) => ({ url: r.url, signed: 'authorization' in r.headers })), [], 'no request reached the hidden host');
      assert.equal(trap.seen.connections, 0, 'not even a connection');
    });

    it('refuses such a region from AWS_REGION and from a profile\'s region too', async () => {
      const trap = await server((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"Groups":[]}'); }, true);
      const region = `x@127.0.0.1:${trap.port}/?`;
      await withEnv(signedEnv({ AWS_REGION: region, AWS_DEFAULT_REGION: undefined }), async () => {
        const { error } = await failure(new GreengrassExplorerService(connect({})).listGroups());
        assert.ok(error instanceof AwsError && error.kind === 'region', error.message);
        assert.match(error.message, /so nothing was sent\. Choose a region, or fix AWS_REGION or the profile's region: "x@127\.0\.0\.1:\d+\/\?"$/);
      });
      const config = join(root, 'config');
      await writeFile(config, `[profile hostile]\nregion = ${region}\naws_access_key_id = ${ACCESS_KEY}\naws_secret_access_key = ${SECRET}\n`);
      await withEnv(signedEnv({ AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(root, 'none'), AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined }), async () => {
        const { error } = await failure(new GreengrassExplorerService(connect({ profile: 'hostile' })).listGroups());
        assert.ok(error instanceof AwsError && error.kind === 'region', error.message);
        const { error: upload } = await failure(uploadModel(connect({ profile: 'hostile' }), { folder: model, s3Uri: 's3://greengrass-models-demo/squeezenet/model.tar.gz' }));
        assert.match(upload.message, /^Uploading the model to s3:\/\/greengrass-models-demo\/squeezenet\/model\.tar\.gz failed\. The AWS region is not a region code/);
      });
      assert.equal(trap.seen.connections, 0, 'nothing reached the hidden host');
    });
  });

  it('never repeats a session token from a profile file that an endpoint echoes in its error', async () => {
    const echo = await server((req, res) => {
      req.resume();
      res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnrecognizedClientException' });
      res.end(JSON.stringify({ message: `The security token included in the request is invalid: ${String(req.headers['x-amz-security-token'])} (${String(req.headers['authorization'])}) secret ${SECRET}` }));
    });
    const credentials = join(root, 'credentials');
    await writeFile(credentials, `[build]\naws_access_key_id = ${ACCESS_KEY}\naws_secret_access_key = ${SECRET}\naws_session_token = ${SESSION_TOKEN}\n`);
    await withEnv({
      AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: join(root, 'none'), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined,
    }, async () => {
      const clients = connect({ profile: 'build', region: 'us-east-1', endpoint: echo.url });
      const messages = [
        (await failure(new GreengrassExplorerService(clients).listGroups())).error.message,
        (await failure(redeployGroup(clients, 'e6b8d9f2-7c41-4a55-9f0e-3f1b2c4d5e6f', { deploymentId: 'd-0', groupVersionId: 'v-0' }))).error.message,
      ];
      assert.equal(echo.seen.requests[0]?.headers['x-amz-security-token'], SESSION_TOKEN, 'the endpoint did receive the token it echoes');
      for (const message of messages) {
        assert.match(message, /AWS rejected the credentials/);
        for (let i = 0; i + 12 <= SESSION_TOKEN.length; i += 4) {
          assert.ok(!message.includes(SESSION_TOKEN.slice(i, i + 12)), `a piece of the session token is in the message: ${message}`);
        }
        assert.ok(!message.includes(SECRET) && !message.includes(ACCESS_KEY), `a key is in the message: ${message}`);
      }
    });
  });

  it('shows a bounded, inert piece of an endpoint\'s error text: no terminal escapes, no megabyte message', async () => {
    const loud = await server((req, res) => {
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'BadRequestException' });
      res.end(JSON.stringify({ message: `\u001b]0;owned\u0007\u001b[2J\u001b[31mInvalid group ${'x'.repeat(1024 * 1024)}` }));
    });
    const { error } = await failure(new GreengrassExplorerService(connect({ region: 'us-east-1', endpoint: loud.url })).listGroups());
    assert.match(error.message, /^ListGroups failed: \\u001b\]0;owned\\u0007\\u001b\[2J\\u001b\[31mInvalid group x+…$/);
    assert.ok(error.message.length < 400, `${error.message.length} characters`);
    const controls = [...error.message].filter((ch) => ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f));
    assert.deepEqual(controls, [], 'no control characters');
  });

  describe('an endpoint that sends its headers, then stalls or drips', () => {
    const stalls = (req: IncomingMessage, res: ServerResponse): void => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write('{"Groups":[');
    };
    const drips = (req: IncomingMessage, res: ServerResponse): void => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"Groups":[');
      const timer = setInterval(() => (res.writableEnded || res.destroyed ? clearInterval(timer) : res.write(' ')), 100);
      res.on('close', () => clearInterval(timer));
    };

    for (const [how, handler] of [['stalls', stalls], ['drips', drips]] as const) {
      it(`list, pull, upload and deploy end within the time limit with a message naming the host, when the endpoint ${how}`, async () => {
        const bad = await server(handler);
        const clients = connect({ region: 'us-east-1', endpoint: bad.url }, { requestTimeoutMs: 1_500 });
        const gg = new GreengrassExplorerService(clients);
        const calls: [string, Promise<unknown>, RegExp][] = [
          ['list', gg.listGroups(), /^The AWS endpoint did not answer in time, or stopped answering\. Check the network or the endpoint, then retry: 127\.0\.0\.1:\d+$/],
          ['pull', gg.pullGroup('e6b8d9f2-7c41-4a55-9f0e-3f1b2c4d5e6f'), /^The AWS endpoint did not answer in time.*: 127\.0\.0\.1:\d+$/],
          ['upload', uploadModel(clients, { folder: model, s3Uri: 's3://greengrass-models-demo/squeezenet/model.tar.gz' }),
            /^Uploading the model to s3:\/\/greengrass-models-demo\/squeezenet\/model\.tar\.gz failed\. The AWS endpoint did not answer in time.*: 127\.0\.0\.1:\d+$/],
          ['deploy', deployGroup(clients, manifest, { skipLint: true }), /^Creating the .* failed\. The AWS endpoint did not answer in time.*: 127\.0\.0\.1:\d+$/],
        ];
        const failures = calls.map(([name, call, expected]) => [name, failure(call), expected] as const);
        for (const [name, failed, expected] of failures) {
          const { error, ms } = await failed;
          assert.match(error.message, expected, name);
          assert.doesNotMatch(error.message, /@smithy|requestTimeout|\[ERROR\]/, `${name}: no SDK text`);
          assert.ok(ms < 6_000, `${name} took ${ms} ms`);
        }
      });
    }
  });

  it('upload and deploy against an endpoint that takes the request and never answers say what timed out, naming that host', async () => {
    const silent = await server((req) => { req.resume(); });
    // Without AWS_ENDPOINT_URL, and with it naming another endpoint: the message names the one that was called.
    for (const other of [undefined, 'http://127.0.0.1:9']) await withEnv({ AWS_ENDPOINT_URL: other }, async () => {
      const clients = connect({ region: 'us-east-1', endpoint: silent.url }, { requestTimeoutMs: 1_500 });
      const host = `127.0.0.1:${silent.port}`;
      const upload = await failure(uploadModel(clients, { folder: model, s3Uri: 's3://greengrass-models-demo/squeezenet/model.tar.gz' }));
      assert.equal(upload.error.message, `Uploading the model to s3://greengrass-models-demo/squeezenet/model.tar.gz failed. The AWS endpoint did not answer in time, or stopped answering. Check the network or the endpoint, then retry: ${host}`);
      const deploy = await failure(deployGroup(clients, manifest, { skipLint: true }));
      assert.match(deploy.error.message, new RegExp(`^Creating the .* failed\\. The AWS endpoint did not answer in time, or stopped answering\\. Check the network or the endpoint, then retry: ${host.replace(/\./g, '\\.')}$`));
      for (const { ms } of [upload, deploy]) assert.ok(ms < 6_000, `took ${ms} ms`);
    });
  });

  it('gives up at once on a 429 whose Retry-After asks for an hour, and says "throttled"', async () => {
    const busy = await server((req, res) => {
      req.resume();
      if (req.url?.startsWith('/greengrass')) {
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException', 'retry-after': '3600' });
        res.end('{"message":"Rate exceeded"}');
      } else {
        res.writeHead(429, { 'content-type': 'application/xml', 'retry-after': '3600' });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
      }
    });
    const clients = connect({ region: 'us-east-1', endpoint: busy.url });
    const upload = await failure(uploadModel(clients, { folder: model, s3Uri: 's3://greengrass-models-demo/squeezenet/model.tar.gz' }));
    assert.match(upload.error.message, /^Uploading the model to s3:\/\/greengrass-models-demo\/squeezenet\/model\.tar\.gz failed\. AWS is throttling requests/);
    assert.ok(upload.ms < 5_000, `upload took ${upload.ms} ms`);
    const list = await failure(new GreengrassExplorerService(clients).listGroups());
    assert.ok(list.error instanceof AwsError && list.error.kind === 'throttled', list.error.message);
    assert.ok(list.ms < 5_000, `list took ${list.ms} ms`);
    assert.equal(busy.seen.requests.length, 2, `one request each: no retry after an hour-long Retry-After: ${busy.seen.requests.map((r) => r.url).join(', ')}`);
  });

  describe('an answer too large to be an AWS answer', () => {
    it('is refused from its Content-Length (4 GiB) without reading it', async () => {
      const huge = await server((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(4 * 1024 ** 3) });
        res.write('{"Groups":[');
      });
      const { error, ms } = await failure(new GreengrassExplorerService(connect({ region: 'us-east-1', endpoint: huge.url })).listGroups());
      assert.ok(error instanceof AwsError && error.kind === 'tooLarge', error.message);
      assert.match(error.message, /^The endpoint's answer to ListGroups is larger than any AWS answer \(over 32 MiB\), so it was not read\. .*: 127\.0\.0\.1:\d+$/);
      assert.ok(ms < 3_000, `took ${ms} ms`);
    });

    it('is cut off at the limit when it never ends, in bounded time and memory', async () => {
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const endless = await server((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"Groups":[');
        const pump = (): void => {
          // Bounded: at most 1 GiB, and only while the client keeps reading.
          while (sent < 1024 ** 3 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        pump();
      });
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.memoryUsage().rss;
      const clients = connect({ region: 'us-east-1', endpoint: endless.url }, { requestTimeoutMs: 20_000 });
      const { error, ms } = await failure(new GreengrassExplorerService(clients).listGroups());
      const grown = process.memoryUsage().rss - before;
      assert.ok(error instanceof AwsError && error.kind === 'tooLarge', error.message);
      assert.ok(ms < 10_000, `took ${ms} ms`);
      assert.ok(grown < 300 * 1024 * 1024, `RSS grew by ${Math.round(grown / 1024 / 1024)} MiB`);
      assert.ok(sent < 256 * 1024 * 1024, `the endpoint sent ${Math.round(sent / 1024 / 1024)} MiB before the client stopped reading`);
    });
  });
});
