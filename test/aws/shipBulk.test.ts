// Bulk deployments. moto does not implement StartBulkDeployment, GetBulkDeploymentStatus or
// ListBulkDeploymentDetailedReports, so a small local HTTP server answers those three with the Greengrass REST
// shapes and passes every other request on to moto: the SDK makes real HTTP round trips for all of them.
import * as assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateCoreDefinitionCommand, CreateGroupCommand, CreateGroupVersionCommand, GetGroupVersionCommand } from '@aws-sdk/client-greengrass';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { createAwsClients } from '../../src/aws/clients';
import type { AwsClients } from '../../src/aws/clients';
import { bulkDeploymentReports, startBulkDeployment, watchBulkDeployment } from '../../src/aws/bulk';
import { parseBulkInputFile } from '../../src/core/deploy';

interface Recorded { method: string; path: string; headers: IncomingMessage['headers']; body: string }

/** Answers the bulk operations; forwards the rest to moto. */
function bulkServer(moto: string, statuses: string[]): { server: Server; requests: Recorded[]; url: () => string } {
  const requests: Recorded[] = [];
  let polls = 0;
  const json = (res: ServerResponse, status: number, value: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': `req-${requests.length}` });
    res.end(JSON.stringify(value));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bodyBuf = Buffer.concat(chunks);
      const path = (req.url ?? '').split('?')[0] ?? '';
      const rec = { method: req.method ?? '', path, headers: req.headers, body: bodyBuf.toString('utf8') };
      if (req.method === 'POST' && path === '/greengrass/bulk/deployments') {
        requests.push(rec);
        json(res, 200, { BulkDeploymentId: 'bulk-1', BulkDeploymentArn: 'arn:aws:greengrass:us-east-1:123456789012:/greengrass/bulk/deployments/bulk-1' });
        return;
      }
      const status = /^\/greengrass\/bulk\/deployments\/([^/]+)\/status$/.exec(path);
      if (req.method === 'GET' && status) {
        requests.push(rec);
        const s = statuses[Math.min(polls++, statuses.length - 1)];
        json(res, 200, { BulkDeploymentStatus: s, BulkDeploymentMetrics: { RecordsProcessed: 2, InvalidInputRecords: 0, RetryAttempts: 0 }, CreatedAt: '2026-11-27T12:00:00Z' });
        return;
      }
      const reports = /^\/greengrass\/bulk\/deployments\/([^/]+)\/detailed-reports$/.exec(path);
      if (req.method === 'GET' && reports) {
        requests.push(rec);
        const page2 = (req.url ?? '').includes('NextToken=p2');
        json(res, 200, page2
          ? { Deployments: [{ GroupArn: 'arn:aws:greengrass:us-east-1:123456789012:/greengrass/groups/g-2', DeploymentStatus: 'Failure', ErrorMessage: 'The core is offline', ErrorDetails: [{ DetailedErrorCode: 'GG-999', DetailedErrorMessage: 'no core' }] }] }
          : { Deployments: [{ GroupArn: 'arn:aws:greengrass:us-east-1:123456789012:/greengrass/groups/g-1/versions/v-1', DeploymentId: 'd-1', DeploymentStatus: 'Success', DeploymentType: 'NewDeployment' }], NextToken: 'p2' });
        return;
      }
      // Everything else is moto's.
      const target = new URL(req.url ?? '/', moto);
      const fwd = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      fwd.on('error', (e) => json(res, 502, { message: e.message }));
      fwd.end(bodyBuf);
    });
  });
  return { server, requests, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('bulk deployment (SDK-level: moto does not implement bulk deployments; a local server answers those three calls)', function () {
  this.timeout(180_000);
  const moto = process.env['AWS_ENDPOINT_URL'] ?? '';
  const bucket = `greengrass-bulk-${Date.now().toString(36)}`;
  let fake: ReturnType<typeof bulkServer>;
  let clients: AwsClients;

  before(async () => {
    fake = bulkServer(moto, ['Initializing', 'Running', 'Completed']);
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    clients = createAwsClients({ endpoint: fake.url() }, { requestTimeoutMs: 60_000 });
  });
  after(async () => {
    clients?.dispose();
    await new Promise<void>((r) => fake.server.close(() => r()));
  });

  it('creates a group version per group, writes the JSON-lines input file to S3, starts, follows the status and reads every report page', async () => {
    const gg = clients.greengrass();
    await clients.s3().send(new CreateBucketCommand({ Bucket: bucket }));
    const core = await gg.send(new CreateCoreDefinitionCommand({ Name: 'bulk-core', InitialVersion: { Cores: [{ Id: 'c', ThingArn: 'arn:aws:iot:us-east-1:123456789012:thing/c', CertificateArn: 'arn:aws:iot:us-east-1:123456789012:cert/c', SyncShadow: false }] } }));
    const groups: { groupId: string; name: string }[] = [];
    for (const name of ['bulk-a', 'bulk-b']) {
      const g = await gg.send(new CreateGroupCommand({ Name: name }));
      await gg.send(new CreateGroupVersionCommand({ GroupId: g.Id!, CoreDefinitionVersionArn: core.LatestVersionArn! }));
      groups.push({ groupId: g.Id!, name });
    }
    const steps: string[] = [];
    const started = await startBulkDeployment(clients, {
      groups, bucket, key: 'bulk/input.json', executionRoleArn: 'arn:aws:iam::123456789012:role/GreengrassBulkDeploy', clientToken: 'token-1',
      onStep: (s) => steps.push(s),
    });
    assert.equal(started.bulkDeploymentId, 'bulk-1');
    assert.equal(started.inputFileUri, `s3://${bucket}/bulk/input.json`);

    // The input file in S3 (moto): one NewDeployment record per group, each with a fresh version of that group.
    const obj = await clients.s3().send(new GetObjectCommand({ Bucket: bucket, Key: 'bulk/input.json' }));
    const records = parseBulkInputFile(await obj.Body!.transformToString());
    assert.deepEqual(records.map((r) => [r.GroupId, r.DeploymentType]), groups.map((g) => [g.groupId, 'NewDeployment']));
    for (const r of records) {
      const v = await gg.send(new GetGroupVersionCommand({ GroupId: r.GroupId, GroupVersionId: r.GroupVersionId }));
      assert.equal(v.Definition?.CoreDefinitionVersionArn, core.LatestVersionArn, 'the new version keeps the definitions of the latest one');
    }

    // What StartBulkDeployment sent over the wire.
    const start = fake.requests.find((r) => r.method === 'POST');
    assert.ok(start);
    assert.deepEqual(JSON.parse(start.body), { ExecutionRoleArn: 'arn:aws:iam::123456789012:role/GreengrassBulkDeploy', InputFileUri: `s3://${bucket}/bulk/input.json` });
    assert.equal(start.headers['x-amzn-client-token'], 'token-1');

    const seen: string[] = [];
    const outcome = await watchBulkDeployment(clients, started.bulkDeploymentId, {
      timeoutMs: 10_000, backoff: { initialMs: 20, maxMs: 50, factor: 2 }, onStatus: (s) => seen.push(s.status),
    });
    assert.equal(outcome.result, 'success');
    assert.deepEqual(seen, ['Initializing', 'Running', 'Completed']);

    const reports = await bulkDeploymentReports(clients, started.bulkDeploymentId);
    assert.deepEqual(reports.map((r) => [r.groupId, r.status]), [['g-1', 'Success'], ['g-2', 'Failure']]);
    assert.equal(reports[1]?.errorMessage, 'The core is offline');
    assert.match(steps.join('\n'), /Creating a group version: bulk-a[\s\S]*Writing the input file: s3:\/\/[\s\S]*Starting the bulk deployment/);
  });

  it('a bulk deployment that fails ends the watch with the failure; without the server the endpoint says it is not supported', async () => {
    const failing = bulkServer(moto, ['Running', 'Failed']);
    await new Promise<void>((r) => failing.server.listen(0, '127.0.0.1', r));
    const c = createAwsClients({ endpoint: failing.url() });
    try {
      const o = await watchBulkDeployment(c, 'bulk-1', { timeoutMs: 5_000, backoff: { initialMs: 10, maxMs: 10, factor: 1 } });
      assert.equal(o.result, 'failure');
    } finally {
      c.dispose();
      await new Promise<void>((r) => failing.server.close(() => r()));
    }
    // Straight to moto: it does not implement bulk deployments, and the message says so.
    const direct = createAwsClients({}, { requestTimeoutMs: 60_000 });
    try {
      await assert.rejects(startBulkDeployment(direct, {
        groups: [{ groupId: 'g', groupVersionId: 'v' }], bucket, key: 'bulk/again.json', executionRoleArn: 'arn:aws:iam::123456789012:role/R',
      }), /Starting the bulk deployment is not supported by this endpoint \(it works against AWS itself\): StartBulkDeployment/);
    } finally {
      direct.dispose();
    }
  });

  it('refuses an execution role that is not a role ARN, before any call', async () => {
    await assert.rejects(startBulkDeployment(clients, { groups: [{ groupId: 'g', groupVersionId: 'v' }], bucket, key: 'k.json', executionRoleArn: 'GreengrassBulk' }),
      /must be an IAM role ARN \(arn:aws:iam::<account>:role\/<name>\): GreengrassBulk/);
  });
});
