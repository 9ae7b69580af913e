// Fills the local endpoint (moto with scripts/moto_ext) with a Greengrass V2 demo beside the V1 one: components
// that are DEPLOYABLE and one that FAILED, core devices in two thing groups, deployments that succeed, one that
// fails on a device and one that fails because of a component. Used by `npm start` and the AWS tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { CreateComponentVersionCommand, CreateDeploymentCommand, GreengrassV2Client } from '@aws-sdk/client-greengrassv2';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createBucket, zip } from './seed.mjs';

export const DEMO_V2 = {
  bucket: 'greengrass-components-demo',
  thingGroups: { cameras: 'camera-fleet', docks: 'dock-fleet' },
  coreDevices: { cameras: ['camera-pi-north-1', 'camera-pi-north-2'], docks: ['dock-jetson-fail'], ungrouped: ['lab-bench'] },
  components: {
    model: 'com.example.SqueezeNetModel',
    classifier: 'com.example.CameraClassifier',
    failing: 'com.example.DefectDetectorFailDeploy',
    missingArtifact: 'com.example.PersonDetectorModel',
  },
};

/** A recipe as users write them: the run script in the Linux manifest, artifacts as ZIPs in S3. */
function recipe(name, version, artifacts, { run, ...extra } = {}) {
  return Buffer.from(JSON.stringify({
    RecipeFormatVersion: '2020-01-25', ComponentName: name, ComponentVersion: version, ComponentPublisher: 'Example Corp',
    ...extra,
    Manifests: [{
      Platform: { os: 'linux' },
      ...(run ? { Lifecycle: { Run: run } } : {}),
      Artifacts: artifacts.map((key) => ({ URI: `s3://${DEMO_V2.bucket}/${key}`, Unarchive: 'ZIP' })),
    }],
  }, null, 2));
}

