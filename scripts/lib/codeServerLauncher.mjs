#!/usr/bin/env node
// A VS Code "executable" for @vscode/test-electron's runTests (vscodeExecutablePath): takes the arguments that
// runner passes to VS Code — --extensionDevelopmentPath=, --extensionTestsPath= and the folder to open — and runs
// the tests in the real VS Code the project can install here (code-server driven by headless Chromium, see
// scripts/lib/codeServer.mjs). Its exit code is the tests' exit code. The environment (moto's endpoint, the
// stats file, the grep) reaches the extension host through code-server's environment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium, runExtensionTests, startCodeServer } from './codeServer.mjs';

const value = (name) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const extensionPath = value('extensionDevelopmentPath');
const testsPath = value('extensionTestsPath');
// runTests puts launchArgs (the folder) before its own flags; any other flag is VS Code's and means nothing here.
const folder = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!extensionPath || !testsPath || !folder) {
  console.error('usage: codeServerLauncher.mjs <folder> --extensionDevelopmentPath=<dir> --extensionTestsPath=<module>');
  process.exit(2);
}
const timeoutMs = Number(process.env.GGML_TEST_TIMEOUT_MS ?? 8 * 60_000);
const state = mkdtempSync(join(process.env.GGML_TEST_STATE_DIR ?? tmpdir(), 'code-server-'));
let code = 1;
const server = await startCodeServer({ stateDir: state, smokeDriver: true });
try {
  const browser = await launchChromium(state);
  try {
    code = await runExtensionTests({
      server, browser, extensionPath: resolve(extensionPath), testsPath: resolve(testsPath), folder: resolve(folder), timeoutMs,
      // The extension host's console: the test reporter's lines come as 'log'; errors only when asked or ours.
      onLog: (type, line) => {
        if (type === 'log' || type === 'info') process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
        else if (process.env.GGML_TEST_VERBOSE || type === 'error' && /greengrass|ggml/i.test(line)) process.stderr.write(`[host ${type}] ${line}\n`);
      },
    });
  } finally {
    await browser.close();
  }
} catch (error) {
  console.error(`The tests could not run in code-server: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await server.stop();
  rmSync(state, { recursive: true, force: true });
}
process.exit(code);
