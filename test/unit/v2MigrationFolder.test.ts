// The migration folder as the V2 ship commands read it: the record's checks, the next version, where a failure
// goes, and the placeholder target.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTree } from 'jsonc-parser';
import { prepareMigration } from '../../src/core/migrate';
import { migrationModel } from '../../src/core/v2/migration';
import { migratedModels } from '../../src/core/v2/migrationRecord';
import { placeDeploymentFailures } from '../../src/core/v2/failures';
import {
  isPlaceholderTarget, isRelativeInside, messageNames, nextPatchVersion, parseComponentFile, parseDeploymentFile, parseMigrationRecord,
  rewriteArtifactBuckets, setJsonValue,
} from '../../src/core/v2/migrationFolder';
import { applyTextEdits } from '../../src/core/model';

const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'migration-publish');
const read = (rel: string): string => readFileSync(join(FIXTURE, rel), 'utf8');

describe('the V2 migration folder', () => {
  it('reads the fixture\'s record, component files and deployment.json', () => {
    const record = parseMigrationRecord(read('migration.json'));
    assert.deepEqual(record.components.map((c) => [c.name, c.kind, c.file]), [
      ['com.example.CameraModel', 'model', 'recipes/SqueezeNetModel-1.0.0.json'],
      ['com.example.ImageClassifier', 'lambda', 'components/ImageClassifier.request.json'],
      ['com.example.PersonCounter', 'lambda', 'components/PersonCounter.request.json'],
      ['com.example.TelemetryUploader', 'lambda', 'components/TelemetryUploader.request.json'],
    ]);
    assert.equal(record.artifactsBucket, 'greengrass-models-v2');
    assert.equal(record.components[0]?.model?.localArchive, 'artifacts/squeezenet.zip');
    assert.equal(parseComponentFile(read('components/PersonCounter.request.json'), 'p').form, 'lambda');
    assert.equal(parseComponentFile(read('recipes/SqueezeNetModel-1.0.0.json'), 'r').form, 'recipe');
    assert.ok(isPlaceholderTarget(parseDeploymentFile(read('deployment.json')).targetArn));
    assert.ok(!isPlaceholderTarget('arn:aws:iot:us-east-1:123456789012:thinggroup/camera-fleet'));
  });

  it('reads back exactly what a migration writes, and every reader of migration.json agrees on it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ggml-record-'));
    try {
      cpSync(join(process.cwd(), 'examples'), join(dir, 'examples'), { recursive: true });
      const { plan } = await prepareMigration(join(dir, 'examples'), { root: dir });
      const text = `${JSON.stringify(plan.files.find((f) => f.path === 'migration.json')!.json, null, 2)}\n`;
      assert.deepEqual(JSON.parse(JSON.stringify(parseMigrationRecord(text))), JSON.parse(JSON.stringify(plan.record)));
      const models = plan.record.components.filter((c) => c.kind === 'model');
      assert.ok(models.length > 0);
      assert.deepEqual(migratedModels(text).map((m) => [m.componentName, m.resourceId, m.s3Uri]), models.map((c) => [c.name, c.v1.id, c.model?.s3Uri]));
      const root = parseTree(text)!;
      const lintView = migrationModel('/w/v2/migration.json', root);
      assert.deepEqual(lintView.components.map((c) => [c.name, c.file]), plan.record.components.map((c) => [c.name, `/w/v2/${c.file}`]));
      // A component that does not validate is left out of the lenient views, and the strict reader refuses the record.
      const broken = text.replace(/"kind": "model"/, '"kind": "modle"');
      assert.throws(() => parseMigrationRecord(broken), /needs "name", "version", "kind"/);
      assert.equal(migratedModels(broken).length, models.length - 1);
      assert.equal(migrationModel('/w/v2/migration.json', parseTree(broken)!).components.length, plan.record.components.length - 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses records it cannot use, saying what to do', () => {
    assert.throws(() => parseMigrationRecord('{ "formatVersion": 2, "components": [] }', 'm.json'), /formatVersion 2; this version of Greengrass ML reads formatVersion 1\. Migrate the group again: m\.json$/);
    assert.throws(() => parseMigrationRecord('{ "formatVersion": 1, "components": [ { "name": "a" } ] }', 'm.json'), /Component 1 of the migration record needs "name", "version", "kind"/);
    assert.throws(() => parseMigrationRecord('{ "formatVersion": 1, ', 'm.json'), /The file is not valid JSON \(.*\); fix it or migrate again: m\.json$/);
    for (const bad of ['../x.json', '/etc/passwd', 'C:\\x.json', 'a/../../b.json', '']) assert.equal(isRelativeInside(bad), false, bad);
    for (const good of ['components/A.request.json', 'recipes/a..b-1.0.0.json']) assert.equal(isRelativeInside(good), true, good);
    assert.throws(() => parseComponentFile('{ "inlineRecipe": "eyJ9" }', 'x.json'), /Write the recipe as a file in recipes\//);
    assert.throws(() => parseDeploymentFile('{ "targetArn": "arn:aws:iot:us-east-1:1:thinggroup/a", "components": {} }', 'd.json'), /deploys no components/);
  });

  it('offers the next patch version, dropping a pre-release suffix', () => {
    assert.equal(nextPatchVersion('1.0.0'), '1.0.1');
    assert.equal(nextPatchVersion('2.9.19'), '2.9.20');
    assert.equal(nextPatchVersion('1.2.3-beta.1'), '1.2.4');
    assert.equal(nextPatchVersion('1.0'), undefined);
  });

  it('sets a version keeping the rest of the file byte for byte', () => {
    const text = read('components/ImageClassifier.request.json');
    const out = applyTextEdits(text, setJsonValue(text, ['lambdaFunction', 'componentVersion'], '1.0.1'));
    assert.equal(out, text.replace('"componentVersion": "1.0.0"', '"componentVersion": "1.0.1"'));
  });

  it('points only the uploaded artifacts at the chosen bucket', () => {
    const recipe = JSON.parse(read('recipes/SqueezeNetModel-1.0.0.json')) as Record<string, unknown>;
    const { recipe: moved, rewritten } = rewriteArtifactBuckets(recipe, (uri) => (uri.endsWith('squeezenet.zip') ? uri.replace('greengrass-models-v2', 'chosen') : undefined));
    assert.deepEqual(rewritten, ['s3://chosen/squeezenet/squeezenet.zip']);
    assert.match(JSON.stringify(recipe), /greengrass-models-v2/, 'the original is not changed');
    assert.match(JSON.stringify(moved), /s3:\/\/chosen\/squeezenet/);
  });

  it('finds dotted component names in failure reasons as whole names only', () => {
    assert.ok(messageNames('COMPONENT_BROKEN: exited: com.example.Foo 1.0.0', 'com.example.Foo'));
    assert.ok(messageNames('broken: com.example.Foo.', 'com.example.Foo'));
    assert.ok(!messageNames('broken: com.example.FooBar 1.0.0', 'com.example.Foo'));
    assert.ok(!messageNames('broken: com.example.Foo.Bar 1.0.0', 'com.example.Foo'));
  });

  it('places one diagnostic per place, listing every device that failed the same way', () => {
    const text = read('deployment.json');
    const reason = 'DEPLOYMENT_FAILURE: COMPONENT_BROKEN: exited: com.example.PersonCounter 1.0.0';
    const placed = placeDeploymentFailures([{ device: 'pi-1', reason }, { device: 'pi-2', reason }], { path: 'deployment.json', text }, []);
    assert.equal(placed.length, 1);
    assert.equal(text.slice(placed[0]!.offset, placed[0]!.offset + placed[0]!.length), '"com.example.PersonCounter"');
    assert.equal(placed[0]!.message, `The deployment failed on core device pi-1, pi-2 because of com.example.PersonCounter: ${reason}`);
  });
});
