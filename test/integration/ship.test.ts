// The ship flow as commands in the real VS Code, against moto: upload the model, publish the function, deploy,
// redeploy, reset; lint errors block; the manifest's CodeLens offers Deploy.
import * as assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetAliasCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import { modifyJson } from '../../src/core/deploy';
import { planScaffold } from '../../src/core/scaffold';
import type { GroupNode } from '../../src/views/nodes/groups';
import { children, explorerApi } from './explorerSupport';

const EXTENSION_ID = 'greengrass-ml.greengrass-ml';
const run = Date.now().toString(36);
const bucket = `greengrass-ship-it-${run}`;
const functionName = `classifier-${run}`;

interface DeployResult { kind: string; groupId?: string; deploymentId?: string; outcome?: { result: string; status?: string }; message: string }

describe('ship commands in the real VS Code (against moto)', function () {
  this.timeout(90_000);
  let folder: string;
  let manifest: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'a workspace folder is open');
    folder = join(ws.uri.fsPath, `ship-${run}`);
    manifest = vscode.Uri.file(join(folder, 'greengrass-ml.json'));
    const files = new Map<string, string>();
    const plan = planScaffold({
      framework: 'mxnet', runtime: 'python3.8', platform: 'raspberry-pi', source: { kind: 's3', uri: `s3://${bucket}/squeezenet/model.tar.gz` },
      destinationPath: '/greengrass-machine-learning/mxnet/squeezenet', isolationMode: 'GreengrassContainer', lifecycle: 'pinned',
      functionName, topic: 'ml/squeezenet/results',
    }, { name: `ship-${run}`, readFile: (p) => files.get(p) });
    for (const f of plan.files) {
      await mkdir(dirname(join(folder, f.path)), { recursive: true });
      await writeFile(join(folder, f.path), f.content);
    }
    await mkdir(join(folder, 'model', 'squeezenet'), { recursive: true });
    await writeFile(join(folder, 'model', 'squeezenet', 'synset.txt'), 'n01440764 tench\n');
    await new S3Client({ forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: bucket }));
    const role = await new IAMClient({}).send(new CreateRoleCommand({
      RoleName: `ggml-it-${run}`,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }));
    const text = await readFile(manifest.fsPath, 'utf8');
    await writeFile(manifest.fsPath, modifyJson(text, [[['lambdaExecutionRoleArn'], role.Role?.Arn]]).text);
  });
  after(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('the manifest shows a "Deploy group" CodeLens', async () => {
    await vscode.window.showTextDocument(manifest);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', manifest);
    const deploy = lenses.find((l) => l.command?.command === 'greengrassMl.deploy');
    assert.ok(deploy, `lenses: ${lenses.map((l) => l.command?.title).join(', ')}`);
    assert.match(deploy.command?.title ?? '', /Deploy group/);
  });

  it('Upload Model packs the folder and uploads it to the resource\'s S3 URI', async () => {
    const r = await vscode.commands.executeCommand<{ s3Uri: string; bytes: number }>('greengrassMl.uploadModel', manifest, {
      folder: join(folder, 'model', 'squeezenet'), offerRedeploy: false,
    });
    assert.equal(r?.s3Uri, `s3://${bucket}/squeezenet/model.tar.gz`);
    const head = await new S3Client({ forcePathStyle: true }).send(new HeadObjectCommand({ Bucket: bucket, Key: 'squeezenet/model.tar.gz' }));
    assert.equal(head.ContentLength, r?.bytes);
  });

  it('Publish Function creates the Lambda function and alias and writes the alias ARN into the function definition', async () => {
    const r = await vscode.commands.executeCommand<{ aliasArn: string; version: string }>('greengrassMl.publishFunction', vscode.Uri.file(join(folder, 'functions', functionName, 'inference.py')));
    assert.ok(r, 'published');
    assert.match(r.aliasArn, new RegExp(`function:${functionName}:live$`));
    const alias = await new LambdaClient({}).send(new GetAliasCommand({ FunctionName: functionName, Name: 'live' }));
    assert.equal(alias.FunctionVersion, r.version);
    const def = JSON.parse(await readFile(join(folder, 'function-definition.json'), 'utf8'));
    assert.equal(def.InitialVersion.Functions[0].FunctionArn, r.aliasArn);
  });

  it('Deploy Group creates the deployment, watches it until the time limit and records the ids in the manifest', async () => {
    const r = await vscode.commands.executeCommand<DeployResult>('greengrassMl.deploy', manifest, { watchTimeoutSeconds: 2 });
    assert.equal(r?.kind, 'deployed', r?.message);
    assert.equal(r.outcome?.result, 'timeout');
    assert.equal(r.outcome?.status, 'InProgress');
    assert.match(r.message, /still InProgress after \d+ s; stopped watching \(it continues in the cloud\)\. To watch longer, raise the setting: greengrassMl\.deploy\.watchTimeoutSeconds/);
    const cloud = JSON.parse(await readFile(manifest.fsPath, 'utf8')).cloud;
    assert.equal(cloud.lastDeploymentId, r.deploymentId);
    assert.equal(cloud.groupId, r.groupId);
    for (const k of ['coreDefinitionId', 'functionDefinitionId', 'resourceDefinitionId', 'subscriptionDefinitionId', 'groupVersionId']) assert.ok(cloud[k], k);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === manifest.fsPath);
    assert.ok(!doc?.isDirty, 'the manifest edit is saved');
  });

  it('Redeploy Group records the new deployment; Force Reset resets the group\'s deployments', async () => {
    const before = JSON.parse(await readFile(manifest.fsPath, 'utf8')).cloud;
    const r = await vscode.commands.executeCommand<DeployResult>('greengrassMl.redeploy', manifest, { watch: false });
    assert.equal(r?.kind, 'deployed', r?.message);
    assert.notEqual(r.deploymentId, before.lastDeploymentId);
    assert.equal(JSON.parse(await readFile(manifest.fsPath, 'utf8')).cloud.lastDeploymentId, r.deploymentId);
    const reset = await vscode.commands.executeCommand<DeployResult>('greengrassMl.resetDeployments', { groupId: before.groupId }, { confirm: 'Force Reset' });
    assert.equal(reset?.kind, 'deployed', reset?.message);
    assert.match(reset.message, /^The deployments of .+ were reset \(forced\): [0-9a-f-]{36}$/);
  });

  it('after a redeploy the explorer reads only the deployed group again: its new deployment shows, the other groups keep what they loaded', async () => {
    const explorer = await explorerApi();
    const groupId = JSON.parse(await readFile(manifest.fsPath, 'utf8')).cloud.groupId as string;
    const groupsFolder = (await children(explorer))[0]!;
    const before = await children(explorer, groupsFolder);
    const deployedBefore = before.find((n) => (n as GroupNode).groupId === groupId);
    assert.ok(deployedBefore, 'the deployed group is listed');
    const others = before.filter((n) => n !== deployedBefore);
    const r = await vscode.commands.executeCommand<DeployResult>('greengrassMl.redeploy', manifest, { watch: false });
    assert.equal(r?.kind, 'deployed', r?.message);
    const after = await children(explorer, groupsFolder);
    assert.equal(after.find((n) => (n as GroupNode).groupId === groupId), deployedBefore, 'the deployed group keeps its node');
    assert.equal((deployedBefore as GroupNode).summary?.lastDeployment?.deploymentId, r.deploymentId, 'its description shows the new deployment');
    for (const o of others) assert.ok(after.includes(o), 'the other groups were not read again');
  });

  it('lint errors block Deploy and show in the Problems view', async () => {
    const resources = join(folder, 'resource-definition.json');
    const good = await readFile(resources, 'utf8');
    await writeFile(resources, good.replace(`s3://${bucket}/squeezenet/model.tar.gz`, 'https://example.com/model'));
    try {
      const before = await readFile(manifest.fsPath, 'utf8');
      const r = await vscode.commands.executeCommand<DeployResult>('greengrassMl.deploy', manifest, { watch: false });
      assert.equal(r?.kind, 'blocked');
      assert.match(r.message, /^Deploy stopped: \d+ lint errors? in resource-definition\.json/);
      assert.equal(await readFile(manifest.fsPath, 'utf8'), before, 'nothing deployed, nothing recorded');
      const diags = vscode.languages.getDiagnostics(vscode.Uri.file(resources));
      assert.ok(diags.some((d) => d.source === 'greengrass-ml' && String(typeof d.code === 'object' ? d.code.value : d.code) === 'GGML-ML001'),
        `diagnostics: ${diags.map((d) => `${d.source} ${String(typeof d.code === 'object' ? d.code.value : d.code)}`).join(', ')}`);
      // Every blocking diagnostic links to its rule's page, whoever shows it (the language server or the deploy).
      for (const d of diags.filter((x) => x.source === 'greengrass-ml')) {
        const code = String(typeof d.code === 'object' ? d.code.value : d.code);
        const target = typeof d.code === 'object' ? d.code.target.toString() : '';
        assert.ok(target.endsWith(`/docs/rules/${code}.md`), `${code} at line ${d.range.start.line + 1} has no rule link: ${target || 'none'}`);
      }
    } finally {
      await writeFile(resources, good);
    }
  });

  it('with live linting off, a blocked Deploy still shows each finding in the Problems view with its rule link', async () => {
    const resources = join(folder, 'resource-definition.json');
    const good = await readFile(resources, 'utf8');
    const lint = vscode.workspace.getConfiguration('greengrassMl.lint');
    // Edited in the editor (Deploy saves the group's open files first), as a user with live linting off would.
    const doc = await vscode.workspace.openTextDocument(resources);
    const setText = async (text: string) => {
      for (let attempt = 1; ; attempt++) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
        if (await vscode.workspace.applyEdit(edit)) return;
        // The document changed under the edit (Deploy saves the group's open files): edit its new version.
        assert.ok(attempt < 5, 'the editor refused the edit five times');
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    try {
      await lint.update('enable', false, vscode.ConfigurationTarget.Workspace);
      await setText(good.replace(`s3://${bucket}/squeezenet/model.tar.gz`, 'https://example.com/model'));
      const r = await vscode.commands.executeCommand<DeployResult>('greengrassMl.deploy', manifest, { watch: false });
      assert.equal(r?.kind, 'blocked', r?.message);
      const diags = vscode.languages.getDiagnostics(vscode.Uri.file(resources)).filter((d) => d.source === 'greengrass-ml');
      const ml001 = diags.find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'GGML-ML001');
      assert.ok(ml001, `diagnostics: ${diags.map((d) => d.message).join(' | ')}`);
      assert.equal(ml001.severity, vscode.DiagnosticSeverity.Error);
      const target = typeof ml001.code === 'object' ? ml001.code.target : undefined;
      assert.ok(target?.toString().endsWith('/docs/rules/GGML-ML001.md'), `rule link: ${target?.toString() ?? 'none'}`);
    } finally {
      // Live linting back on first, so that a failure here does not leave the later tests without diagnostics.
      await lint.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
      await setText(good);
      await doc.save();
    }
  });

  it('the lint gate follows the workspace\'s rule severities (it asks the language server)', async () => {
    const config = vscode.workspace.getConfiguration('greengrassMl.lint');
    await config.update('rules', { 'GGML-EOS001': 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      const before = await readFile(manifest.fsPath, 'utf8');
      const r = await vscode.commands.executeCommand<DeployResult>('greengrassMl.deploy', manifest, { watch: false });
      assert.equal(r?.kind, 'blocked', r?.message);
      assert.match(r.message, /^Deploy stopped: \d+ lint errors? in .*GGML-EOS001/);
      assert.equal(await readFile(manifest.fsPath, 'utf8'), before, 'nothing deployed, nothing recorded');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
