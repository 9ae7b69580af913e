// Runs one hostile case in a process of its own and prints, as JSON, what it printed, its exit status, how long
// the work took and the process's peak memory (maxRSS), for test/hostile/hostile.test.ts.
//   node measure.js cli <args…>           the built CLI (dist/cli.js), as CI runs `greengrass-ml lint`
//   node measure.js python <handler.py>   the Python handler checks, reading files as the editor does
import { join, resolve } from 'node:path';
import { checkPythonHandler } from '../../src/core/python';
import { readTextFile } from '../../src/core/textFile';

const root = resolve(__dirname, '..', '..', '..');
const [mode, ...args] = process.argv.slice(2);
let out = '';
let err = '';
let code = 0;
const started = process.hrtime.bigint();
if (mode === 'cli') {
  const cli = require(join(root, 'dist', 'cli.js')) as { main(argv: readonly string[], io: { out(t: string): void; err(t: string): void; cwd: string }): number };
  code = cli.main(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: process.cwd() });
} else if (mode === 'python') {
  const path = args[0] ?? '';
  const read = readTextFile(path);
  if ('text' in read) {
    const host = { readFile: (p: string) => { const r = readTextFile(p); return 'text' in r ? r.text : undefined; } };
    out = JSON.stringify(checkPythonHandler({ path, text: read.text }, host).map((f) => f.code));
  } else {
    err = read.problem;
    code = 2;
  }
} else {
  err = `Unknown mode: ${mode ?? ''}`;
  code = 2;
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ code, out, err, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
