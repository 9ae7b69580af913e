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
  const json = load('greengrass-json.json');
  const byPrefix = (set: Record<string, Snippet>, prefix: string) => expand(Object.values(set).find((s) => s.prefix === prefix)!.body.join('\n'));

  it('are contributed for Python, JSON and JSONC with prefixes, descriptions and choices', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    const contributed = pkg.contributes.snippets.map((s) => `${s.language} ${s.path}`).sort();
    assert.deepEqual(contributed, ['json ./snippets/greengrass-json.json', 'jsonc ./snippets/greengrass-json.json', 'python ./snippets/python.json']);
    const prefixes = [...Object.values(python), ...Object.values(json)].map((s) => s.prefix);
    for (const p of ['ggml-mxnet-load', 'ggml-tf-frozen-graph', 'ggml-dlr-load', 'ggml-resource-path', 'ggml-publish', 'ggml-pinned-loop',
      'ggml-s3-ml-resource', 'ggml-sagemaker-ml-resource', 'ggml-function-with-resource-access', 'ggml-policy-getobject', 'ggml-device-resource']) {
      assert.ok(prefixes.includes(p), `no snippet ${p}`);
    }
    assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
    for (const s of [...Object.values(python), ...Object.values(json)]) {
      assert.match(s.prefix, /^ggml-[a-z0-9-]+$/);
      assert.ok(s.description.length > 20, s.prefix);
      assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string'), s.prefix);
    }
    const all = JSON.stringify(json);
    assert.match(all, /\$\{10\|ro,rw\|\}/);
    assert.match(all, /\$\{11\|GreengrassContainer,NoContainer\|\}/);
  });

  it('JSON snippets expand with their defaults to valid JSON', () => {
    for (const s of Object.values(json)) {
      const text = expand(s.body.join('\n'));
      validJson(text.trimStart().startsWith('"') ? `{${text}}` : text);
    }
  });

  it('JSON snippets expanded with their defaults are lint-clean in a group', () => {
    const resource = byPrefix(json, 'ggml-s3-ml-resource');
    assert.deepEqual(lintGroup({
      '/g/resource-definition.json': `{"Name": "r", "InitialVersion": {"Resources": [${resource}, ${byPrefix(json, 'ggml-sagemaker-ml-resource').replaceAll('"model"', '"job-model"').replace('/ml_model', '/ml_model_2')}, ${byPrefix(json, 'ggml-device-resource')}]}}`,
      '/g/function-definition.json': `{"Name": "f", "InitialVersion": {"Functions": [${byPrefix(json, 'ggml-function-with-resource-access')}]}}`,
      '/g/subscription-definition.json': `{"Name": "s", "InitialVersion": {"Subscriptions": [${byPrefix(json, 'ggml-subscription')}]}}`,
    }), []);
    // The statement is what a bucket without "greengrass" in its name needs.
    const other = resource.replace('my-greengrass-models', 'my-model-bucket');
    assert.ok(lintGroup({ '/g/resource-definition.json': `{"Name": "r", "InitialVersion": {"Resources": [${other}]}}` }).some((l) => l.startsWith('GGML-IAM005')));
    assert.deepEqual(lintGroup({
      '/g/resource-definition.json': `{"Name": "r", "InitialVersion": {"Resources": [${other}]}}`,
      '/g/service-role-policy.json': `{"Version": "2012-10-17", "Statement": [${byPrefix(json, 'ggml-policy-getobject')}]}`,
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
