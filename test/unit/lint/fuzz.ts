// The mutation fuzz over every document kind (the JSON documents of a group and Python handlers), shared by the
// property tests (test/unit/lint/property.test.ts) and the benchmark (scripts/bench-fuzz.mjs), which also times
// each lint. A seeded generator, so that a run can be repeated.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { applyTextEdits, detectKind, lintDocument } from '../../../src/core/lint';
import type { DocumentKind, Finding } from '../../../src/core/lint';
import { checkPythonHandler } from '../../../src/core/python';
import { decodeTemplate, isTemplate, templateFormat } from '../../../src/core/template';
import { maybeYamlRecipe } from '../../../src/core/v2/recognize';
import { fixturesRoot, hostOf, loadFolder } from './support';
import type { Files } from './support';

/** A group holding every document kind, including the subscription and device definitions no fixture has. */
export function allKindsGroup(): Files {
  const clean = loadFolder(join(fixturesRoot, 'clean'));
  const files: Files = new Map();
  let dir = '';
  for (const [path, text] of clean) {
    dir = path.slice(0, path.lastIndexOf('/') + 1);
    if (!path.endsWith('greengrass-ml.json')) files.set(`${dir}all-kinds/${path.slice(dir.length)}`, text);
  }
  const at = `${dir}all-kinds/`;
  files.set(`${at}greengrass-ml.json`, `${JSON.stringify({
    name: 'all-kinds', region: 'us-east-1', coreVersion: '1.11.6', platforms: ['raspberry-pi'],
    definitions: { core: 'core-definition.json', functions: 'function-definition.json', resources: 'resource-definition.json', subscriptions: 'subscription-definition.json', devices: 'device-definition.json' },
    serviceRolePolicy: 'service-role-policy.json',
    functions: { 'mxnet-classifier': { runtime: 'python3.7', framework: 'mxnet' } },
  }, null, 2)}\n`);
  files.set(`${at}subscription-definition.json`, `{\n  "Name": "all-kinds-subscriptions",\n  "InitialVersion": {\n    "Subscriptions": [\n      { "Id": "to-cloud", "Source": "arn:aws:lambda:us-east-1:123456789012:function:mxnet-classifier:prod", "Subject": "infer/result", "Target": "cloud" }\n    ]\n  }\n}\n`);
  files.set(`${at}device-definition.json`, `{\n  "Name": "all-kinds-devices",\n  "InitialVersion": {\n    "Devices": [\n      { "Id": "camera-1", "ThingArn": "arn:aws:iot:us-east-1:123456789012:thing/camera-1", "CertificateArn": "arn:aws:iot:us-east-1:123456789012:cert/0123456789abcdef", "SyncShadow": false }\n    ]\n  }\n}\n`);
  return files;
}

/** Every fixture group: the clean one, each rule's failing and passing groups, and the all-kinds group. */
export function groups(): Files[] {
  const out = [loadFolder(join(fixturesRoot, 'clean')), allKindsGroup()];
  const rules = join(fixturesRoot, 'rules');
  for (const code of readdirSync(rules).sort()) for (const k of ['bad', 'good']) {
    const g = loadFolder(join(rules, code, k));
    if (g.size) out.push(g);
  }
  return out;
}

export const SNIPPETS = [
  '{', '}', '[', ']', '"', ',', ':', '\n', 'null', '"rw"', '"ro"', '0', '-1', '1e400', '"/proc"', '"NoContainer"', '/*', '*/', '//', '\ufeff', '\u0000',
  '"s3://a.b/c"', '"$LATEST"', '// greengrass-ml-disable-next-line GGML-ID001\n', '{"OwnerSetting": {}}',
  // Hostile: repeated keys, backtracking wildcards, terminal escapes, long values.
  '"region": "us-east-1", "region": "x@127.0.0.1:1/?",', '"Id": "a", "Id": "b",', '"************************x"', '"arn:aws:s3:::*a*a*a*a*a*a*b"',
  '"\\u001b[2J"', `"${'a'.repeat(3000)}"`,
];
export const VALUES: unknown[] = [
  null, true, 0, 0.5, -1, 96, 1e21, '', 'rw', 'ro', 'wr', '/', 'relative/path', '/dev/shm', '/proc', '/sys/x', 'NoContainer', 'GreengrassContainer', 'NativeEngine',
  's3://a.b/c', 's3://bucket', 'arn:aws:s3:us-east-1:1:b', '$LATEST', 'x'.repeat(140), 'a b', 'squeezenet-model', 'neo-model', '1001', [], {}, [{}], { GroupOwner: '' },
  { Uid: 0, Gid: 1001 }, ['*'], { Resources: [] },
  '************************x', 'arn:aws:s3:::*a*a*a*a*a*a*b', `s3://b/${'a'.repeat(3000)}`, 'x@127.0.0.1:1/?', '\u001b]0;x\u0007', 'a'.repeat(20_000), '../../../../dev/zero',
];

