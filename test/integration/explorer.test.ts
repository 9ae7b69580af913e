import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Explorer } from '../../src/views/explorer';
import type { ExplorerNode } from '../../src/views/nodes/node';
import { child, children, demoAccount, eventually, explorerApi, item, label, labels, tooltip, type DemoAccount } from './explorerSupport';

const ENDPOINT_SETTING = 'greengrassMl.aws.endpoint';
const PAGE_SIZE_SETTING = 'greengrassMl.explorer.pageSize';

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('Explorer tree of the seeded account', function () {
  this.timeout(60_000);
  let explorer: Explorer;
  let demo: DemoAccount;

  before(async () => {
    explorer = await explorerApi();
    demo = await demoAccount();
    await vscode.commands.executeCommand('workbench.view.extension.greengrassMl');
    await explorer.connection.whenSettled();
    explorer.provider.refresh();
  });

  async function groupNode(id: string): Promise<ExplorerNode> {
    const roots = await children(explorer);
    const groups = roots[0] as ExplorerNode;
    const listed = await children(explorer, groups);
    const found = listed.find((n) => n.id.endsWith(`group:${id}`));
    assert.ok(found, `group ${id} is listed: ${listed.map((n) => `${label(explorer, n)} (${n.id})`).join(', ')}`);
    return found;
  }

  it('connects with the environment credentials and shows Groups and Model Sources', async () => {
    assert.equal(explorer.connection.state, 'ready', explorer.connection.problem);
    assert.deepEqual(await labels(explorer), ['Groups', 'Model Sources']);
    const groupNames = await labels(explorer, (await children(explorer))[0]);
    for (const g of Object.values(demo.groups)) assert.ok(groupNames.includes(g.name), `${g.name} in ${groupNames.join(', ')}`);
  });

  it('shows a group with its core, functions, resources, subscriptions, deployments and older versions', async () => {
    const camera = await groupNode(demo.groups.camera.id);
    assert.equal(label(explorer, camera), 'camera-inference');
    assert.match(tooltip(explorer, camera), new RegExp(demo.groups.camera.id));
    // The last deployment's status arrives shortly after the list.
    await eventually(() => /^(In progress|Building|Succeeded|Failed) · /.test(String(item(explorer, camera).description)), 'the group description to show the last deployment status');
    assert.deepEqual(await labels(explorer, camera), ['Core', 'Functions', 'Resources', 'Subscriptions', 'Deployments', 'Older Versions']);
    assert.equal(item(explorer, await child(explorer, camera, 'Core')).description, 'raspberrypi-camera-core');

    const functions = await child(explorer, camera, 'Functions');
    const mxnet = await child(explorer, functions, 'mxnet-squeezenet-inference:prod');
    assert.match(String(item(explorer, mxnet).description), /Container · 96 MB · pinned/);
    assert.match(tooltip(explorer, mxnet), /MXNET_ENGINE_TYPE/);
    const dlr = await child(explorer, functions, 'dlr-image-classifier:3');
    assert.match(String(item(explorer, dlr).description), /^No container · pinned/);
    assert.deepEqual(await labels(explorer, mxnet), ['squeezenet-model', 'raspberry-pi-vcsm', 'raspberry-pi-vchiq']);

    // A resource access policy links to the resource node of the same group version.
    const access = await child(explorer, mxnet, 'squeezenet-model');
    const revealed = (await vscode.commands.executeCommand('greengrassMl.explorer.revealResource', access)) as ExplorerNode;
    assert.equal(label(explorer, revealed), 'squeezenet-model');
    assert.equal(revealed.parent && label(explorer, revealed.parent), 'Resources');
    await eventually(() => explorer.view.selection[0] === revealed, () => `the resource to be selected (view visible: ${explorer.view.visible}, selection: ${explorer.view.selection.map((n) => n.id).join(', ')})`);

    const resources = await child(explorer, camera, 'Resources');
    const s3Model = await child(explorer, resources, 'squeezenet-model');
    assert.match(String(item(explorer, s3Model).contextValue), /^greengrassMl:mlResource/);
    assert.match(String(item(explorer, s3Model).description), /s3:\/\/greengrass-models-demo\/squeezenet\/model\.tar\.gz → \/greengrass-machine-learning\/mxnet\/squeezenet/);
    const neo = await child(explorer, resources, 'neo-squeezenet-model');
    assert.match(String(item(explorer, neo).description), /SageMaker squeezenet-neo-2024-05-01 → \/ml_model · owner 1000:ro/);
    assert.match(String(item(explorer, await child(explorer, resources, 'raspberry-pi-vcsm')).description), /device \/dev\/vcsm/);

    assert.equal((await children(explorer, await child(explorer, camera, 'Subscriptions'))).length, 3);

    const deployments = await children(explorer, await child(explorer, camera, 'Deployments'));
    assert.deepEqual(deployments.map((d) => d.id.split('deployment:')[1]), [...demo.groups.camera.deployments].reverse(), 'newest first');
    const icon = item(explorer, deployments[0] as ExplorerNode).iconPath as vscode.ThemeIcon;
    assert.match(icon.id, /sync~spin|pass|error/);

    const older = await children(explorer, await child(explorer, camera, 'Older Versions'));
    assert.ok(older.some((v) => v.id.endsWith(`version:${demo.groups.camera.firstVersionId}`)), 'the first version is listed');
    assert.ok(!older.some((v) => v.id.endsWith(`version:${demo.groups.camera.versionId}`)), 'the latest version is not repeated');
  });

  it('marks a function\'s access to a resource the group version lacks, and shows an empty group', async () => {
    const unicode = await groupNode(demo.groups.unicode.id);
    assert.equal(label(explorer, unicode), demo.groups.unicode.name);
    const fn = (await children(explorer, await child(explorer, unicode, 'Functions')))[0] as ExplorerNode;
    const missing = await child(explorer, fn, 'person-detector-model');
    assert.match(String(item(explorer, missing).description), /unknown resource id/);
    const empty = await groupNode(demo.groups.empty.id);
    const labelsOfEmpty = await labels(explorer, empty);
    assert.equal(labelsOfEmpty[0], 'No core', labelsOfEmpty.join(', '));
    assert.deepEqual(await labels(explorer, await child(explorer, empty, 'Deployments')), ['No deployments found']);
  });

  it('shows model sources: buckets, model archives with size and encryption, training jobs with their artifact', async () => {
    const sources = (await children(explorer))[1] as ExplorerNode;
    assert.deepEqual(await labels(explorer, sources), ['S3', 'SageMaker Training Jobs']);
    const s3 = await child(explorer, sources, 'S3');
    const bucket = await child(explorer, s3, 'greengrass-models-demo');
    assert.deepEqual((await labels(explorer, bucket)).sort(), ['resnet/model.zip', 'squeezenet/model.tar.gz'], 'only .tar.gz and .zip archives');
    const archive = await child(explorer, bucket, 'squeezenet/model.tar.gz');
    await eventually(() => /SSE-S3/.test(String(item(explorer, archive).description)), 'the archive encryption');
    assert.match(String(item(explorer, archive).description), /\d+(\.\d)? (B|KB)/);
    const kms = await child(explorer, await child(explorer, s3, 'ml-team-artifacts'), 'models/defects/model.tar.gz');
    await eventually(() => /SSE-KMS/.test(String(item(explorer, kms).description)), 'SSE-KMS from the bucket default');

    const jobs = await child(explorer, sources, 'SageMaker Training Jobs');
    const names = await labels(explorer, jobs);
    for (const name of Object.keys(demo.trainingJobs)) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    const job = await child(explorer, jobs, 'defect-detector-v2');
    await eventually(() => /Completed · model\.tar\.gz/.test(String(item(explorer, job).description)), 'the training job status and artifact');
    assert.match(tooltip(explorer, job), /output\/defect-detector-v2\/output\/model\.tar\.gz/);
  });

  it('reveals the model source of an S3 and of a SageMaker ML resource', async () => {
    const camera = await groupNode(demo.groups.camera.id);
    const resources = await child(explorer, camera, 'Resources');
    const archive = (await vscode.commands.executeCommand('greengrassMl.explorer.revealModelSource', await child(explorer, resources, 'squeezenet-model'))) as ExplorerNode;
    assert.ok(archive, 'a node was revealed');
    assert.equal(label(explorer, archive), 'squeezenet/model.tar.gz');
    assert.equal(label(explorer, archive.parent as ExplorerNode), 'greengrass-models-demo');
    await eventually(() => explorer.view.selection[0] === archive, 'the archive to be selected');
    const job = (await vscode.commands.executeCommand('greengrassMl.explorer.revealModelSource', await child(explorer, resources, 'neo-squeezenet-model'))) as ExplorerNode;
    assert.equal(label(explorer, job), 'squeezenet-neo-2024-05-01');
    await eventually(() => explorer.view.selection[0] === job, 'the training job to be selected');
  });

  it('filters lists by name or prefix and pages with "Load more…"', async () => {
    await vscode.workspace.getConfiguration().update(PAGE_SIZE_SETTING, 1, vscode.ConfigurationTarget.Global);
    try {
      explorer.provider.refresh();
      const jobs = (await children(explorer, (await children(explorer))[1]))[1] as ExplorerNode;
      let shown = await labels(explorer, jobs);
      assert.equal(shown.length, 2, shown.join(', '));
      assert.equal(shown[1], 'Load more…');
      const more = (await children(explorer, jobs))[1] as ExplorerNode;
      await vscode.commands.executeCommand('greengrassMl.explorer.loadMore', more);
      shown = await labels(explorer, jobs);
      assert.equal(shown.filter((l) => l !== 'Load more…').length, 2, shown.join(', '));

      await vscode.commands.executeCommand('greengrassMl.explorer.filter', jobs, 'defect');
      assert.equal(label(explorer, jobs), 'SageMaker Training Jobs (filter: defect)');
      assert.equal(item(explorer, jobs).contextValue, 'greengrassMl:folder.trainingJobs.filtered');
      const matching = await labels(explorer, jobs);
      assert.equal(matching[0], 'defect-detector-v2', matching.join(', '));
      assert.ok(matching.slice(1).every((l) => l === 'Load more…'), matching.join(', '));
      await vscode.commands.executeCommand('greengrassMl.explorer.clearFilter', jobs);
      assert.equal(label(explorer, jobs), 'SageMaker Training Jobs');
    } finally {
      await vscode.workspace.getConfiguration().update(PAGE_SIZE_SETTING, undefined, vscode.ConfigurationTarget.Global);
    }
    explorer.provider.refresh();
    const groups = (await children(explorer))[0] as ExplorerNode;
    await vscode.commands.executeCommand('greengrassMl.explorer.filter', groups, 'FACTORY');
    const filtered = await labels(explorer, groups);
    assert.ok(filtered.includes('factory-defects') && filtered.every((l) => /factory/i.test(l)), filtered.join(', '));
    assert.equal(label(explorer, groups), 'Groups (filter: FACTORY)');
    await vscode.commands.executeCommand('greengrassMl.explorer.filter', groups, 'no-group-has-this-name');
    assert.deepEqual(await labels(explorer, groups), ['No groups match the filter: no-group-has-this-name']);
    await vscode.commands.executeCommand('greengrassMl.explorer.clearFilter', groups);

    const bucket = await child(explorer, await child(explorer, (await children(explorer))[1], 'S3'), 'greengrass-models-demo');
    await vscode.commands.executeCommand('greengrassMl.explorer.filter', bucket, 'resnet/');
    assert.equal(label(explorer, bucket), 'greengrass-models-demo (prefix: resnet/)');
    assert.deepEqual(await labels(explorer, bucket), ['resnet/model.zip']);
    await vscode.commands.executeCommand('greengrassMl.explorer.clearFilter', bucket);
  });

  it('opens a definition version as read-only JSON', async () => {
    const camera = await groupNode(demo.groups.camera.id);
    const doc = (await vscode.commands.executeCommand('greengrassMl.explorer.openDefinitionVersion', camera, 'resource')) as vscode.TextDocument;
    assert.equal(doc.uri.scheme, 'greengrass-ml');
    assert.equal(doc.languageId, 'json');
    assert.match(doc.uri.path, /\.resource-definition\.json$/);
    const parsed = JSON.parse(doc.getText()) as unknown;
    assert.match(JSON.stringify(parsed), /S3MachineLearningModelResourceData/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('copies a group\'s ARN and id', async () => {
    const factory = await groupNode(demo.groups.factory.id);
    const id = await vscode.commands.executeCommand('greengrassMl.explorer.copyId', factory);
    assert.equal(id, demo.groups.factory.id);
    assert.equal(await vscode.env.clipboard.readText(), demo.groups.factory.id);
    const arn = await vscode.commands.executeCommand('greengrassMl.explorer.copyArn', factory);
    assert.match(String(arn), new RegExp(`^arn:aws:greengrass:.*${demo.groups.factory.id}`));
  });

  it('pulls a group into a workspace folder, and refuses a folder outside the workspace', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(workspace, 'the tests run with a workspace folder');
    const factory = await groupNode(demo.groups.factory.id);
    const target = vscode.Uri.joinPath(workspace, 'pulled', 'factory');
    const written = (await vscode.commands.executeCommand('greengrassMl.explorer.pullGroup', factory, target)) as vscode.Uri[];
    assert.ok(written?.length, 'files were written');
    const manifest = written.find((u) => u.path.endsWith('/greengrass-ml.json'));
    assert.ok(manifest, `a manifest among ${written.map((u) => u.path).join(', ')}`);
    assert.match(readFileSync(manifest.fsPath, 'utf8'), /factory-defects/);
    for (const u of written) assert.ok(u.fsPath.startsWith(target.fsPath), `${u.fsPath} inside ${target.fsPath}`);

    const outside = vscode.Uri.file(join(workspace.fsPath, '..', `outside-${Date.now()}`));
    const refused = await vscode.commands.executeCommand('greengrassMl.explorer.pullGroup', factory, outside);
    assert.equal(refused, undefined);
    assert.equal(existsSync(outside.fsPath), false, 'nothing was written outside the workspace');
    rmSync(join(workspace.fsPath, 'pulled'), { recursive: true, force: true });
  });
});

describe('Explorer connection', function () {
  this.timeout(60_000);
  let explorer: Explorer;

  before(async () => {
    explorer = await explorerApi();
    await demoAccount();
    await explorer.connection.whenSettled();
  });

  it('shows an error node within seconds when the endpoint does not answer, and recovers when it is restored', async () => {
    const port = await closedPort();
    const started = Date.now();
    await vscode.workspace.getConfiguration().update(ENDPOINT_SETTING, `http://127.0.0.1:${port}`, vscode.ConfigurationTarget.Global);
    try {
      await eventually(() => explorer.connection.current.settings.endpoint === `http://127.0.0.1:${port}`, 'the new connection');
      await explorer.connection.whenSettled();
      const groups = (await children(explorer))[0] as ExplorerNode;
      const kids = await children(explorer, groups);
      assert.equal(kids.length, 1);
      const error = kids[0] as ExplorerNode;
      assert.match(label(explorer, error), /^Failed to load groups: /);
      assert.equal(item(explorer, error).contextValue, 'greengrassMl:error');
      assert.equal(item(explorer, error).command?.command, 'greengrassMl.showLog');
      assert.ok(Date.now() - started < 15_000, `error node after ${Date.now() - started} ms`);
    } finally {
      await vscode.workspace.getConfiguration().update(ENDPOINT_SETTING, undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually(() => explorer.connection.current.settings.endpoint === undefined, 'the connection without the endpoint');
    await explorer.connection.whenSettled();
    const groups = (await children(explorer))[0] as ExplorerNode;
    assert.ok((await labels(explorer, groups)).includes('camera-inference'));
  });

  it('ignores an endpoint set in the workspace\'s settings, and keeps the one from the User settings', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(folder);
    const settingsFile = join(folder, '.vscode', 'settings.json');
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    const port = await closedPort();
    writeFileSync(settingsFile, JSON.stringify({ [ENDPOINT_SETTING]: `http://127.0.0.1:${port}` }));
    const userEndpoint = process.env['AWS_ENDPOINT_URL'];
    assert.ok(userEndpoint, 'the tests run against a local endpoint');
    await vscode.workspace.getConfiguration().update(ENDPOINT_SETTING, userEndpoint, vscode.ConfigurationTarget.Global);
    try {
      // Wait until VS Code has read the file (it reports the value, and must not apply it).
      await eventually(() => {
        const inspected = vscode.workspace.getConfiguration().inspect<string>(ENDPOINT_SETTING);
        return inspected?.workspaceValue !== undefined || vscode.workspace.getConfiguration().get(ENDPOINT_SETTING) === `http://127.0.0.1:${port}` || undefined;
      }, 'the workspace setting to be read', 5_000).catch(() => undefined);
      await explorer.connection.reconnect(true);
      assert.equal(explorer.connection.current.settings.endpoint, userEndpoint, 'the User value is used, the workspace value is not');
      const groups = (await children(explorer))[0] as ExplorerNode;
      assert.ok((await labels(explorer, groups)).includes('camera-inference'), 'the tree still lists the account');
    } finally {
      rmSync(join(folder, '.vscode'), { recursive: true, force: true });
      await vscode.workspace.getConfiguration().update(ENDPOINT_SETTING, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows the welcome state with the reason when the chosen profile does not exist, and leaves it on another choice', async () => {
    await explorer.connection.setProfile('greengrass-ml-no-such-profile');
    try {
      assert.equal(explorer.connection.state, 'none');
      assert.match(explorer.connection.problem ?? '', /greengrass-ml-no-such-profile/);
      assert.deepEqual(await children(explorer), [], 'an empty tree, so the welcome view shows');
      assert.ok(!explorer.view.message, 'no message, which would hide the welcome view');
      const refused = await vscode.commands.executeCommand('greengrassMl.explorer.pullGroup');
      assert.equal(refused, undefined, 'cloud commands refuse without a connection');
    } finally {
      await explorer.connection.setProfile(undefined);
    }
    assert.equal(explorer.connection.state, 'ready');
    assert.deepEqual(await labels(explorer), ['Groups', 'Model Sources']);
  });
});
