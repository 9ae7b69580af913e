import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { lintDocument, RULES } from '../../src/core/lint';
import { checkPythonHandler } from '../../src/core/python';

const ROOT = join(__dirname, '..', '..', '..');
const EOS = RULES.find((r) => r.name === 'greengrass-v1-end-of-support')!.code;

interface Snippet { prefix: string; body: string[]; description: string }

function load(file: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(ROOT, 'snippets', file), 'utf8')) as Record<string, Snippet>;
}

/** A schema's `defaultSnippets` entry: what the JSON language features offer where that schema applies. */
interface SchemaSnippet { label: string; description: string; body: unknown }

/** Every `defaultSnippets` entry of a schema, with the JSON pointer of the schema that carries it. */
function schemaSnippets(file: string): { at: string; snippet: SchemaSnippet }[] {
  const out: { at: string; snippet: SchemaSnippet }[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'defaultSnippets') for (const s of v as SchemaSnippet[]) out.push({ at, snippet: s });
        else walk(v, `${at}/${k}`);
      }
    }
  };
  walk(JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')) as unknown, '');
  return out;
}

/**
 * The snippet text the JSON language features insert for a `body`: tab-indented JSON, where a string that starts
 * with "^" goes in as it is (a placeholder for a boolean or a number).
 */
