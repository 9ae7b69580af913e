// Runs the real VS Code (code-server, installed by scripts/setup-vscode.sh) and drives it with Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { freePort, stopProcess, waitForHttp } from './ports.mjs';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const serverDir = join(root, '.vscode-test-server');
const node24 = join(serverDir, 'node', 'bin', 'node');
const codeServerMain = join(serverDir, 'code-server', 'lib', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const codeServerBin = join(serverDir, 'code-server', 'bin', 'code-server');
export const CHROMIUM = '/usr/bin/chromium';

/** Installs code-server and Chromium if needed (idempotent); throws with the command to run when it cannot. */
export function ensureVSCode() {
  const r = spawnSync('bash', [join(root, 'scripts', 'setup-vscode.sh')], { stdio: 'inherit' });
  if (r.status !== 0) {
    throw new Error('The real VS Code for the tests is not installed and could not be installed. Run: npm run setup');
  }
  if (!existsSync(CHROMIUM)) throw new Error('Chromium is missing. Install it with: apt-get update && apt-get install -y chromium');
}

function codeServerCommand() {
  return existsSync(codeServerMain) ? [node24, codeServerMain] : [codeServerBin];
}

/** Installs a .vsix into an extensions folder. */
export function installVsix(vsix, extensionsDir) {
  const [cmd, ...pre] = codeServerCommand();
  const r = spawnSync(cmd, [...pre, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    env: { ...cleanEnv(), PATH: `${join(serverDir, 'node', 'bin')}:${process.env.PATH}` },
  });
  if (r.status !== 0) throw new Error(`Installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

/** process.env without the variables an outer `npm run` adds. */
export function cleanEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  return env;
}

/**
 * Starts code-server on a free loopback port.
 * @param {{ stateDir: string, env?: Record<string,string>, smokeDriver?: boolean, extensionsDir?: string, settings?: object, port?: number, args?: string[], log?: (s: string) => void }} o
 * `args`: more of code-server's own options (`--locale de`).
 */
export async function startCodeServer(o) {
  const port = o.port ?? (await freePort());
  const userDataDir = join(o.stateDir, 'user-data');
  const extensionsDir = o.extensionsDir ?? join(o.stateDir, 'extensions');
  const xdg = join(o.stateDir, 'xdg');
  for (const d of [userDataDir, extensionsDir, join(xdg, 'config'), join(xdg, 'data'), join(xdg, 'cache'), join(userDataDir, 'User')]) mkdirSync(d, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    // The Greengrass ML container holds two views (V1 explorer, Greengrass V2): their title actions show on each
    // view's header, which VS Code otherwise draws only while the pointer is over it.
    'workbench.view.alwaysShowHeaderActions': true,
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'git.openRepositoryInParentFolders': 'never',
    ...o.settings,
  }, null, 2));
  const [cmd, ...pre] = codeServerCommand();
  const args = [...pre, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (o.smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (o.args) args.push(...o.args);
  const child = spawn(cmd, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...cleanEnv(),
      XDG_CONFIG_HOME: join(xdg, 'config'), XDG_DATA_HOME: join(xdg, 'data'), XDG_CACHE_HOME: join(xdg, 'cache'),
      PATH: `${join(serverDir, 'node', 'bin')}:${process.env.PATH}`,
      ...o.env,
    },
  });
  let output = '';
  const keep = (d) => { output = (output + d).slice(-20000); o.log?.(String(d)); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, { what: 'code-server', timeoutMs: 60_000, isAlive: () => child.exitCode === null });
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${error.message}\n${output}`, { cause: error });
  }
  return { url, port, child, output: () => output, stop: () => stopProcess(child) };
}

/** Launches headless Chromium (Debian's) with playwright-core. */
export async function launchChromium(stateDir) {
  const { chromium } = await import('playwright-core');
  // playwright-core gives every launch a fresh, temporary profile.
  void stateDir;
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** The workbench URL for a folder, with an optional smoke-test payload. */
export function workbenchUrl(server, folder, payload) {
  let u = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

/**
 * Runs an extension-test module inside the real extension host: returns the exit code the tests report.
 * @param {{ server: any, browser: any, extensionPath: string, testsPath: string, folder: string, timeoutMs: number, onLog: (s: string) => void }} o
 */
export async function runExtensionTests(o) {
  const page = await o.browser.newPage({ viewport: { width: 1400, height: 900 } });
  let resolveExit;
  const exit = new Promise((r) => { resolveExit = r; });
  await page.exposeFunction('codeAutomationLog', (type, args) => o.onLog(type, Array.isArray(args) ? format(...args) : String(args ?? '')));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  const authority = `vscode-remote://127.0.0.1:${o.server.port}`;
  await page.goto(workbenchUrl(o.server, o.folder, [
    ['extensionDevelopmentPath', `${authority}${o.extensionPath}`],
    ['extensionTestsPath', `${authority}${o.testsPath}`],
  ]), { timeout: 120_000 });
  let timer;
  const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), o.timeoutMs); });
  const result = await Promise.race([exit, timeout]);
  clearTimeout(timer);
  await page.close().catch(() => {});
  if (result === 'timeout') throw new Error(`The extension tests did not finish within ${o.timeoutMs / 1000} s`);
  return result;
}
