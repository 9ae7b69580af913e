// Entry point of the integration run in a workspace without Greengrass files (test/fixtures/plain-workspace):
// what the extension must not do there. Runs every *.test.js of this folder.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: require('../../support/reporter') });
  const grep = process.env['GGML_TEST_GREP'];
  if (grep) mocha.grep(grep);
  for (const f of readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
