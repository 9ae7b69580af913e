// The check every workspace write goes through (New Inference Function, Pull Group), on plain Node with real
// symbolic links: a path that reads as inside the workspace but leads out of it is refused.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInside, isReallyInside } from '../../src/core/insideFolder';

describe('writing only inside the workspace', () => {
  let dir: string;
  let workspace: string;
  let outside: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ggml-inside-'));
    workspace = join(dir, 'workspace');
    outside = join(dir, 'outside');
    mkdirSync(join(workspace, 'groups', 'line-3'), { recursive: true });
    mkdirSync(outside);
    symlinkSync(outside, join(workspace, 'groups', 'line-3', 'escape'), 'dir');
    symlinkSync(join(outside, 'function-definition.json'), join(workspace, 'groups', 'line-3', 'function-definition.json'), 'file');
    // The workspace itself opened through a link: its real path is what files resolve to.
    symlinkSync(workspace, join(dir, 'workspace-link'), 'dir');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a file under a linked folder that leads out, though its path text is inside', async () => {
    const target = join(workspace, 'groups', 'line-3', 'escape', 'function-definition.json');
    assert.equal(isInside(workspace, target), true, 'the path text alone looks inside');
    assert.equal(await isReallyInside(workspace, target), false);
  });

  it('refuses a file that is itself a link out of the workspace (a dangling one too)', async () => {
    assert.equal(await isReallyInside(workspace, join(workspace, 'groups', 'line-3', 'function-definition.json')), false);
  });

  it('accepts new and existing files inside, also when the workspace is opened through a link', async () => {
    assert.equal(await isReallyInside(workspace, join(workspace, 'groups', 'line-3', 'functions', 'classifier', 'handler.py')), true);
    assert.equal(await isReallyInside(join(dir, 'workspace-link'), join(dir, 'workspace-link', 'groups', 'line-3', 'greengrass-ml.json')), true);
  });

  it('refuses ".." that climbs out', async () => {
    assert.equal(await isReallyInside(workspace, join(workspace, 'groups', '..', '..', 'outside', 'x.json')), false);
  });
});
