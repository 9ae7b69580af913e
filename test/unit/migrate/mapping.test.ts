// Each V1 → V2 mapping of the migration plan, on groups written the way users write them.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeHandler, AWS_COMPONENTS, prepareMigration, THING_GROUP_PLACEHOLDER, versionQueries } from '../../../src/core/migrate';
import { CORE, deploymentOf, groupOf, lambdaOf, mergeOf, plan, root, validate } from './support';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:classifier';
const MODEL = {
  Id: 'model', Name: 'model',
  ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: 's3://my-greengrass-models/squeezenet.tar.gz', DestinationPath: '/ml/squeezenet' } },
};

function fn(config: Record<string, unknown> = {}, arn = `${ARN}:7`, id = 'classifier'): Record<string, unknown> {
  return { Id: id, FunctionArn: arn, FunctionConfiguration: config };
}

describe('migration: functions', () => {
  it('imports a function version with every setting carried over and pinned written explicitly', () => {
    const p = plan(groupOf({
      core: [CORE],
      function: [fn({ Pinned: false, Timeout: 25, MemorySize: 131072, EncodingType: 'binary', ExecArgs: '-u -W ignore', Environment: { Variables: { MXNET_ENGINE_TYPE: 'NaiveEngine' }, AccessSysfs: true } })],
    }));
    const l = lambdaOf(p, 'classifier');
    assert.equal(l.lambdaArn, `${ARN}:7`);
    assert.equal(l.componentVersion, '7.0.0');
    const params = l.componentLambdaParameters;
    assert.equal(params.pinned, false);
    assert.equal(params.timeoutInSeconds, 25);
    assert.equal(params.inputPayloadEncodingType, 'binary');
    assert.deepEqual(params.execArgs, ['-u', '-W', 'ignore']);
    assert.deepEqual(params.environmentVariables, { MXNET_ENGINE_TYPE: 'NaiveEngine' });
    assert.deepEqual(params.linuxProcessParams, { isolationMode: 'GreengrassContainer', containerParams: { memorySizeInKB: 131072, mountROSysfs: true } });
    assert.equal(deploymentOf(p).components['classifier']?.componentVersion, '7.0.0');
  });

  it('writes pinned false and the V1 timeout when the function left them to their defaults', () => {
    const params = lambdaOf(plan(groupOf({ function: [fn()] })), 'classifier').componentLambdaParameters;
    assert.equal(params.pinned, false);
    assert.equal(params.timeoutInSeconds, 3);
  });

  it('reports an alias as a blocker, and names the version when a source resolved it', () => {
    const aliased = plan(groupOf({ function: [fn({}, `${ARN}:prod`)] }));
    const blocker = aliased.elements.find((e) => e.blocker && e.v1 === 'FunctionArn of classifier');
    assert.ok(blocker, 'the alias is a blocker');
    assert.match(blocker.detail, /alias prod/);
    assert.ok(aliased.elements.indexOf(blocker) < aliased.elements.findIndex((e) => !e.blocker), 'blockers come first');
    const resolved = plan(groupOf({ function: [fn({}, `${ARN}:prod`)] }), {}, { classifier: { version: '12' } });
    assert.equal(lambdaOf(resolved, 'classifier').lambdaArn, `${ARN}:12`);
    assert.equal(lambdaOf(resolved, 'classifier').componentVersion, '12.0.0');
    assert.equal(resolved.elements.some((e) => e.blocker && e.v1.startsWith('FunctionArn')), false);
  });

  it('asks the endpoint for aliases, $LATEST and SAM\'s published version only, and takes the account it gives', async () => {
    const g = groupOf({ function: [fn({}, `${ARN}:prod`), fn({}, `${ARN}-b:$LATEST`, 'b'), fn({}, `${ARN}-c`, 'c'), fn({}, `${ARN}-d:4`, 'd')] });
    assert.deepEqual(versionQueries({ group: g, source: { kind: 'group-folder', path: '..', group: 'pi-group' } }), [
      { id: 'classifier', functionName: 'classifier', qualifier: 'prod' },
      { id: 'b', functionName: 'classifier-b', qualifier: '$LATEST' },
      { id: 'c', functionName: 'classifier-c', qualifier: '$LATEST' },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'ggml-sam-'));
    try {
      cpSync(join(root, 'test', 'fixtures', 'templates', 'sam-inference.yaml'), join(dir, 'template.yaml'));
      const offline = await prepareMigration(join(dir, 'template.yaml'), { root: dir });
      const [query] = versionQueries(offline.loaded.input);
      assert.equal(query?.qualifier, 'live', 'SAM\'s !Ref F.Version is the version behind AutoPublishAlias');
      const arn = `arn:aws:lambda:us-east-1:210987654321:function:${query!.functionName}:5`;
      const online = await prepareMigration(join(dir, 'template.yaml'), { root: dir, functionVersions: new Map([[query!.id, { version: '5', arn, how: 'alias live → 5' }]]) });
      const request = online.plan.files.find((f) => f.path.startsWith('components/'))!.json as { lambdaFunction: { lambdaArn: string; componentVersion: string } };
      assert.equal(request.lambdaFunction.lambdaArn, arn, 'the account the template leaves out comes from the endpoint');
      assert.equal(request.lambdaFunction.componentVersion, '5.0.0');
      assert.equal(online.plan.elements.some((e) => e.blocker && /FunctionArn|account of/.test(e.v1)), false);
      assert.match(online.report, /resolved from the endpoint: alias live → 5/);
      assert.ok(offline.plan.elements.some((e) => e.blocker && e.v1.startsWith('account of')), 'offline, the account is a blocker');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the isolation mode and RunAs from DefaultConfig unless the function sets its own', () => {
    const p = plan(groupOf({
      function: [fn({ MemorySize: 65536, Environment: { Execution: { RunAs: { Uid: 1001, Gid: 1002 } } } }), fn({ Environment: { Execution: { IsolationMode: 'GreengrassContainer' } } }, `${ARN}-two:1`, 'two')],
    }, { Execution: { IsolationMode: 'NoContainer', RunAs: { Uid: 0, Gid: 0 } } }));
    const one = lambdaOf(p, 'classifier').componentLambdaParameters;
    assert.deepEqual(one.linuxProcessParams, { isolationMode: 'NoContainer' }, 'no container parameters for NoContainer');
    assert.equal(lambdaOf(p, 'classifier-two').componentLambdaParameters.linuxProcessParams.isolationMode, 'GreengrassContainer');
    assert.equal(deploymentOf(p).components['classifier']?.runWith?.posixUser, '1001:1002');
    assert.deepEqual(mergeOf(p, AWS_COMPONENTS.nucleus.name).runWithDefault, { posixUser: '0:0' });
  });

  it('reports a C/C++ executable as having no Lambda component', () => {
    const p = plan(groupOf({ function: [fn({ Executable: 'classifier' })] }), {}, { classifier: { runtime: 'executable' } });
    assert.equal(p.files.some((f) => f.path.startsWith('components/')), false);
    assert.ok(p.elements.some((e) => e.blocker && e.status === 'no equivalent' && e.v1 === 'function classifier'));
  });
});

describe('migration: resources', () => {
  it('turns an S3 model into a model component with a ZIP artifact mounted at the V1 destination', () => {
    const p = plan(groupOf({ resource: [MODEL], function: [fn({ Environment: { ResourceAccessPolicies: [{ ResourceId: 'model', Permission: 'ro' }] } })] }), { localArchives: new Map([['s3://my-greengrass-models/squeezenet.tar.gz', '../models/squeezenet.tar.gz']]) });
    const recipe = p.files.find((f) => f.path === 'recipes/pi-group.models.model-1.0.0.json')?.json as { Manifests: { Artifacts: { Uri: string; Unarchive: string }[] }[] };
    assert.deepEqual(recipe.Manifests[0]?.Artifacts.map((a) => [a.Uri, a.Unarchive]), [['s3://my-greengrass-models/squeezenet.zip', 'ZIP']]);
    assert.deepEqual(p.repacks, [{ source: '../models/squeezenet.tar.gz', target: 'artifacts/squeezenet.zip', s3Uri: 's3://my-greengrass-models/squeezenet.zip' }]);
    const l = lambdaOf(p, 'classifier');
    assert.deepEqual(l.componentDependencies['pi-group.models.model'], { versionRequirement: '>=1.0.0 <2.0.0', dependencyType: 'HARD' });
    assert.deepEqual(l.componentLambdaParameters.linuxProcessParams.containerParams.volumes, [{
      sourcePath: '/greengrass/v2/packages/artifacts-unarchived/pi-group.models.model/1.0.0/squeezenet', destinationPath: '/ml/squeezenet', permission: 'ro', addGroupOwner: false,
    }]);
    const model = p.record.components.find((c) => c.kind === 'model');
    assert.deepEqual(model?.model, { s3Uri: 's3://my-greengrass-models/squeezenet.zip', localArchive: 'artifacts/squeezenet.zip', destinationPath: '/ml/squeezenet' });
    assert.equal(p.record.artifactsBucket, 'my-greengrass-models');
    assert.equal(p.elements.some((e) => e.blocker), false, 'a repacked archive is no blocker');
  });

  it('reports a .tar.gz that is not at hand as a blocker, and links the model for NoContainer functions', () => {
    const p = plan(groupOf({ resource: [MODEL], function: [fn({ Environment: { Execution: { IsolationMode: 'NoContainer' }, ResourceAccessPolicies: [{ ResourceId: 'model' }] } })] }));
    assert.ok(p.elements.some((e) => e.blocker && e.v1 === 'ML resource model' && /not in the workspace/.test(e.detail)));
    const recipe = p.files.find((f) => f.path.startsWith('recipes/'))?.json as { Manifests: { Lifecycle?: { Install: { Script: string } } }[] };
    assert.match(recipe.Manifests[0]?.Lifecycle?.Install.Script ?? '', /ln -sfn '\{artifacts:decompressedPath\}\/squeezenet' '\/ml\/squeezenet'/);
  });

  it('uses the training job artifact of a SageMaker model when the endpoint gave it, and reports it otherwise', () => {
    const job = 'arn:aws:sagemaker:us-east-1:123456789012:training-job/retrain-1';
    const sm = { Id: 'retrained', Name: 'retrained', ResourceDataContainer: { SageMakerMachineLearningModelResourceData: { SageMakerJobArn: job, DestinationPath: '/ml/retrained' } } };
    const users = [fn({ Environment: { ResourceAccessPolicies: [{ ResourceId: 'retrained', Permission: 'ro' }] } })];
    const missing = plan(groupOf({ resource: [sm], function: users }));
    assert.ok(missing.elements.some((e) => e.blocker && e.v1 === 'ML resource retrained' && e.status === 'no equivalent'));
    assert.equal(missing.record.components.some((c) => c.kind === 'model'), false);
    const found = plan(groupOf({ resource: [sm], function: users }), { trainingArtifacts: new Map([[job, 's3://sagemaker-out/retrain-1/output/model.tar.gz']]) });
    assert.equal(found.record.components.find((c) => c.kind === 'model')?.model?.s3Uri, 's3://sagemaker-out/retrain-1/output/model.zip');
  });

  it('gives devices and volumes to containerized functions, and secrets to the secret manager', () => {
    const p = plan(groupOf({
      resource: [
        { Id: 'cam', Name: 'cam', ResourceDataContainer: { LocalDeviceResourceData: { SourcePath: '/dev/video0', GroupOwnerSetting: { AutoAddGroupOwner: true } } } },
        { Id: 'shm', Name: 'shm', ResourceDataContainer: { LocalVolumeResourceData: { SourcePath: '/dev/shm', DestinationPath: '/dev/shm', GroupOwnerSetting: { AutoAddGroupOwner: false } } } },
        { Id: 'key', Name: 'key', ResourceDataContainer: { SecretsManagerSecretResourceData: { ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-AbCdEf', AdditionalStagingLabelsToDownload: ['next'] } } },
      ],
      function: [fn({ Environment: { ResourceAccessPolicies: [{ ResourceId: 'cam', Permission: 'rw' }, { ResourceId: 'shm', Permission: 'rw' }, { ResourceId: 'key' }] } })],
    }));
    const container = lambdaOf(p, 'classifier').componentLambdaParameters.linuxProcessParams.containerParams;
    assert.deepEqual(container.devices, [{ path: '/dev/video0', permission: 'rw', addGroupOwner: true }]);
    assert.deepEqual(container.volumes, [{ sourcePath: '/dev/shm', destinationPath: '/dev/shm', permission: 'rw', addGroupOwner: false }]);
    assert.deepEqual(mergeOf(p, AWS_COMPONENTS.secrets.name), { cloudSecrets: [{ arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-AbCdEf', labels: ['next'] }] });
  });
});

describe('migration: subscriptions, devices, loggers, connectors', () => {
  const fnArn = `${ARN}:7`;
  const other = 'arn:aws:lambda:us-east-1:123456789012:function:aggregator:2';
  const device = 'arn:aws:iot:us-east-1:123456789012:thing/sensor-1';

  it('routes function → cloud and function → function through the router in its documented form, cloud → function as an event source', () => {
    const p = plan(groupOf({
      function: [fn({}, fnArn), fn({}, other, 'aggregator')],
      subscription: [
        { Id: 'to-cloud', Source: fnArn, Subject: 'ml/results', Target: 'cloud' },
        { Id: 'to-aggregator', Source: fnArn, Subject: 'ml/frames', Target: other },
        { Id: 'trigger', Source: 'cloud', Subject: 'ml/trigger/#', Target: fnArn },
      ],
    }));
    assert.deepEqual(mergeOf(p, AWS_COMPONENTS.router.name), { subscriptions: {
      'to-cloud': { id: 'to-cloud', source: 'component:classifier', subject: 'ml/results', target: 'cloud' },
      'to-aggregator': { id: 'to-aggregator', source: 'component:classifier', subject: 'ml/frames', target: 'component:aggregator' },
    } });
    assert.deepEqual(lambdaOf(p, 'classifier').componentLambdaParameters.eventSources, [{ topic: 'ml/trigger/#', type: 'IOT_CORE' }]);
    assert.ok(lambdaOf(p, 'classifier').componentDependencies[AWS_COMPONENTS.router.name]);
    assert.equal(lambdaOf(p, 'aggregator').componentDependencies, undefined, 'a function that publishes nothing needs no router');
  });

  it('writes no router when the handler never calls publish()', () => {
    const group = groupOf({ function: [fn({}, fnArn)], subscription: [{ Id: 'to-cloud', Source: fnArn, Subject: 'ml/results', Target: 'cloud' }] });
    const p = plan(group, {}, { classifier: { handler: { path: 'classifier/inference.py', text: 'def function_handler(event, context):\n    return {"ok": True}\n' } } });
    assert.equal(deploymentOf(p).components[AWS_COMPONENTS.router.name], undefined);
  });

  it('bridges device subscriptions, and reports publishing to devices and the shadow service as code changes', () => {
    const p = plan(groupOf({
      function: [fn({}, fnArn)],
      device: [{ Id: 'sensor-1', ThingArn: device, CertificateArn: 'arn:aws:iot:us-east-1:123456789012:cert/def', SyncShadow: false }],
      subscription: [
        { Id: 'from-sensor', Source: device, Subject: 'sensors/temp', Target: fnArn },
        { Id: 'to-sensor', Source: fnArn, Subject: 'sensors/cmd', Target: device },
        { Id: 'shadow', Source: fnArn, Subject: '$aws/things/pi_Core/shadow/update', Target: 'GGShadowService' },
      ],
    }));
    assert.deepEqual(mergeOf(p, AWS_COMPONENTS.bridge.name), { mqttTopicMapping: {
      'from-sensor': { topic: 'sensors/temp', source: 'LocalMqtt', target: 'Pubsub' },
      'to-sensor': { topic: 'sensors/cmd', source: 'Pubsub', target: 'LocalMqtt' },
    } });
    assert.deepEqual(lambdaOf(p, 'classifier').componentLambdaParameters.eventSources, [{ topic: 'sensors/temp', type: 'PUB_SUB' }]);
    const blockers = p.elements.filter((e) => e.blocker).map((e) => [e.kind, e.status, e.v1.split(' (')[0]]);
    assert.deepEqual(blockers, [['subscription', 'needs a code change', 'subscription to-sensor'], ['subscription', 'needs a code change', 'subscription shadow']]);
    assert.ok(p.elements.some((e) => e.kind === 'device' && /BatchAssociateClientDeviceWithCoreDevice/.test(e.detail)));
  });

  it('maps file loggers to the nucleus logging, CloudWatch loggers to the log manager, and reports the ML connectors', () => {
    const p = plan(groupOf({
      function: [fn()],
      logger: [
        { Id: 'system', Component: 'GreengrassSystem', Level: 'WARN', Type: 'FileSystem', Space: 25600 },
        { Id: 'cloud', Component: 'Lambda', Level: 'INFO', Type: 'AWSCloudWatch' },
      ],
      connector: [
        { Id: 'classify', ConnectorArn: 'arn:aws:greengrass:us-east-1::/connectors/ImageClassificationARMv7/versions/2', Parameters: {} },
        { Id: 'metrics', ConnectorArn: 'arn:aws:greengrass:us-east-1::/connectors/CloudWatchMetrics/versions/4', Parameters: {} },
      ],
    }));
    assert.deepEqual(mergeOf(p, AWS_COMPONENTS.nucleus.name).logging, { level: 'WARN', outputType: 'FILE', totalLogsSizeKB: 25600 });
    assert.equal(mergeOf(p, AWS_COMPONENTS.logs.name).logsUploaderConfiguration.componentLogsConfigurationMap.classifier.minimumLogLevel, 'INFO');
    const connectors = p.elements.filter((e) => e.kind === 'connector');
    assert.deepEqual(connectors.map((c) => [c.status, c.v2, c.blocker]), [['no equivalent', '(no equivalent)', true], ['mapped', 'aws.greengrass.Cloudwatch 3.0.0', false]]);
  });

  it('deploys the components that replace connectors, with the parameters their pages document, and routes the connectors\' subscriptions', () => {
    const SNS = 'arn:aws:greengrass:us-east-1::/connectors/SNS/versions/4';
    const FIREHOSE = 'arn:aws:greengrass:us-east-1::/connectors/KinesisFirehose/versions/5';
    const p = plan(groupOf({
      function: [fn()],
      connector: [
        { Id: 'alerts', ConnectorArn: SNS, Parameters: { DefaultSNSArn: 'arn:aws:sns:us-east-1:123456789012:camera-alerts', IsolationMode: 'NoContainer' } },
        { Id: 'frames', ConnectorArn: FIREHOSE, Parameters: { DefaultDeliveryStreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/frames', DeliveryStreamQueueSize: '5000', MemorySize: '65535', PublishInterval: '10', LegacyOption: 'x' } },
        { Id: 'metrics', ConnectorArn: 'arn:aws:greengrass:us-east-1::/connectors/CloudWatchMetrics/versions/4', Parameters: { PublishInterval: '30', PublishRegion: 'us-west-2', MemorySize: '65535', IsolationMode: 'GreengrassContainer' } },
        { Id: 'defender', ConnectorArn: 'arn:aws:greengrass:us-east-1::/connectors/DeviceDefender/versions/3', Parameters: { SampleIntervalSeconds: '300' } },
      ],
      subscription: [
        { Id: 'alert-out', Source: `${ARN}:7`, Subject: 'sns/message', Target: SNS },
        { Id: 'alert-status', Source: SNS, Subject: 'sns/message/status', Target: 'cloud' },
        { Id: 'frames-in', Source: `${ARN}:7`, Subject: 'kinesisfirehose/message', Target: FIREHOSE },
      ],
    }), {}, { classifier: { handler: { path: 'h.py', text: 'import greengrasssdk\nc = greengrasssdk.client("iot-data")\ndef function_handler(e, ctx):\n    c.publish(topic="sns/message", payload="{}")\n' } } });
    assert.deepEqual(mergeOf(p, 'aws.greengrass.SNS'), { containerMode: 'NoContainer', lambdaExecutionParameters: { EnvironmentVariables: { DEFAULT_SNS_ARN: 'arn:aws:sns:us-east-1:123456789012:camera-alerts' } } });
    assert.deepEqual(mergeOf(p, 'aws.greengrass.KinesisFirehose'), {
      containerParams: { memorySize: 65535 },
      lambdaExecutionParameters: { EnvironmentVariables: { DEFAULT_DELIVERY_STREAM_ARN: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/frames', DELIVERY_STREAM_QUEUE_SIZE: '5000', PUBLISH_INTERVAL: '10' } },
    });
    assert.deepEqual(mergeOf(p, 'aws.greengrass.Cloudwatch'), { PublishInterval: 30, PublishRegion: 'us-west-2' });
    assert.equal(deploymentOf(p).components['aws.greengrass.DeviceDefender'], undefined, 'no confirmed version: left out, and said');
    const subs = mergeOf(p, AWS_COMPONENTS.router.name).subscriptions;
    assert.deepEqual(subs['alert-out'], { id: 'alert-out', source: 'component:classifier', subject: 'sns/message', target: 'component:aws.greengrass.SNS' });
    assert.deepEqual(subs['alert-status'], { id: 'alert-status', source: 'component:aws.greengrass.SNS', subject: 'sns/message/status', target: 'cloud' });
    assert.ok(lambdaOf(p, 'classifier').componentDependencies[AWS_COMPONENTS.router.name], 'the function depends on the router');
    const byId = (id: string) => p.elements.find((e) => e.v1 === `connector ${id}`)!;
    assert.deepEqual([byId('alerts').status, byId('alerts').blocker], ['mapped', false]);
    assert.deepEqual([byId('frames').status, byId('frames').blocker], ['changed', true]);
    assert.match(byId('frames').detail, /Not carried \(no documented counterpart\): LegacyOption/);
    assert.match(byId('metrics').detail, /Not carried .*MemorySize, IsolationMode/);
    assert.deepEqual([byId('defender').status, byId('defender').blocker], ['changed', true]);
    assert.match(byId('defender').detail, /not in deployment\.json/);
    for (const v of validate(p.files.map((f) => (f.path === 'deployment.json' ? { ...f, json: { ...(f.json as object), targetArn: 'arn:aws:iot:us-east-1:123456789012:thinggroup/cameras' } } : f)))) {
      assert.deepEqual(v.problems, [], v.file);
    }
  });

  it('targets the placeholder thing group until one is chosen', () => {
    const p = plan(groupOf({ function: [fn()] }));
    assert.equal(deploymentOf(p).targetArn, THING_GROUP_PLACEHOLDER);
    assert.equal(p.record.thingGroupPlaceholder, 'arn:aws:iot:REGION:ACCOUNT:thinggroup/REPLACE_ME');
  });
});

describe('migration: handlers', () => {
  const handler = [
    'import greengrasssdk',
    'import greengrass_machine_learning_sdk as ml',
    '',
    'iot = greengrasssdk.client("iot-data")',
    'inference = ml.client("inference")',
    '',
    'def function_handler(event, context):',
    '    # iot.update_thing_shadow(thingName="x") in a comment is not a call',
    '    shadow = iot.get_thing_shadow(thingName="pi_Core")',
    '    iot.publish(topic="ml/results", payload="{}")',
    '    iot.publish(topic="sensors/cmd", payload="{}")',
    '',
  ].join('\n');

  it('finds the calls V2 treats differently, on their lines', () => {
    const use = analyzeHandler(handler);
    assert.deepEqual(use.calls.map((c) => [c.kind, c.line, c.text]), [
      ['ml-sdk', 1, 'greengrass_machine_learning_sdk'],
      ['shadow', 8, 'get_thing_shadow'],
      ['publish', 9, 'iot.publish'],
      ['publish', 10, 'iot.publish'],
    ]);
    assert.deepEqual(use.topics, ['ml/results', 'sensors/cmd']);
  });

  it('reports shadow calls and the ML SDK as blockers at their lines, and publish() to the cloud through the router', () => {
    const fnArn = `${ARN}:7`;
    const p = plan(groupOf({ function: [fn({}, fnArn)], subscription: [{ Id: 'out', Source: fnArn, Subject: 'ml/results', Target: 'cloud' }] }), {}, { classifier: { handler: { path: 'classifier/inference.py', text: handler } } });
    const onLines = p.elements.filter((e) => e.handler).map((e) => [e.status, e.handler?.line, e.blocker]);
    assert.deepEqual(onLines, [['needs a code change', 1, true], ['needs a code change', 8, true], ['mapped', 9, false], ['mapped', 10, false]]);
    assert.equal(p.record.components[0]?.handler, 'classifier/inference.py');
  });
});
