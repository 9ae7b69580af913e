// Fuzz benchmark (part of `npm run bench`; also runnable alone after `node scripts/build.mjs --tests`:
// `node scripts/bench-fuzz.mjs`). Mutates every document kind of a group (manifest, resource, function, core,
// subscription and device definitions, IAM policy) and Python handlers, with hostile snippets (repeated keys,
// backtracking wildcards, terminal escapes, long values), and reports exceptions, invalid ranges, fixes that break
// the document, and how long single lints of files under 100 KB took (the target: none over 50 ms).
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const require = createRequire(import.meta.url);
const ROUNDS = Number(process.env.GGML_BENCH_FUZZ_ROUNDS ?? 5000);

export async function benchFuzz({ log = () => undefined } = {}) {
  const { runFuzz } = require(join(root, 'out', 'test', 'unit', 'lint', 'fuzz.js'));
  log(`fuzz: ${ROUNDS} rounds…`);
  const started = Date.now();
  const s = runFuzz(ROUNDS, 1);
  const seconds = (Date.now() - started) / 1000;
  const quantiles = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { median: at(0.5), p99: at(0.99), over50: sorted.filter((t) => t > 50).length };
  };
  const wall = quantiles(s.times);
  const cpu = quantiles(s.cpuTimes);
  const lines = [
    `fuzz: ${s.lints} lints of mutated documents (every kind, with hostile snippets, and Python handlers) in ${seconds.toFixed(1)} s: ` +
      `${s.exceptions} exceptions, ${s.invalidRanges} invalid ranges, ${s.brokenFixes} fixes breaking the document (of ${s.fixesTried} tried)`,
    `fuzz: single lint of a file under 100 KB, CPU time: median ${cpu.median.toFixed(2)} ms, p99 ${cpu.p99.toFixed(2)} ms, max ${s.costliest.ms.toFixed(2)} ms ` +
      `(${s.costliest.kind}, ${s.costliest.chars} characters); ${cpu.over50} over 50 ms`,
    `fuzz: the same, wall clock (includes waiting for a busy CPU): median ${wall.median.toFixed(2)} ms, p99 ${wall.p99.toFixed(2)} ms, max ${s.slowest.ms.toFixed(2)} ms ` +
      `(${s.slowest.kind}, ${s.slowest.chars} characters); ${wall.over50} over 50 ms; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs`,
  ];
  for (const p of s.problems) lines.push(`fuzz problem: ${p}`);
  for (const l of lines) log(l);
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchFuzz({ log: (line) => console.log(line) });
}
