// `npm run screenshots`: copies the README's screenshots from the last UI test run (.test-output/screenshots/,
// written by `npm test -- ui`) into docs/images/. Each entry names the UI test's screenshot and the README image.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const README_SCREENSHOTS = {
  'templates-template-diagnostics.png': 'lint-sam-template.png',
  'explorer-3-resources.png': 'explorer-groups.png',
  'operations-2-deployment-details.png': 'deployment-details.png',
  'v2explorer-2-broken-component-reason.png': 'v2-explorer.png',
  'ship-3-final.png': 'deploy-codelens.png',
  'explorer-7-archive-contents.png': 'explorer-archive-contents.png',
  'migrate-1-migration-report.png': 'migration-report.png',
  'explorer-0-walkthrough.png': 'walkthrough.png',
  'l10n-1-tree.png': 'translated-explorer.png',
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const from = join(root, '.test-output', 'screenshots');
  const to = join(root, 'docs', 'images');
  mkdirSync(to, { recursive: true });
  const missing = Object.keys(README_SCREENSHOTS).filter((s) => !existsSync(join(from, s)));
  if (missing.length) {
    console.error(`No screenshot ${missing.join(', ')} in ${from}: run npm test -- ui first.`);
    process.exit(1);
  }
  for (const [shot, image] of Object.entries(README_SCREENSHOTS)) copyFileSync(join(from, shot), join(to, image));
  console.log(`screenshots: ${Object.keys(README_SCREENSHOTS).length} copied into ${to}`);
}
