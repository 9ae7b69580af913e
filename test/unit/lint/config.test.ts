// .greengrass-ml.yaml: how a repository's lint configuration is read, which paths it excludes, and which file
// applies to a linted file.
import * as assert from 'node:assert/strict';
import { isExcluded, LintConfigs, parseLintConfig } from '../../../src/core/lint/config';

const config = (exclude: string[]) => parseLintConfig('/repo/.greengrass-ml.yaml', `exclude:\n${exclude.map((e) => `  - "${e}"`).join('\n')}\n`);

describe('.greengrass-ml.yaml', () => {
  it('reads severities and ignored rules, "off" in either YAML reading', () => {
    const c = parseLintConfig('/repo/.greengrass-ml.yaml', 'rules:\n  GGML-ML002: warning\n  GGML-EOS001: off\n  GGML-FN004: false\nignore-rules: GGML-ID001, GGML-XF001\n');
    assert.deepEqual(c.problems, []);
    assert.deepEqual(c.rules, { 'GGML-ML002': 'warning', 'GGML-EOS001': 'off', 'GGML-FN004': 'off', 'GGML-ID001': 'off', 'GGML-XF001': 'off' });
    assert.equal(c.dir, '/repo');
  });

  it('refuses a YAML bomb and an oversized file with a problem instead of expanding them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    const c = parseLintConfig('/r/.greengrass-ml.yaml', bomb);
    assert.equal(c.problems[0]?.severity, 'error', JSON.stringify(c.problems));
    assert.equal(parseLintConfig('/r/.greengrass-ml.yaml', `# ${'x'.repeat(70_000)}`).problems[0]?.severity, 'error');
  });

  it('excludes paths as .gitignore does: names at any depth, anchored paths, folders with all they hold, ** and *', () => {
    assert.ok(isExcluded(config(['vendor/']), '/repo/vendor/group/resource-definition.json'));
    assert.ok(isExcluded(config(['vendor']), '/repo/a/b/vendor/x.json'), 'a name without a slash matches at any depth');
    assert.ok(!isExcluded(config(['/vendor']), '/repo/a/vendor/x.json'), 'a leading slash anchors to the configuration\'s folder');
    assert.ok(isExcluded(config(['/vendor']), '/repo/vendor/x.json'));
    assert.ok(isExcluded(config(['**/*.generated.json']), '/repo/groups/cam/resources.generated.json'));
    assert.ok(isExcluded(config(['*.generated.json']), '/repo/resources.generated.json'));
    assert.ok(!isExcluded(config(['groups/*/legacy']), '/repo/groups/legacyx/a.json'));
    assert.ok(isExcluded(config(['groups/*/legacy']), '/repo/groups/cam/legacy/a.json'));
    assert.ok(isExcluded(config(['groups/**/old-*.yaml']), '/repo/groups/old-stack.yaml'), '** matches no folder too');
    assert.ok(!isExcluded(config(['vendor/']), '/elsewhere/vendor/x.json'), 'only paths under the configuration\'s folder');
    // A pattern of many wildcards on a long name answers at once (no backtracking blow-up).
    const t0 = Date.now();
    assert.ok(!isExcluded(config([`${'*a'.repeat(40)}b`, `${'**/'.repeat(40)}x`]), `/repo/${'a/'.repeat(200)}${'a'.repeat(2000)}`));
    assert.ok(Date.now() - t0 < 1000);
  });

  it('applies the nearest file, up to the repository\'s root and not beyond', () => {
    const files: Record<string, string> = {
      '/home/.greengrass-ml.yaml': 'rules: {GGML-EOS001: error}\n',
      '/home/repo/.greengrass-ml.yaml': 'rules: {GGML-EOS001: off}\n',
      '/home/repo/groups/cam/.greengrass-ml.yaml': 'rules: {GGML-EOS001: info}\n',
    };
    let reads = 0;
    const configs = new LintConfigs({
      readFile: (p) => { reads++; return files[p]; },
      isRepositoryRoot: (d) => d === '/home/repo' || d === '/home/other',
      join: (d, n) => `${d}/${n}`,
    });
    assert.equal(configs.forFile('/home/repo/groups/cam/function-definition.json')?.rules['GGML-EOS001'], 'info');
    assert.equal(configs.forFile('/home/repo/groups/dog/function-definition.json')?.rules['GGML-EOS001'], 'off');
    assert.equal(configs.forFile('/home/other/x/function-definition.json'), undefined, 'the file above another repository is not read');
    const before = reads;
    configs.forFile('/home/repo/groups/dog/resource-definition.json');
    assert.equal(reads, before, 'folders are looked up once');
    files['/home/repo/.greengrass-ml.yaml'] = 'rules: {GGML-EOS001: warning}\n';
    configs.clear();
    assert.equal(configs.forFile('/home/repo/groups/dog/function-definition.json')?.rules['GGML-EOS001'], 'warning');
  });
});
