// Deploy benchmark: the time from invoking the deploy flow (the function the Deploy command runs, without the
// VS Code UI) to the created deployment, for a group with 50 ML resources, against moto.
//   node scripts/bench-deploy.mjs        (also run by `npm run bench`)
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { json, median, withLocalEndpoint } from './lib/benchAws.mjs';

const RESOURCES = 50;
const RUNS = Number(process.env.GGML_BENCH_RUNS ?? 5);

/** A lint-clean group folder: one core, 50 S3 ML resources, 5 functions attaching 10 each (the per-function limit). */
function writeGroup(dir) {
  const account = '123456789012';
  const resources = Array.from({ length: RESOURCES }, (_, i) => ({
    Id: `model-${i}`, Name: `model-${i}`,
    ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: `s3://greengrass-bench-models/model-${i}.tar.gz`, DestinationPath: `/greengrass-machine-learning/model-${i}` } },
  }));
  const functions = Array.from({ length: RESOURCES / 10 }, (_, f) => ({
    Id: `classifier-${f}`,
    FunctionArn: `arn:aws:lambda:us-east-1:${account}:function:classifier-${f}:live`,
    FunctionConfiguration: {
      Pinned: true, Timeout: 10, MemorySize: 98304, EncodingType: 'json',
      Environment: {
        Variables: { MXNET_ENGINE_TYPE: 'NaiveEngine' },
        ResourceAccessPolicies: Array.from({ length: 10 }, (_, r) => ({ ResourceId: `model-${f * 10 + r}`, Permission: 'ro' })),
        Execution: { IsolationMode: 'GreengrassContainer' },
      },
    },
  }));
  writeFileSync(join(dir, 'greengrass-ml.json'), json({
    name: 'bench-50-models', region: 'us-east-1', coreVersion: '1.11.6', platforms: ['raspberry-pi'],
    definitions: { core: 'core-definition.json', functions: 'function-definition.json', resources: 'resource-definition.json', subscriptions: 'subscription-definition.json' },
  }));
  writeFileSync(join(dir, 'core-definition.json'), json({ Name: 'bench-core', InitialVersion: { Cores: [{ Id: 'bench_Core', ThingArn: `arn:aws:iot:us-east-1:${account}:thing/bench_Core`, CertificateArn: `arn:aws:iot:us-east-1:${account}:cert/${'0'.repeat(64)}`, SyncShadow: false }] } }));
  writeFileSync(join(dir, 'resource-definition.json'), json({ Name: 'bench-resources', InitialVersion: { Resources: resources } }));
  writeFileSync(join(dir, 'function-definition.json'), json({ Name: 'bench-functions', InitialVersion: { Functions: functions } }));
  writeFileSync(join(dir, 'subscription-definition.json'), json({
    Name: 'bench-subscriptions',
    InitialVersion: { Subscriptions: functions.map((fn, i) => ({ Id: `results-${i}`, Source: fn.FunctionArn, Subject: `ml/bench/${i}`, Target: 'cloud' })) },
  }));
}

export function benchDeploy() {
  return withLocalEndpoint('ggml-bench-deploy-', async ({ aws, dir, clients }) => {
    const group = join(dir, 'bench-50-models');
    mkdirSync(group);
    writeGroup(group);
    const manifest = join(group, 'greengrass-ml.json');
    const deploy = async () => {
      const t = performance.now();
      const r = await aws.deployGroup(clients, manifest);
      const ms = performance.now() - t;
      if (r.kind !== 'deployed') throw new Error(`the benchmark group does not deploy: ${r.message}`);
      return { ms, r };
    };
    // moto loads a service's backend on its first request (seconds): warm it up so that only the flow is timed.
    const { ListGroupsCommand } = createRequire(import.meta.url)('@aws-sdk/client-greengrass');
    await clients.greengrass().send(new ListGroupsCommand({}));
    const first = await deploy();
    const again = [];
    for (let i = 0; i < RUNS; i++) again.push((await deploy()).ms);
    const t = performance.now();
    const check = await aws.checkGroup(manifest);
    const lintMs = performance.now() - t;
    return [
      `deploy of a ${RESOURCES}-ML-resource group against moto (deploy flow → deployment created): ` +
        `first deploy (creates 4 definitions and the group) ${first.ms.toFixed(0)} ms; ` +
        `redeploy from the files (new versions of the recorded definitions) median ${median(again).toFixed(0)} ms over ${RUNS} runs ` +
        `(min ${Math.min(...again).toFixed(0)}, max ${Math.max(...again).toFixed(0)}); of which reading and linting the group ${lintMs.toFixed(0)} ms` +
        `${check.errors.length ? ` (${check.errors.length} lint errors!)` : ''}`,
    ];
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchDeploy()) console.log(line);
}
