// Model archives in the real VS Code: Show Contents opens the archive's listing (flagging a .tar.gz without a parent
// folder), Download… saves into the workspace only and asks before replacing a file, Copy S3 URI, and a training job
// whose model artifact is gone shows a warning row.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as tar from 'tar';
import * as vscode from 'vscode';
import type { Explorer } from '../../src/views/explorer';
import type { ExplorerNode } from '../../src/views/nodes/node';
import { child, children, demoAccount, eventually, explorerApi, item, label, labels, type DemoAccount } from './explorerSupport';

const BUCKET = 'greengrass-archive-checks';

/** `tar -czf model.tar.gz -C squeezenet .`: the files at the archive's root, the classic V1 mistake. */
async function flatTarGz(): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'ggml-flat-'));
  try {
    writeFileSync(join(dir, 'synset.txt'), 'n01440764 tench\n');
    writeFileSync(join(dir, 'squeezenet_v1.1-0000.params'), 'weights\n');
    const chunks: Buffer[] = [];
    for await (const c of tar.c({ gzip: true, cwd: dir, portable: true }, ['.'])) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Model archives in the explorer', function () {
  this.timeout(90_000);
  let explorer: Explorer;
  let demo: DemoAccount;
  let s3: S3Client;
  let flat: Buffer;
  let workspace: vscode.Uri;
  const run = Date.now().toString(36);
  const jobName = 'resnet50-finetune-2024-06-12';
  let artifact: { bucket: string; key: string; body: Uint8Array } | undefined;

  before(async () => {
    explorer = await explorerApi();
    demo = await demoAccount();
    const ws = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(ws, 'the tests run with a workspace folder');
    workspace = ws;
    s3 = new S3Client({ forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    flat = await flatTarGz();
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'flat/model.tar.gz', Body: flat }));
    await vscode.commands.executeCommand('workbench.view.extension.greengrassMl');
    await explorer.connection.whenSettled();
    explorer.provider.refresh();
  });

  after(async () => {
    if (artifact) await s3.send(new PutObjectCommand({ Bucket: artifact.bucket, Key: artifact.key, Body: artifact.body }));
    s3?.destroy();
    rmSync(join(workspace.fsPath, `models-${run}`), { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function archiveNode(bucket: string, key: string): Promise<ExplorerNode> {
    const sources = (await children(explorer))[1] as ExplorerNode;
    return child(explorer, await child(explorer, await child(explorer, sources, 'S3'), bucket), key);
  }

  it('shows an archive\'s entries with sizes, and flags a .tar.gz whose files have no parent folder', async () => {
    const flatNode = await archiveNode(BUCKET, 'flat/model.tar.gz');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('greengrassMl.explorer.showArchiveContents', flatNode);
    assert.ok(doc, 'a document opened');
    assert.equal(doc.uri.scheme, 'greengrass-ml-archive');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the listing is in the editor');
    const text = doc.getText();
    assert.match(text, /^s3:\/\/greengrass-archive-checks\/flat\/model\.tar\.gz\n/);
    assert.match(text, /WARNING {2}No parent folder: [^]*Upload Model/);
    assert.match(text, /16 B {2}\.\/synset\.txt/);
    assert.match(text, /total of 2 files/);

    const good = await vscode.commands.executeCommand<vscode.TextDocument>('greengrassMl.explorer.showArchiveContents', await archiveNode('greengrass-models-demo', 'squeezenet/model.tar.gz'));
    assert.match(good.getText(), /squeezenet\/synset\.txt/);
    assert.doesNotMatch(good.getText(), /WARNING/);
  });

  it('copies an archive\'s S3 URI', async () => {
    const node = await archiveNode(BUCKET, 'flat/model.tar.gz');
    assert.equal(await vscode.commands.executeCommand('greengrassMl.explorer.copyS3Uri', node), `s3://${BUCKET}/flat/model.tar.gz`);
    assert.equal(await vscode.env.clipboard.readText(), `s3://${BUCKET}/flat/model.tar.gz`);
  });

  it('shows which ML resources use an archive, and reveals the chosen one in its group', async () => {
    const node = await archiveNode('greengrass-models-demo', 'squeezenet/model.tar.gz');
    let settled = false;
    const pending = Promise.resolve(vscode.commands.executeCommand<{ users: { resourceName: string; groupName: string }[]; complete: boolean } | undefined>('greengrassMl.explorer.showUsedBy', node))
      .finally(() => { settled = true; });
    // The quick pick of the users opens once the groups are read: accept its first row (the only user) when it does.
    while (!settled) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 300));
    }
    const found = await pending;
    assert.ok(found, 'the command returns what it found');
    assert.equal(found.complete, true);
    assert.deepEqual(found.users.map((u) => `${u.groupName} / ${u.resourceName}`), ['camera-inference / squeezenet-model']);
    const selected = await eventually(() => explorer.view.selection[0], 'a selection in the explorer');
    assert.equal(label(explorer, selected), 'squeezenet-model', 'the chosen resource is revealed and selected in its group');
  });

  it('downloads into the workspace, asks before replacing a file, and refuses a place outside the workspace', async () => {
    const node = await archiveNode(BUCKET, 'flat/model.tar.gz');
    const target = vscode.Uri.joinPath(workspace, `models-${run}`, 'model.tar.gz');
    const saved = await vscode.commands.executeCommand<vscode.Uri>('greengrassMl.explorer.downloadArchive', node, target);
    assert.equal(saved?.fsPath, target.fsPath);
    assert.ok(readFileSync(target.fsPath).equals(flat), 'the file is the object, byte for byte');

    // An existing file: the modal question comes first (the test host refuses to show it; nothing is replaced).
    writeFileSync(target.fsPath, 'my edited model\n');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('greengrassMl.explorer.downloadArchive', node, target)),
      /Replace models-[a-z0-9]+\/model\.tar\.gz with the archive from S3\?/,
    );
    assert.equal(readFileSync(target.fsPath, 'utf8'), 'my edited model\n');

    const outsideDir = mkdtempSync(join(tmpdir(), 'ggml-outside-'));
    try {
      const outside = vscode.Uri.file(join(outsideDir, 'model.tar.gz'));
      assert.equal(await vscode.commands.executeCommand('greengrassMl.explorer.downloadArchive', node, outside), undefined);
      // Through a link in the workspace that leads out of it.
      mkdirSync(join(workspace.fsPath, `models-${run}`), { recursive: true });
      symlinkSync(outsideDir, join(workspace.fsPath, `models-${run}`, 'escape'));
      const viaLink = vscode.Uri.joinPath(workspace, `models-${run}`, 'escape', 'model.tar.gz');
      assert.equal(await vscode.commands.executeCommand('greengrassMl.explorer.downloadArchive', node, viaLink), undefined);
      assert.equal(existsSync(outside.fsPath), false, 'nothing was written outside the workspace');
    } finally {
      rmSync(outsideDir, { recursive: true, force: true });
    }
  });

  it('shows a warning row under a training job whose model artifact is missing', async () => {
    const arn = demo.trainingJobs[jobName];
    assert.ok(arn, `the demo account has ${jobName}`);
    const region = arn.split(':')[3];
    const bucket = `sagemaker-${region}-123456789012`;
    const key = `output/${jobName}/output/model.tar.gz`;
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    artifact = { bucket, key, body: await out.Body!.transformToByteArray() };
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));

    const sources = (await children(explorer))[1] as ExplorerNode;
    const jobs = await child(explorer, sources, 'SageMaker Training Jobs');
    jobs.reset();
    explorer.provider.refresh(jobs);
    await labels(explorer, jobs);
    const job = await eventually(async () => {
      const node = await child(explorer, jobs, jobName);
      return item(explorer, node).collapsibleState === vscode.TreeItemCollapsibleState.Expanded ? node : undefined;
    }, 'the job to show its artifact problem');
    assert.deepEqual(await labels(explorer, job), [`Model artifact missing: s3://${bucket}/${key}`]);
    const good = await child(explorer, jobs, 'defect-detector-v2');
    await eventually(() => /Completed/.test(String(item(explorer, good).description)), 'the other job described');
    assert.deepEqual(await labels(explorer, good), [], 'a job whose artifact is there has no warning row');
  });
});
