import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { lintDocument, RULES, type Finding } from '../../src/core/lint';
import { checkPythonHandler } from '../../src/core/python';
import {
  applyTextEdits, defaultDestinationPath, defaultFunctionName, defaultTopic, FRAMEWORKS, isolationModesFor, LIFECYCLES,
  PLATFORMS, planScaffold, runtimesFor, ScaffoldError, validateAnswers, type ModelSource, type ScaffoldAnswers, type ScaffoldPlan,
} from '../../src/core/scaffold';

const GROUP = '/groups/demo';
const EOS = RULES.find((r) => r.name === 'greengrass-v1-end-of-support')!.code;
const DEPRECATED_RUNTIME = RULES.find((r) => r.name === 'deprecated-runtime')!.code;

/** An in-memory group folder: relative path → text. */
class MemoryGroup {
  constructor(public files: Record<string, string> = {}) {}
  folder(name = 'demo') {
    return { name, readFile: (p: string) => this.files[p] };
  }
  apply(plan: ScaffoldPlan): void {
    for (const f of plan.files) {
      if (f.action === 'edit') this.files[f.path] = applyTextEdits(this.files[f.path]!, f.edits);
      else this.files[f.path] = f.content;
    }
  }
  /** Lints every JSON file of the group with the lint engine, reading the other files from memory. */
  lint(): Finding[] {
    const host = { readFile: (p: string) => (p.startsWith(GROUP + '/') ? this.files[p.slice(GROUP.length + 1)] : undefined) };
    const findings: Finding[] = [];
    for (const [path, text] of Object.entries(this.files)) {
      if (path.endsWith('.json')) findings.push(...lintDocument({ path: `${GROUP}/${path}`, text }, host, { throwInternalErrors: true }));
    }
    return findings;
  }
}

function manifest(coreVersion: string, platforms?: string[]): string {
  return JSON.stringify({ name: 'demo', region: 'us-east-1', coreVersion, ...(platforms ? { platforms } : {}) }, null, 2) + '\n';
}

