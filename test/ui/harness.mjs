// Opens the packaged extension in the real VS Code in Chromium, as a user would see it.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installVsix, launchChromium, root, startCodeServer, workbenchUrl } from '../../scripts/lib/codeServer.mjs';
import { startMoto } from '../../scripts/lib/moto.mjs';

export const screenshotDir = join(root, '.test-output', 'screenshots');

/** The vsix installed once per run (code-server's installer takes seconds); each workbench gets a copy. */
let installed;
function copyInstalled(vsix, extensionsDir) {
  // `npm test` installs it once for all the files it runs (GGML_UI_EXTENSIONS).
  if (!installed && process.env.GGML_UI_EXTENSIONS) installed = { vsix, dir: process.env.GGML_UI_EXTENSIONS };
  if (installed?.vsix !== vsix) {
    const dir = join(root, '.test-output', `ui-extensions-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    installVsix(vsix, dir);
    installed = { vsix, dir };
  }
  cpSync(installed.dir, extensionsDir, { recursive: true });
  // The install record names the extension's folder by its absolute path: point it at the copy.
  const record = join(extensionsDir, 'extensions.json');
  writeFileSync(record, readFileSync(record, 'utf8').split(installed.dir).join(extensionsDir));
}

/**
 * A display language for the window, with the extension translated into it as a translator would: every value of
 * `package.nls.json` and `l10n/bundle.l10n.json` (the English) rewritten by `translate` into the files VS Code reads
 * for that language. VS Code switches its display language only to an installed language pack: the pack recorded
 * here carries no translation of VS Code's own texts (they stay English), which is all this needs.
 */
function installTranslation(state, extensionsDir, { language, translate }) {
  const ext = join(extensionsDir, readdirSync(extensionsDir).find((d) => d.startsWith('greengrass-ml.')));
  const rewrite = (from, to) => {
    const english = JSON.parse(readFileSync(join(ext, from), 'utf8'));
    writeFileSync(join(ext, to), JSON.stringify(Object.fromEntries(Object.entries(english).map(([k, v]) => [k, translate(v)]))));
  };
  rewrite('package.nls.json', `package.nls.${language}.json`);
  rewrite(join('l10n', 'bundle.l10n.json'), join('l10n', `bundle.l10n.${language}.json`));
  const core = join(state, 'language-pack', 'main.i18n.json');
  mkdirSync(join(state, 'language-pack'), { recursive: true });
  writeFileSync(core, JSON.stringify({ version: '1.0.0', contents: {} }));
  mkdirSync(join(state, 'user-data'), { recursive: true });
  writeFileSync(join(state, 'user-data', 'languagepacks.json'), JSON.stringify({
    [language]: { hash: `test-${language}`, label: language, extensions: [{ extensionIdentifier: { id: 'greengrass-ml-tests.language-pack' }, version: '1.0.0' }], translations: { vscode: core } },
  }));
  return ['--locale', language];
}

/**
 * @param {{ name: string, workspace: string, env?: Record<string,string|undefined>, settings?: object | ((moto: any) => object), moto?: boolean,
 *   translation?: { language: string, translate: (english: string) => string } }} o
 * `env` values that are undefined remove the variable; `settings` (the user's settings) may depend on moto's endpoint.
 */
export async function openWorkbench(o) {
  const vsix = process.env.GGML_VSIX;
  if (!vsix) throw new Error('GGML_VSIX is not set: run the UI tests with `npm test -- ui`');
  const state = join(root, '.test-output', `ui-${o.name}-${process.pid}`);
  rmSync(state, { recursive: true, force: true });
  const extensionsDir = join(state, 'extensions');
  copyInstalled(vsix, extensionsDir);
  const args = o.translation ? installTranslation(state, extensionsDir, o.translation) : [];
  const folder = join(state, 'workspace');
  cpSync(o.workspace, folder, { recursive: true });
  const started = [];
  const stopAll = async () => { for (const stop of started.reverse()) await stop().catch(() => {}); };
  // Chromium starts while moto and code-server do.
  const launching = launchChromium(state);
  launching.catch(() => {}); // awaited below, where a failure to launch is thrown
  try {
    const moto = o.moto === false ? undefined : await startMoto();
    if (moto) started.push(moto.stop);
    const settings = typeof o.settings === 'function' ? o.settings(moto) : o.settings;
    const server = await startCodeServer({ stateDir: state, extensionsDir, env: { ...moto?.env, ...o.env }, settings, args });
    started.push(server.stop);
    const browser = await launching;
    started.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(workbenchUrl(server, folder), { timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    mkdirSync(screenshotDir, { recursive: true });
    return {
      page, folder, moto, server,
      screenshot: (file) => page.screenshot({ path: join(screenshotDir, `${o.name}-${file}.png`) }),
      /** Seeds moto with the demo account (scripts/seed.mjs): groups, model archives, training jobs, deployments. */
      seedDemo: async () => {
        const { seedDemoAccount } = await import(pathToFileURL(join(root, 'scripts', 'seed.mjs')).href);
        return seedDemoAccount(moto.endpoint);
      },
      close: stopAll,
    };
  } catch (error) {
    // Nothing started for a workbench that failed to open is left running.
    await stopAll();
    await launching.then((browser) => browser.close(), () => {});
    throw error;
  }
}

/** Opens a view container from the activity bar by its title. */
export async function openActivity(page, title) {
  const item = page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`).first();
  await item.waitFor({ timeout: 60_000 });
  await item.click();
}

/** Runs a command from the Command Palette by its title: picks the row that names it, never just the first row. */
export async function runCommand(page, title, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 10_000 });
      await row.click();
      return;
    } catch (error) {
      // On a busy machine the extension's commands may not be listed yet: close the palette and ask again.
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`The Command Palette did not list "${title}" within ${timeoutMs / 1000} s`, { cause: error });
    }
  }
}

/** A row of the side bar's trees by its label (the exact text of its label part), at a depth when given (1: roots). */
export function treeRow(page, label, level) {
  const rows = page.locator(`.sidebar .monaco-list-row${level ? `[aria-level="${level}"]` : ''}`);
  return rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
}

/**
 * Expands a tree row by its label and waits until the tree says it is expanded. A click that landed while the tree was
 * re-rendering the row (a refresh finishing, children arriving) is repeated, instead of leaving the row collapsed.
 */
export async function expandRow(page, label, level, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  const target = treeRow(page, label, level);
  await target.waitFor({ timeout: timeoutMs });
  while ((await target.getAttribute('aria-expanded')) !== 'true') {
    if (Date.now() > deadline) throw new Error(`The tree row "${label}" did not expand within ${timeoutMs / 1000} s`);
    await target.click();
    await page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await target.elementHandle(), { timeout: 3_000 }).catch(() => undefined);
  }
  return target;
}

/** The Refresh button of the Greengrass ML explorer's title bar (`label`: its title in another display language). */
export function titleRefresh(page, label = 'Refresh Explorer') {
  return page.locator(`.sidebar .title-actions .action-label[aria-label^="${label}"], .sidebar .actions-container .action-label[aria-label^="${label}"]`).first();
}
