// Starts moto (a real local AWS endpoint) on a free loopback port, for the tests, the benchmark and `npm start`.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stopProcess, waitForHttp } from './ports.mjs';

// scripts/: the folder that holds the moto_ext package (moto plus Greengrass V2, finishing V1 deployments and
// the ResetDeployments route), which runs in moto's own process and port.
const SCRIPTS = dirname(dirname(fileURLToPath(import.meta.url)));

export const MOTO_INSTALL = `python3 -m pip install "moto[server]>=5.2,<6"`;

export function motoAvailable() {
  const r = spawnSync('python3', ['-c', 'import moto.server, flask'], { stdio: 'ignore' });
  return r.status === 0;
}

/** Starts moto with the project's extensions (scripts/moto_ext); throws an error that names the install command when moto is missing. */
export async function startMoto({ log = () => {} } = {}) {
  if (!motoAvailable()) {
    throw new Error(`moto is not installed, and the AWS tests need it as their local AWS endpoint. Install it with: ${MOTO_INSTALL}`);
  }
  const port = await freePort();
  // moto logs every request to stderr. It goes to a file, not a pipe: a pipe that nobody drains while a caller
  // blocks (a synchronous mocha run) fills up, and moto then stops answering mid-run.
  const logDir = mkdtempSync(join(tmpdir(), 'ggml-moto-'));
  const logFile = join(logDir, 'moto.log');
  const logFd = openSync(logFile, 'w');
  const pythonPath = [SCRIPTS, process.env.PYTHONPATH].filter(Boolean).join(delimiter);
  const child = spawn('python3', ['-m', 'moto_ext', '-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    env: { ...process.env, PYTHONPATH: pythonPath },
    stdio: ['ignore', 'ignore', logFd],
  });
  closeSync(logFd);
  const tail = () => { try { return readFileSync(logFile, 'utf8').slice(-4000); } catch { return ''; } };
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    // The control endpoint answers only once the extensions are in place.
    await waitForHttp(`${endpoint}/ggml-emu`, { what: 'moto', timeoutMs: 30_000, isAlive: () => child.exitCode === null });
  } catch (error) {
    await stopProcess(child);
    const logged = tail();
    rmSync(logDir, { recursive: true, force: true });
    throw new Error(`${error.message}\n${logged}`, { cause: error });
  }
  log(`moto listening on ${endpoint}`);
  return {
    endpoint,
    env: motoEnv(endpoint),
    reset: () => fetch(`${endpoint}/moto-api/reset`, { method: 'POST' }).then((r) => r.arrayBuffer()),
    stop: async () => {
      await stopProcess(child);
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

/** The environment a process needs to talk to this moto with dummy credentials. */
export function motoEnv(endpoint) {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Keeps the SDK's credential chain from ever asking the EC2 instance metadata address.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
