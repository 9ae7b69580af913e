// The CLI as users install it: `npm pack` makes a tarball that, installed into an empty folder outside this
// repository with npm's cache empty and no network (--offline), runs `npx greengrass-ml lint` there.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

function npm(args: string[], cwd: string, cache: string, command = 'npm'): { code: number; stdout: string; stderr: string } {
  // Options first: npx hands everything after the command's name to the command.
  const r = spawnSync(command, ['--cache', cache, '--offline', '--no-audit', '--no-fund', '--no-update-notifier', ...args], {
    cwd, encoding: 'utf8', timeout: 90_000, env: { ...process.env, npm_config_loglevel: 'error' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('the npm package of the CLI', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-npm-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('installs from its tarball into an empty folder with no network, and `npx greengrass-ml lint` works there', () => {
    const cache = join(dir, 'npm-cache');
    const packed = npm(['pack', '--pack-destination', dir, '--json'], root, cache);
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(info);
    const files = info.files.map((f) => f.path);
    assert.ok(files.includes('dist/cli.js') && files.includes('docs/rules/GGML-FN008.md'), files.join(', '));
    assert.deepEqual(files.filter((f) => /^(src|test|scripts|node_modules|examples)\//.test(f) || /\.map$/.test(f)), [], 'sources, tests and maps stay out');

    // An empty project elsewhere, with a function definition that has a mistake.
    const project = join(dir, 'project');
    mkdirSync(join(project, 'group'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "camera-project", "version": "1.0.0", "private": true }\n');
    writeFileSync(join(project, 'group', 'function-definition.json'), JSON.stringify({
      Functions: [{
        Id: 'classifier', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:classifier:live',
        FunctionConfiguration: { Executable: 'inference.handler', MemorySize: 98304, Timeout: 10, Pinned: true, Environment: { Variables: { MXNET_ENGINE_TYPE: 'NativeEngine' } } },
      }],
    }, null, 2));
    const installed = npm(['install', join(dir, info.filename)], project, cache);
    assert.equal(installed.code, 0, `${installed.stdout}\n${installed.stderr}`);
    assert.deepEqual(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.')), ['greengrass-ml'], 'it brings no dependencies: dist/cli.js bundles them');

    const lint = npm(['greengrass-ml', 'lint', 'group'], project, cache, 'npx');
    assert.equal(lint.code, 1, `${lint.stdout}\n${lint.stderr}`);
    assert.match(lint.stdout, /MXNET_ENGINE_TYPE has the misspelling NativeEngine.*GGML-FN008/);
    assert.match(lint.stdout, /in 1 file linted\./);
    const version = npm(['greengrass-ml', '--version'], project, cache, 'npx');
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
