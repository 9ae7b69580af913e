// The built CLI (dist/cli.js) on a migration folder as `greengrass-ml migrate` writes it: every V2 document of the
// folder is linted (JSON and YAML), the report and migration.json are not, and errors set the exit status.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');

interface JsonResult {
  file: string;
  line: number;
  code: string;
  severity: string;
  fixes: { title: string }[];
}

describe('greengrass-ml lint on a migration folder (the built CLI)', function () {
  this.timeout(30_000);

  it('reports each V2 mistake in its file with its line, and exits 1 on the errors', () => {
    const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', 'test/fixtures/migration/camera-ml-v2'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const { files, results } = JSON.parse(r.stdout) as { files: number; results: JsonResult[] };
    assert.equal(files, 5, 'the two requests, two recipes and the deployment');
    const got = results.map((x) => `${x.file.replace(/\\/g, '/')}:${x.line} ${x.code} ${x.severity}${x.fixes.length ? ` (${x.fixes.length} fixes)` : ''}`).sort();
    const at = 'test/fixtures/migration/camera-ml-v2';
    assert.deepEqual(got, [
      `${at}/components/ResultUploader.request.json:3 GGML-V2001 error`,
      `${at}/components/ResultUploader.request.json:20 GGML-V2002 warning (2 fixes)`,
      `${at}/deployment.json:2 GGML-V2009 warning`,
      `${at}/deployment.json:26 GGML-V2007 error`,
      `${at}/recipes/com.example.ResnetModel-1.0.0.yaml:16 GGML-V2004 warning`,
      `${at}/recipes/com.example.ResnetModel-1.0.0.yaml:17 GGML-V2003 error`,
    ].sort());
  });

  it('counts the five V2 documents as linted, and not migration.json or the handlers', () => {
    const r = spawnSync(process.execPath, [cli, 'lint', 'test/fixtures/migration/camera-ml-v2'], { cwd: root, encoding: 'utf8' });
    assert.match(r.stdout, /6 problems \(3 errors, 3 warnings, 0 info\) in 5 files linted\./);
  });
});
