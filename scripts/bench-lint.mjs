// Lint benchmark (part of `npm run bench`; also runnable alone: `node scripts/bench-lint.mjs`).
//   1. Full lint of a generated 10,000-resource resource definition with a matching function definition and
//      service-role policy, as a ratio to jsonc-parser's parseTree alone on the same texts (median of runs).
//   2. Median lint time of a typical 200-line definition file.
//   3. The CLI (dist/cli.js) and cfn-lint on the same YAML CloudFormation template: 10,000 ML resources with their
//      functions, versions, aliases and roles (test/support/mlTemplate.ts) — times, ratio and what each reports.
//   4. Full lint of that template versus parsing the YAML alone (the `yaml` library the linter decodes with).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const require = createRequire(import.meta.url);
const RUNS = Number(process.env.GGML_BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const BUCKETS = 50;

/** A group of `n` resources (mostly S3 and SageMaker models, some devices and volumes), 10 per function. */
export function generateGroup(n) {
  const resources = [];
  for (let i = 0; i < n; i++) {
    const id = `model-${i}`;
    let container;
    if (i % 10 === 8) container = { LocalDeviceResourceData: { SourcePath: `/dev/video${i}`, GroupOwnerSetting: { AutoAddGroupOwner: true } } };
    else if (i % 10 === 9) container = { LocalVolumeResourceData: { SourcePath: `/home/pi/data/${i}`, DestinationPath: `/data/${i}`, GroupOwnerSetting: { AutoAddGroupOwner: false, GroupOwner: 'video' } } };
    else if (i % 3 === 0) container = { SageMakerMachineLearningModelResourceData: { SageMakerJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/job-${i}`, DestinationPath: `/ml/sagemaker/${i}` } };
    else container = { S3MachineLearningModelResourceData: { S3Uri: `s3://camera-models-${i % BUCKETS}/models/${i}/model.tar.gz`, DestinationPath: `/ml/s3/${i}` } };
    resources.push({ Id: id, Name: id, ResourceDataContainer: container });
  }
  const functions = [];
  for (let f = 0; f * 10 < n; f++) {
    functions.push({
      Id: `classifier-${f}`,
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:classifier-${f}:prod`,
      FunctionConfiguration: {
        Executable: 'inference.handler', Pinned: true, Timeout: 10, MemorySize: 98304, EncodingType: 'json',
        Environment: {
          Variables: { MXNET_ENGINE_TYPE: 'NaiveEngine' },
          Execution: { IsolationMode: 'GreengrassContainer' },
          ResourceAccessPolicies: resources.slice(f * 10, f * 10 + 10).map((r) => ({ ResourceId: r.Id, Permission: 'ro' })),
        },
      },
    });
  }
  const policy = {
    Version: '2012-10-17',
    Statement: Array.from({ length: BUCKETS }, (_, b) => ({ Sid: `ReadModels${b}`, Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::camera-models-${b}/*`] })),
  };
  const manifest = {
    name: 'bench-group', region: REGION, coreVersion: '1.11.6', platforms: ['raspberry-pi'],
    definitions: { resources: 'resource-definition.json', functions: 'function-definition.json' },
    serviceRolePolicy: 'service-role-policy.json',
  };
  return {
    manifest,
    resources: { Name: 'bench-resources', InitialVersion: { Resources: resources } },
    functions: { Name: 'bench-functions', InitialVersion: { Functions: functions } },
    policy,
  };
}

function build() {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--tests'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error('The build failed; run `node scripts/build.mjs --tests` to see why');
}

/** CPU time (this process, every thread) and wall-clock time of `fn`, in ms. */
function cpuAndWall(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}

function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * CPU seconds used by the children this process has waited for (Linux: cutime + cstime of /proc/self/stat), so a
 * child's CPU time is known after spawnSync returns. On a shared machine wall-clock time mostly measures the others'
 * load; CPU time measures the work. Undefined where /proc is missing.
 */
function childrenCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at indexes 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

function timeProcess(cmd, args, timeout = 0) {
  const cpu0 = childrenCpuSeconds();
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout, killSignal: 'SIGKILL' });
  const timedOut = timeout > 0 && r.error?.code === 'ETIMEDOUT';
  const cpu1 = childrenCpuSeconds();
  const cpuMs = cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) * 1000;
  return { ms: performance.now() - t0, cpuMs, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: timedOut ? undefined : r.error, timedOut };
}