export function snippetText(value: unknown, indent = ''): string {
  if (typeof value === 'string') return value.startsWith('^') ? value.slice(1) : JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${indent}\t${snippetText(v, `${indent}\t`)}`).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${indent}\t${JSON.stringify(k)}: ${snippetText(v, `${indent}\t`)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * Expands a snippet body as VS Code does when the user accepts every default: `${n:default}` and `${n|a,b|}`
 * become their default (the first choice), `$n` / `${n}` mirror tabstop n's value, `$0` is empty.
 */
export function expand(body: string): string {
  const values = new Map<string, string>();
  let i = 0;
  function parseUntil(stop: string | undefined): string {
    let out = '';
    while (i < body.length) {
      const c = body[i]!;
      if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1]!)) { out += body[i + 1]; i += 2; continue; }
      if (stop && c === stop) return out;
      if (c === '$') {
        const simple = /^\$(\d+)/.exec(body.slice(i));
        if (simple) { i += simple[0].length; out += values.get(simple[1]!) ?? ''; continue; }
        const open = /^\$\{(\d+)/.exec(body.slice(i));
        if (open) {
          i += open[0].length;
          const n = open[1]!;
          let value = '';
          if (body[i] === ':') { i++; value = parseUntil('}'); }
          else if (body[i] === '|') {
            const end = body.indexOf('|}', i + 1);
            value = body.slice(i + 1, end).split(',')[0]!;
            i = end + 1;
          }
          assert.equal(body[i], '}', `unclosed placeholder \${${n} in: ${body}`);
          i++;
          if (!values.has(n) && value !== '') values.set(n, value);
          out += values.get(n) ?? value;
          continue;
        }
      }
      out += c;
      i++;
    }
    assert.equal(stop, undefined, `missing ${String(stop)} in: ${body}`);
    return out;
  }
  return parseUntil(undefined);
}

function validJson(text: string): unknown {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: false, disallowComments: true }) as unknown;
  assert.deepEqual(errors, [], text);
  return value;
}

function lintGroup(files: Record<string, string>): string[] {
  const all: Record<string, string> = {
    '/g/greengrass-ml.json': JSON.stringify({
      name: 'g', region: 'us-east-1', coreVersion: '1.11.6', platforms: ['x86_64'],
      definitions: { resources: 'resource-definition.json', functions: 'function-definition.json', subscriptions: 'subscription-definition.json' },
      serviceRolePolicy: 'service-role-policy.json',
    }),
    '/g/resource-definition.json': '{"Name": "r", "InitialVersion": {"Resources": []}}',
    '/g/function-definition.json': '{"Name": "f", "InitialVersion": {"Functions": []}}',
    '/g/subscription-definition.json': '{"Name": "s", "InitialVersion": {"Subscriptions": []}}',
    '/g/service-role-policy.json': '{"Version": "2012-10-17", "Statement": []}',
    ...files,
  };
  const host = { readFile: (p: string) => all[p] };
  const out: string[] = [];
  for (const [path, text] of Object.entries(all)) {
    for (const f of lintDocument({ path, text }, host, { throwInternalErrors: true })) if (f.code !== EOS) out.push(`${f.code} ${path}: ${f.message}`);
  }
  return out;
}

describe('Snippets', () => {
  const python = load('python.json');
  const schemaFiles = ['resource-definition.schema.json', 'function-definition.schema.json', 'subscription-definition.schema.json', 'iam-policy.schema.json'];
  const located = schemaFiles.flatMap((file) => schemaSnippets(file).map((s) => ({ file, ...s })));
  const json = new Map(located.map((s) => [s.snippet.label, s.snippet]));
  const byPrefix = (set: Record<string, Snippet>, prefix: string) => expand(Object.values(set).find((s) => s.prefix === prefix)!.body.join('\n'));
  const byLabel = (label: string): string => {
    const s = json.get(label);
    assert.ok(s, `no schema snippet ${label}`);
    return expand(snippetText(s.body));
  };

  it('are contributed for Python only; the JSON ones come with the Greengrass schemas, where each kind of entry is written', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    const contributed = pkg.contributes.snippets.map((s) => `${s.language} ${s.path}`).sort();
    assert.deepEqual(contributed, ['python ./snippets/python.json'], 'no snippet is offered in every JSON file');
    const prefixes = Object.values(python).map((s) => s.prefix);
    for (const p of ['ggml-mxnet-load', 'ggml-tf-frozen-graph', 'ggml-dlr-load', 'ggml-resource-path', 'ggml-publish', 'ggml-pinned-loop']) {
      assert.ok(prefixes.includes(p), `no snippet ${p}`);
    }
    assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
    for (const s of Object.values(python)) {
      assert.match(s.prefix, /^ggml-[a-z0-9-]+$/);
      assert.ok(s.description.length > 20, s.prefix);
      assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string'), s.prefix);
    }
    // Where each snippet is offered: the array of entries (or the property) it writes, in every form of the file.
    const where = (label: string) => located.filter((s) => s.snippet.label === label).map((s) => `${s.file.replace('.schema.json', '')} ${s.at.replace(/\/properties\//g, '.').replace(/^\./, '')}`).sort();
    assert.deepEqual(where('Greengrass ML: S3 machine learning resource'), [
      'resource-definition Definition.Resources/items', 'resource-definition InitialVersion.Resources/items', 'resource-definition Resources/items',
    ]);
    assert.deepEqual(where('Greengrass ML: function with resource access'), [
      'function-definition Definition.Functions/items', 'function-definition Functions/items', 'function-definition InitialVersion.Functions/items',
    ]);
    assert.equal(where('Greengrass ML: OwnerSetting of an ML resource').length, 6);
    assert.equal(where('Greengrass ML: MXNet NaiveEngine variable').length, 3);
    assert.deepEqual(where('Greengrass ML: s3:GetObject statement for a model bucket'), ['iam-policy Statement/anyOf/0/items']);
    assert.equal(where('Greengrass ML: subscription from a function to the cloud').length, 3);
    for (const s of json.values()) assert.ok(s.description.length > 20, s.label);
    const all = JSON.stringify([...json.values()]);
    assert.match(all, /\$\{10\|ro,rw\|\}/);
    assert.match(all, /\$\{11\|GreengrassContainer,NoContainer\|\}/);
    assert.equal(json.size, 8);
  });

  it('JSON snippets expand with their defaults to valid JSON', () => {
    for (const s of json.values()) validJson(expand(snippetText(s.body)));
  });

  it('JSON snippets expanded with their defaults are lint-clean in a group', () => {
    const resource = byLabel('Greengrass ML: S3 machine learning resource');
    assert.deepEqual(lintGroup({
      '/g/resource-definition.json': `{"Name": "r", "InitialVersion": {"Resources": [${resource}, ${byLabel('Greengrass ML: SageMaker machine learning resource').replaceAll('"model"', '"job-model"').replace('/ml_model', '/ml_model_2')}, ${byLabel('Greengrass ML: local device resource')}]}}`,
      '/g/function-definition.json': `{"Name": "f", "InitialVersion": {"Functions": [${byLabel('Greengrass ML: function with resource access')}]}}`,
      '/g/subscription-definition.json': `{"Name": "s", "InitialVersion": {"Subscriptions": [${byLabel('Greengrass ML: subscription from a function to the cloud')}]}}`,
    }), []);
    // The statement is what a bucket without "greengrass" in its name needs.
    const other = resource.replace('my-greengrass-models', 'my-model-bucket');
    assert.ok(lintGroup({ '/g/resource-definition.json': `{"Name": "r", "InitialVersion": {"Resources": [${other}]}}` }).some((l) => l.startsWith('GGML-IAM005')));
    assert.deepEqual(lintGroup({
      '/g/resource-definition.json': `{"Name": "r", "InitialVersion": {"Resources": [${other}]}}`,
      '/g/service-role-policy.json': `{"Version": "2012-10-17", "Statement": [${byLabel('Greengrass ML: s3:GetObject statement for a model bucket')}]}`,
    }), []);
  });

  it('Python snippets expanded with their defaults compile, and the resource path passes the handler checks', function () {
    this.timeout(30_000);
    const dir = mkdtempSync(join(tmpdir(), 'ggml-snippets-'));
    try {
      const files = Object.values(python).map((s) => {
        const file = join(dir, `${s.prefix.replace(/-/g, '_')}.py`);
        writeFileSync(file, expand(s.body.join('\n')).replace(/\t/g, '    ') + '\n');
        return file;
      });
      execFileSync('python3', ['-m', 'py_compile', ...files], { stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const files: Record<string, string> = {
      '/g/greengrass-ml.json': JSON.stringify({ name: 'g', coreVersion: '1.11.6', platforms: ['raspberry-pi'], definitions: { resources: 'r.json' } }),
      '/g/r.json': JSON.stringify({ Resources: [{ Id: 'm', Name: 'm', ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: 's3://greengrass-b/m.zip', DestinationPath: '/ml_model' } } }] }),
    };
    const code = `import os\nimport tensorflow as tf\n${byPrefix(python, 'ggml-resource-path')}\n${byPrefix(python, 'ggml-tf-frozen-graph')}\n`;
    assert.deepEqual(checkPythonHandler({ path: '/g/functions/f/inference.py', text: code }, { readFile: (p) => files[p] }), []);
    assert.equal(checkPythonHandler({ path: '/g/functions/f/inference.py', text: "MODEL = '/ml_model'\n" }, { readFile: (p) => files[p] }).length, 1, 'the check is live in this group');
  });

  it('expands mirrors and nested placeholders as the editor does', () => {
    assert.equal(expand('${1:a${2:b}} $1 $2 ${3|x,y|} $0'), 'ab ab b x ');
  });
});
