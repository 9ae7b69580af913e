// schemas/cloudformation-greengrass.schema.json, the `yamlValidation` fragment for templates: built from the one
// table of Greengrass types (src/core/template/greengrassTypes.ts) and the definition schemas, so hover and
// completion in the YAML extension say what the JSON definition files and our own hover say. It describes and
// never rejects: values in templates are often intrinsic functions, so it has no types, patterns or required keys.
// `GGML_UPDATE_SCHEMAS=1` rewrites the file from its sources.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { GREENGRASS_TYPES } from '../../../src/core/template/greengrassTypes';
import { SHORT_FORM_TAGS } from '../../../src/core/template';
import { repoRoot } from '../lint/support';

type Json = Record<string, unknown>;
const FRAGMENT = join(repoRoot, 'schemas', 'cloudformation-greengrass.schema.json');
const schema = (name: string) => JSON.parse(readFileSync(join(repoRoot, 'schemas', name), 'utf8')) as Json;

/** Descriptions, properties, items and enums (as suggestions) of a schema; nothing that can reject a value. */
function describeOnly(s: Json): Json {
  const out: Json = {};
  if (typeof s['description'] === 'string') out['description'] = s['description'];
  if (typeof s['markdownDescription'] === 'string') out['markdownDescription'] = s['markdownDescription'];
  const props = s['properties'] as Record<string, Json> | undefined;
  if (props) out['properties'] = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, describeOnly(v)]));
  if (s['items'] && typeof s['items'] === 'object') out['items'] = describeOnly(s['items'] as Json);
  if (s['additionalProperties'] && typeof s['additionalProperties'] === 'object') out['additionalProperties'] = describeOnly(s['additionalProperties'] as Json);
  if (Array.isArray(s['enum'])) out['anyOf'] = [{ enum: s['enum'], ...(s['enumDescriptions'] ? { enumDescriptions: s['enumDescriptions'] } : {}) }, {}];
  return out;
}

function pick(s: Json, keys: string[]): Json {
  const props = s['properties'] as Record<string, Json>;
  return { properties: Object.fromEntries(keys.filter((k) => props[k]).map((k) => [k, describeOnly(props[k]!)])) };
}

const GROUP_PROPERTIES: Json = {
  properties: {
    Name: { description: 'The name of the group.' },
    RoleArn: { description: 'The group role: the IAM role the core\'s Lambda functions assume to call AWS services (`!GetAtt Role.Arn`). Greengrass ML checks its policies as the service role\'s.' },
    InitialVersion: {
      description: 'The definitions the group\'s first version wires together, each by `!GetAtt <Definition>.LatestVersionArn` or `!Ref <DefinitionVersion>`.',
      properties: Object.fromEntries(['Core', 'Function', 'Resource', 'Subscription', 'Device', 'Logger', 'Connector'].map((k) => [`${k}DefinitionVersionArn`, { description: `The ${k.toLowerCase()} definition version of the group.` }])),
    },
  },
};

function propertiesOf(type: string, schemaName: string | undefined): Json {
  const stem = /AWS::Greengrass::(\w+?)Definition(Version)?$/.exec(type);
  if (type === 'AWS::Greengrass::Group') return GROUP_PROPERTIES;
  if (type === 'AWS::Greengrass::GroupVersion') {
    const wiring = (GROUP_PROPERTIES['properties'] as Record<string, Json>)['InitialVersion']!['properties'] as Json;
    return { properties: { GroupId: { description: 'The group this version belongs to (`!Ref <Group>`).' }, ...wiring } };
  }
  if (!schemaName || !stem) return { description: 'See the CloudFormation reference for its properties.' };
  const s = schema(schemaName);
  const lists = Object.keys(((s['properties'] as Json)['InitialVersion'] as Json)['properties'] as Json);
  return stem[2] ? pick(s, [`${stem[1]}DefinitionId`, ...lists]) : pick(s, ['Name', 'InitialVersion']);
}

