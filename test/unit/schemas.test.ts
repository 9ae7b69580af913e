// The JSON schemas in schemas/ (completion, hover and shape checks in VS Code) against the lint engine.
//
// What "the schemas and the rules never disagree" means here, checked on every fixture of test/fixtures/lint,
// on examples/ and on the integration workspace:
//   - A schema checks SHAPE: property names, JSON types, enums and required properties, as the Greengrass API
//     and IAM define them. The engine checks MEANING (paths, ARNs, versions, cross-file rules) and, for a few
//     rules, the same shape facts: SHAPE_RULES below.
//   - Both accept what the other accepts on shape: every fixture that breaks only semantic rules (a `bad`
//     fixture of any other rule, every `good` and `clean` fixture) validates against its schema.
//   - Both reject what the other rejects on shape: a document in which the engine reports a SHAPE_RULES finding
//     fails its schema, and every schema error lies on or inside a node where the engine reports a finding
//     (error or warning) — except an unknown property name, which the engine ignores and only the schema
//     reports (the AWS CLI rejects unknown parameters).
// Files that are not valid JSON are left out: both report the syntax error (GGML-JSON001 and VS Code's parser).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import { FILE_NAME_PATTERNS, detectKind, lintDocument } from '../../src/core/lint';
import type { DocumentKind, Finding } from '../../src/core/lint';

const root = resolve(__dirname, '..', '..', '..');
/** Templates have no schema of their own: their Greengrass parts are linted with the definitions' rules. */
type SchemaKind = Exclude<DocumentKind, 'unknown' | 'template'>;
const SCHEMA_OF: Record<SchemaKind, string> = {
  manifest: 'greengrass-ml.schema.json',
  resourceDefinition: 'resource-definition.schema.json',
  functionDefinition: 'function-definition.schema.json',
  coreDefinition: 'core-definition.schema.json',
  subscriptionDefinition: 'subscription-definition.schema.json',
  deviceDefinition: 'device-definition.schema.json',
  iamPolicy: 'iam-policy.schema.json',
  componentRecipe: 'component-recipe.schema.json',
  componentRequest: 'create-component-version.schema.json',
  deploymentRequest: 'create-deployment.schema.json',
};

/** The smallest content of each Greengrass V2 document kind (they have no file-name convention of their own). */
const V2_SAMPLES: Partial<Record<SchemaKind, string>> = {
  componentRecipe: '{ "RecipeFormatVersion": "2020-01-25", "ComponentName": "com.example.Model" }',
  componentRequest: '{ "lambdaFunction": {} }',
  deploymentRequest: '{ "targetArn": "arn:aws:iot:us-west-2:123456789012:thinggroup/cams", "components": {} }',
};

/** Engine rules whose condition the schemas also encode. */
const SHAPE_RULES = new Set([
  'GGML-LR005', // exactly one resource data type: ResourceDataContainer minProperties/maxProperties 1
  'GGML-ACC005', // OwnerSetting has GroupOwner and GroupPermission ro|rw: required + enum
  'GGML-XF002', // Permission ro|rw: enum
  'GGML-MAN004', // platforms: enum
  'GGML-MAN005', // the manifest names the group: required non-empty name
  'GGML-V2005', // component versions are semantic versions: pattern
  'GGML-V2009', // the placeholder target: the service model's targetArn pattern wants an account number
]);

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.jsonc?$/.test(name)) out.push(p);
  }
  return out;
}

