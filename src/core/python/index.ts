// Checks on Python inference handlers inside a group folder (a greengrass-ml.json up the tree). Pure: other files
// are read through the host; findings and fixes use the linter's contract (src/core/lint/types.ts).
import * as l10n from '@vscode/l10n';
import { LineIndex } from '../model';
import { compareVersions, MANIFEST_FILE_NAME } from '../manifest';
import { elide } from '../messageText';
import type { Finding, Fix, RuleMeta, SourceFile, TextEdit } from '../lint/types';
import { analyzeHandler } from '../migrate/handlers';
import { groupOfHandler, type HandlerGroup, type ReadHost } from './group';
import { logicalLineIndex, scanPython, type PyScan, type PyString } from './scan';
import { ruleDocsPath } from '../lint/ruleDocs';

export { findManifest, groupOfHandler } from './group';
export type { HandlerGroup, ReadHost } from './group';
export { scanPython } from './scan';

function rule(code: string, name: string, description: string, defaultSeverity: RuleMeta['defaultSeverity'] = 'warning'): RuleMeta {
  return { code, name, defaultSeverity, description, kinds: [], docs: ruleDocsPath(code) };
}

/** The Python handler rules: same shape as the linter's RULES (their `kinds` are empty: they apply to .py files). */
export const PYTHON_RULES: readonly RuleMeta[] = [
  rule('GGML-PY001', 'tf-estimator-on-raspberry-pi', 'TensorFlow inference code for a Raspberry Pi uses neither TF-Estimator nor TF-Slim.'),
  rule('GGML-PY002', 'tf-checkpoint-on-raspberry-pi', 'TensorFlow inference code for a Raspberry Pi loads a frozen graph, not a checkpoint.'),
  rule('GGML-PY003', 'hard-coded-model-path', 'Code reads an ML resource from AWS_GG_RESOURCE_PREFIX + its destination path (core v1.10 and later).'),
  rule('GGML-PY004', 'mxnet-naive-engine-python', 'An MXNet handler\'s function sets MXNET_ENGINE_TYPE=NaiveEngine on a Raspberry Pi target.'),
  rule('GGML-PY005', 'v2-code-change', 'Handler code makes a Greengrass V1 call that needs a code change on Greengrass V2 (shadow calls, the ML connectors\' SDK).', 'info'),
];

export const RESOURCE_PREFIX_EXPRESSION = "os.environ.get('AWS_GG_RESOURCE_PREFIX', '')";