const PY_SNIPPETS = ['"', "'", '"""', "'''", '#', '\\\n', '(', ')', '[', '\n', '    ', 'AWS_GG_RESOURCE_PREFIX', '"/ml/model/x.params"', 'import mxnet\n', 'import tensorflow as tf\n',
  'tf.estimator', 'tf.train.Saver()', '.restore(', 'x = ', 'path = prefix + ', '# greengrass-ml-disable-next-line GGML-PY003\n', 'from tensorflow import (estimator,\n slim)\n', 'r"', 'b"', 'f"'];

const HANDLER = `import os
import mxnet as mx
import tensorflow as tf

prefix = os.environ.get('AWS_GG_RESOURCE_PREFIX', '')
model = prefix + "/ml/model/squeezenet-0000.params"
fixed = "/ml/model/synset.txt"  # hard-coded
est = tf.estimator.Estimator(model_fn)
saver = tf.train.Saver()
saver.restore(sess, "/ml/model/ckpt")

def function_handler(event, context):
    return mx.nd.array([1, 2, 3])
`;

/** The group a handler sits in: ML resources under /ml/model, the function the folder names. */
function pythonGroup(): Files {
  return new Map([
    ['/ws/line/greengrass-ml.json', JSON.stringify({ name: 'line', region: 'us-east-1', coreVersion: '1.11.6', platforms: ['raspberry-pi'], definitions: { functions: 'function-definition.json', resources: 'resource-definition.json' } })],
    ['/ws/line/function-definition.json', '{\n  "Functions": [\n    { "Id": "classify", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:classify:live", "FunctionConfiguration": { "Environment": {} } }\n  ]\n}\n'],
    ['/ws/line/resource-definition.json', JSON.stringify({ Resources: [{ Id: 'model', Name: 'model', ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: 's3://b/m.tar.gz', DestinationPath: '/ml/model' } } }] })],
  ]);
}
const HANDLER_PATH = '/ws/line/functions/classify/inference.py';

function parsesCleanly(text: string): boolean {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: true });
  return errors.length === 0;
}

/** YAML syntax problems of a template (Infinity when it does not decode at all). */
function yamlProblems(text: string): number {
  const d = decodeTemplate(text, 'yaml');
  return d.fatal ? Infinity : d.problems.filter((p) => p.code === 'GGML-TPL001').length;
}

/** Whether a fix left the document as well-formed as it was: JSON parses, a YAML template has no new syntax problem. */
export function fixKeepsWellFormed(before: string, after: string): boolean {
  if ((isTemplate(before) && templateFormat(before) === 'yaml') || maybeYamlRecipe(before)) return yamlProblems(after) <= yamlProblems(before);
  return parsesCleanly(after);
}

export interface FuzzStats {
  lints: number;
  exceptions: number;
  invalidRanges: number;
  brokenFixes: number;
  fixesTried: number;
  /** Wall-clock times of lints of files under 100 KB, in milliseconds. */
  times: number[];
  /** CPU times (user + system) of the same lints: what a lint costs, without the waits of a busy machine. */
  cpuTimes: number[];
  /** The slowest lint of a file under 100 KB (wall clock): its time, kind and size. */
  slowest: { ms: number; kind: string; chars: number };
  /** The costliest lint of a file under 100 KB (CPU time). */
  costliest: { ms: number; kind: string; chars: number };
  problems: string[];
}

export function newStats(): FuzzStats {
  return { lints: 0, exceptions: 0, invalidRanges: 0, brokenFixes: 0, fixesTried: 0, times: [], cpuTimes: [], slowest: { ms: 0, kind: '', chars: 0 }, costliest: { ms: 0, kind: '', chars: 0 }, problems: [] };
}

function note(stats: FuzzStats, problem: string): void {
  if (stats.problems.length < 20) stats.problems.push(problem);
}

function timed<T>(stats: FuzzStats, kind: string, chars: number, work: () => T): T {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  stats.lints++;
  if (chars < 100 * 1024) {
    stats.times.push(ms);
    stats.cpuTimes.push(cpuMs);
    if (ms > stats.slowest.ms) stats.slowest = { ms, kind, chars };
    if (cpuMs > stats.costliest.ms) stats.costliest = { ms: cpuMs, kind, chars };
  }
  return result;
}

function checkRanges(stats: FuzzStats, findings: readonly Finding[], text: string, what: string): void {
  for (const f of findings) {
    if (!Number.isInteger(f.offset) || !Number.isInteger(f.length) || f.offset < 0 || f.length < 0 || f.offset + f.length > text.length || f.message.length === 0) {
      stats.invalidRanges++;
      note(stats, `${what} ${f.code}: range ${f.offset}+${f.length} outside ${text.length}`);
    }
  }
}

