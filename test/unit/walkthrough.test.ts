// The Get Started walkthrough (contributes.walkthroughs): each step's buttons run commands that exist, its page
// ships with the extension, and it completes on an event VS Code can observe.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localizedPackageJson } from '../support/packageJson';

const root = resolve(__dirname, '..', '..', '..');

interface Step { id: string; title: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }
interface Walkthrough { id: string; title: string; description: string; steps: Step[] }
interface Pkg { contributes: { walkthroughs?: Walkthrough[]; commands: { command: string }[] } }

const pkg = localizedPackageJson<Pkg>();
const contributed = new Set(pkg.contributes.commands.map((c) => c.command));

describe('Get Started walkthrough', () => {
  const walkthrough = pkg.contributes.walkthroughs?.find((w) => w.id === 'gettingStarted');

  it('walks through linting a group, connecting to an endpoint and migrating to V2, in that order', () => {
    assert.ok(walkthrough, 'contributes.walkthroughs has gettingStarted');
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['lint', 'connect', 'migrate']);
  });

  it('gives every step a button whose command exists, a page that ships, and an event that completes it', () => {
    for (const step of walkthrough?.steps ?? []) {
      const commands = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]!);
      assert.ok(commands.length > 0, `${step.id} has a button`);
      for (const c of commands) {
        if (c.startsWith('greengrassMl.')) assert.ok(contributed.has(c), `${step.id}: ${c} is a contributed command`);
        else assert.match(c, /^workbench\./, `${step.id}: ${c} is one of VS Code's own commands`);
      }
      assert.ok(step.media.markdown, `${step.id} has a markdown page`);
      const page = join(root, step.media.markdown);
      assert.ok(existsSync(page), `${step.media.markdown} exists`);
      assert.ok(/^media\//.test(step.media.markdown), 'the page is under media/, which the .vsix ships');
      assert.match(readFileSync(page, 'utf8'), /^# /, `${step.media.markdown} starts with a title`);
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id} completes on an event`);
      for (const e of events) {
        assert.match(e, /^(onCommand|onContext):\S/, `${step.id}: ${e}`);
        // A step completed by running its own button's command.
        if (e.startsWith('onCommand:')) assert.ok(commands.includes(e.slice('onCommand:'.length)), `${step.id}: ${e} is one of its buttons`);
      }
    }
  });
});
