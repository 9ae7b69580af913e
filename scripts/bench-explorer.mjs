// The explorer benchmark (part of `npm run bench`, or alone: node scripts/bench-explorer.mjs).
// With 1,000 groups seeded in a local moto: the time to the first page of groups as the tree builds it, and the time
// to expand a group with its definition versions fetched concurrently versus one after another. With 1,000 Greengrass V2
// core devices: the time to the V2 view's first page of core devices, rows included.
// Uses the built out/src/aws (node scripts/build.mjs --tests).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startMoto } from './lib/moto.mjs';

const root = new URL('..', import.meta.url).pathname;
const GROUPS = Number(process.env.GGML_BENCH_GROUPS ?? 1000);
const CORE_DEVICES = Number(process.env.GGML_BENCH_CORE_DEVICES ?? 1000);
const RUNS = Number(process.env.GGML_BENCH_RUNS ?? 7);
const PAGE = 50;
const LATENCY_MS = 60;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n) => `${n.toFixed(1)} ms`;

/** A TCP proxy in front of moto that delays every chunk by `oneWayMs` each way: a region's round trip, on this machine. */
async function latencyProxy(target, oneWayMs) {
  const { hostname, port } = new URL(target);
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port) });
    for (const s of [client, upstream]) { sockets.add(s); s.on('error', () => {}); s.on('close', () => sockets.delete(s)); }
    client.on('data', (d) => setTimeout(() => upstream.write(d), oneWayMs));
    upstream.on('data', (d) => setTimeout(() => client.write(d), oneWayMs));
    client.on('end', () => setTimeout(() => upstream.end(), oneWayMs));
    upstream.on('end', () => setTimeout(() => client.end(), oneWayMs));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(r); }),
  };
}

async function expandTimes(aws, settings, groupId, versionId) {
  const clients = aws.createAwsClients(settings);
  try {
    const gg = new aws.GreengrassExplorerService(clients);
    const parts = (await gg.getGroupVersionDetails(groupId, versionId)).definitions.length;
    const concurrent = [];
    const sequential = [];
    for (let i = 0; i < RUNS; i++) {
      for (const [sequentialRun, into] of [[false, concurrent], [true, sequential]]) {
        const start = performance.now();
        const d = await gg.getGroupVersionDetails(groupId, versionId, { sequential: sequentialRun });
        into.push(performance.now() - start);
        if (d.functions.status !== 'ok' || d.resources.status !== 'ok') throw new Error('the group did not expand fully');
      }
    }
    return { parts, concurrent: median(concurrent), sequential: median(sequential) };
  } finally {
    clients.dispose();
  }
}

function ensureBuilt(force) {
  if (!force && existsSync(join(root, 'out', 'src', 'aws', 'index.js'))) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--tests'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error('The test build failed; run node scripts/build.mjs --tests to see why');
}