const host = {
  readFile(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

interface Checked {
  file: string;
  kind: DocumentKind;
  valid: boolean;
  errors: ErrorObject[];
  findings: Finding[];
  tree: Node;
}

describe('JSON schemas', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map<string, ValidateFunction>();
  const schemaFor = (kind: SchemaKind): ValidateFunction => {
    const name = SCHEMA_OF[kind];
    let v = validators.get(name);
    if (!v) {
      v = ajv.compile(JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8')) as object);
      validators.set(name, v);
    }
    return v;
  };

  const files = [...walk(join(root, 'test', 'fixtures', 'lint')), ...walk(join(root, 'examples')), ...walk(join(root, 'test', 'fixtures', 'workspace'))];
  const checked: Checked[] = [];
  let unparseable = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const kind = detectKind(file, text);
    if (kind === 'unknown' || kind === 'template') continue;
    const parseErrors: ParseError[] = [];
    const tree = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
    if (parseErrors.length || !tree) {
      unparseable++;
      continue;
    }
    const validate = schemaFor(kind);
    const valid = validate(JSON.parse(JSON.stringify(evaluate(tree)))) === true;
    checked.push({ file, kind, valid, errors: [...(validate.errors ?? [])], findings: lintDocument({ path: file, text }, host), tree });
  }
  const show = (c: Checked) => `${relative(root, c.file)}: ${c.errors.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}`;

  it('are contributed for every document kind, and each file-name convention gets the schema of the kind the engine detects', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string | string[]; url: string }[] } };
    const contributed = new Set<string>();
    for (const entry of pkg.contributes.jsonValidation) {
      for (const pattern of ([] as string[]).concat(entry.fileMatch)) {
        const sample = `/work/group/${pattern.replace(/\*\*\//g, 'out/').replace(/\[0-9\]/g, '1').replace(/\*/g, 'camera')}`;
        // V2 documents are known by content: their file names only say where the migration (or GDK) puts them, and
        // must not be a V1 convention.
        const v2 = Object.entries(V2_SAMPLES).find(([k]) => entry.url === `./schemas/${SCHEMA_OF[k as SchemaKind]}`);
        if (v2) assert.equal(detectKind(sample, '{}'), 'unknown', `${pattern} is a V1 file-name convention`);
        const kind = detectKind(sample, v2 ? v2[1] : '{}');
        assert.notEqual(kind, 'unknown', `${pattern} is not a convention the engine knows`);
        assert.equal(entry.url, `./schemas/${SCHEMA_OF[kind as SchemaKind]}`, pattern);
        contributed.add(kind);
      }
    }
    assert.deepEqual([...contributed].sort(), Object.keys(SCHEMA_OF).sort());
    // The same conventions as the engine's documented list, no more, no fewer.
    for (const { kind, patterns } of FILE_NAME_PATTERNS) {
      const url = `./schemas/${SCHEMA_OF[kind as SchemaKind]}`;
      const matches = pkg.contributes.jsonValidation.filter((e) => e.url === url).flatMap((e) => ([] as string[]).concat(e.fileMatch));
      assert.deepEqual(matches.sort(), [...patterns].sort(), kind);
    }
  });

  it('are valid draft-07 schemas with a description on every property and enums for the API\'s enumerations', () => {
    const enums = new Set<string>();
    for (const name of Object.values(SCHEMA_OF)) {
      const schema = JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8')) as Record<string, unknown>;
      assert.ok(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`);
      const visit = (node: unknown, at: string) => {
        if (!node || typeof node !== 'object') return;
        const s = node as Record<string, unknown>;
        if (s['properties']) {
          for (const [key, sub] of Object.entries(s['properties'] as Record<string, Record<string, unknown>>)) {
            assert.ok(typeof sub['description'] === 'string' && sub['description'].length > 10, `${name}: ${at}/${key} has no description`);
            if (Array.isArray(sub['enum'])) enums.add(key);
            if (Array.isArray((sub['items'] as Record<string, unknown> | undefined)?.['enum'])) enums.add(key);
            visit(sub, `${at}/${key}`);
          }
        }
        for (const k of ['items', 'additionalProperties']) visit(s[k], `${at}/${k}`);
        for (const k of ['anyOf', 'oneOf']) for (const sub of (s[k] as unknown[] | undefined) ?? []) visit(sub, at);
      };
      visit(schema, '');
    }
    for (const e of ['IsolationMode', 'Permission', 'GroupPermission', 'EncodingType', 'platforms', 'Effect', 'Version']) assert.ok(enums.has(e), `no enum for ${e}`);
  });

  it('check a fixture of every document kind (and the examples)', () => {
    assert.ok(checked.length >= 100, `only ${checked.length} fixture documents (${unparseable} not valid JSON)`);
    const kinds = new Set(checked.map((c) => c.kind));
    for (const k of ['manifest', 'resourceDefinition', 'functionDefinition', 'coreDefinition', 'iamPolicy', 'componentRecipe', 'componentRequest', 'deploymentRequest']) assert.ok(kinds.has(k as DocumentKind), `no fixture of kind ${k}`);
  });

  it('accept every fixture that breaks only semantic rules, and every good and clean fixture', () => {
    const rejected = checked.filter((c) => {
      if (c.valid) return false;
      // A migration's deployment.json names a placeholder target until Deploy to Thing Group writes the real one:
      // the engine says so (GGML-V2009), and the schema, from the service model, rejects its ARN.
      if (c.findings.some((f) => f.code === 'GGML-V2009')) return false;
      const m = /rules[\\/](GGML-[A-Z]+\d+)[\\/]bad[\\/]/.exec(c.file);
      // A bad fixture of a shape rule is meant to break the shape.
      return !(m && SHAPE_RULES.has(m[1] ?? ''));
    });
    assert.deepEqual(rejected.map(show), []);
  });

  it('reject every document in which the engine reports a shape rule', () => {
    const shapeFindings = checked.filter((c) => c.findings.some((f) => SHAPE_RULES.has(f.code)));
    assert.ok(shapeFindings.length >= SHAPE_RULES.size, `shape-rule fixtures found: ${shapeFindings.length}`);
    const accepted = shapeFindings.filter((c) => c.valid);
    assert.deepEqual(accepted.map((c) => `${relative(root, c.file)}: ${c.findings.filter((f) => SHAPE_RULES.has(f.code)).map((f) => f.code).join(', ')}`), []);
  });

  it('report a schema error only where the engine also reports a problem (unknown property names aside)', () => {
    const unmatched: string[] = [];
    for (const c of checked.filter((x) => !x.valid)) {
      for (const e of c.errors) {
        if (e.keyword === 'additionalProperties') continue;
        const node = findNodeAtLocation(c.tree, pointer(e.instancePath));
        if (!node) {
          unmatched.push(`${relative(root, c.file)}: ${e.instancePath} not found`);
          continue;
        }
        const start = node.parent?.type === 'property' ? node.parent.offset : node.offset;
        const end = node.offset + node.length;
        const covered = c.findings.some((f) => f.severity !== 'info' && f.severity !== 'hint' && f.offset < end + 1 && f.offset + f.length >= start);
        if (!covered) unmatched.push(`${relative(root, c.file)}: ${e.instancePath || '/'} ${e.message ?? ''} (engine: ${c.findings.map((f) => f.code).join(', ') || 'nothing'})`);
      }
    }
    assert.deepEqual(unmatched, []);
  });
});

function pointer(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The value of a jsonc-parser tree (JSONC: comments and trailing commas allowed). */
function evaluate(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [String(p.children?.[0]?.value), p.children?.[1] ? evaluate(p.children[1]) : null]));
    case 'array':
      return (node.children ?? []).map(evaluate);
    default:
      return node.value as unknown;
  }
}