/**
 * cfn-lint on 10,000 resources takes many minutes on a busy 2-core machine; it is stopped after this many seconds and
 * the ratio is then reported as a lower bound. GGML_BENCH_CFN_TIMEOUT=0 skips it.
 */
const CFN_TIMEOUT_S = Number(process.env.GGML_BENCH_CFN_TIMEOUT ?? 300);
const NO_LIMIT = { maxSize: Number.MAX_SAFE_INTEGER };

export async function benchLint({ skipBuild = false, log = () => {} } = {}) {
  if (!skipBuild) build();
  const lint = require(join(root, 'out', 'src', 'core', 'lint', 'index.js'));
  const { parseTree } = require('jsonc-parser');
  const lines = [];
  const push = (line) => { lines.push(line); log(line); };
  const dir = mkdtempSync(join(tmpdir(), 'ggml-bench-lint-'));
  try {
    const group = generateGroup(10_000);
    const files = {
      'greengrass-ml.json': JSON.stringify(group.manifest, null, 2),
      'resource-definition.json': JSON.stringify(group.resources, null, 2),
      'function-definition.json': JSON.stringify(group.functions, null, 2),
      'service-role-policy.json': JSON.stringify(group.policy, null, 2),
    };
    mkdirSync(join(dir, 'group'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'group', name), text);
    const path = (name) => join(dir, 'group', name);
    const linted = ['resource-definition.json', 'function-definition.json', 'service-role-policy.json'];
    const totalChars = linted.reduce((s, n) => s + files[n].length, 0);

    // 1. Every run lints texts it has not seen (a trailing-space variant), so no cache of the engine helps it.
    const lintTimes = [];
    const parseTimes = [];
    let findings = 0;
    for (let run = 0; run < RUNS; run++) {
      const variant = Object.fromEntries(Object.entries(files).map(([n, t]) => [path(n), `${t}${' '.repeat(run + 1)}\n`]));
      const host = { readFile: (p) => variant[p] };
      parseTimes.push(time(() => { for (const n of linted) parseTree(variant[path(n)]); }));
      lintTimes.push(time(() => {
        findings = 0;
        for (const n of linted) findings += lint.lintDocument({ path: path(n), text: variant[path(n)] }, host, NO_LIMIT).length;
      }));
    }
    const lintMs = median(lintTimes);
    const parseMs = median(parseTimes);
    push(`lint: 10,000-resource group (resource + function definition + policy, ${(totalChars / 1e6).toFixed(1)} M chars, ${findings} findings): ` +
      `full lint ${ms(lintMs)} vs parseTree alone ${ms(parseMs)} = ${(lintMs / parseMs).toFixed(2)}x (median of ${RUNS}; aim <= 3x)`);

    // 2. A typical 200-line file: a resource definition of a dozen resources, linted with its group.
    let small = generateGroup(1);
    for (let n = 2; JSON.stringify(small.resources, null, 2).split('\n').length < 200; n++) small = generateGroup(n);
    const smallText = JSON.stringify(small.resources, null, 2);
    const smallLines = smallText.split('\n').length;
    const smallFiles = {
      [path('greengrass-ml.json')]: files['greengrass-ml.json'],
      [path('function-definition.json')]: JSON.stringify(small.functions, null, 2),
      [path('service-role-policy.json')]: JSON.stringify(small.policy, null, 2),
    };
    const smallHost = { readFile: (p) => smallFiles[p] };
    const smallTimes = [];
    for (let run = 0; run < 300; run++) {
      const text = `${smallText}${' '.repeat(run % 50)}\n`;
      smallTimes.push(time(() => lint.lintDocument({ path: path('resource-definition.json'), text }, smallHost)));
    }
    push(`lint: typical ${smallLines}-line resource definition: median ${ms(median(smallTimes.slice(20)))} per lint (280 runs after warm-up; aim <= 2 ms)`);

    // 3. The CLI and cfn-lint on the same template, as CI runs them (a process each, JSON output).
    const { generateMlTemplate } = require(join(root, 'out', 'test', 'support', 'mlTemplate.js'));
    const generated = generateMlTemplate({ resources: 10_000 });
    const template = join(dir, 'edge-inference.yaml');
    writeFileSync(template, generated.text);
    const size = `${generated.resources.toLocaleString('en')} ML resources, ${generated.functions} functions with versions, aliases and roles, ${(generated.text.length / 1e6).toFixed(1)} M chars`;
    const byCode = (codes) => {
      const counts = new Map();
      for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} x${n}`).join(', ');
    };
    const cliRuns = [];
    const cliCpu = [];
    let cliOut;
    for (let run = 0; run < Math.min(RUNS, 3); run++) {
      const r = timeProcess(process.execPath, [join(root, 'dist', 'cli.js'), 'lint', '--format', 'json', template]);
      if (r.status !== 0 && r.status !== 1) throw new Error(`The CLI failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
      cliOut = r;
      cliRuns.push(r.ms);
      if (r.cpuMs !== undefined) cliCpu.push(r.cpuMs);
    }
    const cliMs = median(cliRuns);
    const cliCodes = JSON.parse(cliOut.stdout).results.map((x) => x.code);
    const cliCpuMs = cliCpu.length ? median(cliCpu) : undefined;
    const cpuText = (v) => (v === undefined ? '' : `, CPU ${ms(v)}`);
    const cliLine = `CLI ${ms(cliMs)}${cpuText(cliCpuMs)} (median of ${cliRuns.length}, exit ${cliOut.status}; ${cliCodes.length} findings: ${byCode(cliCodes)})`;
    // The ratio of CPU times when both are known (a shared machine's load distorts wall-clock times), else of wall clock.
    const ratio = (cfn) => (cliCpuMs !== undefined && cfn.cpuMs !== undefined ? { value: cfn.cpuMs / cliCpuMs, of: 'CPU time' } : { value: cfn.ms / cliMs, of: 'wall clock' });
    if (CFN_TIMEOUT_S === 0) {
      push(`lint: template of ${size}: ${cliLine}; cfn-lint skipped (GGML_BENCH_CFN_TIMEOUT=0)`);
    } else {
      log(`lint: ${cliLine}; running cfn-lint on the same template (stopped after ${CFN_TIMEOUT_S} s)…`);
      const cfn = timeProcess('cfn-lint', ['--format', 'json', '--', template], CFN_TIMEOUT_S * 1000);
      if (cfn.timedOut) {
        const r = ratio(cfn);
        push(`lint: template of ${size}: ${cliLine} vs cfn-lint > ${CFN_TIMEOUT_S} s${cpuText(cfn.cpuMs)} (stopped) = more than ${r.value.toFixed(0)}x faster by ${r.of} (aim >= 100x)`);
      } else if (cfn.error) {
        push(`lint: template of ${size}: ${cliLine}; cfn-lint could not run: ${cfn.error.message}`);
      } else {
        let cfnReport = '? findings';
        try {
          const codes = JSON.parse(cfn.stdout).map((x) => x.Rule.Id);
          cfnReport = `${codes.length} findings: ${byCode(codes)}`;
        } catch { /* not JSON: keep '?' */ }
        const r = ratio(cfn);
        push(`lint: template of ${size}: ${cliLine} vs cfn-lint ${ms(cfn.ms)}${cpuText(cfn.cpuMs)} (exit ${cfn.status}; ${cfnReport}) = ${r.value.toFixed(0)}x faster by ${r.of} (aim >= 100x)`);
      }
    }

    // 4. In process, on texts not seen before: the full lint of the template vs the YAML parse alone.
    const { parseDocument } = require('yaml');
    const templateLint = [];
    const yamlParse = [];
    const templateRuns = Math.min(RUNS, 3);
    let templateFindings = 0;
    for (let run = 0; run < templateRuns; run++) {
      const text = `${generated.text}${' '.repeat(run + 1)}\n`;
      yamlParse.push(cpuAndWall(() => parseDocument(text)));
      templateLint.push(cpuAndWall(() => { templateFindings = lint.lintDocument({ path: template, text }, { readFile: () => undefined }, NO_LIMIT).length; }));
    }
    const tLint = median(templateLint.map((t) => t.cpu));
    const tParse = median(yamlParse.map((t) => t.cpu));
    push(`lint: template of ${size} (${templateFindings} findings): full lint CPU ${ms(tLint)} (wall ${ms(median(templateLint.map((t) => t.wall)))}) vs YAML parseDocument alone CPU ${ms(tParse)} (wall ${ms(median(yamlParse.map((t) => t.wall)))}) = ${(tLint / tParse).toFixed(2)}x (median of ${templateRuns}; aim <= 3x)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchLint({ log: (line) => console.log(line) });
}
