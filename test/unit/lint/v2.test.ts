// Greengrass V2 documents in the lint engine: recognition by content (JSON and YAML recipes), the rules' findings
// where a user looks for them, the fixes applied, and a migration folder linted as `greengrass-ml migrate` writes it.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { applyTextEdits, detectKind, lintDocument } from '../../../src/core/lint';
import type { Finding } from '../../../src/core/lint';
import { hostOf, repoRoot, strict } from './support';
import type { Files } from './support';

const migrationDir = join(repoRoot, 'test', 'fixtures', 'migration', 'camera-ml-v2');

function loadTree(dir: string): Files {
  const files: Files = new Map();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(p, readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

function lint(files: Files, path: string): Finding[] {
  return lintDocument({ path, text: files.get(path)! }, hostOf(files), strict);
}

/** `code @ the text it points at` for each finding. */
function located(files: Files, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code} @ ${files.get(f.path)!.slice(f.offset, f.offset + f.length)}`);
}

const A = 'arn:aws:lambda:us-west-2:123456789012:function:';
const request = (lambdaFunction: object) => `${JSON.stringify({ lambdaFunction }, null, 2)}\n`;

describe('Greengrass V2 documents', () => {
  it('are recognised by content, whatever the file is called, and YAML recipes too', () => {
    const recipe = '{ "RecipeFormatVersion": "2020-01-25", "ComponentName": "com.example.Model", "ComponentVersion": "1.0.0" }';
    assert.equal(detectKind('/w/anything.json', recipe), 'componentRecipe');
    assert.equal(detectKind('/w/model.yaml', 'RecipeFormatVersion: "2020-01-25"\nComponentName: com.example.Model\nComponentVersion: 1.0.0\n'), 'componentRecipe');
    assert.equal(detectKind('/w/x.json', request({ lambdaArn: `${A}f:1` })), 'componentRequest');
    assert.equal(detectKind('/w/x.json', '{ "inlineRecipe": "e30=" }'), 'componentRequest');
    assert.equal(detectKind('/w/deployment.json', '{ "targetArn": "arn:aws:iot:us-west-2:123456789012:thinggroup/cams", "components": {} }'), 'deploymentRequest');
    // Look-alikes stay unknown: a YAML file that only mentions the keys, a package.json, a deployment without components.
    assert.equal(detectKind('/w/notes.yaml', 'notes:\n  - RecipeFormatVersion: is a recipe key\n  - ComponentName: too\n'), 'unknown');
    assert.equal(detectKind('/w/package.json', '{ "name": "x", "components": {} }'), 'unknown');
    assert.equal(detectKind('/w/x.json', '{ "targetArn": "arn:aws:iot:us-west-2:123456789012:thing/cam" }'), 'unknown');
  });

  it('get their own findings and no Greengrass V1 end-of-support note', () => {
    const files: Files = new Map([['/w/x.request.json', request({ lambdaArn: `${A}classifier:3`, componentVersion: '3', componentLambdaParameters: { pinned: false } })]]);
    assert.deepEqual(lint(files, '/w/x.request.json').map((f) => f.code), ['GGML-V2005']);
  });

  it('a migration folder: each mistake is reported where it is, the clean files stay quiet', () => {
    const files = loadTree(migrationDir);
    const byFile: Record<string, string[]> = {};
    for (const path of files.keys()) {
      const findings = lint(files, path);
      if (findings.length) byFile[relative(migrationDir, path)] = located(files, findings);
    }
    assert.deepEqual(byFile, {
      'components/ResultUploader.request.json': [`GGML-V2001 @ "${A}result-uploader:prod"`, 'GGML-V2002 @ "componentLambdaParameters"'],
      'deployment.json': ['GGML-V2009 @ "arn:aws:iot:REGION:ACCOUNT:thinggroup/REPLACE_ME"', 'GGML-V2007 @ component:com.example.Archiver'],
      'recipes/com.example.ResnetModel-1.0.0.yaml': ['GGML-V2003 @ ZIP', 'GGML-V2004 @ s3://camera-ml-artifacts-123456789012/resnet50.tar.gz'],
    });
  });

  it('explicit pinned: the preferred fix writes pinned: true in place, keeping the indentation; the other writes false', () => {
    const files = loadTree(migrationDir);
    const path = join(migrationDir, 'components', 'ResultUploader.request.json');
    const finding = lint(files, path).find((f) => f.code === 'GGML-V2002');
    assert.ok(finding?.fixes?.length === 2);
    const [preferred, other] = finding.fixes;
    assert.equal(preferred!.isPreferred, true);
    const after = applyTextEdits(files.get(path)!, preferred!.edits[0]!.edits);
    const params = (JSON.parse(after) as { lambdaFunction: { componentLambdaParameters: Record<string, unknown> } }).lambdaFunction.componentLambdaParameters;
    assert.equal(params['pinned'], true);
    assert.equal(params['timeoutInSeconds'], 10, 'the other parameters are kept');
    assert.match(after, /\n {6}"pinned": true,?\n/, 'indented like its siblings');
    assert.deepEqual(lint(new Map([...files, [path, after]]), path).map((f) => f.code), ['GGML-V2001']);
    const onDemand = JSON.parse(applyTextEdits(files.get(path)!, other!.edits[0]!.edits)) as { lambdaFunction: { componentLambdaParameters: { pinned: boolean } } };
    assert.equal(onDemand.lambdaFunction.componentLambdaParameters.pinned, false);
  });

  it('explicit pinned on a request without componentLambdaParameters adds the object', () => {
    const path = '/w/uploader.request.json';
    const files: Files = new Map([[path, request({ lambdaArn: `${A}uploader:7`, componentName: 'com.example.Uploader', componentVersion: '7.0.0' })]]);
    const fix = lint(files, path).find((f) => f.code === 'GGML-V2002')?.fixes?.[0];
    assert.ok(fix);
    const after = JSON.parse(applyTextEdits(files.get(path)!, fix.edits[0]!.edits)) as { lambdaFunction: { componentLambdaParameters: unknown } };
    assert.deepEqual(after.lambdaFunction.componentLambdaParameters, { pinned: true });
  });

  it('a non-semantic version in a YAML recipe: the fix quotes the padded version and keeps the comments', () => {
    const path = '/w/recipes/model.yaml';
    const text = '# model component\nRecipeFormatVersion: "2020-01-25"\nComponentName: com.example.Model # the name\nComponentVersion: 1.0 # was V1 version 1\nManifests: []\n';
    const files: Files = new Map([[path, text]]);
    const finding = lint(files, path).find((f) => f.code === 'GGML-V2005');
    assert.ok(finding, 'reported');
    assert.equal(text.slice(finding.offset, finding.offset + finding.length), '1.0');
    assert.match(finding.message, /: 1\.0$/);
    const after = applyTextEdits(text, finding.fixes![0]!.edits[0]!.edits);
    assert.equal(after, text.replace('ComponentVersion: 1.0 #', 'ComponentVersion: "1.0.0" #'));
    assert.equal((parseDocument(after).toJS() as { ComponentVersion: string }).ComponentVersion, '1.0.0');
    assert.deepEqual(lint(new Map([[path, after]]), path), []);
  });

  it('YAML recipes: a value reached through an alias gets no fix, and YAML syntax errors are reported', () => {
    const path = '/w/model.yaml';
    const aliased = 'RecipeFormatVersion: "2020-01-25"\nComponentName: com.example.Model\nDefaults: &v 2\nComponentVersion: *v\n';
    const version = lint(new Map([[path, aliased]]), path).find((f) => f.code === 'GGML-V2005');
    assert.ok(version);
    assert.equal(version.fixes, undefined);
    const broken = 'RecipeFormatVersion: "2020-01-25"\nComponentName: com.example.Model\nComponentVersion: "1.0.0"\nManifests:\n\t- Platform: {}\n';
    assert.ok(lint(new Map([[path, broken]]), path).some((f) => f.code === 'GGML-TPL001'));
  });

  it('a dependency cycle is found across the migration folder from either end, with the cycle in the message', () => {
    const dir = join(repoRoot, 'test', 'fixtures', 'lint', 'rules', 'GGML-V2006', 'bad');
    const files = loadTree(dir);
    const messages = [...files.keys()].flatMap((p) => lint(files, p)).filter((f) => f.code === 'GGML-V2006').map((f) => `${basename(f.path)}: ${f.message.replace(/^.*: /, '')}`);
    assert.deepEqual(messages.sort(), [
      'ImageClassifier.request.json: com.example.ImageClassifier → com.example.SqueezenetModel → com.example.ImageClassifier',
      'com.example.Self-1.0.0.json: com.example.Self → com.example.Self',
      'com.example.SqueezenetModel-1.0.0.yaml: com.example.SqueezenetModel → com.example.ImageClassifier → com.example.SqueezenetModel',
    ]);
  });

  it('a volume destination is read when the handler names a path under it, or an environment variable holding it', () => {
    const files = loadTree(migrationDir);
    const path = join(migrationDir, 'components', 'ImageClassifier.request.json');
    const handler = join(migrationDir, 'handlers', 'image_classifier.py');
    assert.deepEqual(lint(files, path), []);
    const elsewhere = new Map(files).set(handler, files.get(handler)!.replace("MODEL_DIR = '/ml/squeezenet'", "MODEL_DIR = '/opt/models/squeezenet'"));
    const findings = lint(elsewhere, path).filter((f) => f.code === 'GGML-V2008');
    assert.deepEqual(located(elsewhere, findings), ['GGML-V2008 @ "/ml/squeezenet"']);
    assert.equal(findings[0]!.related?.[0]?.path, handler, 'points at the handler');
    const throughEnv = new Map(elsewhere).set(handler, `${elsewhere.get(handler)!}\nMODEL = os.environ['MODEL_PATH']\n`)
      .set(path, files.get(path)!.replace('"environmentVariables": {}', '"environmentVariables": { "MODEL_PATH": "/ml/squeezenet/squeezenet_v1.1" }'));
    assert.deepEqual(lint(throughEnv, path).filter((f) => f.code === 'GGML-V2008'), []);
    // A handler that cannot be read is not guessed at.
    const missing = new Map(elsewhere);
    missing.delete(handler);
    assert.deepEqual(lint(missing, path).filter((f) => f.code === 'GGML-V2008'), []);
  });

  it('the router rule points at the component name inside the merge string', () => {
    const files = loadTree(migrationDir);
    const path = join(migrationDir, 'deployment.json');
    const f = lint(files, path).find((x) => x.code === 'GGML-V2007');
    assert.ok(f);
    assert.equal(files.get(path)!.slice(f.offset, f.offset + f.length), 'component:com.example.Archiver');
    assert.match(f.message, /"uploader-to-archiver" routes messages to a component .*: com\.example\.Archiver$/);
  });
});