const S3_SOURCE: ModelSource = { kind: 's3', uri: 's3://acme-ml-models/squeezenet/model.tar.gz' };
const SAGEMAKER_SOURCE: ModelSource = { kind: 'sagemaker', jobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/squeezenet-2024' };

function answers(over: Partial<ScaffoldAnswers> = {}): ScaffoldAnswers {
  const framework = over.framework ?? 'mxnet';
  const functionName = over.functionName ?? defaultFunctionName(framework);
  return {
    framework, runtime: 'python3.8', platform: 'raspberry-pi', source: S3_SOURCE, destinationPath: defaultDestinationPath(framework),
    isolationMode: 'GreengrassContainer', lifecycle: 'pinned', functionName, topic: defaultTopic(functionName), ...over,
  };
}

function* everyCombination(coreVersion: string): Generator<ScaffoldAnswers> {
  for (const f of FRAMEWORKS) for (const r of runtimesFor(coreVersion)) for (const p of PLATFORMS) {
    for (const source of [S3_SOURCE, SAGEMAKER_SOURCE]) for (const i of isolationModesFor(coreVersion)) for (const l of LIFECYCLES) {
      yield answers({ framework: f.value, runtime: r.value, platform: p.value, source, isolationMode: i.value, lifecycle: l.value });
    }
  }
}

const CORE_VERSIONS = ['1.11.6', '1.10.2', '1.9.4', '1.7.0', '1.6.0'];

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.code} ${f.path}@${f.offset}: ${f.message}`).join('\n');
}

describe('New Inference Function scaffold', () => {
  describe('every combination is lint-clean', () => {
    for (const core of CORE_VERSIONS) {
      it(`scaffolds every framework × runtime × platform × source × isolation × lifecycle for core ${core} with no finding but the end-of-support note`, () => {
        let count = 0;
        for (const a of everyCombination(core)) {
          for (const platforms of [undefined, [a.platform]]) {
            const group = new MemoryGroup({ 'greengrass-ml.json': manifest(core, platforms) });
            group.apply(planScaffold(a, group.folder()));
            // Python 2.7 is the only Python of cores before 1.9; the linter rightly says Lambda no longer creates it.
            const allowed = new Set([EOS, ...(a.runtime === 'python2.7' ? [DEPRECATED_RUNTIME] : [])]);
            const unexpected = group.lint().filter((f) => !allowed.has(f.code));
            assert.equal(unexpected.length, 0, `${JSON.stringify(a)} on core ${core}:\n${describeFindings(unexpected)}`);
            const handler = `${GROUP}/functions/${a.functionName}/inference.py`;
            const py = checkPythonHandler({ path: handler, text: group.files[`functions/${a.functionName}/inference.py`]! },
              { readFile: (p) => (p.startsWith(GROUP + '/') ? group.files[p.slice(GROUP.length + 1)] : undefined) });
            // The connector client calls the ML connectors' SDK, which has no Greengrass V2 equivalent: GGML-PY005 says so.
            const expected = a.framework === 'image-classification-connector-client' ? ['GGML-PY005'] : [];
            assert.deepEqual(py.map((f) => f.code), expected, `${JSON.stringify(a)} on core ${core}: Python findings`);
            count++;
          }
        }
        assert.ok(count >= 48, `only ${count} combinations`);
      });
    }

    it('scaffolds several functions into one group (an empty folder first) and stays lint-clean', () => {
      const group = new MemoryGroup();
      const fns: ScaffoldAnswers[] = [
        answers({ framework: 'mxnet', functionName: 'cam-mxnet' }),
        answers({ framework: 'tensorflow', functionName: 'cam-tf', isolationMode: 'NoContainer', source: SAGEMAKER_SOURCE }),
        answers({ framework: 'neo-dlr', functionName: 'neo', lifecycle: 'on-demand', source: { kind: 's3', uri: 's3://other-models/neo.zip' } }),
        answers({ framework: 'image-classification-connector-client', functionName: 'client', platform: 'jetson-tx2' }),
      ];
      for (const a of fns) group.apply(planScaffold(a, group.folder('my demo')));
      assert.deepEqual(group.lint().filter((f) => f.code !== EOS).map((f) => `${f.code} ${f.message}`), []);
      const fnDef = parse(group.files['function-definition.json']!) as { InitialVersion: { Functions: { Id: string }[] } };
      assert.deepEqual(fnDef.InitialVersion.Functions.map((f) => f.Id), ['cam-mxnet', 'cam-tf', 'neo', 'client']);
      const resources = parse(group.files['resource-definition.json']!) as { InitialVersion: { Resources: { Id: string }[] } };
      // The camera devices are shared, not added twice.
      assert.equal(resources.InitialVersion.Resources.filter((r) => r.Id.includes('camera-vcsm')).length, 1);
      const policy = parse(group.files['service-role-policy.json']!) as { Statement: { Resource: string }[] };
      assert.deepEqual(policy.Statement.map((s) => s.Resource), ['arn:aws:s3:::acme-ml-models/*', 'arn:aws:s3:::other-models/*']);
      const m = parse(group.files['greengrass-ml.json']!) as { name: string; platforms: string[] };
      assert.equal(m.name, 'my-demo');
      assert.deepEqual(m.platforms, ['raspberry-pi', 'jetson-tx2']);
    });
  });

  describe('generated code', () => {
    it('compiles with python3 for every framework, platform, lifecycle and core generation', function () {
      this.timeout(60_000);
      const dir = mkdtempSync(join(tmpdir(), 'ggml-scaffold-'));
      try {
        const seen = new Map<string, string>();
        for (const core of ['1.11.6', '1.9.4']) {
          for (const a of everyCombination(core)) {
            const plan = planScaffold(a, new MemoryGroup({ 'greengrass-ml.json': manifest(core) }).folder());
            const py = plan.files.find((f) => f.path.endsWith('.py'))!.content;
            seen.set(py, `${a.framework}-${a.platform}-${a.lifecycle}-${a.isolationMode}-${core}`);
          }
        }
        const files = [...seen].map(([text, name], i) => {
          const file = join(dir, `h${i}_${name.replace(/[^a-z0-9]/gi, '_')}.py`);
          writeFileSync(file, text);
          return file;
        });
        assert.ok(files.length >= 30, `only ${files.length} distinct handlers`);
        execFileSync('python3', ['-m', 'py_compile', ...files], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('loads the model with each framework\'s own pattern from the resource prefix', () => {
      const handler = (a: ScaffoldAnswers, core = '1.11.6') =>
        planScaffold(a, new MemoryGroup({ 'greengrass-ml.json': manifest(core) }).folder()).files.find((f) => f.path.endsWith('inference.py'))!.content;
      const mx = handler(answers({ framework: 'mxnet' }));
      assert.match(mx, /mx\.model\.load_checkpoint\(/);
      assert.match(mx, /mx\.mod\.Module\(/);
      assert.match(mx, /MODEL_PATH = os\.environ\.get\('AWS_GG_RESOURCE_PREFIX', ''\) \+ MODEL_DIR/);
      assert.match(mx, /MODEL_DIR = '\/greengrass-machine-learning\/mxnet\/squeezenet'/);
      assert.match(mx, /greengrasssdk\.client\('iot-data'\)/);
      assert.match(mx, /iot\.publish\(topic=TOPIC, payload=json\.dumps\(/);
      assert.match(mx, /Timer\(INTERVAL_SECONDS, infinite_infer_run\)/);
      assert.match(mx, /picamera/);
      const tf = handler(answers({ framework: 'tensorflow', platform: 'x86_64', lifecycle: 'on-demand' }));
      assert.match(tf, /tf\.GraphDef\(\)/);
      assert.match(tf, /ParseFromString/);
      assert.match(tf, /import_graph_def/);
      assert.doesNotMatch(tf, /estimator|slim|Saver|restore|picamera|Timer/i);
      assert.match(tf, /def function_handler\(event, context\):\n {4}# One inference/);
      assert.match(handler(answers({ framework: 'neo-dlr', platform: 'jetson-tx2' })), /dlr\.DLRModel\(MODEL_PATH, DEVICE\)[\s\S]*|DEVICE = 'gpu'/);
      assert.match(handler(answers({ framework: 'neo-dlr', platform: 'jetson-tx2' })), /DEVICE = 'gpu'/);
      assert.match(handler(answers({ framework: 'neo-dlr', platform: 'raspberry-pi' })), /DEVICE = 'cpu'/);
      assert.match(handler(answers({ framework: 'image-classification-connector-client' })), /invoke_inference\(/);
      // Cores before 1.10 have no resource prefix: the model is at its destination path.
      const old = handler(answers({ runtime: 'python3.7' }), '1.9.4');
      assert.match(old, /MODEL_PATH = MODEL_DIR/);
      assert.doesNotMatch(old, /AWS_GG_RESOURCE_PREFIX/);
    });
  });

  describe('group files', () => {
    it('sets pinning, memory in KB, NaiveEngine, access and camera devices as the console tutorial does', () => {
      const group = new MemoryGroup({ 'greengrass-ml.json': manifest('1.11.6', ['raspberry-pi']) });
      group.apply(planScaffold(answers(), group.folder()));
      const fn = (parse(group.files['function-definition.json']!) as { InitialVersion: { Functions: Record<string, unknown>[] } }).InitialVersion.Functions[0]!;
      assert.deepEqual(fn, {
        Id: 'mxnet-inference',
        FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:mxnet-inference:live',
        FunctionConfiguration: {
          Pinned: true, Timeout: 10, MemorySize: 96 * 1024,
          Environment: {
            Variables: { MXNET_ENGINE_TYPE: 'NaiveEngine' },
            ResourceAccessPolicies: [
              { ResourceId: 'mxnet-inference-model', Permission: 'ro' },
              { ResourceId: 'raspberry-pi-camera-vcsm', Permission: 'rw' },
              { ResourceId: 'raspberry-pi-camera-vchiq', Permission: 'rw' },
            ],
            Execution: { IsolationMode: 'GreengrassContainer' },
          },
        },
      });
      const sub = parse(group.files['subscription-definition.json']!) as { InitialVersion: { Subscriptions: unknown[] } };
      assert.deepEqual(sub.InitialVersion.Subscriptions, [{ Id: 'mxnet-inference-results', Source: fn['FunctionArn'], Subject: 'ml/inference/mxnet-inference', Target: 'cloud' }]);
      assert.equal(group.files['functions/mxnet-inference/requirements.txt']?.includes('greengrasssdk'), true);
      assert.deepEqual((parse(group.files['greengrass-ml.json']!) as { functions: unknown }).functions, { 'mxnet-inference': { runtime: 'python3.8', framework: 'mxnet' } });
    });

    it('gives a NoContainer function an OwnerSetting on its model, no Permission and no memory limit', () => {
      const group = new MemoryGroup({ 'greengrass-ml.json': manifest('1.10.0', ['x86_64']) });
      group.apply(planScaffold(answers({ framework: 'neo-dlr', platform: 'x86_64', runtime: 'python3.7', isolationMode: 'NoContainer', source: SAGEMAKER_SOURCE }), group.folder()));
      const res = (parse(group.files['resource-definition.json']!) as { InitialVersion: { Resources: { ResourceDataContainer: Record<string, unknown> }[] } }).InitialVersion.Resources;
      assert.deepEqual(res[0]!.ResourceDataContainer, {
        SageMakerMachineLearningModelResourceData: {
          SageMakerJobArn: SAGEMAKER_SOURCE.kind === 'sagemaker' ? SAGEMAKER_SOURCE.jobArn : '', DestinationPath: '/ml_model',
          OwnerSetting: { GroupOwner: 'ggc_group', GroupPermission: 'ro' },
        },
      });
      const config = (parse(group.files['function-definition.json']!) as { InitialVersion: { Functions: { FunctionConfiguration: Record<string, unknown> }[] } }).InitialVersion.Functions[0]!.FunctionConfiguration;
      assert.equal(config['MemorySize'], undefined);
      assert.deepEqual((config['Environment'] as Record<string, unknown>)['ResourceAccessPolicies'], [{ ResourceId: 'neo-inference-model' }]);
      // A SageMaker source needs no bucket statement (the training job's bucket is not known from its ARN).
      assert.equal(group.files['service-role-policy.json'], undefined);
    });

    it('gives a containerized Neo function at least 1024 MB', () => {
      for (const platform of ['raspberry-pi', 'jetson-tx2', 'x86_64'] as const) {
        const group = new MemoryGroup({ 'greengrass-ml.json': manifest('1.11.6') });
        group.apply(planScaffold(answers({ framework: 'neo-dlr', platform }), group.folder()));
        const config = (parse(group.files['function-definition.json']!) as { InitialVersion: { Functions: { FunctionConfiguration: { MemorySize: number } }[] } }).InitialVersion.Functions[0]!.FunctionConfiguration;
        assert.ok(config.MemorySize >= 1024 * 1024, `${platform}: ${config.MemorySize}`);
      }
    });

    it('adds no policy statement for a bucket the managed policy covers, or one the policy already grants', () => {
      const covered = new MemoryGroup({ 'greengrass-ml.json': manifest('1.11.6') });
      covered.apply(planScaffold(answers({ source: { kind: 's3', uri: 's3://my-greengrass-models/m.tar.gz' } }), covered.folder()));
      assert.equal(covered.files['service-role-policy.json'], undefined);
      assert.equal((parse(covered.files['greengrass-ml.json']!) as { serviceRolePolicy?: string }).serviceRolePolicy, undefined);

      const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": ["s3:Get*"], "Resource": "arn:aws:s3:::acme-ml-models/*" }]\n}\n';
      const granted = new MemoryGroup({ 'greengrass-ml.json': '{"name": "demo", "coreVersion": "1.11.6", "serviceRolePolicy": "policy/role.json"}', 'policy/role.json': policy });
      const plan = planScaffold(answers(), granted.folder());
      assert.equal(plan.files.find((f) => f.path === 'policy/role.json'), undefined);
    });

    it('takes the account for the placeholder alias ARN from the execution role in the manifest', () => {
      const group = new MemoryGroup({ 'greengrass-ml.json': JSON.stringify({ name: 'g', region: 'eu-west-1', coreVersion: '1.11.6', lambdaExecutionRoleArn: 'arn:aws:iam::555566667777:role/gg-lambda' }) });
      const plan = planScaffold(answers(), group.folder());
      assert.equal(plan.functionArn, 'arn:aws:lambda:eu-west-1:555566667777:function:mxnet-inference:live');
    });

    it('creates a manifest, core, definitions and policy in an empty folder', () => {
      const plan = planScaffold(answers(), new MemoryGroup().folder('Camera Group!'));
      assert.deepEqual(plan.files.map((f) => [f.action, f.path]).sort(), [
        ['create', 'core-definition.json'], ['create', 'function-definition.json'],
        ['create', 'functions/mxnet-inference/inference.py'], ['create', 'functions/mxnet-inference/requirements.txt'], ['create', 'greengrass-ml.json'],
        ['create', 'resource-definition.json'], ['create', 'service-role-policy.json'], ['create', 'subscription-definition.json'],
      ]);
      assert.equal(plan.conflicts.length, 0);
      assert.equal((parse(plan.files.find((f) => f.path === 'greengrass-ml.json')!.content) as { name: string }).name, 'Camera-Group');
    });
  });

  describe('existing files', () => {
    const commented = {
      'greengrass-ml.json': '// The camera group.\n{\n\t"name": "cams", // the group\n\t"region": "us-east-1",\n\t"coreVersion": "1.11.6",\n\t"platforms": ["raspberry-pi"],\n\t"definitions": {\n\t\t"functions": "defs/functions.json",\n\t\t"resources": "defs/resources.json",\n\t\t"subscriptions": "defs/subscriptions.json",\n\t\t"core": "defs/core.json"\n\t}\n}\n',
      'defs/functions.json': '{\n    // Created with the CLI.\n    "FunctionDefinitionId": "4d941bc7-92a1-4f45-8d64-EXAMPLE",\n    "Functions": [\n        /* the old one */\n        {\n            "Id": "old",\n            "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:old:1",\n            "FunctionConfiguration": { "Pinned": false, "Timeout": 3, "MemorySize": 16384 }\n        }\n    ]\n}\n',
      'defs/resources.json': '{\n  "ResourceDefinitionId": "b7c9-EXAMPLE",\n  "Resources": [] // none yet\n}\n',
      'defs/subscriptions.json': '{"SubscriptionDefinitionId": "a1-EXAMPLE", "Subscriptions": []}',
      'defs/core.json': '{"CoreDefinitionId": "c1-EXAMPLE", "Cores": [{"Id": "core", "ThingArn": "arn:aws:iot:us-east-1:123456789012:thing/cams_Core", "CertificateArn": "arn:aws:iot:us-east-1:123456789012:cert/' + 'a'.repeat(64) + '", "SyncShadow": false}]}',
    };

    it('edits the files where they are, in their own shape, keeping comments and indentation', () => {
      const group = new MemoryGroup({ ...commented });
      const plan = planScaffold(answers(), group.folder());
      assert.equal(plan.files.filter((f) => f.path.startsWith('defs/') || f.path === 'greengrass-ml.json').every((f) => f.action === 'edit'), true);
      for (const f of plan.files) if (f.action === 'edit') assert.equal(applyTextEdits(group.files[f.path]!, f.edits), f.content, f.path);
      group.apply(plan);
      const fns = group.files['defs/functions.json']!;
      assert.match(fns, /^\{\n {4}\/\/ Created with the CLI\.\n/);
      assert.match(fns, /\/\* the old one \*\//);
      assert.match(fns, /\n {8}\{\n {12}"Id": "mxnet-inference",/, 'the new function uses the file\'s four-space indentation');
      assert.deepEqual((parse(fns) as { Functions: { Id: string }[] }).Functions.map((f) => f.Id), ['old', 'mxnet-inference']);
      assert.match(group.files['greengrass-ml.json']!, /^\/\/ The camera group\.\n\{\n\t"name": "cams", \/\/ the group\n/);
      assert.match(group.files['greengrass-ml.json']!, /\n\t"functions": \{\n\t\t"mxnet-inference": \{/);
      assert.match(group.files['defs/resources.json']!, /\/\/ none yet/);
      assert.equal(group.files['defs/core.json'], commented['defs/core.json'], 'an existing core definition is left alone');
      assert.deepEqual(group.lint().filter((f) => f.code !== EOS).map((f) => `${f.code} ${f.path}: ${f.message}`), []);
    });

    it('running it again with the same answers changes nothing and reports nothing', () => {
      const group = new MemoryGroup({ ...commented });
      group.apply(planScaffold(answers(), group.folder()));
      const again = planScaffold(answers(), group.folder());
      assert.deepEqual(again.files, []);
      assert.deepEqual(again.conflicts, []);
    });

    it('never plans an overwrite without a conflict, and leaves differing things alone unless told to overwrite', () => {
      const group = new MemoryGroup({ ...commented });
      group.apply(planScaffold(answers(), group.folder()));
      group.files['functions/mxnet-inference/inference.py'] = '# my own edits\n';
      const before = { ...group.files };
      const changed = answers({ topic: 'other/topic', lifecycle: 'on-demand' });

      const keep = planScaffold(changed, group.folder());
      const conflictPaths = new Set(keep.conflicts.map((c) => c.path));
      assert.ok(conflictPaths.has('functions/mxnet-inference/inference.py'));
      assert.ok(keep.conflicts.some((c) => /function mxnet-inference/.test(c.message)));
      assert.equal(keep.files.some((f) => f.action === 'overwrite'), false);
      assert.equal(keep.files.some((f) => f.path.startsWith('functions/')), false, 'no code file is touched');
      for (const f of keep.files) assert.ok(f.action === 'edit' && before[f.path] !== undefined);
      group.apply(keep);
      assert.equal(group.files['functions/mxnet-inference/inference.py'], '# my own edits\n');
      assert.equal(group.files['defs/functions.json'], before['defs/functions.json'], 'the existing function entry is kept');

      const replace = planScaffold(changed, group.folder(), { overwrite: true });
      for (const f of replace.files) {
        if (f.action === 'overwrite') assert.ok(replace.conflicts.some((c) => c.path === f.path), `${f.path} overwritten without a conflict`);
        if (f.action === 'create') assert.equal(group.files[f.path], undefined, `${f.path} exists but is planned as created`);
      }
      group.apply(replace);
      assert.match(group.files['functions/mxnet-inference/inference.py']!, /other\/topic/);
      assert.match(group.files['defs/functions.json']!, /"Pinned": false/);
    });

    it('refuses a manifest that is not JSON, with a message naming the file', () => {
      assert.throws(() => planScaffold(answers(), new MemoryGroup({ 'greengrass-ml.json': '{ "name": ' }).folder()), (e: unknown) =>
        e instanceof ScaffoldError && /greengrass-ml\.json$/.test(e.message));
    });
    it('refuses a group file that repeats a key, rather than edit the value no reader uses', () => {
      const manifest = '{\n  "name": "line-3",\n  "definitions": { "functions": "function-definition.json" },\n  "definitions": { "functions": "functions/definition.json" }\n}\n';
      assert.throws(() => planScaffold(answers(), new MemoryGroup({ 'greengrass-ml.json': manifest }).folder()), (e: unknown) =>
        e instanceof ScaffoldError && /repeats the key "definitions".*GGML-JSON005.*: greengrass-ml\.json$/.test(e.message));
    });
  });

  describe('answers', () => {
    it('offers only the runtimes and isolation modes the core version allows', () => {
      assert.deepEqual(runtimesFor('1.11.6').map((r) => r.value), ['python3.8', 'python3.7']);
      assert.deepEqual(runtimesFor('1.10.0').map((r) => r.value), ['python3.7']);
      assert.deepEqual(runtimesFor('1.9.0').map((r) => r.value), ['python3.7']);
      assert.deepEqual(runtimesFor('1.8.4').map((r) => r.value), ['python2.7']);
      assert.deepEqual(isolationModesFor('1.11.6').map((m) => m.value), ['GreengrassContainer', 'NoContainer']);
      assert.deepEqual(isolationModesFor('1.9.4').map((m) => m.value), ['GreengrassContainer']);
    });

    it('rejects answers the group cannot run, saying which', () => {
      assert.deepEqual(validateAnswers(answers(), '1.11.6'), []);
      assert.match(validateAnswers(answers({ runtime: 'python3.8' }), '1.10.0').join(), /does not run this runtime: python3\.8/);
      assert.match(validateAnswers(answers({ isolationMode: 'NoContainer' }), '1.9.4').join(), /isolation mode/);
      assert.match(validateAnswers(answers({ source: { kind: 's3', uri: 's3://my.bucket/m.tar.gz' } }), '1.11.6').join(), /period: my\.bucket/);
      assert.match(validateAnswers(answers({ source: { kind: 's3', uri: 's3://bucket/m.tgz' } }), '1.11.6').join(), /\.tar\.gz or \.zip/);
      assert.match(validateAnswers(answers({ destinationPath: 'models/x' }), '1.11.6').join(), /absolute/);
      assert.match(validateAnswers(answers({ functionName: 'a b' }), '1.11.6').join(), /letters, digits/);
      assert.match(validateAnswers(answers({ topic: 'a/#' }), '1.11.6').join(), /wildcards/);
      assert.match(validateAnswers(answers({ source: { kind: 'sagemaker', jobArn: 'arn:aws:sagemaker:sa-east-1:123456789012:training-job/x' } }), '1.11.6').join(), /region: sa-east-1/);
      assert.throws(() => planScaffold(answers({ runtime: 'python3.8' }), new MemoryGroup({ 'greengrass-ml.json': manifest('1.10.0') }).folder()), ScaffoldError);
    });
  });
});
