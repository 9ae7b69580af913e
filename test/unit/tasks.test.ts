// The `greengrass-ml` task type's problem matcher against the CLI's real output: what Tasks: Run Task puts in the
// Problems view is exactly what `greengrass-ml lint` finds.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ruleFor } from '../../src/core/rules';
import { localizedPackageJson, repoRoot } from '../support/packageJson';

interface Pattern { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number }
interface Matcher { name: string; label: string; owner: string; source?: string; fileLocation: string[]; pattern: Pattern }
interface Manifest {
  activationEvents: string[];
  contributes: { problemMatchers: Matcher[]; taskDefinitions: { type: string; properties: Record<string, { type: string; description: string }> }[] };
}

function lint(format: string): { code: number; stdout: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'lint', '--format', format, 'examples'], { cwd: repoRoot, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout };
}

describe('the greengrass-ml task type and its problem matcher', () => {
  const manifest = localizedPackageJson<Manifest>();
  const matcher = manifest.contributes.problemMatchers.find((m) => m.name === 'greengrass-ml');

  it('is contributed with a task definition whose paths are strings, and activates the extension for its tasks', () => {
    assert.ok(matcher, 'contributes.problemMatchers has greengrass-ml ($greengrass-ml)');
    assert.match(matcher.label, /Greengrass ML/);
    assert.notEqual(matcher.owner, 'greengrass-ml', 'the task\'s findings do not replace the live diagnostics (a different owner)');
    const definition = manifest.contributes.taskDefinitions.find((d) => d.type === 'greengrass-ml');
    assert.equal(definition?.properties['paths']?.type, 'array');
    assert.ok(manifest.activationEvents.includes('onTaskType:greengrass-ml'));
  });

  it('matches every finding of greengrass-ml lint --format compact on the examples, with its file, position, severity and rule', () => {
    assert.ok(matcher);
    const compact = lint('compact');
    const json = JSON.parse(lint('json').stdout) as { results: { file: string; line: number; column: number; severity: string; code: string; message: string }[] };
    assert.equal(compact.code, 1, 'the examples have errors, so the task ends with exit code 1');
    const re = new RegExp(matcher.pattern.regexp);
    const lines = compact.stdout.trimEnd().split('\n');
    const matched = lines.map((line) => {
      const m = re.exec(line);
      assert.ok(m, `the problem matcher misses a line: ${line}`);
      const p = matcher.pattern;
      return { file: m[p.file]!, line: Number(m[p.line]), column: Number(m[p.column]), severity: m[p.severity]!, code: m[p.code]!, message: m[p.message]! };
    });
    const key = (f: object) => JSON.stringify(f);
    assert.deepEqual(matched.map(key).sort(), json.results.map(({ file, line, column, severity, code, message }) => key({ file, line, column, severity, code, message })).sort());
    for (const f of matched) {
      assert.ok(existsSync(join(repoRoot, f.file)), `${f.file} is relative to the folder the task runs in`);
      assert.ok(ruleFor(f.code), `${f.code} is a rule`);
    }
    assert.ok(matched.some((f) => f.code === 'GGML-FN008' && f.file === 'examples/function-definition.json' && f.line === 21 && f.column === 36));
    // A path with a colon or a drive letter still splits at the position.
    assert.deepEqual(re.exec('C:\\work\\g:1\\function-definition.json:3:5: warning GGML-FN004 MemorySize is in KB: f')?.slice(1, 6),
      ['C:\\work\\g:1\\function-definition.json', '3', '5', 'warning', 'GGML-FN004']);
  });
});
