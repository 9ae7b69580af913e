// The Greengrass V2 ship commands in the real VS Code against the local endpoint: Publish Components from a
// migration folder, Deploy to Thing Group with the watch of each core device, a device that fails marked on
// deployment.json, Revise and Cancel from a V2 deployment node.
import * as assert from 'node:assert/strict';
import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import { zipOf } from '../support/zip';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';
const run = Date.now().toString(36);
const bucket = `greengrass-v2-it-${run}`;
const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'migration-publish');

interface PublishResult { kind: string; message: string; result?: { components: { name: string; version: string; state: string }[]; uploaded: { s3Uri: string }[] } }
interface DeployResult { kind: string; deploymentId?: string; targetArn?: string; outcome?: { result: string; devices: { device: string; status: string }[] }; message: string }

async function control(path: string, body: unknown): Promise<{ thingGroupArns?: string[] }> {
  const r = await fetch(`${process.env['AWS_ENDPOINT_URL'] ?? ''}/ggml-emu${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`The local endpoint refused ${path}: ${r.status} ${text}`);
  return JSON.parse(text) as { thingGroupArns?: string[] };
}

describe('Greengrass V2 publish → deploy → watch in the real VS Code (against the local endpoint)', function () {
  this.timeout(120_000);
  let folder: string;
  let cameras: string;
  let docks: string;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'a workspace folder is open');
    folder = join(ws.uri.fsPath, `migrated-${run}`);
    await cp(FIXTURE, folder, { recursive: true });
    await control('/settings', { stepSeconds: 0.2 });
    await new S3Client({ forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: bucket }));
    const role = await new IAMClient({}).send(new CreateRoleCommand({
      RoleName: `ggml-v2-it-${run}`,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }));
    const lambda = new LambdaClient({});
    for (const fn of ['image-classifier', 'person-counter', 'telemetry-uploader']) {
      await lambda.send(new CreateFunctionCommand({ FunctionName: fn, Runtime: 'python3.8', Handler: 'inference.function_handler', Role: role.Role!.Arn!, Publish: true, Code: { ZipFile: await zipOf({ 'inference.py': 'def function_handler(event, context):\n    return event\n' }) } }))
        .catch((e: Error) => { if (!/already exist/i.test(e.message)) throw e; });
    }
    cameras = (await control('/core-devices', { coreDeviceThingName: `camera-pi-${run}`, thingGroupNames: [`camera-fleet-${run}`] })).thingGroupArns![0]!;
    docks = (await control('/core-devices', { coreDeviceThingName: `dock-${run}-fail`, thingGroupNames: [`dock-fleet-${run}`] })).thingGroupArns![0]!;
  });
  after(async () => {
    await control('/settings', { stepSeconds: 1 }).catch(() => undefined);
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('Publish Components uploads the model archive and publishes every component version, DEPLOYABLE', async () => {
    const r = await vscode.commands.executeCommand<PublishResult>('greengrassMl.publishComponents', vscode.Uri.file(join(folder, 'migration.json')), { bucket, onConflict: 'bump' });
    assert.equal(r?.kind, 'published', r?.message);
    assert.equal(r.result?.components.length, 4);
    assert.ok(r.result?.components.every((c) => c.state === 'DEPLOYABLE'), JSON.stringify(r.result?.components));
    assert.deepEqual(r.result?.uploaded.map((u) => u.s3Uri), [`s3://${bucket}/squeezenet/squeezenet.zip`]);
    await new S3Client({ forcePathStyle: true }).send(new HeadObjectCommand({ Bucket: bucket, Key: 'squeezenet/squeezenet.zip' }));
    assert.match(r.message, /^Published 4 component version\(s\), all DEPLOYABLE \(1 model archive\(s\) uploaded to s3:\/\/greengrass-v2-it-/);
  });

  it('Deploy to Thing Group writes the chosen thing group into deployment.json and watches the core device to SUCCEEDED', async () => {
    const r = await vscode.commands.executeCommand<DeployResult>('greengrassMl.deployToThingGroup', vscode.Uri.file(join(folder, 'deployment.json')), { targetArn: cameras, watchTimeoutSeconds: 30 });
    assert.equal(r?.kind, 'deployed', r?.message);
    assert.equal(r.outcome?.result, 'success', r.message);
    assert.deepEqual(r.outcome?.devices.map((d) => [d.device, d.status]), [[`camera-pi-${run}`, 'SUCCEEDED']]);
    const written = JSON.parse(await readFile(join(folder, 'deployment.json'), 'utf8')) as { targetArn: string };
    assert.equal(written.targetArn, cameras);
    assert.match(r.message, /^The deployment of migrated-.* succeeded on the core device/);
  });

  it('a core device that fails the deployment: Failure, marked on deployment.json\'s target as an error diagnostic', async () => {
    const r = await vscode.commands.executeCommand<DeployResult>('greengrassMl.deployToThingGroup', vscode.Uri.file(folder), { targetArn: docks, watchTimeoutSeconds: 30 });
    assert.equal(r?.outcome?.result, 'failure', r?.message);
    const uri = vscode.Uri.file(join(folder, 'deployment.json'));
    const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'greengrass-ml' && d.code === 'deployment');
    assert.equal(diags.length, 1, vscode.languages.getDiagnostics(uri).map((d) => d.message).join(' | '));
    assert.equal(diags[0]?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diags[0]?.message ?? '', new RegExp(`^The deployment failed on core device dock-${run}-fail \\(a device error, no component named\\): DEPLOYMENT_FAILURE`));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.getText(diags[0]!.range), JSON.stringify(docks));
  });

  it('Revise (from a V2 deployment node) deploys a new revision to the same target; Cancel cancels an active one', async () => {
    const first = await vscode.commands.executeCommand<DeployResult>('greengrassMl.deployToThingGroup', vscode.Uri.file(folder), { targetArn: cameras, watch: false });
    assert.ok(first?.deploymentId, first?.message);
    const node = { deploymentId: first.deploymentId, targetArn: cameras, contextValue: 'v2Deployment:ACTIVE' };
    const revised = await vscode.commands.executeCommand<DeployResult>('greengrassMl.reviseDeployment', node, { source: 'same', watchTimeoutSeconds: 30 });
    assert.equal(revised?.outcome?.result, 'success', revised?.message);
    assert.notEqual(revised.deploymentId, first.deploymentId);
    assert.equal(revised.targetArn, cameras);
    await control('/settings', { stepSeconds: 30 });
    try {
      const slow = await vscode.commands.executeCommand<DeployResult>('greengrassMl.reviseDeployment', { deploymentId: revised.deploymentId, targetArn: cameras }, { source: 'same', watch: false });
      const canceled = await vscode.commands.executeCommand<{ kind: string; message: string }>('greengrassMl.cancelDeployment', { deploymentId: slow?.deploymentId, targetArn: cameras }, { confirm: true });
      assert.equal(canceled?.kind, 'canceled', canceled?.message);
      const again = await vscode.commands.executeCommand<{ kind: string; message: string }>('greengrassMl.cancelDeployment', { deploymentId: slow?.deploymentId }, { confirm: true });
      assert.equal(again?.kind, 'failed');
      assert.match(again?.message ?? '', /^Only an active deployment can be canceled; this one is CANCELED/);
    } finally {
      await control('/settings', { stepSeconds: 0.2 });
    }
  });
});
