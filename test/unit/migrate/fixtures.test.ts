// The example group and every template fixture migrate; every generated request validates against the official
// greengrassv2 service model (botocore's validator); the report's claims match the files.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Group } from '../../../src/core/model';
import { prepareMigration, THING_GROUP_PLACEHOLDER, type MigrationPlan } from '../../../src/core/migrate';
import { groupsFromTemplate } from '../../../src/core/template/group';
import { root, validate } from './support';

const TEMPLATES = ['sam-inference.yaml', 'cfn-inference.json', 'devices-nocontainer.yaml', 'two-groups.yaml'];
const A_THING_GROUP = 'arn:aws:iot:us-east-1:123456789012:thinggroup/cameras';

interface Case {
  label: string;
  plan: MigrationPlan;
  report: string;
  group: Group;
}

describe('migration of the examples and template fixtures', function () {
  this.timeout(60_000);
  let dir: string;
  const cases: Case[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-migrate-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
    cpSync(join(root, 'test', 'fixtures', 'templates'), join(dir, 'templates'), { recursive: true });
    const add = async (label: string, source: string, group?: string) => {
      const r = await prepareMigration(source, { root: dir, group, outDir: join(dir, 'out', label) });
      cases.push({ label, plan: r.plan, report: r.report, group: r.loaded.input.group });
    };
    await add('examples', join(dir, 'examples'));
    for (const t of TEMPLATES) {
      const path = join(dir, 'templates', t);
      const names = groupsFromTemplate(path, readFileSync(path, 'utf8')).groups.map((g) => g.name);
      for (const name of names) await add(`${t}#${name}`, path, names.length > 1 ? name : undefined);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates the example group and every group of every template fixture', () => {
    assert.deepEqual(cases.map((c) => c.label), [
      'examples', 'sam-inference.yaml#image-classification', 'cfn-inference.json#object-detection', 'devices-nocontainer.yaml#PiResources',
      'two-groups.yaml#line-camera', 'two-groups.yaml#gateway',
    ]);
    for (const c of cases) assert.ok(c.plan.files.some((f) => f.path.startsWith('components/')), `${c.label} has a Lambda component`);
  });

  it('writes request files that botocore validates against the greengrassv2 model (the deployment once its thing group is chosen)', () => {
    // One validator run for every file of every case (loading botocore's model is the slow part).
    const files = cases.flatMap((c) => [
      ...c.plan.files.map((f) => ({ path: f.path, json: f.path === 'deployment.json' ? { ...(f.json as object), targetArn: A_THING_GROUP } : f.json, label: c.label })),
      ...c.plan.files.filter((f) => f.path === 'deployment.json').map((f) => ({ ...f, path: 'deployment.json', label: `${c.label} as written` })),
    ]);
    const results = validate(files);
    const validated = files.filter((f) => f.path !== 'migration.json');
    assert.equal(results.length, validated.length);
    assert.equal(validated.filter((f) => f.path.startsWith('components/')).length, 7, 'every Lambda component of every case');
    results.forEach((r, i) => {
      const f = validated[i]!;
      if (f.label.endsWith('as written')) {
        // As written, the placeholder is the only problem: the deployment cannot be sent before a thing group is chosen.
        assert.equal(r.problems.length, 1, f.label);
        assert.ok(r.problems[0]?.includes(THING_GROUP_PLACEHOLDER) && r.problems[0].includes('targetArn'), f.label);
      } else assert.deepEqual(r.problems, [], `${f.label}: ${r.file}`);
    });
  });

  it('writes component configurations that are JSON objects, and deploys every component it writes at its version', () => {
    for (const c of cases) {
      const deployment = c.plan.files.find((f) => f.path === 'deployment.json')?.json as { components: Record<string, { componentVersion: string; configurationUpdate?: { merge: string } }> };
      for (const [name, spec] of Object.entries(deployment.components)) {
        if (spec.configurationUpdate) assert.equal(typeof JSON.parse(spec.configurationUpdate.merge), 'object', `${c.label}: ${name}`);
      }
      for (const comp of c.plan.record.components) assert.equal(deployment.components[comp.name]?.componentVersion, comp.version, `${c.label}: ${comp.name}`);
      for (const comp of c.plan.record.components) assert.ok(c.plan.files.some((f) => f.path === comp.file), `${c.label}: ${comp.file} is written`);
    }
  });

  it('accounts for every V1 function as a component or a blocker, and every ML resource as a model component or a blocker', () => {
    for (const c of cases) {
      for (const item of c.group.definitions.function?.items ?? []) {
        const id = item.id!.value;
        const component = c.plan.record.components.find((x) => x.kind === 'lambda' && x.v1.id === id);
        const blocked = c.plan.elements.some((e) => e.blocker && e.v1.includes(id));
        assert.ok(component || blocked, `${c.label}: function ${id}`);
        if (component) assert.ok(c.report.includes(component.file), `${c.label}: the report names ${component.file}`);
      }
      for (const item of c.group.definitions.resource?.items ?? []) {
        const container = item.fields['ResourceDataContainer']?.value as Record<string, unknown>;
        if (!container['S3MachineLearningModelResourceData'] && !container['SageMakerMachineLearningModelResourceData']) continue;
        const id = item.id!.value;
        const component = c.plan.record.components.find((x) => x.kind === 'model' && x.v1.id === id);
        const blocked = c.plan.elements.some((e) => e.blocker && e.v1 === `ML resource ${id}`);
        assert.ok(component || blocked, `${c.label}: ML resource ${id}`);
      }
      // Every blocker is in the report's Blockers section, before the other elements.
      const blockers = c.report.indexOf('## Blockers');
      const rest = c.report.indexOf('## Every element');
      for (const e of c.plan.elements.filter((x) => x.blocker)) {
        const at = c.report.indexOf(`| ${e.v1.replace(/\|/g, '\\|')} |`);
        assert.ok(at > blockers && at < rest, `${c.label}: blocker ${e.v1} in the Blockers section`);
      }
      assert.equal(c.plan.blockers === 0, blockers < 0, c.label);
    }
  });

  it('names the example group\'s blockers: the alias, the tar.gz not at hand, the SageMaker source', () => {
    const examples = cases[0]!;
    assert.deepEqual(examples.plan.elements.filter((e) => e.blocker).map((e) => e.v1), ['FunctionArn of image-classifier', 'ML resource squeezenet-model', 'ML resource retrained-model']);
    assert.match(examples.report, /\| FunctionArn of image-classifier \| \.\.\/\.\.\/examples\/function-definition\.json:12 \|/);
    assert.match(examples.report, /\.\.\/\.\.\/examples\/image_classifier\/inference\.py:39 \| aws\.greengrass\.LegacySubscriptionRouter \| \*\*mapped\*\*/);
  });

  it('reads the template as one more source of the Group model: SAM Globals, AutoPublishAlias, intrinsics with known values', () => {
    const sam = cases.find((c) => c.label.startsWith('sam-inference'))!;
    const fn = sam.group.definitions.function!.items[0]!;
    assert.equal(fn.id?.value, 'mxnet-classifier', '!Join of literals is worked out');
    assert.equal(fn.fields['FunctionArn']?.value, 'arn:aws:lambda:us-east-1::function:mxnet-image-classifier:VERSION');
    const resource = sam.group.definitions.resource!.items[0]!.fields['ResourceDataContainer']?.value as { S3MachineLearningModelResourceData: { S3Uri: string } };
    assert.equal(resource.S3MachineLearningModelResourceData.S3Uri, 's3://my-greengrass-models/squeezenet/squeezenet_v1.1.tar.gz', '!Sub of parameter Defaults');
    assert.ok(sam.plan.elements.some((e) => e.blocker && /SAM publishes a new version of mxnet-image-classifier/.test(e.detail)));
    assert.ok(sam.plan.elements.some((e) => !e.blocker && e.v1 === 'ThingArn of core pi-core-core'), 'an unknown value the files do not need is reported, not a blocker');
    const sub = sam.plan.files.find((f) => f.path === 'deployment.json')?.json as { components: Record<string, { configurationUpdate?: { merge: string } }> };
    assert.match(sub.components['aws.greengrass.LegacySubscriptionRouter']?.configurationUpdate?.merge ?? '', /component:mxnet-image-classifier/, 'the subscription names the alias, the function the version: both are the same function');
  });
});