/** Lints every file of the group, counting exceptions, bad ranges and fixes that break the JSON. */
export function lintGroup(files: Files, stats: FuzzStats): void {
  const host = hostOf(files);
  for (const [path, text] of files) {
    let findings: Finding[];
    try {
      const kind: DocumentKind = detectKind(path, text);
      findings = timed(stats, kind, text.length, () => lintDocument({ path, text }, host, { throwInternalErrors: true }));
    } catch (error) {
      stats.exceptions++;
      note(stats, `${path}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      continue;
    }
    checkRanges(stats, findings, text, path);
    for (const f of findings) {
      for (const fix of f.fixes ?? []) {
        stats.fixesTried++;
        for (const { path: target, edits } of fix.edits) {
          const before = files.get(target);
          if (before === undefined || !fixKeepsWellFormed(before, applyTextEdits(before, edits))) {
            stats.brokenFixes++;
            note(stats, `${f.code} "${fix.title}" breaks ${target}`);
          }
        }
      }
    }
  }
}

/** Checks a Python handler in its group, counting exceptions, bad ranges and fixes that break the definition. */
export function checkHandler(text: string, stats: FuzzStats): void {
  const files = pythonGroup();
  let findings: Finding[];
  try {
    findings = timed(stats, 'python', text.length, () => checkPythonHandler({ path: HANDLER_PATH, text }, hostOf(files)));
  } catch (error) {
    stats.exceptions++;
    note(stats, `python: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return;
  }
  checkRanges(stats, findings, text, 'python');
  for (const f of findings) {
    for (const fix of f.fixes ?? []) {
      stats.fixesTried++;
      for (const { path: target, edits } of fix.edits) {
        const before = target === HANDLER_PATH ? text : files.get(target);
        const ok = before !== undefined && edits.every((e) => e.offset >= 0 && e.length >= 0 && e.offset + e.length <= before.length)
          && (target === HANDLER_PATH || parsesCleanly(applyTextEdits(before, edits)));
        if (!ok) {
          stats.brokenFixes++;
          note(stats, `${f.code} "${fix.title}" breaks ${target}`);
        }
      }
    }
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function leafPaths(v: Json, path: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (depth > 40) return out;
  out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => leafPaths(x, [...path, i], out, depth + 1));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) leafPaths(v[k]!, [...path, k], out, depth + 1);
  return out;
}

export function setAt(root: Json, path: (string | number)[], value: unknown, remove: boolean): Json {
  if (path.length === 0) return value as Json;
  let cur = root as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(cur)) cur.splice(last as number, 1);
    else delete cur[last];
  } else cur[last] = value as Json;
  return root;
}

/** One mutation of text: `ops` insertions and deletions at positions taken from `next`. */
export function mutateText(text: string, next: () => number, snippets: readonly string[], ops: number): string {
  let out = text;
  for (let i = 0; i < ops; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const del = Math.floor(next() * 13);
    out = out.slice(0, at) + snippets[Math.floor(next() * snippets.length)]! + out.slice(at + del);
  }
  return out;
}

/** One mutation of values: each op sets or removes a leaf of the parsed document, re-serialized with `indent`. */
export function mutateValues(text: string, next: () => number, ops: number, indent: number | string): string | undefined {
  let value = parse(text) as Json | undefined;
  if (value === undefined) return undefined;
  for (let i = 0; i < ops; i++) {
    const leaves = leafPaths(value);
    const p = leaves[Math.floor(next() * leaves.length)]!;
    value = setAt(value, p, structuredClone(VALUES[Math.floor(next() * VALUES.length)]), next() < 0.5 && p.length > 0);
  }
  return `// mutated\n${JSON.stringify(value, null, indent)}\n`;
}

/** A seeded generator of numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** `runs` rounds, each: a text mutation and a value mutation of a random group file, and a handler mutation. */
export function runFuzz(runs: number, seed = 1): FuzzStats {
  const next = seeded(seed);
  const all = groups();
  const stats = newStats();
  for (let r = 0; r < runs; r++) {
    const group = all[Math.floor(next() * all.length)]!;
    const paths = [...group.keys()];
    const path = paths[Math.floor(next() * paths.length)]!;
    const byText = new Map(group);
    byText.set(path, mutateText(group.get(path)!, next, SNIPPETS, 1 + Math.floor(next() * 4)));
    lintGroup(byText, stats);
    const valued = mutateValues(group.get(path)!, next, 1 + Math.floor(next() * 3), [2, 4, '\t'][Math.floor(next() * 3)]!);
    if (valued !== undefined) {
      const byValue = new Map(group);
      byValue.set(path, valued);
      lintGroup(byValue, stats);
    }
    checkHandler(mutateText(HANDLER, next, PY_SNIPPETS, 1 + Math.floor(next() * 6)), stats);
  }
  return stats;
}
