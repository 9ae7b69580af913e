// What the benchmarks that run the AWS layer against the local endpoint share: the layer itself (dist/aws.js, the
// code the commands run, without the VS Code UI), a fresh endpoint with the process's AWS settings pointed at it,
// a scratch folder and the layer's clients, all undone afterwards; and the small helpers of their reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './codeServer.mjs';
import { startMoto } from './moto.mjs';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** A file's text as the project writes JSON: two-space indent and a final newline. */
export const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

/** dist/aws.js (built when missing). */
export function loadAwsLayer() {
  const bundle = join(root, 'dist', 'aws.js');
  if (!existsSync(bundle)) {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) throw new Error('build failed');
  }
  return createRequire(import.meta.url)(bundle);
}

/**
 * Runs `body({ aws, moto, dir, clients })` against a fresh local endpoint: the process's AWS environment points at
 * it meanwhile, `dir` is a new folder under the system temp folder named after `prefix`. Afterwards the clients,
 * the folder, the environment and the endpoint are put away, whatever `body` did.
 */
export async function withLocalEndpoint(prefix, body) {
  const aws = loadAwsLayer();
  const moto = await startMoto();
  const saved = {};
  for (const [k, v] of Object.entries(moto.env)) { saved[k] = process.env[k]; process.env[k] = v; }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const clients = aws.createAwsClients({});
  try {
    return await body({ aws, moto, dir, clients });
  } finally {
    clients.dispose();
    rmSync(dir, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    await moto.stop();
  }
}