export async function benchExplorer({ build = false } = {}) {
  ensureBuilt(build);
  const aws = createRequire(import.meta.url)(join(root, 'out', 'src', 'aws', 'index.js'));
  const labels = createRequire(import.meta.url)(join(root, 'out', 'src', 'core', 'v2', 'labels.js'));
  const { seedManyGroups } = await import(pathToFileURL(join(root, 'scripts', 'seed.mjs')).href);
  const { seedManyCoreDevices } = await import(pathToFileURL(join(root, 'scripts', 'seedV2.mjs')).href);
  const lines = [];
  const moto = await startMoto();
  const savedEnv = { ...process.env };
  Object.assign(process.env, moto.env);
  try {
    let t = performance.now();
    const seeded = await seedManyGroups(moto.endpoint, GROUPS, { concurrency: 16 });
    lines.push(`explorer: seeded ${seeded.groups.length} groups in moto in ${(performance.now() - t) / 1000 > 1 ? `${((performance.now() - t) / 1000).toFixed(1)} s` : ms(performance.now() - t)}`);

    // First page: a fresh connection each time, as after a profile switch; the same call the tree makes.
    const firstPage = async () => {
      const clients = aws.createAwsClients({});
      try {
        const start = performance.now();
        const page = await aws.loadGroupRows(new aws.GreengrassExplorerService(clients), { maxResults: PAGE });
        const took = performance.now() - start;
        if (page.items.length !== PAGE || !page.nextToken) throw new Error(`expected a first page of ${PAGE} groups with more to load, got ${page.items.length}`);
        return took;
      } finally {
        clients.dispose();
      }
    };
    const cold = await firstPage();
    const pages = [];
    for (let i = 0; i < RUNS; i++) pages.push(await firstPage());
    lines.push(`explorer: first page of groups (${PAGE} of ${GROUPS}, ListGroups + tree rows, new connection): median ${ms(median(pages))} over ${RUNS} runs (first call after seeding ${ms(cold)})`);

    // Expanding a group (the tree knows its latest version from the listing): GetGroupVersion, then its definition versions concurrently vs one after another.
    const group = seeded.groups[Math.floor(seeded.groups.length / 2)];
    const local = await expandTimes(aws, {}, group.id, group.versionId);
    lines.push(`explorer: expand a group (${local.parts} definition versions), local moto: concurrent median ${ms(local.concurrent)}, one after another ${ms(local.sequential)}; sequential/concurrent = ${(local.sequential / local.concurrent).toFixed(2)}x`);
    const proxy = await latencyProxy(moto.endpoint, LATENCY_MS / 2);
    try {
      const far = await expandTimes(aws, { endpoint: proxy.endpoint }, group.id, group.versionId);
      lines.push(`explorer: expand a group with ${LATENCY_MS} ms round trips (a distant region): concurrent median ${ms(far.concurrent)}, one after another ${ms(far.sequential)}; sequential/concurrent = ${(far.sequential / far.concurrent).toFixed(2)}x`);
    } finally {
      await proxy.close();
    }

    // Greengrass V2: the first page of core devices as the V2 view builds it (ListCoreDevices + its rows).
    t = performance.now();
    await seedManyCoreDevices(moto.endpoint, CORE_DEVICES);
    lines.push(`explorer: registered ${CORE_DEVICES} Greengrass V2 core devices in ${ms(performance.now() - t)}`);
    const firstDevices = async () => {
      const clients = aws.createAwsClients({});
      try {
        const start = performance.now();
        const page = await new aws.GreengrassV2ExplorerService(clients).listCoreDevices({ maxResults: PAGE });
        const rows = page.items.map((d) => labels.coreDeviceRow(d));
        const took = performance.now() - start;
        if (rows.length !== PAGE || !page.nextToken) throw new Error(`expected a first page of ${PAGE} core devices with more to load, got ${rows.length}`);
        return took;
      } finally {
        clients.dispose();
      }
    };
    const coldDevices = await firstDevices();
    const devicePages = [];
    for (let i = 0; i < RUNS; i++) devicePages.push(await firstDevices());
    lines.push(`explorer: first page of Greengrass V2 core devices (${PAGE} of ${CORE_DEVICES}, ListCoreDevices + rows, new connection): median ${ms(median(devicePages))} over ${RUNS} runs (first call ${ms(coldDevices)})`);
    const farDevices = await latencyProxy(moto.endpoint, LATENCY_MS / 2);
    try {
      const far = [];
      for (let i = 0; i < RUNS; i++) {
        const clients = aws.createAwsClients({ endpoint: farDevices.endpoint });
        try {
          const start = performance.now();
          await new aws.GreengrassV2ExplorerService(clients).listCoreDevices({ maxResults: PAGE });
          far.push(performance.now() - start);
        } finally {
          clients.dispose();
        }
      }
      lines.push(`explorer: first page of Greengrass V2 core devices with ${LATENCY_MS} ms round trips: median ${ms(median(far))}`);
    } finally {
      await farDevices.close();
    }
  } finally {
    for (const k of Object.keys(moto.env)) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    await moto.stop();
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  try {
    for (const line of await benchExplorer({ build: true })) console.log(line);
  } catch (error) {
    console.error(`The explorer benchmark failed: ${error.message}`);
    process.exitCode = 1;
  }
}
