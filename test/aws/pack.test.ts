// Packing a model folder into the archive the Greengrass core unpacks (no endpoint needed).
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { packFolder } from '../../src/aws/upload';

describe('packing a model folder', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ggml-pack-'));
  });
  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('packs a folder whose name starts with "@" as a .tar.gz with that name as its parent directory', async () => {
    const model = join(root, '@vision', 'squeezenet');
    const scoped = join(root, '@squeezenet-int8');
    for (const folder of [model, scoped]) {
      await mkdir(join(folder, 'params'), { recursive: true });
      await writeFile(join(folder, 'synset.txt'), 'n01440764 tench\n');
      await writeFile(join(folder, 'params', 'squeezenet_v1.1-0000.params'), Buffer.alloc(4096, 1));
    }
    for (const [folder, parent] of [[scoped, '@squeezenet-int8'], [model, 'squeezenet']] as const) {
      const out = join(root, `${parent}.tar.gz`);
      const plan = await packFolder(folder, { format: 'tar.gz', outFile: out });
      assert.equal(plan.fileCount, 2);
      const names: string[] = [];
      await tar.t({ file: out, onReadEntry: (e) => { names.push(e.path); } });
      assert.deepEqual(names.sort(), [`${parent}/`, `${parent}/params/`, `${parent}/params/squeezenet_v1.1-0000.params`, `${parent}/synset.txt`]);
    }
  });
});