async function control(endpoint, path, body) {
  const r = await fetch(`${endpoint}/ggml-emu${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`The local endpoint refused ${path} (is it moto with scripts/moto_ext?): ${r.status} ${text}`);
  return JSON.parse(text);
}

function clientConfig(endpoint, region) {
  const credentials = process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY ? undefined : { accessKeyId: 'testing', secretAccessKey: 'testing' };
  return { endpoint, region, ...(credentials ? { credentials } : {}) };
}

/** Registers `n` core devices spread over `groups` thing groups (for the benchmark of the V2 tree). */
export async function seedManyCoreDevices(endpoint = process.env.AWS_ENDPOINT_URL, n = 1000, { region = 'us-east-1', prefix = 'fleet-core', groups = 10 } = {}) {
  if (!endpoint) throw new Error('The seed script writes only to a local endpoint. Pass the endpoint or set AWS_ENDPOINT_URL: (none given)');
  const coreDevices = Array.from({ length: n }, (_, i) => ({
    coreDeviceThingName: `${prefix}-${String(i).padStart(4, '0')}`, thingGroupNames: [`${prefix}-site-${i % groups}`],
  }));
  return control(endpoint, '/core-devices', { region, coreDevices });
}

/** Seeds the V2 demo; returns the ARNs and ids the tests and the demo refer to. */
export async function seedGreengrassV2Demo(endpoint = process.env.AWS_ENDPOINT_URL, { region = 'us-east-1' } = {}) {
  if (!endpoint) throw new Error('The seed script writes only to a local endpoint. Pass the endpoint or set AWS_ENDPOINT_URL: (none given)');
  const config = clientConfig(endpoint, region);
  const v2 = new GreengrassV2Client(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  try {
    await createBucket(s3, DEMO_V2.bucket);
    const put = async (key, files) => s3.send(new PutObjectCommand({ Bucket: DEMO_V2.bucket, Key: key, Body: await zip(files) }));
    await put('squeezenet/1.0.0/squeezenet.zip', { 'squeezenet/synset.txt': 'n01440764 tench\n', 'squeezenet/squeezenet_v1.1-symbol.json': '{"nodes":[]}\n' });
    await put('classifier/1.0.0/classifier.zip', { 'classifier/inference.py': 'import time\nwhile True:\n    time.sleep(1)\n' });
    await put('classifier/1.1.0/classifier.zip', { 'classifier/inference.py': 'import time\nwhile True:\n    time.sleep(0.5)\n' });
    await put('defects/1.0.0/defects.zip', { 'defects/detect.py': 'raise SystemExit(1)\n' });

    const { model, classifier, failing, missingArtifact } = DEMO_V2.components;
    const created = {};
    for (const [name, version, artifacts, extra] of [
      [model, '1.0.0', ['squeezenet/1.0.0/squeezenet.zip'], { ComponentDescription: 'SqueezeNet 1.1 model (MXNet), unpacked for the classifier' }],
      [classifier, '1.0.0', ['classifier/1.0.0/classifier.zip'], { ComponentDescription: 'Classifies camera frames', run: 'python3 -u {artifacts:decompressedPath}/classifier/classifier/inference.py', ComponentDependencies: { [model]: { VersionRequirement: '^1.0.0' } } }],
      [classifier, '1.1.0', ['classifier/1.1.0/classifier.zip'], { ComponentDescription: 'Classifies camera frames, twice as often', run: 'python3 -u {artifacts:decompressedPath}/classifier/classifier/inference.py', ComponentDependencies: { [model]: { VersionRequirement: '^1.0.0' } } }],
      [failing, '1.0.0', ['defects/1.0.0/defects.zip'], { ComponentDescription: 'Finds defects on the line; exits at start', run: 'python3 -u {artifacts:decompressedPath}/defects/defects/detect.py' }],
      [missingArtifact, '1.0.0', ['person-detector/1.0.0/model.zip'], { ComponentDescription: 'Its artifact was never uploaded' }],
    ]) {
      const out = await v2.send(new CreateComponentVersionCommand({ inlineRecipe: recipe(name, version, artifacts, extra) }));
      created[`${name}@${version}`] = out.arn;
    }

    const devices = [];
    for (const [key, group] of Object.entries(DEMO_V2.thingGroups)) {
      for (const name of DEMO_V2.coreDevices[key]) devices.push({ coreDeviceThingName: name, thingGroupNames: [group], architecture: key === 'docks' ? 'aarch64' : 'armv7l' });
    }
    for (const name of DEMO_V2.coreDevices.ungrouped) devices.push({ coreDeviceThingName: name, architecture: 'amd64' });
    const registered = (await control(endpoint, '/core-devices', { region, coreDevices: devices })).coreDevices;
    const groupArn = (group) => registered.find((d) => d.thingGroupArns[0]?.endsWith(`/${group}`)).thingGroupArns[0];
    const cameras = groupArn(DEMO_V2.thingGroups.cameras);
    const docks = groupArn(DEMO_V2.thingGroups.docks);

    // camera-fleet: revision 1 with the classifier 1.0.0, revision 2 with 1.1.0 (both succeed);
    // dock-fleet: the defect detector, which breaks on start (and the device itself fails every deployment).
    const deployments = { cameras: [], docks: [] };
    for (const version of ['1.0.0', '1.1.0']) {
      deployments.cameras.push((await v2.send(new CreateDeploymentCommand({
        targetArn: cameras, deploymentName: `camera-fleet classifier ${version}`,
        components: { [model]: { componentVersion: '1.0.0' }, [classifier]: { componentVersion: version } },
      }))).deploymentId);
    }
    deployments.docks.push((await v2.send(new CreateDeploymentCommand({
      targetArn: docks, deploymentName: 'dock-fleet defect detector',
      components: { [failing]: { componentVersion: '1.0.0' } }, deploymentPolicies: { failureHandlingPolicy: 'DO_NOTHING' },
    }))).deploymentId);
    return { endpoint, region, components: created, thingGroupArns: { cameras, docks }, deployments };
  } finally {
    v2.destroy();
    s3.destroy();
  }
}

/** The Lambda functions that the demo migration folder (examples/migrated-v2) imports as components, version 1 each. */
export const MIGRATED_FUNCTIONS = ['image-classifier', 'person-counter', 'telemetry-uploader'];

/** Seeds what Publish Components needs for examples/migrated-v2: its Lambda function versions (the bucket is the V2 demo's). */
export async function seedV2MigrationDemo(endpoint = process.env.AWS_ENDPOINT_URL, { region = 'us-east-1' } = {}) {
  if (!endpoint) throw new Error('The seed script writes only to a local endpoint. Pass the endpoint or set AWS_ENDPOINT_URL: (none given)');
  const { CreateRoleCommand, GetRoleCommand, IAMClient } = await import('@aws-sdk/client-iam');
  const { CreateFunctionCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
  const config = clientConfig(endpoint, region);
  const iam = new IAMClient(config);
  const lambda = new LambdaClient(config);
  try {
    const roleName = 'greengrass-ml-demo-lambda';
    let roleArn;
    try {
      roleArn = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role.Arn;
    } catch {
      const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
      roleArn = (await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role.Arn;
    }
    const code = await zip({ 'inference.py': 'def function_handler(event, context):\n    return event\n' });
    const versions = {};
    for (const name of MIGRATED_FUNCTIONS) {
      const out = await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.8', Handler: 'inference.function_handler', Role: roleArn, Publish: true, Code: { ZipFile: code } }));
      versions[name] = out.Version;
    }
    return { functions: versions, bucket: DEMO_V2.bucket };
  } finally {
    iam.destroy();
    lambda.destroy();
  }
}
