// `npm start`: builds the extension, starts a local AWS endpoint (moto) with a demo account when moto is
// installed, and serves the real VS Code (code-server) with the extension on a copy of examples/ in
// .start/workspace (the web workbench saves as you type: the tracked examples stay as they are). Ctrl+C stops it all.
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { ensureVSCode, installVsix, root, startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { MOTO_INSTALL, motoAvailable, startMoto } from './lib/moto.mjs';
import { freePort } from './lib/ports.mjs';
import { syncStartWorkspace } from './lib/startWorkspace.mjs';

const say = (s) => console.log(`[start] ${s}`);
// GGML_START_DIR: another state folder (the tests use one of their own, so they never touch yours).
const stateDir = process.env.GGML_START_DIR || join(root, '.start');
const examples = join(root, 'examples');
const workspace = join(stateDir, 'workspace');
const stops = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function portFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Copies examples/ into the workspace folder, keeping the user's edits there, and says what it did. */
function prepareWorkspace() {
  const shown = relative(process.cwd(), workspace) || workspace;
  const r = syncStartWorkspace({ source: examples, target: workspace, stateFile: join(stateDir, 'workspace-copy.json') });
  say(`the workspace is a copy of examples/, so your edits never change the repository: ${shown}`);
  if (r.updated.length) say(`brought up to date from examples/: ${r.updated.join(', ')}`);
  if (r.kept.length) {
    say(`kept your edits (examples/ has other content; delete the file to get the example's version back): ${r.kept.join(', ')}`);
  }
}

try {
  ensureVSCode();
  say('building and packaging the extension');
  const { packageVsix } = await import('./package.mjs');
  mkdirSync(stateDir, { recursive: true });
  const vsix = await packageVsix({ quiet: true, out: join(stateDir, 'greengrass-ml.vsix') });
  const extensionsDir = join(stateDir, 'extensions');
  installVsix(vsix, extensionsDir);
  prepareWorkspace();

  let env = {};
  if (motoAvailable()) {
    const moto = await startMoto();
    stops.push(moto.stop);
    env = moto.env;
    const seed = join(root, 'scripts', 'seed.mjs');
    if (existsSync(seed)) {
      const { seedDemoAccount } = await import(seed);
      await seedDemoAccount(moto.endpoint);
      const { seedGreengrassV2Demo, seedV2MigrationDemo } = await import(join(root, 'scripts', 'seedV2.mjs'));
      await seedGreengrassV2Demo(moto.endpoint);
      // examples/migrated-v2 publishes and deploys against these (Publish Components, then Deploy to Thing Group).
      await seedV2MigrationDemo(moto.endpoint);
      say(`local AWS endpoint (moto) at ${moto.endpoint}, seeded with a demo Greengrass ML account (V1 groups, V2 core devices)`);
    } else {
      say(`local AWS endpoint (moto) at ${moto.endpoint}`);
    }
  } else {
    say(`moto is not installed, so the explorer has no local endpoint. Install it with: ${MOTO_INSTALL}`);
  }

  const wanted = Number(process.env.GGML_START_PORT ?? 8080);
  const port = (await portFree(wanted)) ? wanted : await freePort();
  const server = await startCodeServer({ stateDir, extensionsDir, env, port });
  stops.push(server.stop);
  server.child.once('exit', (code) => { if (!stopping) { say(`code-server exited (${code})`); void stopAll(1); } });
  say('VS Code with Greengrass ML is running. Open this URL in a browser:');
  console.log(workbenchUrl(server, workspace));
  say('Press Ctrl+C to stop.');
} catch (error) {
  console.error(`[start] ${error.message}`);
  await stopAll(1);
}
