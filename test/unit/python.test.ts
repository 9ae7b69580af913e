import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, parse } from 'jsonc-parser';
import { checkPythonHandler, PYTHON_RULES, scanPython } from '../../src/core/python';
import { applyTextEdits } from '../../src/core/scaffold';

const ROOT = join(__dirname, '..', '..', '..');

function group(over: { platforms?: string[]; coreVersion?: string; variables?: Record<string, string>; files?: Record<string, string> } = {}) {
  const files: Record<string, string> = {
    '/ws/cams/greengrass-ml.json': JSON.stringify({
      name: 'cams', region: 'us-east-1', coreVersion: over.coreVersion ?? '1.11.6', platforms: over.platforms ?? ['raspberry-pi'],
      definitions: { functions: 'function-definition.json', resources: 'defs/resource-definition.json' },
    }),
    '/ws/cams/function-definition.json': '{\n  // functions\n  "Name": "cams-functions",\n  "InitialVersion": {\n    "Functions": [\n      {\n        "Id": "classify",\n        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:classify:live",\n        "FunctionConfiguration": {\n          "Pinned": true,\n          "Environment": {' + (over.variables ? `\n            "Variables": ${JSON.stringify(over.variables)}` : '') + '\n          }\n        }\n      },\n      { "Id": "other-id", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:by-arn:live" }\n    ]\n  }\n}\n',
    '/ws/cams/defs/resource-definition.json': JSON.stringify({
      ResourceDefinitionId: 'r-1',
      Resources: [
        { Id: 'model', Name: 'model', ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: 's3://b/m.tar.gz', DestinationPath: '/greengrass-machine-learning/mxnet/squeezenet' } } },
        { Id: 'neo', Name: 'neo', ResourceDataContainer: { SageMakerMachineLearningModelResourceData: { SageMakerJobArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/j', DestinationPath: '/ml_model/' } } },
        { Id: 'vol', Name: 'vol', ResourceDataContainer: { LocalVolumeResourceData: { SourcePath: '/home/pi/data', DestinationPath: '/data' } } },
      ],
    }),
    ...over.files,
  };
  return { files, host: { readFile: (p: string) => files[p] } };
}

function check(code: string, path = '/ws/cams/functions/classify/inference.py', g = group()) {
  return checkPythonHandler({ path, text: code }, g.host);
}

const codes = (code: string, path?: string, g?: ReturnType<typeof group>) => check(code, path, g).map((f) => f.code);

describe('Python handler checks', () => {
  describe('GGML-PY001 TF-Estimator and TF-Slim on a Raspberry Pi', () => {
    it('flags tf.estimator, tf.contrib.slim and tf_slim with the offending text', () => {
      const code = 'import tensorflow as tf\nimport tf_slim as slim\nest = tf.estimator.Estimator(model_fn)\nnet = tf.contrib.slim.nets\n# tf.estimator in a comment\ns = "tf.estimator in a string"\n';
      const findings = check(code).filter((f) => f.code === 'GGML-PY001');
      assert.deepEqual(findings.map((f) => code.slice(f.offset, f.offset + f.length)), ['import tf_slim', 'tf.estimator', 'tf.contrib.slim']);
      assert.match(findings[0]!.message, /frozen graph/);
    });
    it('says nothing when the group targets no Raspberry Pi', () => {
      assert.deepEqual(codes('import tensorflow as tf\ntf.estimator.Estimator(f)\n', undefined, group({ platforms: ['jetson-tx2'] })), []);
    });
  });

  describe('GGML-PY002 checkpoint loading on a Raspberry Pi', () => {
    it('flags Saver, restore and latest_checkpoint in TensorFlow code', () => {
      const code = 'import tensorflow as tf\nsaver = tf.train.Saver()\nsaver.restore(sess, tf.train.latest_checkpoint(d))\n';
      assert.deepEqual(codes(code), ['GGML-PY002', 'GGML-PY002', 'GGML-PY002']);
    });
    it('leaves .restore( alone in code that does not use TensorFlow, and the frozen-graph pattern', () => {
      assert.deepEqual(codes('import shelf\nshelf.restore(x)\n'), []);
      assert.deepEqual(codes("import tensorflow as tf\ng = tf.GraphDef()\ng.ParseFromString(open(p, 'rb').read())\ntf.import_graph_def(g, name='')\n"), []);
    });
  });

  describe('GGML-PY003 hard-coded model path', () => {
    it('flags a literal equal to or under an ML resource destination, and fixes it with the prefix (adding import os)', () => {
      const code = "import mxnet as mx\n\nMODEL = '/greengrass-machine-learning/mxnet/squeezenet/squeezenet_v1.1'\nNEO = \"/ml_model\"\nDATA = '/data/x'\n";
      const findings = check(code, '/ws/cams/functions/by-arn/inference.py').filter((f) => f.code === 'GGML-PY003');
      assert.equal(findings.length, 2, 'the volume resource path /data is not an ML resource');
      assert.match(findings[0]!.message, /AWS_GG_RESOURCE_PREFIX.*: \/greengrass-machine-learning\/mxnet\/squeezenet\/squeezenet_v1\.1$/);
      let fixed = code;
      const fix = findings[0]!.fixes![0]!;
      assert.equal(fix.edits[0]!.path, '/ws/cams/functions/by-arn/inference.py');
      fixed = applyTextEdits(fixed, fix.edits[0]!.edits);
      assert.match(fixed, /^import os\nimport mxnet as mx\n/);
      assert.match(fixed, /MODEL = os\.environ\.get\('AWS_GG_RESOURCE_PREFIX', ''\) \+ '\/greengrass-machine-learning/);
      assert.deepEqual(check(fixed, '/ws/cams/functions/by-arn/inference.py').filter((f) => f.code === 'GGML-PY003').length, 1, 'only the other literal is left');
    });

    it('accepts the prefix on the same line, through a bound name, across lines, and os.environ[...] forms', () => {
      const ok = [
        "import os\nMODEL_DIR = '/ml_model'\nMODEL_PATH = os.environ.get('AWS_GG_RESOURCE_PREFIX', '') + MODEL_DIR\n",
        "import os\npath = os.environ['AWS_GG_RESOURCE_PREFIX'] + '/ml_model'\n",
        "import os\nPREFIX = os.getenv('AWS_GG_RESOURCE_PREFIX', '/')\nm = os.path.join(PREFIX, '/ml_model'.lstrip('/'))\n",
        "import os\nm = os.path.join(\n    os.environ.get('AWS_GG_RESOURCE_PREFIX', ''),\n    'ml_model',\n)\nn = os.path.join(\n    os.environ['AWS_GG_RESOURCE_PREFIX'],\n    '/ml_model')\n",
        "# MODEL = '/ml_model' in a comment\nprint(f'/ml_model/{x}')\n",
      ];
      for (const code of ok) assert.deepEqual(codes(code).filter((c) => c === 'GGML-PY003'), [], code);
    });

    it('keeps an existing import os, and does not flag older cores that mount the model at its destination', () => {
      const code = "from __future__ import print_function\nimport os\nMODEL = '/ml_model'\n";
      const f = check(code).find((x) => x.code === 'GGML-PY003')!;
      assert.equal(f.fixes![0]!.edits[0]!.edits.length, 1);
      assert.deepEqual(codes(code, undefined, group({ coreVersion: '1.9.4' })), []);
    });
  });

  describe('GGML-PY004 MXNet without NaiveEngine on a Raspberry Pi', () => {
    it('flags the import of the function named by its code folder, and fixes the function definition keeping its comments', () => {
      const g = group();
      const code = '# classify\nimport json\nimport mxnet as mx\n';
      const f = check(code, undefined, g).find((x) => x.code === 'GGML-PY004')!;
      assert.equal(code.slice(f.offset, f.offset + f.length), 'import mxnet');
      assert.match(f.message, /NaiveEngine.*: classify$/);
      const edit = f.fixes![0]!.edits[0]!;
      assert.equal(edit.path, '/ws/cams/function-definition.json');
      const fixedDef = applyEdits(g.files[edit.path]!, edit.edits);
      assert.match(fixedDef, /^\{\n {2}\/\/ functions\n/);
      const parsed = parse(fixedDef) as { InitialVersion: { Functions: { FunctionConfiguration?: { Environment: { Variables: Record<string, string> } } }[] } };
      assert.equal(parsed.InitialVersion.Functions[0]!.FunctionConfiguration!.Environment.Variables['MXNET_ENGINE_TYPE'], 'NaiveEngine');
      g.files[edit.path] = fixedDef;
      assert.deepEqual(codes(code, undefined, g), []);
    });

    it('finds the function by the Lambda name in its ARN, and ignores code outside functions/<name>/ or off the Pi', () => {
      assert.deepEqual(codes('from mxnet import nd\n', '/ws/cams/functions/by-arn/handler.py'), ['GGML-PY004']);
      assert.deepEqual(codes('import mxnet\n', '/ws/cams/tools/train.py'), []);
      assert.deepEqual(codes('import mxnet\n', '/ws/cams/functions/unknown/inference.py'), []);
      assert.deepEqual(codes('import mxnet\n', undefined, group({ platforms: ['x86_64'] })), []);
      assert.deepEqual(codes('import mxnet\n', undefined, group({ variables: { MXNET_ENGINE_TYPE: 'NaiveEngine' } })), []);
    });
  });

  it('says nothing about Python files outside a group folder, and uses the nearest manifest', () => {
    assert.deepEqual(codes('import tensorflow as tf\ntf.estimator.X\n', '/elsewhere/x.py'), []);
    const g = group({ files: { '/ws/cams/functions/classify/greengrass-ml.json': JSON.stringify({ name: 'inner', platforms: ['x86_64'] }) } });
    assert.deepEqual(codes('import tensorflow as tf\ntf.estimator.X\n', undefined, g), []);
  });

  it('works with URI paths (the editor passes them for remote files)', () => {
    const files: Record<string, string> = {};
    for (const [k, v] of Object.entries(group().files)) files[`vscode-remote://host:8080${k}`] = v;
    assert.deepEqual(checkPythonHandler({ path: 'vscode-remote://host:8080/ws/cams/functions/classify/inference.py', text: 'import mxnet\n' }, { readFile: (p) => files[p] }).map((f) => f.code), ['GGML-PY004']);
  });

  it('honours greengrass-ml-disable comments for the next line or the file, as in the JSON files', () => {
    const line = "import os\n# greengrass-ml-disable-next-line GGML-PY003 -- read once at build time\nA = '/ml_model'\nB = '/ml_model'\nC = '# greengrass-ml-disable'\n";
    // Only B is reported: A is suppressed, and a directive inside a string does nothing.
    assert.deepEqual(check(line).map((f) => f.offset), [line.indexOf("B = '") + 4]);
    assert.deepEqual(codes('# greengrass-ml-disable\nimport mxnet\nM = "/ml_model"\n'), []);
    assert.deepEqual(codes('# greengrass-ml-disable GGML-PY004\nimport mxnet\nM = "/ml_model"\n'), ['GGML-PY003']);
  });

  it('scans strings with prefixes, escapes and triple quotes without mistaking comments', () => {
    const s = scanPython("a = r'\\d' + b\"x\" # 'not a string'\nd = '''multi\n'line'''\ne = 'it\\'s'\n");
    assert.deepEqual(s.strings.map((x) => [x.prefix, x.value]), [['r', '\\d'], ['b', 'x'], ['', "multi\n'line"], ['', "it's"]]);
  });

  it('has a documentation page for every rule, in the linter\'s style', () => {
    assert.deepEqual(PYTHON_RULES.map((r) => r.code), ['GGML-PY001', 'GGML-PY002', 'GGML-PY003', 'GGML-PY004', 'GGML-PY005']);
    for (const r of PYTHON_RULES) {
      const page = join(ROOT, r.docs);
      assert.ok(existsSync(page), `missing ${r.docs}`);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${r.code}: ${r.name}\n`), r.docs);
      for (const section of ['## What it checks', '## Why', '## Bad', '## Good', '## Fix', '## Source']) assert.ok(text.includes(section), `${r.docs}: ${section} missing`);
      assert.ok(text.includes(`**Default severity:** ${r.defaultSeverity}`), r.docs);
      assert.match(text, /docs\.aws\.amazon\.com\/greengrass\/v1\/developerguide\//, `${r.docs} cites the official guide`);
    }
  });

  describe('GGML-PY005 V1 calls that need a code change on Greengrass V2', () => {
    it('marks shadow calls and the ML connectors\' SDK on their lines, with the V2 replacement, as information', () => {
      const code = [
        'import greengrasssdk',
        'import greengrass_machine_learning_sdk as ml',
        'iot = greengrasssdk.client("iot-data")',
        'def function_handler(event, context):',
        '    # iot.update_thing_shadow(thingName="core") is only a comment',
        '    iot.update_thing_shadow(thingName="core", payload="{}")',
        '    iot.publish(topic="ml/results", payload="{}")',
        '',
      ].join('\n');
      const findings = check(code).filter((f) => f.code === 'GGML-PY005');
      assert.deepEqual(findings.map((f) => [code.slice(f.offset, f.offset + f.length), f.severity]), [['greengrass_machine_learning_sdk', 'info'], ['update_thing_shadow', 'info']]);
      assert.match(findings[0]!.message, /no Greengrass V2 equivalent.*run inference in the component.*: greengrass_machine_learning_sdk$/);
      assert.match(findings[1]!.message, /IPC.*ShadowManager.*: update_thing_shadow$/);
    });

    it('can be suppressed on the line like every handler rule', () => {
      assert.deepEqual(codes('import greengrasssdk\nc = greengrasssdk.client("iot-data")\n# greengrass-ml-disable-next-line GGML-PY005\nc.get_thing_shadow(thingName="x")\n').filter((c) => c === 'GGML-PY005'), []);
    });
  });
});

describe('Python handlers of CloudFormation and SAM templates', () => {
  const dir = '/ws/app';
  const template = readFileSync(join(ROOT, 'test', 'fixtures', 'handlers', 'sam-handlers.yaml'), 'utf8');
  const host = (text = template, name = 'template.yaml') => ({ readFile: (p: string) => (p === `${dir}/${name}` ? text : undefined) });
  const run = (path: string, code: string, h = host()) => checkPythonHandler({ path: `${dir}/${path}`, text: code }, h);
  const MODELS = "import mxnet as mx\nSQUEEZENET = '/ml/squeezenet/model'\nSSD = '/ml/ssd'\nDEEPLAB = '/ml/deeplab'\n";

  it('finds the handler from SAM CodeUri + Handler (a dotted module path) and checks the ML paths that function may access', () => {
    const findings = run('functions/classifier/app/main.py', MODELS);
    assert.deepEqual(findings.map((f) => f.code), ['GGML-PY004', 'GGML-PY003']);
    const py003 = findings.find((f) => f.code === 'GGML-PY003')!;
    assert.equal(MODELS.slice(py003.offset, py003.offset + py003.length), "'/ml/squeezenet/model'", 'only the resource in its ResourceAccessPolicies');
    assert.match(py003.message, /NoContainer/, 'the DefaultConfig isolation mode applies to the function');
  });

  it('fixes MXNET_ENGINE_TYPE in the template by replacing the written value, keeping the comment', () => {
    const py004 = run('functions/classifier/app/main.py', MODELS).find((f) => f.code === 'GGML-PY004')!;
    assert.match(py004.message, /Variables in the template: classifier$/);
    const edits = py004.fixes?.[0]?.edits;
    assert.equal(edits?.length, 1);
    assert.equal(edits[0]!.path, `${dir}/template.yaml`);
    const fixed = applyTextEdits(template, edits[0]!.edits);
    assert.ok(fixed.includes('MXNET_ENGINE_TYPE: "NaiveEngine"  # tuned on the Jetson'), fixed);
    assert.deepEqual(run('functions/classifier/app/main.py', MODELS, host(fixed)).map((f) => f.code), ['GGML-PY003']);
  });

  it('takes Handler from SAM Globals; an engine type or isolation mode built by an intrinsic is unknown, never a finding', () => {
    const findings = run('functions/detector/inference.py', MODELS);
    assert.deepEqual(findings.map((f) => f.code), ['GGML-PY003'], 'no PY004: MXNET_ENGINE_TYPE is !Ref EngineType, unknown until deploy');
    const py003 = findings[0]!;
    assert.equal(MODELS.slice(py003.offset, py003.offset + py003.length), "'/ml/ssd'");
    assert.doesNotMatch(py003.message, /NoContainer/, 'IsolationMode through !If is not known to be NoContainer');
  });

  it('finds an AWS::Lambda::Function by its local Code path, and leaves a destination path that is unknown alone', () => {
    const code = "import os\nimport mxnet as mx\nMODEL = '/ml/ssd'\n";
    assert.deepEqual(run('functions/segmenter/segment.py', code).map((f) => f.code), ['GGML-PY004'], 'PY004 without a fix (the template has no Variables to edit); /ml/ssd is not its resource');
    assert.equal(run('functions/segmenter/segment.py', code)[0]!.fixes, undefined);
  });

  it('the nearer of a group manifest and a template configures the handler', () => {
    const manifest = JSON.stringify({ name: 'root', coreVersion: '1.11.6', platforms: [] });
    const both = (manifestAt: string) => ({ readFile: (p: string) => (p === `${dir}/template.yaml` ? template : p === `${manifestAt}/greengrass-ml.json` ? manifest : undefined) });
    const code = "import mxnet as mx\nSSD = '/ml/ssd'\n";
    assert.deepEqual(run('functions/detector/inference.py', code, both('/ws')).map((f) => f.code), ['GGML-PY003'], 'a manifest at the workspace root does not hide the SAM app\'s template');
    assert.deepEqual(run('functions/detector/inference.py', code, both(dir)), [], 'a manifest beside the template wins (its group has no ML resources and no Pi)');
  });

  it('a handler of no function in the template still gets the checks of the template\'s platform; no template, no checks', () => {
    const tf = 'import tensorflow as tf\nest = tf.estimator.Estimator(model_fn)\n';
    assert.deepEqual(run('tools/train_local.py', tf).map((f) => f.code), ['GGML-PY001']);
    assert.deepEqual(checkPythonHandler({ path: '/elsewhere/tools/train_local.py', text: tf }, host()), []);
    const json = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Metadata: { 'greengrass-ml': { platform: 'raspberry-pi' } }, Resources: { F: { Type: 'AWS::Greengrass::FunctionDefinition', Properties: { Name: 'f', InitialVersion: { Functions: [] } } } } });
    assert.deepEqual(run('src/app.py', tf, host(json, 'template.json')).map((f) => f.code), ['GGML-PY001'], 'a JSON template next to the code');
  });
});
