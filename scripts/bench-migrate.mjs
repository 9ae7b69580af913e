// Migration benchmark: the time `greengrass-ml migrate` takes (read the group folder and the handlers, plan, write the
// report, 50 component requests, 50 model recipes with their .tar.gz archives repacked as .zip, the deployment) for
// a group of 50 functions and 50 ML resources. Runs the built CLI's migrate command in this process.
//   node scripts/bench-migrate.mjs        (also run by `npm run bench`)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const require = createRequire(import.meta.url);
const N = 50;
const RUNS = Number(process.env.GGML_BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

/** A group folder: 50 functions, each with its handler and one of 50 S3 models (a small .tar.gz at hand), results to the cloud. */
async function writeGroup(dir) {
  const tar = require('tar');
  const account = '123456789012';
  const arn = (i) => `arn:aws:lambda:us-east-1:${account}:function:classifier-${i}:${i + 1}`;
  const resources = Array.from({ length: N }, (_, i) => ({
    Id: `model-${i}`, Name: `model-${i}`,
    ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: `s3://greengrass-bench-models/model-${i}.tar.gz`, DestinationPath: `/greengrass-machine-learning/model-${i}` } },
  }));
  const functions = Array.from({ length: N }, (_, i) => ({
    Id: `classifier-${i}`, FunctionArn: arn(i),
    FunctionConfiguration: {
      Executable: 'inference.function_handler', Pinned: true, Timeout: 10, MemorySize: 98304, EncodingType: 'json',
      Environment: { Variables: { MXNET_ENGINE_TYPE: 'NaiveEngine' }, ResourceAccessPolicies: [{ ResourceId: `model-${i}`, Permission: 'ro' }], Execution: { IsolationMode: 'GreengrassContainer' } },
    },
  }));
  const subscriptions = Array.from({ length: N }, (_, i) => ({ Id: `results-${i}`, Source: arn(i), Subject: `ml/results/${i}`, Target: 'cloud' }));
  writeFileSync(join(dir, 'greengrass-ml.json'), json({
    name: 'bench-50-functions', region: 'us-east-1', coreVersion: '1.11.6', platforms: ['raspberry-pi'],
    definitions: { core: 'core-definition.json', functions: 'function-definition.json', resources: 'resource-definition.json', subscriptions: 'subscription-definition.json' },
  }));
  writeFileSync(join(dir, 'core-definition.json'), json({ Name: 'core', InitialVersion: { Cores: [{ Id: 'core', ThingArn: `arn:aws:iot:us-east-1:${account}:thing/bench_Core`, CertificateArn: `arn:aws:iot:us-east-1:${account}:cert/abc`, SyncShadow: false }] } }));
  writeFileSync(join(dir, 'function-definition.json'), json({ Name: 'functions', InitialVersion: { Functions: functions } }));
  writeFileSync(join(dir, 'resource-definition.json'), json({ Name: 'resources', InitialVersion: { Resources: resources } }));
  writeFileSync(join(dir, 'subscription-definition.json'), json({ Name: 'subscriptions', InitialVersion: { Subscriptions: subscriptions } }));
  const src = join(dir, '..', 'model-src');
  for (let i = 0; i < N; i++) {
    const fn = join(dir, 'functions', `classifier-${i}`);
    mkdirSync(fn, { recursive: true });
    writeFileSync(join(fn, 'inference.py'), [
      'import json', 'import os', 'import greengrasssdk', '', 'client = greengrasssdk.client("iot-data")',
      `MODEL_DIR = os.environ.get("AWS_GG_RESOURCE_PREFIX", "/") + "/greengrass-machine-learning/model-${i}"`, '', '',
      'def function_handler(event, context):', `    client.publish(topic="ml/results/${i}", payload=json.dumps({"model": MODEL_DIR}))`, '',
    ].join('\n'));
    const model = join(src, `model-${i}`);
    mkdirSync(model, { recursive: true });
    writeFileSync(join(model, 'synset.txt'), 'n01440764 tench\n'.repeat(1000));
    writeFileSync(join(model, 'params'), Buffer.alloc(64 * 1024, i));
    mkdirSync(join(dir, 'models'), { recursive: true });
    await tar.c({ gzip: true, file: join(dir, 'models', `model-${i}.tar.gz`), cwd: src }, [`model-${i}`]);
  }
}

export async function benchMigrate() {
  const { migrateCommand } = require(join(root, 'dist', 'cli.js'));
  const work = mkdtempSync(join(tmpdir(), 'ggml-bench-migrate-'));
  try {
    const group = join(work, 'bench-50-functions');
    mkdirSync(group);
    await writeGroup(group);
    const io = { out: () => undefined, err: (t) => { throw new Error(t); }, cwd: work };
    const times = [];
    const cpu = [];
    let code;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      code = await migrateCommand(['bench-50-functions', '--force'], io);
      const used = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
    if (code !== 0) throw new Error(`the benchmark group migrates with blockers (exit ${code})`);
    // On a shared machine the wall time includes waiting for a core; the CPU time is this process's own work.
    return [`migrate of a ${N}-function, ${N}-ML-resource group (read, plan, write 100 files, repack ${N} .tar.gz models as .zip): median ${median(times).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU, of ${RUNS} runs (wall min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms)`];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of await benchMigrate()) console.log(l);
