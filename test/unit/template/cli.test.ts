// The CLI's folder walk finds the templates projects keep, whatever they are called.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { lintPaths } from '../../../src/cli';
import { templatesRoot } from './support';

describe('greengrass-ml lint on a folder with templates', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-templates-'));
    mkdirSync(join(dir, 'infra'));
    cpSync(join(templatesRoot, 'devices-nocontainer.yaml'), join(dir, 'template.yaml'));
    cpSync(join(templatesRoot, 'two-groups.yaml'), join(dir, 'infra', 'stack.yml'));
    cpSync(join(templatesRoot, 'sam-inference.yaml'), join(dir, 'infra', 'inference.template'));
    writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
    writeFileSync(join(dir, '.github-workflow.yaml'), 'on: push\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lints *.yaml, *.yml and *.template templates in folders and leaves other YAML alone', () => {
    const run = lintPaths([dir], dir);
    assert.equal(run.files, 3);
    const byFile = new Map<string, string[]>();
    for (const r of run.results) byFile.set(basename(r.file), [...(byFile.get(basename(r.file)) ?? []), r.finding.code]);
    assert.deepEqual([...byFile.keys()].sort(), ['inference.template', 'stack.yml', 'template.yaml']);
    assert.ok(byFile.get('template.yaml')!.includes('GGML-XF003'), 'the function with 12 resource access policies');
    assert.ok(byFile.get('stack.yml')!.includes('GGML-XF001'));
  });
});
