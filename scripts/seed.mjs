// Fills a local AWS endpoint (moto) with a realistic Greengrass ML account: groups with cores, inference functions
// (containerized and NoContainer), ML resources from S3 and SageMaker, past deployments, an S3 bucket of model
// archives and SageMaker training jobs. Used by `npm start`, the AWS tests and the explorer benchmark.
//
//   node scripts/seed.mjs [--endpoint URL] [--region us-east-1] [--groups N]
//
// The endpoint defaults to AWS_ENDPOINT_URL; the script refuses to run without one, so it never writes to real AWS.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateCoreDefinitionCommand, CreateDeploymentCommand, CreateFunctionDefinitionCommand, CreateGroupCommand,
  CreateGroupVersionCommand, CreateResourceDefinitionCommand, CreateSubscriptionDefinitionCommand, CreateDeviceDefinitionCommand,
  GreengrassClient,
} from '@aws-sdk/client-greengrass';
import { CreateBucketCommand, PutBucketEncryptionCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import * as tar from 'tar';
import yazl from 'yazl';

const ACCOUNT = '123456789012';

export const DEMO = {
  modelBucket: 'greengrass-models-demo',
  otherBucket: 'ml-team-artifacts',
  sagemakerRole: 'greengrass-ml-demo-sagemaker',
  groups: {
    camera: 'camera-inference',
    factory: 'factory-defects',
    unicode: 'Überwachungskamera-Ñandú-線上推論-edge-inference-for-the-north-warehouse-loading-dock-cameras-with-a-very-long-name',
    empty: 'staging-empty',
  },
  trainingJobs: ['squeezenet-neo-2024-05-01', 'defect-detector-v2', 'resnet50-finetune-2024-06-12'],
};

function clientConfig(endpoint, region) {
  const credentials = process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY
    ? undefined
    : { accessKeyId: 'testing', secretAccessKey: 'testing' };
  return { endpoint, region, ...(credentials ? { credentials } : {}) };
}

function clients(endpoint, region = 'us-east-1') {
  if (!endpoint) throw new Error('The seed script writes only to a local endpoint. Pass --endpoint or set AWS_ENDPOINT_URL: (none given)');
  const c = clientConfig(endpoint, region);
  return {
    region,
    gg: new GreengrassClient(c),
    s3: new S3Client({ ...c, forcePathStyle: true }),
    sm: new SageMakerClient(c),
    iam: new IAMClient(c),
    destroy() { for (const k of ['gg', 's3', 'sm', 'iam']) this[k].destroy(); },
  };
}

/** A small but real model archive: a .tar.gz with a parent folder, as Greengrass expects. */
async function tarGz(folder, files) {
  const dir = mkdtempSync(join(tmpdir(), 'ggml-seed-'));
  try {
    mkdirSync(join(dir, folder));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, folder, name), text);
    const chunks = [];
    const stream = tar.c({ gzip: true, cwd: dir, portable: true }, [folder]);
    for await (const chunk of stream) chunks.push(chunk);
    return Buffer.concat(chunks);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function zip(files) {
  return new Promise((resolve, reject) => {
    const z = new yazl.ZipFile();
    for (const [name, text] of Object.entries(files)) z.addBuffer(Buffer.from(text), name, { mtime: new Date(0) });
    z.end();
    const chunks = [];
    z.outputStream.on('data', (c) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

async function ensureRole(iam, name) {
  try {
    return (await iam.send(new GetRoleCommand({ RoleName: name }))).Role.Arn;
  } catch {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    return (await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role.Arn;
  }
}

export async function createBucket(s3, name) {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    if (!/BucketAlready/.test(error.name)) throw error;
  }
}

async function seedModelSources(c) {
  const { s3, sm, iam, region } = c;
  await createBucket(s3, DEMO.modelBucket);
  await createBucket(s3, DEMO.otherBucket);
  const sagemakerBucket = `sagemaker-${region}-${ACCOUNT}`;
  await createBucket(s3, sagemakerBucket);
  // The other bucket encrypts everything by default with SSE-KMS.
  await s3.send(new PutBucketEncryptionCommand({
    Bucket: DEMO.otherBucket,
    ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `arn:aws:kms:${region}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } }] },
  }));
  const squeezenet = await tarGz('squeezenet', {
    'squeezenet_v1.1-symbol.json': JSON.stringify({ nodes: [{ op: 'null', name: 'data' }], arg_nodes: [0], heads: [[0, 0, 0]] }),
    'squeezenet_v1.1-0000.params': 'demo parameters\n',
    'synset.txt': 'n01440764 tench\nn01443537 goldfish\n',
  });
  const resnet = await zip({ 'resnet/resnet-18-symbol.json': '{"nodes":[]}', 'resnet/resnet-18-0000.params': 'demo\n', 'resnet/synset.txt': 'n01440764 tench\n' });
  const defects = await tarGz('defects', { 'frozen_inference_graph.pb': 'demo graph\n', 'labels.txt': 'ok\nscratch\ndent\n' });
  const put = (Bucket, Key, Body, extra = {}) => s3.send(new PutObjectCommand({ Bucket, Key, Body, ...extra }));
  await Promise.all([
    put(DEMO.modelBucket, 'squeezenet/model.tar.gz', squeezenet, { ServerSideEncryption: 'AES256', ContentType: 'application/gzip' }),
    put(DEMO.modelBucket, 'resnet/model.zip', resnet, { ContentType: 'application/zip' }),
    put(DEMO.modelBucket, 'resnet/README.md', '# ResNet-18 for the camera group\n'),
    put(DEMO.modelBucket, 'datasets/labels.csv', 'id,label\n0,tench\n'),
    put(DEMO.otherBucket, 'models/defects/model.tar.gz', defects),
    put(DEMO.otherBucket, 'notes.txt', 'not a model\n'),
  ]);

  const roleArn = await ensureRole(iam, DEMO.sagemakerRole);
  const jobs = {};
  for (const name of DEMO.trainingJobs) {
    const outputPath = `s3://${sagemakerBucket}/output`;
    const out = await sm.send(new CreateTrainingJobCommand({
      TrainingJobName: name,
      RoleArn: roleArn,
      AlgorithmSpecification: { TrainingImage: `811284229777.dkr.ecr.${region}.amazonaws.com/image-classification:1`, TrainingInputMode: 'File' },
      InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${sagemakerBucket}/train/`, S3DataDistributionType: 'FullyReplicated' } } }],
      OutputDataConfig: { S3OutputPath: outputPath },
      ResourceConfig: { InstanceType: 'ml.p3.2xlarge', InstanceCount: 1, VolumeSizeInGB: 50 },
      StoppingCondition: { MaxRuntimeInSeconds: 86_400 },
    }));
    jobs[name] = out.TrainingJobArn;
    // moto reports the artifact but does not write it: put it where the job says it is, so the source resolves.
    await put(sagemakerBucket, `output/${name}/output/model.tar.gz`, squeezenet);
  }
  return { buckets: [DEMO.modelBucket, DEMO.otherBucket, sagemakerBucket], sagemakerBucket, roleArn, trainingJobs: jobs };
}

const lambdaArn = (region, name, qualifier) => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}:${qualifier}`;
const thingArn = (region, thing) => `arn:aws:iot:${region}:${ACCOUNT}:thing/${thing}`;
const certArn = (region, id) => `arn:aws:iot:${region}:${ACCOUNT}:cert/${id}`;

async function createDefinitions(gg, name, parts) {
  const out = {};
  if (parts.cores) out.core = await gg.send(new CreateCoreDefinitionCommand({ Name: `${name}-core`, InitialVersion: { Cores: parts.cores } }));
  if (parts.functions) out.function = await gg.send(new CreateFunctionDefinitionCommand({ Name: `${name}-functions`, InitialVersion: parts.functions }));
  if (parts.resources) out.resource = await gg.send(new CreateResourceDefinitionCommand({ Name: `${name}-resources`, InitialVersion: { Resources: parts.resources } }));
  if (parts.subscriptions) out.subscription = await gg.send(new CreateSubscriptionDefinitionCommand({ Name: `${name}-subscriptions`, InitialVersion: { Subscriptions: parts.subscriptions } }));
  if (parts.devices) out.device = await gg.send(new CreateDeviceDefinitionCommand({ Name: `${name}-devices`, InitialVersion: { Devices: parts.devices } }));
  return out;
}

function groupVersionInput(defs) {
  return {
    ...(defs.core ? { CoreDefinitionVersionArn: defs.core.LatestVersionArn } : {}),
    ...(defs.function ? { FunctionDefinitionVersionArn: defs.function.LatestVersionArn } : {}),
    ...(defs.resource ? { ResourceDefinitionVersionArn: defs.resource.LatestVersionArn } : {}),
    ...(defs.subscription ? { SubscriptionDefinitionVersionArn: defs.subscription.LatestVersionArn } : {}),
    ...(defs.device ? { DeviceDefinitionVersionArn: defs.device.LatestVersionArn } : {}),
  };
}

function cameraParts(region, trainingJobArn) {
  return {
    cores: [{ Id: 'raspberrypi-camera-core', ThingArn: thingArn(region, 'raspberrypi-camera-core'), CertificateArn: certArn(region, '5f2a9c3e8b7d'), SyncShadow: true }],
    functions: {
      DefaultConfig: { Execution: { IsolationMode: 'GreengrassContainer' } },
      Functions: [
        {
          Id: 'mxnet-squeezenet-inference',
          FunctionArn: lambdaArn(region, 'mxnet-squeezenet-inference', 'prod'),
          FunctionConfiguration: {
            Pinned: true, MemorySize: 98_304, Timeout: 10, EncodingType: 'json',
            Environment: {
              Variables: { MXNET_ENGINE_TYPE: 'NaiveEngine', MODEL_PATH: '/greengrass-machine-learning/mxnet/squeezenet' },
              AccessSysfs: false,
              Execution: { IsolationMode: 'GreengrassContainer' },
              ResourceAccessPolicies: [
                { ResourceId: 'squeezenet-model', Permission: 'ro' },
                { ResourceId: 'rpi-vcsm', Permission: 'rw' },
                { ResourceId: 'rpi-vchiq', Permission: 'rw' },
              ],
            },
          },
        },
        {
          Id: 'dlr-image-classifier',
          FunctionArn: lambdaArn(region, 'dlr-image-classifier', '3'),
          FunctionConfiguration: {
            Pinned: true, Timeout: 30, EncodingType: 'json',
            Environment: {
              Variables: { MODEL_DIR: '/ml_model', DLR_DEVICE: 'cpu' },
              Execution: { IsolationMode: 'NoContainer', RunAs: { Uid: 1000, Gid: 1000 } },
              ResourceAccessPolicies: [{ ResourceId: 'neo-squeezenet-model' }],
            },
          },
        },
      ],
    },
    resources: [
      {
        Id: 'squeezenet-model', Name: 'squeezenet-model',
        ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: `s3://${DEMO.modelBucket}/squeezenet/model.tar.gz`, DestinationPath: '/greengrass-machine-learning/mxnet/squeezenet' } },
      },
      {
        Id: 'neo-squeezenet-model', Name: 'neo-squeezenet-model',
        ResourceDataContainer: { SageMakerMachineLearningModelResourceData: { SageMakerJobArn: trainingJobArn, DestinationPath: '/ml_model', OwnerSetting: { GroupOwner: '1000', GroupPermission: 'ro' } } },
      },
      { Id: 'rpi-vcsm', Name: 'raspberry-pi-vcsm', ResourceDataContainer: { LocalDeviceResourceData: { SourcePath: '/dev/vcsm', GroupOwnerSetting: { AutoAddGroupOwner: true } } } },
      { Id: 'rpi-vchiq', Name: 'raspberry-pi-vchiq', ResourceDataContainer: { LocalDeviceResourceData: { SourcePath: '/dev/vchiq', GroupOwnerSetting: { AutoAddGroupOwner: true } } } },
    ],
    subscriptions: [
      { Id: 'inference-results-to-cloud', Source: lambdaArn(region, 'mxnet-squeezenet-inference', 'prod'), Subject: 'camera/inference/results', Target: 'cloud' },
      { Id: 'trigger-from-cloud', Source: 'cloud', Subject: 'camera/inference/trigger', Target: lambdaArn(region, 'mxnet-squeezenet-inference', 'prod') },
      { Id: 'dlr-results-to-cloud', Source: lambdaArn(region, 'dlr-image-classifier', '3'), Subject: 'camera/dlr/results', Target: 'cloud' },
    ],
  };
}

function factoryParts(region) {
  return {
    cores: [{ Id: 'jetson-tx2-line-3', ThingArn: thingArn(region, 'jetson-tx2-line-3'), CertificateArn: certArn(region, '9c1d4e7f2a6b'), SyncShadow: false }],
    functions: {
      Functions: [{
        Id: 'tensorflow-defect-detector',
        FunctionArn: lambdaArn(region, 'tensorflow-defect-detector', 'live'),
        FunctionConfiguration: {
          Pinned: true, MemorySize: 2_097_152, Timeout: 20,
          Environment: {
            Variables: { MODEL_DIR: '/models/defects', CONFIDENCE_THRESHOLD: '0.8' },
            AccessSysfs: true,
            ResourceAccessPolicies: [{ ResourceId: 'defect-model', Permission: 'ro' }, { ResourceId: 'line-camera', Permission: 'rw' }],
          },
        },
      }],
    },
    resources: [
      {
        Id: 'defect-model', Name: 'defect-model',
        ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: `s3://${DEMO.otherBucket}/models/defects/model.tar.gz`, DestinationPath: '/models/defects' } },
      },
      { Id: 'line-camera', Name: 'line-camera', ResourceDataContainer: { LocalDeviceResourceData: { SourcePath: '/dev/video0', GroupOwnerSetting: { AutoAddGroupOwner: true } } } },
      { Id: 'image-spool', Name: 'image-spool', ResourceDataContainer: { LocalVolumeResourceData: { SourcePath: '/home/ggc_user/spool', DestinationPath: '/spool', GroupOwnerSetting: { AutoAddGroupOwner: false, GroupOwner: 'video' } } } },
    ],
    subscriptions: [
      { Id: 'defects-to-cloud', Source: lambdaArn(region, 'tensorflow-defect-detector', 'live'), Subject: 'factory/line3/defects', Target: 'cloud' },
    ],
    devices: [{ Id: 'line-3-plc', ThingArn: thingArn(region, 'line-3-plc'), CertificateArn: certArn(region, '3b8e1f0a9d2c'), SyncShadow: true }],
  };
}

function unicodeParts(region) {
  return {
    cores: [{ Id: 'dock-gateway', ThingArn: thingArn(region, 'dock-gateway'), CertificateArn: certArn(region, '0a1b2c3d4e5f'), SyncShadow: false }],
    functions: {
      Functions: [{
        Id: 'dock-person-counter',
        FunctionArn: lambdaArn(region, 'dock-person-counter', 'v7'),
        FunctionConfiguration: {
          MemorySize: 131_072, Timeout: 5,
          Environment: {
            Variables: { STANDORT: 'Nordlager – Rampe 4', LABEL_LANG: '中文' },
            // The model resource was removed from the group, but the function still asks for it.
            ResourceAccessPolicies: [{ ResourceId: 'person-detector-model', Permission: 'ro' }, { ResourceId: 'dock-camera', Permission: 'rw' }],
          },
        },
      }],
    },
    resources: [
      { Id: 'dock-camera', Name: 'dock-camera', ResourceDataContainer: { LocalDeviceResourceData: { SourcePath: '/dev/video0', GroupOwnerSetting: { AutoAddGroupOwner: true } } } },
    ],
    subscriptions: [],
  };
}

/** Seeds the demo account; returns the ids the tests and the demo refer to. */
export async function seedDemoAccount(endpoint = process.env.AWS_ENDPOINT_URL, { region = 'us-east-1' } = {}) {
  const c = clients(endpoint, region);
  try {
    const sources = await seedModelSources(c);
    const { gg } = c;
    const groups = {};

    // camera-inference: two versions (the first without the DLR function), both deployed.
    const camera = cameraParts(region, sources.trainingJobs[DEMO.trainingJobs[0]]);
    const cameraV1 = await createDefinitions(gg, 'camera-inference-v1', {
      cores: camera.cores,
      functions: { Functions: [camera.functions.Functions[0]] },
      resources: camera.resources.filter((r) => r.Id !== 'neo-squeezenet-model'),
      subscriptions: camera.subscriptions.slice(0, 2),
    });
    const cameraGroup = await gg.send(new CreateGroupCommand({ Name: DEMO.groups.camera, InitialVersion: groupVersionInput(cameraV1) }));
    const cameraDefs = await createDefinitions(gg, 'camera-inference', camera);
    const cameraV2 = await gg.send(new CreateGroupVersionCommand({ GroupId: cameraGroup.Id, ...groupVersionInput(cameraDefs) }));
    const cameraDeployments = [];
    for (const v of [cameraGroup.LatestVersion, cameraV2.Version]) {
      cameraDeployments.push((await gg.send(new CreateDeploymentCommand({ GroupId: cameraGroup.Id, GroupVersionId: v, DeploymentType: 'NewDeployment' }))).DeploymentId);
      await new Promise((r) => setTimeout(r, 15)); // distinct creation times, so newest-first is well defined
    }
    groups.camera = { id: cameraGroup.Id, name: DEMO.groups.camera, versionId: cameraV2.Version, firstVersionId: cameraGroup.LatestVersion, definitions: ids(cameraDefs), deployments: cameraDeployments };

    // factory-defects on a Jetson, with a device and a model in a bucket whose name lacks "greengrass".
    const factoryDefs = await createDefinitions(gg, 'factory-defects', factoryParts(region));
    const factory = await gg.send(new CreateGroupCommand({ Name: DEMO.groups.factory, InitialVersion: groupVersionInput(factoryDefs) }));
    const factoryDeployment = await gg.send(new CreateDeploymentCommand({ GroupId: factory.Id, GroupVersionId: factory.LatestVersion, DeploymentType: 'NewDeployment' }));
    groups.factory = { id: factory.Id, name: DEMO.groups.factory, versionId: factory.LatestVersion, definitions: ids(factoryDefs), deployments: [factoryDeployment.DeploymentId] };

    // A very long unicode name, and a function that names a resource the group does not have.
    const unicodeDefs = await createDefinitions(gg, 'dock-counter', unicodeParts(region));
    const unicode = await gg.send(new CreateGroupCommand({ Name: DEMO.groups.unicode, InitialVersion: groupVersionInput(unicodeDefs) }));
    groups.unicode = { id: unicode.Id, name: DEMO.groups.unicode, versionId: unicode.LatestVersion, definitions: ids(unicodeDefs), deployments: [], unresolvedResourceIds: ['person-detector-model'] };

    // An empty group: only the first, empty version CreateGroup makes.
    const empty = await gg.send(new CreateGroupCommand({ Name: DEMO.groups.empty }));
    groups.empty = { id: empty.Id, name: DEMO.groups.empty, versionId: empty.LatestVersion, definitions: {}, deployments: [] };

    return { endpoint, region, groups, ...sources };
  } finally {
    c.destroy();
  }
}

function ids(defs) {
  return Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, { definitionId: v.Id, versionId: v.LatestVersion, arn: v.LatestVersionArn }]));
}

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  }));
  return results;
}

/** Creates `n` groups that share one set of definitions (core, functions, resources, subscriptions); fast. */
export async function seedManyGroups(endpoint = process.env.AWS_ENDPOINT_URL, n = 1000, { region = 'us-east-1', prefix = 'fleet-camera', concurrency = 16 } = {}) {
  const c = clients(endpoint, region);
  try {
    const defs = await createDefinitions(c.gg, `${prefix}-shared`, cameraParts(region, `arn:aws:sagemaker:${region}:${ACCOUNT}:training-job/${DEMO.trainingJobs[0]}`));
    const input = groupVersionInput(defs);
    const width = String(n).length;
    const groups = await mapLimit(Array.from({ length: n }, (_, i) => i), concurrency, async (i) => {
      const g = await c.gg.send(new CreateGroupCommand({ Name: `${prefix}-${String(i + 1).padStart(width, '0')}`, InitialVersion: input }));
      return { id: g.Id, name: g.Name, versionId: g.LatestVersion };
    });
    return { groups, definitions: ids(defs) };
  } finally {
    c.destroy();
  }
}

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const endpoint = arg('--endpoint') ?? process.env.AWS_ENDPOINT_URL;
  const region = arg('--region') ?? process.env.AWS_REGION ?? 'us-east-1';
  const many = arg('--groups');
  try {
    if (!endpoint) throw new Error('The seed script writes only to a local endpoint. Pass --endpoint http://127.0.0.1:PORT or set AWS_ENDPOINT_URL: (none given)');
    const demo = await seedDemoAccount(endpoint, { region });
    console.log(`Seeded the demo account at ${endpoint}: ${Object.values(demo.groups).map((g) => g.name).join(', ')}`);
    if (many) {
      const started = Date.now();
      const r = await seedManyGroups(endpoint, Number(many), { region });
      console.log(`Seeded ${r.groups.length} more groups in ${Date.now() - started} ms`);
    }
  } catch (error) {
    console.error(`Seeding failed: ${error.message}`);
    process.exitCode = 1;
  }
}