const ESTIMATOR = [
  /\btf\.estimator\b/g, /\btf\.contrib\.slim\b/g, /\btensorflow\.estimator\b/g, /\btensorflow\.contrib\.slim\b/g,
  /\b(?:import|from)\s+tf_slim\b/g, /\bfrom[ \t]+tensorflow(?:\.contrib)?[ \t]+import[ \t]+(?:[\w \t,]{0,200},[ \t]*)?(?:estimator|slim)\b/g,
  /\btf\.compat\.v1\.estimator\b/g,
];
const CHECKPOINT = [/\btf(?:\.compat\.v1)?\.train\.Saver\b/g, /\btf(?:\.compat\.v1)?\.train\.latest_checkpoint\b/g, /\.restore\(/g, /\btf(?:\.compat\.v1)?\.train\.import_meta_graph\b/g];

function matches(code: string, patterns: RegExp[]): { offset: number; length: number; text: string }[] {
  const out: { offset: number; length: number; text: string }[] = [];
  for (const p of patterns) {
    p.lastIndex = 0;
    for (let m = p.exec(code); m; m = p.exec(code)) out.push({ offset: m.index, length: m[0].length, text: m[0] });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

function importsTensorflow(code: string): boolean {
  return /^[ \t]*(?:import\s+tensorflow\b|from\s+tensorflow\b)/m.test(code);
}

/** Offset where `import os` goes: before the first import that is not `from __future__`, else after the header comments. */
function importInsertOffset(text: string, code: string): number {
  const re = /^(?:import|from)\s+(\S+)/gm;
  for (let m = re.exec(code); m; m = re.exec(code)) if (m[1] !== '__future__') return m.index;
  let offset = 0;
  const lines = text.split('\n');
  for (const line of lines) {
    if (/^\s*(#.*)?$/.test(line) || /^from\s+__future__\b/.test(line)) offset += line.length + 1;
    else break;
  }
  return Math.min(offset, text.length);
}

const ASSIGNMENT = /^\s*([A-Za-z_]\w*)\s*=[^=]/;
const TOKEN = /[A-Za-z0-9_]+/g;

/**
 * Which logical lines involve AWS_GG_RESOURCE_PREFIX: directly, or through names bound (directly or through another
 * such name) to an expression that mentions it. Built once per file in time linear in its size: each name is
 * propagated once, through an index of the lines that mention it.
 */
interface PrefixIndex {
  /** Per logical line: it mentions the prefix or a prefix name. */
  mentions: boolean[];
  /** Per logical line: the name it assigns, if any. */
  targets: (string | undefined)[];
  /** Name → how many lines that mention the prefix also mention the name. */
  mentionCount: Map<string, number>;
}

function prefixIndex(scan: PyScan): PrefixIndex {
  const lines = scan.logicalLines;
  const targets: (string | undefined)[] = [];
  const tokens: string[][] = [];
  const linesOf = new Map<string, number[]>();
  const names = new Set<string>();
  const queue: string[] = [];
  const add = (name: string | undefined) => {
    if (name !== undefined && !names.has(name)) {
      names.add(name);
      queue.push(name);
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const [s, e] = lines[i]!;
    const line = scan.noComments.slice(s, e);
    const target = ASSIGNMENT.exec(line)?.[1];
    targets.push(target);
    const words = line.match(TOKEN) ?? [];
    for (const t of words) {
      let list = linesOf.get(t);
      if (!list) linesOf.set(t, (list = []));
      if (list[list.length - 1] !== i) list.push(i);
    }
    tokens.push(words);
    if (line.includes('AWS_GG_RESOURCE_PREFIX')) add(target);
  }
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const i of linesOf.get(name) ?? []) add(targets[i]);
  }
  const mentions: boolean[] = [];
  const mentionCount = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const [s, e] = lines[i]!;
    let hit = scan.noComments.slice(s, e).includes('AWS_GG_RESOURCE_PREFIX');
    if (!hit) for (const t of tokens[i]!) if (names.has(t)) { hit = true; break; }
    mentions.push(hit);
    if (hit) for (const t of new Set(tokens[i])) mentionCount.set(t, (mentionCount.get(t) ?? 0) + 1);
  }
  return { mentions, targets, mentionCount };
}

/** True when the literal is combined with the resource prefix on its line, or bound to a name that is. */
function usedWithPrefix(scan: PyScan, literal: PyString, index: PrefixIndex): boolean {
  const i = logicalLineIndex(scan, literal.offset);
  if (i < 0) return false;
  if (index.mentions[i]) return true;
  const bound = index.targets[i];
  // This line does not mention the prefix, so every counted line is another one.
  return bound !== undefined && (index.mentionCount.get(bound) ?? 0) > 0;
}

function underDestination(value: string, destinations: HandlerGroup['mlDestinations']): { id: string; path: string } | undefined {
  const v = value.replace(/\/+$/, '');
  return destinations.find((d) => v === d.path || v.startsWith(d.path === '/' ? '/' : d.path + '/'));
}

/**
 * `# greengrass-ml-disable-next-line GGML-PY003, …` (the next line) and `# greengrass-ml-disable [GGML-PY001 …]`
 * (the whole file), as in the JSON files; no codes means every rule.
 */
function suppressed(text: string, scan: PyScan): (f: Finding) => boolean {
  if (!text.includes('greengrass-ml-disable')) return () => false;
  const index = new LineIndex(text);
  const lineOf = (offset: number) => index.position(offset).line;
  let file: Set<string> | 'all' | undefined;
  const lines = new Map<number, Set<string> | 'all'>();
  const merge = (a: Set<string> | 'all' | undefined, b: Set<string> | 'all') => (a === 'all' || b === 'all' ? 'all' : new Set([...(a ?? []), ...b]));
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '#' || scan.noComments[i] !== ' ') continue;
    const end = text.indexOf('\n', i);
    const comment = text.slice(i, end < 0 ? text.length : end);
    const m = /greengrass-ml-disable(-next-line)?(?![\w-])(.*)/.exec(comment);
    if (m) {
      const list = (m[2] ?? '').split(/\s--\s/)[0]!.split(/[\s,]+/).filter((c) => /^GGML-[A-Z]+\d+$/i.test(c)).map((c) => c.toUpperCase());
      const codes: Set<string> | 'all' = list.length ? new Set(list) : 'all';
      if (m[1]) lines.set(lineOf(i) + 1, merge(lines.get(lineOf(i) + 1), codes));
      else file = merge(file, codes);
    }
    i = end < 0 ? text.length : end;
  }
  const hit = (set: Set<string> | 'all' | undefined, code: string) => set === 'all' || (set !== undefined && set.has(code));
  return (f) => hit(file, f.code) || hit(lines.get(lineOf(f.offset)), f.code);
}

/** Python files longer than this many characters are not checked. */
export const MAX_PYTHON_SIZE = 1024 * 1024;

/** Checks one Python file. Returns nothing for files outside a group folder or larger than MAX_PYTHON_SIZE. */
export function checkPythonHandler(file: SourceFile, host: ReadHost): Finding[] {
  // Handlers are small; a larger file is generated or vendored code, which the checks do not look into.
  if (file.text.length > MAX_PYTHON_SIZE) return [];
  const group = groupOfHandler(file.path, host);
  if (!group) return [];
  const text = file.text;
  const scan = scanPython(text);
  const findings: Finding[] = [];
  const report = (code: string, offset: number, length: number, message: string, fixes?: Fix[], severity: Finding['severity'] = 'warning') => {
    findings.push({ code, severity, message: elide(message), path: file.path, offset, length, ...(fixes ? { fixes } : {}) });
  };

  if (group.raspberryPi) {
    for (const m of matches(scan.code, ESTIMATOR)) {
      report('GGML-PY001', m.offset, m.length, l10n.t('TF-Estimator and TF-Slim are not supported for inference on a Raspberry Pi; load a frozen graph with tf.GraphDef and tf.import_graph_def instead: {0}', m.text.replace(/\s+/g, ' ')));
    }
    if (importsTensorflow(scan.code)) {
      for (const m of matches(scan.code, CHECKPOINT)) {
        report('GGML-PY002', m.offset, m.length, l10n.t('Serve a frozen .pb graph on a Raspberry Pi: freeze the checkpoint before packaging the model and load it with tf.GraphDef: {0}', m.text));
      }
    }
  }

  // Core v1.10 and later put the model under AWS_GG_RESOURCE_PREFIX; older cores at the destination path itself.
  const prefixCore = !group.coreVersion || compareVersions(group.coreVersion, [1, 10]) >= 0;
  if (prefixCore && group.mlDestinations.length > 0) {
    const index = prefixIndex(scan);
    let importAt: number | undefined;
    const needsImport = !/^[ \t]*import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*os\b/m.test(scan.code);
    for (const s of scan.strings) {
      if (/[fb]/i.test(s.prefix)) continue;
      const dest = underDestination(s.value, group.mlDestinations);
      if (!dest || usedWithPrefix(scan, s, index)) continue;
      const edits: TextEdit[] = [{ offset: s.offset, length: 0, content: `${RESOURCE_PREFIX_EXPRESSION} + ` }];
      if (needsImport) edits.unshift({ offset: (importAt ??= importInsertOffset(text, scan.code)), length: 0, content: 'import os\n' });
      report('GGML-PY003', s.offset, s.length,
        group.func?.isolationMode === 'NoContainer'
          ? l10n.t('This function runs without a container (NoContainer), where the model is not at its destination path but under AWS_GG_RESOURCE_PREFIX; prefix the path with {0}: {1}', RESOURCE_PREFIX_EXPRESSION, s.value)
          : l10n.t('The core puts the model under AWS_GG_RESOURCE_PREFIX (core v1.10 and later); prefix the path with {0}: {1}', RESOURCE_PREFIX_EXPRESSION, s.value),
        [{ title: l10n.t('Prefix the path with AWS_GG_RESOURCE_PREFIX'), edits: [{ path: file.path, edits }], isPreferred: true }]);
    }
  }

  const func = group.func;
  const engineUnknown = func?.unknownVariables?.includes('MXNET_ENGINE_TYPE') ?? false;
  if (group.raspberryPi && func && !engineUnknown && func.variables['MXNET_ENGINE_TYPE'] !== 'NaiveEngine') {
    const m = /^[ \t]*(?:import\s+mxnet\b|from\s+mxnet\b)/m.exec(scan.code);
    if (m) {
      const offset = m.index + (m[0].length - m[0].trimStart().length);
      const edits = func.naiveEngineEdits;
      report('GGML-PY004', offset, m[0].trim().length,
        group.manifestPath.endsWith(MANIFEST_FILE_NAME)
          ? l10n.t('MXNet on a Raspberry Pi needs MXNET_ENGINE_TYPE=NaiveEngine in the function\'s environment; add it to the function definition: {0}', func.id)
          : l10n.t('MXNet on a Raspberry Pi needs MXNET_ENGINE_TYPE=NaiveEngine in the function\'s environment; add it to the function\'s Variables in the template: {0}', func.id),
        edits ? [{ title: l10n.t('Set MXNET_ENGINE_TYPE=NaiveEngine for {0}', func.id), edits, isPreferred: true }] : undefined);
    }
  }
  // What the migration report lists as blockers, on the lines that need the change.
  for (const c of analyzeHandler(text).calls) {
    if (c.kind === 'shadow') {
      report('GGML-PY005', c.offset, c.length, l10n.t('On Greengrass V2 shadow calls go through IPC (GetThingShadow, UpdateThingShadow, DeleteThingShadow) served by the aws.greengrass.ShadowManager component; change the call when migrating: {0}', c.text), undefined, 'info');
    } else if (c.kind === 'ml-sdk') {
      report('GGML-PY005', c.offset, c.length, l10n.t('The ML connectors\' SDK has no Greengrass V2 equivalent; run inference in the component itself (DLR or TensorFlow Lite) when migrating: {0}', c.text), undefined, 'info');
    }
  }
  const isSuppressed = suppressed(text, scan);
  return findings.filter((f) => !isSuppressed(f)).sort((a, b) => a.offset - b.offset);
}
