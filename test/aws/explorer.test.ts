import * as assert from 'node:assert/strict';
import { createAwsClients, GreengrassExplorerService, loadGroupRows, ModelSourcesService } from '../../src/aws';
import type { AwsClients, FunctionInfo, GroupVersionDetails, Part, ResourceInfo } from '../../src/aws';
import { detectKind } from '../../src/core/lint';
import { MANIFEST_FILE_NAME } from '../../src/core/manifest';
import type { GroupManifest } from '../../src/core/manifest';
import { resetMoto, seedFreshDemo, type DemoAccount } from './seeded';

function items<T>(part: Part<T>): T[] {
  assert.equal(part.status, 'ok', `expected the part to load: ${JSON.stringify(part)}`);
  return part.status === 'ok' ? part.items : [];
}

describe('a seeded demo account', function () {
  this.timeout(60_000);
  let demo: DemoAccount;
  // One seeding for both suites; the endpoint is emptied again for the test files that follow.
  before(async () => {
    demo = await seedFreshDemo();
  });
  after(async () => {
    await resetMoto();
  });

  describe('the explorer service against a seeded account', function () {
    this.timeout(60_000);
    let clients: AwsClients;
    let gg: GreengrassExplorerService;

    before(() => {
      clients = createAwsClients({});
      gg = new GreengrassExplorerService(clients);
    });
    after(() => clients?.dispose());

    it('lists every seeded group with its latest version, including the unicode and the empty one', async () => {
      const page = await gg.listGroups();
      const byName = new Map(page.items.map((g) => [g.name, g]));
      for (const g of Object.values(demo.groups)) {
        assert.equal(byName.get(g.name)?.id, g.id, `missing group: ${g.name}`);
        assert.equal(byName.get(g.name)?.latestVersionId, g.versionId);
      }
      assert.equal(page.nextToken, undefined);
    });

    it('pages groups even when the endpoint ignores MaxResults, and filters by name', async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await gg.listGroups({ maxResults: 1, ...(token ? { nextToken: token } : {}) });
        assert.ok(page.items.length <= 1);
        seen.push(...page.items.map((g) => g.id));
        token = page.nextToken;
        pages++;
      } while (token && pages < 10);
      assert.deepEqual([...seen].sort(), Object.values(demo.groups).map((g) => g.id).sort());
      const filtered = await gg.listGroups({ nameContains: 'ÑANDÚ' });
      assert.deepEqual(filtered.items.map((g) => g.id), [demo.groups.unicode.id]);
    });

    it('builds the tree rows of the first page with name, version and id in the tooltip', async () => {
      const rows = await loadGroupRows(gg, { maxResults: 2 });
      assert.equal(rows.items.length, 2);
      assert.ok(rows.nextToken, 'a second page is offered');
      for (const row of rows.items) {
        assert.equal(row.contextValue, 'greengrassMl:group');
        assert.match(row.tooltip, new RegExp(row.id));
        assert.ok(row.label.length > 0);
      }
    });

    it('summarises a group with its newest deployment and status', async () => {
      const summary = await gg.getGroupSummary(demo.groups.camera.id);
      assert.equal(summary.group.name, 'camera-inference');
      assert.equal(summary.latestVersionId, demo.groups.camera.versionId);
      assert.equal(summary.lastDeployment?.deploymentId, demo.groups.camera.deployments[1]);
      assert.equal(summary.lastDeployment?.status, 'InProgress');
      const empty = await gg.getGroupSummary(demo.groups.empty.id);
      assert.equal(empty.lastDeployment, undefined);
    });

    it('expands the camera group into core, functions, resources and subscriptions', async () => {
      const d = await gg.getGroupVersionDetails(demo.groups.camera.id);
      assert.equal(d.versionId, demo.groups.camera.versionId);
      assert.deepEqual(items(d.cores).map((c) => c.id), ['raspberrypi-camera-core']);
      const fns = new Map(items(d.functions).map((f) => [f.id, f]));
      const mxnet = fns.get('mxnet-squeezenet-inference') as FunctionInfo;
      assert.equal(mxnet.isolationMode, 'GreengrassContainer');
      assert.equal(mxnet.pinned, true);
      assert.equal(mxnet.memorySizeKb, 98_304);
      assert.equal(mxnet.timeoutSeconds, 10);
      assert.equal(mxnet.environmentVariables['MXNET_ENGINE_TYPE'], 'NaiveEngine');
      assert.equal(mxnet.displayName, 'mxnet-squeezenet-inference:prod');
      assert.deepEqual(mxnet.resourceAccessPolicies.map((p) => [p.resourceId, p.permission, p.resolved]), [
        ['squeezenet-model', 'ro', true], ['rpi-vcsm', 'rw', true], ['rpi-vchiq', 'rw', true],
      ]);
      const dlr = fns.get('dlr-image-classifier') as FunctionInfo;
      assert.equal(dlr.isolationMode, 'NoContainer');
      assert.equal(dlr.isolationModeSource, 'function');
      assert.deepEqual(dlr.runAs, { uid: 1000, gid: 1000 });

      const res = new Map(items(d.resources).map((r) => [r.id, r]));
      const s3 = res.get('squeezenet-model') as ResourceInfo;
      assert.equal(s3.type, 'mlS3');
      assert.equal(s3.s3Uri, 's3://greengrass-models-demo/squeezenet/model.tar.gz');
      assert.equal(s3.destinationPath, '/greengrass-machine-learning/mxnet/squeezenet');
      assert.equal(s3.ownerSetting, undefined);
      assert.deepEqual(s3.usedBy, ['mxnet-squeezenet-inference']);
      const sm = res.get('neo-squeezenet-model') as ResourceInfo;
      assert.equal(sm.type, 'mlSageMaker');
      assert.match(sm.sageMakerJobArn ?? '', /training-job\/squeezenet-neo-2024-05-01$/);
      assert.deepEqual(sm.ownerSetting, { groupOwner: '1000', groupPermission: 'ro' });
      assert.equal(res.get('rpi-vcsm')?.sourcePath, '/dev/vcsm');
      assert.equal(res.get('rpi-vchiq')?.type, 'localDevice');
      assert.equal(items(d.subscriptions).length, 3);
      assert.equal(d.devices.status, 'absent');
      assert.deepEqual(d.unresolvedResourceIds, []);
    });

    it('names access policies whose resource id the group does not define', async () => {
      const d = await gg.getGroupVersionDetails(demo.groups.unicode.id);
      assert.deepEqual(d.unresolvedResourceIds, ['person-detector-model']);
      const f = items(d.functions)[0]!;
      assert.deepEqual(f.resourceAccessPolicies.map((p) => [p.resourceId, p.resolved]), [['person-detector-model', false], ['dock-camera', true]]);
      assert.equal(f.environmentVariables['STANDORT'], 'Nordlager – Rampe 4');
    });

    it('fetches definition versions concurrently with the same result as one after another', async () => {
      const strip = (d: GroupVersionDetails) => ({ ...d, elapsedMs: 0 });
      const concurrent = await gg.getGroupVersionDetails(demo.groups.factory.id);
      const sequential = await gg.getGroupVersionDetails(demo.groups.factory.id, undefined, { sequential: true });
      assert.deepEqual(strip(concurrent), strip(sequential));
      assert.equal(items(concurrent.devices)[0]?.id, 'line-3-plc');
      assert.equal(items(concurrent.resources).find((r) => r.id === 'image-spool')?.groupOwnerSetting?.groupOwner, 'video');
    });

    it('shows an empty group version as having no parts', async () => {
      const d = await gg.getGroupVersionDetails(demo.groups.empty.id);
      assert.equal(d.definitions.length, 0);
      assert.equal(d.functions.status, 'absent');
      assert.equal(d.resources.status, 'absent');
    });

    it('lists deployments newest first with their status, and group versions newest first', async () => {
      const deployments = await gg.listDeployments(demo.groups.camera.id);
      assert.deepEqual(deployments.items.map((d) => d.deploymentId), [...demo.groups.camera.deployments].reverse());
      assert.deepEqual(deployments.items.map((d) => d.groupVersionId), [demo.groups.camera.versionId, demo.groups.camera.firstVersionId]);
      assert.ok(deployments.items.every((d) => d.status === 'InProgress' && d.createdAt));
      const versions = await gg.listGroupVersions(demo.groups.camera.id);
      assert.deepEqual(versions.items.map((v) => v.versionId), [demo.groups.camera.versionId, demo.groups.camera.firstVersionId]);
    });

    it('opens a definition version as the raw get-*-definition-version JSON', async () => {
      const f = demo.groups.camera.definitions['function']!;
      const doc = await gg.getDefinitionVersionJson('function', f.definitionId, f.versionId);
      const parsed = JSON.parse(doc.text) as { Definition: { Functions: { Id: string }[] }; Id: string; $metadata?: unknown };
      assert.equal(parsed.Id, f.definitionId);
      assert.equal(parsed.$metadata, undefined, 'no SDK metadata in the document');
      assert.deepEqual(parsed.Definition.Functions.map((x) => x.Id), ['mxnet-squeezenet-inference', 'dlr-image-classifier']);
      assert.match(doc.fileName, /^function-definition-.+\.json$/);
    });

    it('reads a group from the cloud as the Group model, each item located in the document the explorer opens', async () => {
      const f = demo.groups.camera.definitions['function']!;
      const model = await gg.getGroupModel(demo.groups.camera.id);
      assert.equal(model.name, 'camera-inference');
      const functions = model.definitions.function;
      assert.equal(functions?.definitionId, f.definitionId);
      assert.equal(functions?.versionId, f.versionId);
      assert.deepEqual(functions?.items.map((i) => i.id?.value), ['mxnet-squeezenet-inference', 'dlr-image-classifier']);
      const doc = await gg.getDefinitionVersionJson('function', f.definitionId, f.versionId);
      for (const item of functions?.items ?? []) {
        assert.equal(item.at.file, doc.fileName);
        const arn = item.fields['FunctionArn']!;
        assert.equal(doc.text.slice(arn.at.offset, arn.at.offset + arn.at.length), JSON.stringify(arn.value));
        assert.equal((JSON.parse(doc.text.slice(item.at.offset, item.at.offset + item.at.length)) as { Id: string }).Id, item.id?.value);
      }
      assert.ok(model.definitions.core && model.definitions.resource, 'every definition of the version is read');
    });

    it('pulls a group as a manifest plus CLI create-*-definition-version inputs the linter recognises', async () => {
      const files = await gg.pullGroup(demo.groups.factory.id);
      const byName = new Map(files.map((f) => [f.fileName, JSON.parse(f.text) as Record<string, unknown>]));
      assert.deepEqual([...byName.keys()].sort(), [
        'core-definition.json', 'device-definition.json', 'function-definition.json', MANIFEST_FILE_NAME, 'resource-definition.json', 'subscription-definition.json',
      ]);
      const manifest = byName.get(MANIFEST_FILE_NAME) as unknown as GroupManifest;
      assert.equal(manifest.name, 'factory-defects');
      assert.equal(manifest.region, 'us-east-1');
      assert.deepEqual(manifest.definitions, {
        core: 'core-definition.json', functions: 'function-definition.json', resources: 'resource-definition.json',
        subscriptions: 'subscription-definition.json', devices: 'device-definition.json',
      });
      assert.equal(manifest.cloud?.groupId, demo.groups.factory.id);
      assert.equal(manifest.cloud?.groupVersionId, demo.groups.factory.versionId);
      assert.equal(manifest.cloud?.resourceDefinitionId, demo.groups.factory.definitions['resource']!.definitionId);
      const functions = byName.get('function-definition.json')!;
      assert.equal(functions['FunctionDefinitionId'], demo.groups.factory.definitions['function']!.definitionId);
      assert.equal((functions['Functions'] as unknown[]).length, 1);
      assert.equal((byName.get('resource-definition.json')!['Resources'] as unknown[]).length, 3);
      for (const f of files) assert.ok(f.text.endsWith('\n') && f.text.includes('\n  '), `pretty JSON: ${f.fileName}`);

      const kinds = Object.fromEntries(files.map((f) => [f.fileName, detectKind(`/pulled/factory-defects/${f.fileName}`, f.text)]));
      assert.equal(kinds[MANIFEST_FILE_NAME], 'manifest');
      assert.equal(kinds['function-definition.json'], 'functionDefinition');
      assert.equal(kinds['resource-definition.json'], 'resourceDefinition');
      assert.equal(kinds['core-definition.json'], 'coreDefinition');
      assert.equal(kinds['subscription-definition.json'], 'subscriptionDefinition');
    });

    it('reads a definition version in the shape Pull Group writes it, for comparing with a workspace file', async () => {
      const files = await gg.pullGroup(demo.groups.factory.id);
      const pulled = files.find((f) => f.fileName === 'function-definition.json')?.text;
      const ref = demo.groups.factory.definitions['function']!;
      assert.equal(await gg.getDefinitionVersionFileText('function', ref.definitionId, ref.versionId), pulled);
    });

    it('pulls an empty group as a manifest alone', async () => {
      const files = await gg.pullGroup(demo.groups.empty.id);
      assert.deepEqual(files.map((f) => f.fileName), [MANIFEST_FILE_NAME]);
    });
  });

  describe('model sources against a seeded account', function () {
    this.timeout(60_000);
    let clients: AwsClients;
    let sources: ModelSourcesService;

    before(() => {
      clients = createAwsClients({});
      sources = new ModelSourcesService(clients);
    });
    after(() => clients?.dispose());

    it('lists buckets, including one whose name lacks "greengrass"', async () => {
      const names = (await sources.listBuckets()).map((b) => b.name);
      assert.deepEqual(names, [...demo.buckets].sort());
      assert.ok(names.includes('ml-team-artifacts'));
    });

    it('lists only model archives, with size and last change', async () => {
      const page = await sources.listModelArchives('greengrass-models-demo');
      assert.deepEqual(page.items.map((a) => a.key), ['resnet/model.zip', 'squeezenet/model.tar.gz']);
      assert.deepEqual(page.items.map((a) => a.format), ['zip', 'tar.gz']);
      assert.ok(page.items.every((a) => (a.size ?? 0) > 0 && a.lastModified));
      assert.equal(page.items[1]!.uri, 's3://greengrass-models-demo/squeezenet/model.tar.gz');
    });

    it('pages archives with S3 continuation tokens and filters by prefix', async () => {
      const keys: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await sources.listModelArchives('greengrass-models-demo', { maxKeys: 1, ...(token ? { continuationToken: token } : {}) });
        assert.ok(page.items.length <= 1);
        keys.push(...page.items.map((a) => a.key));
        token = page.nextToken;
        pages++;
      } while (token && pages < 10);
      assert.deepEqual(keys, ['resnet/model.zip', 'squeezenet/model.tar.gz']);
      assert.ok(pages >= 2, 'more than one page was read');
      const squeeze = await sources.listModelArchives('greengrass-models-demo', { prefix: 'squeezenet/' });
      assert.deepEqual(squeeze.items.map((a) => a.key), ['squeezenet/model.tar.gz']);
    });

    it('describes archive encryption from the object, the bucket default, or none', async () => {
      const sse = await sources.describeArchive('greengrass-models-demo', 'squeezenet/model.tar.gz');
      assert.equal(sse.encryption, 'SSE-S3');
      assert.equal(sse.encryptionSource, 'object');
      assert.ok((sse.size ?? 0) > 0);
      const kms = await sources.describeArchive('ml-team-artifacts', 'models/defects/model.tar.gz');
      assert.equal(kms.encryption, 'SSE-KMS');
      const zip = await sources.describeArchive('greengrass-models-demo', 'resnet/model.zip');
      assert.ok(zip.encryption === 'none' || zip.encryption === 'SSE-S3', `unexpected: ${zip.encryption}`);
    });

    it('lists training jobs with their status, paging one at a time', async () => {
      const names: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await sources.listTrainingJobs({ maxResults: 1, ...(token ? { nextToken: token } : {}) });
        assert.ok(page.items.length <= 1);
        for (const j of page.items) assert.equal(j.status, 'Completed');
        names.push(...page.items.map((j) => j.name));
        token = page.nextToken;
        pages++;
      } while (token && pages < 10);
      assert.deepEqual([...names].sort(), Object.keys(demo.trainingJobs).sort());
      const filtered = await sources.listTrainingJobs({ nameContains: 'defect' });
      assert.deepEqual(filtered.items.map((j) => j.name), ['defect-detector-v2']);
    });

    it('describes a training job by name or ARN with its model artifact', async () => {
      const arn = demo.trainingJobs['squeezenet-neo-2024-05-01']!;
      const job = await sources.describeTrainingJob(arn);
      assert.equal(job.name, 'squeezenet-neo-2024-05-01');
      assert.equal(job.status, 'Completed');
      assert.equal(job.region, 'us-east-1');
      assert.equal(job.modelArtifactUri, `s3://${demo.sagemakerBucket}/output/squeezenet-neo-2024-05-01/output/model.tar.gz`);
    });
  });
});
