// Greengrass V2 ship benchmark: Publish Components + Deploy to Thing Group of a migrated 50-function group (the
// functions the commands run, without the VS Code UI) against the local endpoint: from invoking publish to the
// created deployment, then until every core device of the thing group has taken it.
//   node scripts/bench-deployV2.mjs        (also run by `npm run bench`)
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { json, median, withLocalEndpoint } from './lib/benchAws.mjs';
import { zip } from './seed.mjs';

const FUNCTIONS = 50;
const DEVICES = 10;
const RUNS = Number(process.env.GGML_BENCH_RUNS ?? 3);
const BUCKET = 'greengrass-bench-v2-artifacts';
const ACCOUNT = '123456789012';
const fn = (i) => `bench-fn-${String(i).padStart(2, '0')}`;

/** A migration folder as the migration writes it: 50 Lambda component requests, one model recipe with its ZIP, deployment.json. */
function writeMigrationFolder(dir, version, archive) {
  for (const sub of ['components', 'recipes', 'artifacts']) mkdirSync(join(dir, sub), { recursive: true });
  const components = [];
  const deployed = {};
  writeFileSync(join(dir, 'artifacts', 'model.zip'), archive);
  writeFileSync(join(dir, 'recipes', `BenchModel-${version}.json`), json({
    RecipeFormatVersion: '2020-01-25', ComponentName: 'com.example.BenchModel', ComponentVersion: version, ComponentPublisher: 'Example Corp',
    ComponentDescription: 'The model of the 50 functions, migrated from an S3 ML resource',
    Manifests: [{ Platform: { os: 'linux' }, Artifacts: [{ URI: 's3://greengrass-bench-models/bench/model.zip', Unarchive: 'ZIP', Permission: { Read: 'OWNER' } }] }],
  }));
  components.push({ name: 'com.example.BenchModel', version, kind: 'model', file: `recipes/BenchModel-${version}.json`,
    v1: { kind: 'resource', id: 'bench-model' }, model: { s3Uri: 's3://greengrass-bench-models/bench/model.zip', localArchive: 'artifacts/model.zip', destinationPath: '/ml/bench' } });
  deployed['com.example.BenchModel'] = { componentVersion: version };
  for (let i = 0; i < FUNCTIONS; i++) {
    const name = `com.example.BenchFunction${String(i).padStart(2, '0')}`;
    const file = `components/BenchFunction${String(i).padStart(2, '0')}.request.json`;
    writeFileSync(join(dir, file), json({ lambdaFunction: {
      lambdaArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${fn(i)}:1`, componentName: name, componentVersion: version,
      componentPlatforms: [{ name: 'Linux', attributes: { os: 'linux' } }],
      componentLambdaParameters: {
        eventSources: [{ topic: `ml/bench/${i}/in`, type: 'PUB_SUB' }], timeoutInSeconds: 10, pinned: true, inputPayloadEncodingType: 'json',
        environmentVariables: { MODEL_PATH: '/ml/bench' },
        linuxProcessParams: { isolationMode: 'GreengrassContainer', containerParams: { memorySizeInKB: 98304, mountROSysfs: false, volumes: [{ sourcePath: '/greengrass/v2/work/bench-model', destinationPath: '/ml/bench', permission: 'ro', addGroupOwner: false }] } },
      },
    } }));
    components.push({ name, version, kind: 'lambda', file, v1: { kind: 'function', id: fn(i), arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${fn(i)}:1` } });
    deployed[name] = { componentVersion: version };
  }
  writeFileSync(join(dir, 'migration.json'), json({
    formatVersion: 1, source: { kind: 'group-folder', path: '../bench-50', group: 'bench-50' }, artifactsBucket: BUCKET, components,
    thingGroupPlaceholder: 'arn:aws:iot:REGION:ACCOUNT:thinggroup/REPLACE_ME',
  }));
  writeFileSync(join(dir, 'deployment.json'), json({ targetArn: 'arn:aws:iot:REGION:ACCOUNT:thinggroup/REPLACE_ME', deploymentName: 'bench-50 (migrated)', components: deployed }));
}

async function control(endpoint, path, body) {
  const r = await fetch(`${endpoint}/ggml-emu${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`The local endpoint refused ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

export function benchDeployV2() {
  return withLocalEndpoint('ggml-bench-v2-', async ({ aws, moto, dir, clients }) => {
    const req = createRequire(import.meta.url);
    const { CreateBucketCommand } = req('@aws-sdk/client-s3');
    const { CreateRoleCommand } = req('@aws-sdk/client-iam');
    const { CreateFunctionCommand } = req('@aws-sdk/client-lambda');
    const { ListComponentsCommand } = req('@aws-sdk/client-greengrassv2');
    await clients.s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
    const role = await clients.iam().send(new CreateRoleCommand({ RoleName: 'bench-v2-lambda', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
    const code = await zip({ 'inference.py': 'def function_handler(event, context):\n    return event\n' });
    for (let i = 0; i < FUNCTIONS; i++) {
      await clients.lambda().send(new CreateFunctionCommand({ FunctionName: fn(i), Runtime: 'python3.8', Handler: 'inference.function_handler', Role: role.Role.Arn, Publish: true, Code: { ZipFile: code } }));
    }
    const devices = Array.from({ length: DEVICES }, (_, i) => ({ coreDeviceThingName: `bench-core-${i}`, thingGroupNames: ['bench-fleet'] }));
    const registered = (await control(moto.endpoint, '/core-devices', { coreDevices: devices })).coreDevices;
    const target = registered[0].thingGroupArns[0];
    await control(moto.endpoint, '/settings', { stepSeconds: 0.2 });
    const archive = await zip({ 'model/params.bin': Buffer.alloc(1024 * 1024, 7).toString('latin1'), 'model/synset.txt': 'n01440764 tench\n' });
    // The endpoint loads a service's backend on its first request: warm it up so that only the flow is timed.
    await clients.greengrassV2().send(new ListComponentsCommand({}));
    const fast = { initialMs: 200, maxMs: 1000, factor: 1.5 };
    const publishMs = [];
    const createdMs = [];
    const settledMs = [];
    for (let run = 0; run < RUNS; run++) {
      const folder = join(dir, `bench-50-v2-${run}`);
      mkdirSync(folder);
      writeMigrationFolder(folder, `${run + 1}.0.0`, archive);
      const t = performance.now();
      const published = await aws.publishComponents(clients, folder, { backoff: fast });
      const tp = performance.now();
      if (published.wait !== 'success') throw new Error(`the benchmark components are not all DEPLOYABLE: ${published.wait}`);
      const created = await aws.deployMigrationFolder(clients, folder, { targetArn: target });
      const tc = performance.now();
      const watched = await aws.watchV2Deployment(clients, created.deploymentId, { timeoutMs: 60_000, backoff: fast });
      const ts = performance.now();
      if (watched.result !== 'success') throw new Error(`the benchmark deployment did not succeed: ${aws.describeV2Outcome(watched)}`);
      publishMs.push(tp - t);
      createdMs.push(tc - t);
      settledMs.push(ts - t);
    }
    const range = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
    return [
      `V2 publish + deploy of a migrated ${FUNCTIONS}-function group (+1 model component, a 1 MiB archive) against the local endpoint, ${RUNS} runs: ` +
        `publish (upload, ${FUNCTIONS + 1} component versions, wait until DEPLOYABLE at 0.2 s per emulator step) ${range(publishMs)}; ` +
        `to the created deployment ${range(createdMs)}; until all ${DEVICES} core devices SUCCEEDED ${range(settledMs)}`,
    ];
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchDeployV2()) console.log(line);
}