function buildFragment(): Json {
  const manifest = schema('greengrass-ml.schema.json');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://greengrass-ml.dev/schemas/cloudformation-greengrass.schema.json',
    title: 'Greengrass V1 resources in a CloudFormation or SAM template',
    description: 'Describes the AWS::Greengrass::* resources of a template for hover and completion. It rejects nothing (values may be intrinsic functions); Greengrass ML lints the template.',
    type: 'object',
    properties: {
      Metadata: {
        properties: {
          'greengrass-ml': {
            description: 'What the template cannot say about the group: the core version, platforms and region Greengrass ML checks against (docs/templates.md).',
            properties: {
              ...(pick(manifest, ['coreVersion', 'platforms', 'region', 'functions'])['properties'] as Json),
              platform: { description: 'One target platform, as an entry of `platforms`.' },
            },
          },
        },
      },
      Resources: { additionalProperties: { $ref: '#/definitions/resource' } },
    },
    definitions: {
      resource: {
        properties: {
          Type: { anyOf: [{ enum: GREENGRASS_TYPES.map((t) => t.type), markdownEnumDescriptions: GREENGRASS_TYPES.map((t) => t.description) }, {}] },
        },
        allOf: GREENGRASS_TYPES.map((t) => ({
          if: { properties: { Type: { const: t.type } }, required: ['Type'] },
          then: { properties: { Properties: { markdownDescription: t.description, ...propertiesOf(t.type, t.schema) } } },
        })),
      },
    },
  };
}

describe('the yamlValidation schema fragment for templates', () => {
  it('is built from the Greengrass type table and the definition schemas (GGML_UPDATE_SCHEMAS=1 rewrites it)', () => {
    const expected = `${JSON.stringify(buildFragment(), null, 2)}\n`;
    if (process.env['GGML_UPDATE_SCHEMAS'] === '1') writeFileSync(FRAGMENT, expected);
    assert.equal(readFileSync(FRAGMENT, 'utf8'), expected, 'schemas/cloudformation-greengrass.schema.json is out of date; run the unit tests with GGML_UPDATE_SCHEMAS=1');
  });

  it('accepts every fixture template, intrinsics included, and describes the Greengrass property keys', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(FRAGMENT, 'utf8')) as Json);
    const customTags = [...SHORT_FORM_TAGS.keys()].flatMap((tag) => ['scalar', 'sequence', 'mapping'].map((kind) => ({ tag, kind })));
    for (const name of ['templates/sam-inference.yaml', 'templates/devices-nocontainer.yaml', 'templates/two-groups.yaml', 'handlers/sam-handlers.yaml']) {
      const text = readFileSync(join(repoRoot, 'test', 'fixtures', name), 'utf8');
      const doc = parseDocument(text, { customTags: customTags.map(({ tag, kind }) => ({ tag, collection: kind === 'scalar' ? undefined : kind === 'sequence' ? 'seq' : 'map', resolve: (v: unknown) => v })) as never });
      assert.equal(validate(doc.toJS()), true, `${name}: ${JSON.stringify(validate.errors)}`);
    }
    const fragment = JSON.parse(readFileSync(FRAGMENT, 'utf8')) as { definitions: { resource: { allOf: { then: { properties: { Properties: Json } } }[] } } };
    const fn = JSON.stringify(fragment.definitions.resource.allOf[GREENGRASS_TYPES.findIndex((t) => t.type === 'AWS::Greengrass::FunctionDefinition')]);
    assert.match(fn, /IsolationMode/);
    assert.match(fn, /NoContainer/);
    assert.doesNotMatch(JSON.stringify(fragment), /"type":"(string|number|integer|boolean|array)"|"additionalProperties":false|"pattern":|"minLength"|"maxLength"|"minimum"|"maximum"/, 'nothing that rejects a value');
  });

  it('docs/templates.md lists a yaml.customTags entry for every CloudFormation short form', () => {
    const docs = readFileSync(join(repoRoot, 'docs', 'templates.md'), 'utf8');
    const block = /"yaml\.customTags": \[([^\]]*)\]/.exec(docs)?.[1] ?? '';
    for (const tag of SHORT_FORM_TAGS.keys()) assert.match(block, new RegExp(`"${tag} (scalar|sequence|mapping)"`), tag);
  });

  it('package.json contributes it for YAML templates', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { yamlValidation?: { fileMatch: string[]; url: string }[] } };
    const entry = pkg.contributes.yamlValidation?.find((v) => v.url === './schemas/cloudformation-greengrass.schema.json');
    assert.ok(entry, 'a yamlValidation entry');
    assert.ok(entry.fileMatch.includes('template.yaml') && entry.fileMatch.includes('*.cfn.yaml'), entry.fileMatch.join(', '));
  });
});
