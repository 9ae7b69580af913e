// greengrass-ml: the command-line entry point, the linter's CI command. It runs the same engine as the editor
// (src/core/lint) on files read from disk and prints text, JSON or SARIF 2.1.0.
//   exit 0: no error-severity finding; 1: errors found; 2: bad usage or a path that cannot be read.
// `greengrass-ml migrate` writes the Greengrass V2 migration of a group (src/core/migrate), as the editor command does.
//   exit 0: written, no blockers; 1: written, with blockers the report lists first; 2: bad usage, a source that
//   cannot be read, or files that exist (without --force): nothing written.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as lint from './core/lint';
import type { Finding, LintHost, RuleMeta, Severity } from './core/lint';
import { LineIndex } from './core/model';
import { escapeControl } from './core/messageText';
import { DEFAULT_MAX_BYTES, fileProblem, readTextFile, type TextFileResult } from './core/textFile';
import { lspCommand } from './server/lspCommand';
import { migrate, MigrationError } from './core/migrate';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const usage = `Usage: greengrass-ml lint [--format text|json|sarif] [--max-size <characters>] [paths…]

Lints AWS IoT Greengrass V1 group manifests (greengrass-ml.json), resource, function, core, subscription and
device definitions, IAM policies, and CloudFormation/SAM templates. Paths are files or folders (default: the current
folder); folders are searched for *.json, *.jsonc, *.yaml, *.yml and *.template files, skipping node_modules and
folders whose name starts with a dot.

Options:
  --format text|json|sarif  Output format (default: text). sarif is SARIF 2.1.0 for code-scanning tools.
  --max-size <characters>   Files longer than this get one note instead of a lint (default: 1048576).
  -h, --help                Show this help.

Exit status: 0 no errors (warnings and infos may be reported), 1 errors found, 2 bad usage or unreadable path.

greengrass-ml lsp --stdio runs the same checks as a language server for editors (see lsp --help).
greengrass-ml migrate writes a group's Greengrass V2 migration (see migrate --help).`;

const migrateUsage = `Usage: greengrass-ml migrate <group folder | template> [--group NAME] [--out <dir>] [--force]

Writes the Greengrass V2 migration of an AWS IoT Greengrass V1 group: migration-report.md (every V1 element with its
V2 counterpart and status, blockers first), components/<name>.request.json (CreateComponentVersion requests for the
Lambda functions), recipes/<name>-<version>.json (model components), artifacts/ (.tar.gz models at hand repacked as
.zip), deployment.json (the CreateDeployment request) and migration.json. Nothing is sent to AWS.

Arguments and options:
  <group folder | template>  A folder with greengrass-ml.json, or a CloudFormation/SAM template (YAML or JSON).
  --group NAME               The group to migrate when the template holds several.
  --out <dir>                The migration folder, inside the current folder (default: greengrass-v2 beside the source).
  --force                    Replace files the migration folder already holds.
  -h, --help                 Show this help.

Exit status: 0 written without blockers, 1 written with blockers (the report lists them first), 2 bad usage, a source
that cannot be migrated, or files that exist without --force (nothing written).`;

/** `greengrass-ml migrate …`: the exit status as the usage says. */
export async function migrateCommand(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let source: string | undefined;
  let group: string | undefined;
  let out: string | undefined;
  let force = false;
  const value = (i: number, name: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith('-')) throw new UsageError(`The ${name} option needs a value`);
    return v;
  };
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i] ?? '';
      if (a === '-h' || a === '--help') {
        io.out(`${migrateUsage}\n`);
        return 0;
      } else if (a === '--group') group = value(++i, '--group');
      else if (a.startsWith('--group=')) group = a.slice('--group='.length);
      else if (a === '--out') out = value(++i, '--out');
      else if (a.startsWith('--out=')) out = a.slice('--out='.length);
      else if (a === '--force') force = true;
      else if (a.startsWith('-')) throw new UsageError(`Unknown option: ${a}`);
      else if (source === undefined) source = a;
      else throw new UsageError(`Name one group folder or template; also given: ${a}`);
    }
    if (source === undefined) throw new UsageError('Name the group folder or template to migrate');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${migrateUsage}\n`);
    return 2;
  }
  try {
    const result = await migrate(resolve(io.cwd, source), { group, outDir: out !== undefined ? resolve(io.cwd, out) : undefined, root: io.cwd, force });
    const where = relativeTo(io.cwd, result.outDir);
    io.out(`Wrote ${result.written.length} files to ${where}; read ${relativeTo(io.cwd, result.reportPath)} first.\n`);
    if (result.plan.blockers) io.out(`${result.plan.blockers} blocker${result.plan.blockers === 1 ? '' : 's'} to resolve before deploying (listed first in the report).\n`);
    return result.plan.blockers ? 1 : 0;
  } catch (error) {
    const message = error instanceof MigrationError ? error.message : `The migration could not be written; check the folder's permissions and free space: ${error instanceof Error ? error.message : String(error)}`;
    io.err(`${escapeControl(message)}\n`);
    return 2;
  }
}

/** What the CLI writes to; tests and other callers can capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

class UsageError extends Error {}

interface Args {
  format: Format;
  maxSize?: number;
  paths: string[];
  help: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { format: 'text', paths: [], help: false };
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-h' || a === '--help') {
      args.help = true;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const value = a === '--format' ? argv[++i] : a.slice('--format='.length);
      if (value === undefined) throw new UsageError('The --format option needs a value: text, json or sarif');
      if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`Unknown format; use text, json or sarif: ${value}`);
      args.format = value as Format;
    } else if (a === '--max-size' || a.startsWith('--max-size=')) {
      const value = a === '--max-size' ? argv[++i] : a.slice('--max-size='.length);
      const n = Number(value);
      if (value === undefined || !/^\d+$/.test(value) || n <= 0) throw new UsageError(`The --max-size option needs a positive number of characters: ${value ?? ''}`);
      args.maxSize = n;
    } else if (a === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`Unknown option: ${a}`);
    } else if (command === undefined) {
      command = a;
      if (command !== 'lint') throw new UsageError(`Unknown command; the commands are "lint", "migrate" and "lsp": ${command}`);
    } else {
      args.paths.push(a);
    }
  }
  if (!args.help && command === undefined) throw new UsageError('Name a command: greengrass-ml lint [paths…]');
  return args;
}

/**
 * Reads files for the run (the files linted and other files of their groups), each once, through the one bounded
 * reader: regular files only, never more than `maxBytes`.
 */
class DiskHost implements LintHost {
  private readonly cache = new Map<string, TextFileResult>();
  constructor(private readonly maxBytes: number) {}
  read(path: string): TextFileResult {
    let r = this.cache.get(path);
    if (!r) {
      r = readTextFile(path, this.maxBytes);
      this.cache.set(path, r);
    }
    return r;
  }
  readFile(path: string): string | undefined {
    const r = this.read(path);
    return 'text' in r ? r.text : undefined;
  }
  problem(path: string): string | undefined {
    const r = this.read(path);
    return 'text' in r || r.kind === 'missing' ? undefined : r.reason;
  }
}

/** Files and folders → the files to lint. Folders yield *.json, *.jsonc and templates, skipping node_modules and dot-folders. */
function collect(paths: readonly string[], cwd: string, err: (t: string) => void): { files: { path: string; explicit: boolean }[]; unreadable: number } {
  const files: { path: string; explicit: boolean }[] = [];
  const seen = new Set<string>();
  let unreadable = 0;
  const add = (path: string, explicit: boolean) => {
    if (!seen.has(path)) {
      seen.add(path);
      files.push({ path, explicit });
    }
  };
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      unreadable++;
      err(`Cannot read the folder; ${fileProblem(error).reason}: ${escapeControl(relativeTo(cwd, dir))}\n`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p);
      } else if ((e.isFile() || e.isSymbolicLink()) && /\.(jsonc?|ya?ml|template)$/i.test(e.name)) {
        add(p, false);
      }
    }
  };
  for (const given of paths) {
    const p = isAbsolute(given) ? given : resolve(cwd, given);
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (error) {
      unreadable++;
      err(`Cannot read the path; ${fileProblem(error).reason}: ${escapeControl(given)}\n`);
      continue;
    }
    if (isDir) walk(p);
    else add(p, true);
  }
  return { files, unreadable };
}

function relativeTo(cwd: string, path: string): string {
  const r = relative(cwd, path);
  return r === '' ? '.' : r.startsWith('..') ? path : r;
}

/** Offsets → 1-based line and column (UTF-16 code units, as SARIF's default columnKind). */
function oneBased(index: LineIndex, offset: number): { line: number; column: number } {
  const p = index.position(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

interface Located {
  finding: Finding;
  file: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
}

interface LintRun {
  results: Located[];
  files: number;
  unreadable: number;
  texts: Map<string, string>;
}

/** Lints the given paths with the engine. Exported for the benchmark and tests. */
export function lintPaths(paths: readonly string[], cwd: string, err: (t: string) => void = () => undefined, options: lint.LintOptions = {}): LintRun {
  const { files, unreadable } = collect(paths.length ? paths : ['.'], cwd, err);
  const maxSize = options.maxSize ?? lint.DEFAULT_MAX_SIZE;
  // Characters → bytes: UTF-8 takes at most 3 bytes per UTF-16 code unit, so the linter's own limit still decides
  // for the files linted; partner files are read up to at least the default, even when --max-size is lower.
  const maxBytes = Math.max(maxSize * 3, DEFAULT_MAX_BYTES);
  const host = new DiskHost(maxBytes);
  const results: Located[] = [];
  const texts = new Map<string, string>();
  const lines = new Map<string, LineIndex>();
  const locate = (path: string, offset: number) => {
    let index = lines.get(path);
    if (!index) {
      index = new LineIndex(texts.get(path) ?? host.readFile(path) ?? '');
      lines.set(path, index);
    }
    return oneBased(index, offset);
  };
  let linted = 0;
  let unreadableFiles = 0;
  for (const { path, explicit } of files) {
    const read = host.read(path);
    if ('problem' in read) {
      if (read.kind === 'tooLarge') {
        // Too large to read: the same note the engine gives a text over the limit, for the files it would lint.
        if (!explicit && !lint.kindFromName(path)) continue;
        texts.set(path, '');
        linted++;
        const message = `The file is too large to lint (limit ${maxSize} characters); split it or lint it with a higher limit: ${read.size ?? 'more than ' + String(maxBytes)} bytes`;
        results.push({ finding: { code: 'GGML-JSON002', severity: 'info', message, path, offset: 0, length: 0 }, file: path, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });
        continue;
      }
      if (read.kind !== 'binary' && read.kind !== 'utf16' && read.kind !== 'encoding') {
        unreadableFiles++;
        err(`Cannot lint the file; ${read.reason}: ${escapeControl(relativeTo(cwd, path))}\n`);
        continue;
      }
      texts.set(path, '');
      linted++;
      results.push({
        finding: { code: DECODE_CODE, severity: 'error', message: read.problem, path, offset: 0, length: 0 },
        file: path, start: { line: 1, column: 1 }, end: { line: 1, column: 1 },
      });
      continue;
    }
    const text = read.text;
    texts.set(path, text);
    // Folders hold other JSON (package.json, tsconfig.json…): only Greengrass documents are linted there.
    if (!explicit && lint.detectKind(path, text) === 'unknown') continue;
    linted++;
    for (const finding of lint.lintDocument({ path, text }, host, options)) {
      const start = locate(finding.path, finding.offset);
      const end = locate(finding.path, finding.offset + finding.length);
      results.push({ finding, file: finding.path, start, end });
    }
  }
  return { results, files: linted, unreadable: unreadable + unreadableFiles, texts };
}

/** A file that is binary, UTF-16 or not UTF-8 is not valid JSON text: reported under the JSON syntax rule. */
const DECODE_CODE = 'GGML-JSON001';

function ruleOf(code: string): RuleMeta | undefined {
  return lint.RULES.find((r) => r.code === code);
}

/** The rule's documentation page as a file URL inside the installed package (docs/rules ships with it). */
function docsUrl(rule: RuleMeta | undefined): string | undefined {
  return rule ? pathToFileURL(resolve(__dirname, '..', rule.docs)).href : undefined;
}

function formatText(run: LintRun, cwd: string): string {
  const lines: string[] = [];
  const byFile = new Map<string, Located[]>();
  for (const r of run.results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  for (const [file, results] of byFile) {
    lines.push(escapeControl(relativeTo(cwd, file)));
    results.sort((a, b) => a.finding.offset - b.finding.offset);
    for (const { finding, start } of results) {
      lines.push(`  ${start.line}:${start.column}  ${finding.severity.padEnd(7)}  ${escapeControl(finding.message)}  ${finding.code}`);
    }
    lines.push('');
  }
  const count = (s: Severity) => run.results.filter((r) => r.finding.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info') + count('hint');
  const files = `${run.files} file${run.files === 1 ? '' : 's'} linted`;
  if (run.results.length === 0) lines.push(`No problems found (${files}).`);
  else lines.push(`${run.results.length} problem${run.results.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info) in ${files}.`);
  return `${lines.join('\n')}\n`;
}

function formatJson(run: LintRun, cwd: string): string {
  const results = run.results.map(({ finding, file, start, end }) => ({
    file: relativeTo(cwd, file),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    offset: finding.offset,
    length: finding.length,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    docs: docsUrl(ruleOf(finding.code)),
    fixes: (finding.fixes ?? []).map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ file: relativeTo(cwd, e.path), edits: e.edits })) })),
  }));
  return `${JSON.stringify({ files: run.files, results }, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function toolVersion(): string {
  try {
    return String((JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0');
  } catch {
    return '0.0.0';
  }
}

function formatSarif(run: LintRun, cwd: string): string {
  const rules: RuleMeta[] = [...lint.RULES];
  const extra = [...new Set(run.results.map((r) => r.finding.code))].filter((c) => !ruleOf(c));
  const ruleIndex = new Map<string, number>();
  const sarifRules = [
    ...rules.map((r) => ({
      id: r.code,
      name: r.name,
      shortDescription: { text: r.description },
      fullDescription: { text: r.description },
      helpUri: docsUrl(r),
      help: { text: `${r.description} See ${r.docs}.` },
      defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
      properties: { kinds: r.kinds },
    })),
    ...extra.map((code) => ({ id: code, shortDescription: { text: code === DECODE_CODE ? 'The file is binary, UTF-16 or otherwise not UTF-8 text.' : code } })),
  ];
  sarifRules.forEach((r, i) => ruleIndex.set(r.id, i));
  const uriOf = (path: string) => {
    const r = relative(cwd, path);
    return r.startsWith('..') || isAbsolute(r) ? pathToFileURL(path).href : r.split('\\').join('/');
  };
  const located = (path: string, offset: number, length: number, positions?: { start: { line: number; column: number }; end: { line: number; column: number } }) => {
    const uri = uriOf(path);
    const physicalLocation: Record<string, unknown> = { artifactLocation: uri.startsWith('file:') ? { uri } : { uri, uriBaseId: '%SRCROOT%' } };
    if (positions) {
      physicalLocation['region'] = {
        startLine: positions.start.line, startColumn: positions.start.column,
        endLine: positions.end.line, endColumn: positions.end.column,
        charOffset: offset, charLength: length,
      };
    }
    return { physicalLocation };
  };
  const lineIndexes = new Map<string, LineIndex>();
  const pos = (path: string, offset: number) => {
    let index = lineIndexes.get(path);
    if (!index) {
      index = new LineIndex(run.texts.get(path) ?? '');
      lineIndexes.set(path, index);
    }
    return oneBased(index, offset);
  };
  const results = run.results.map(({ finding, file, start, end }) => ({
    ruleId: finding.code,
    ruleIndex: ruleIndex.get(finding.code),
    level: SARIF_LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [located(file, finding.offset, finding.length, { start, end })],
    ...(finding.related?.length ? {
      relatedLocations: finding.related.map((r, id) => ({
        id, ...located(r.path, r.offset, r.length, run.texts.has(r.path) ? { start: pos(r.path, r.offset), end: pos(r.path, r.offset + r.length) } : undefined), message: { text: r.message },
      })),
    } : {}),
    ...(finding.fixes?.length ? {
      fixes: finding.fixes.map((f) => ({
        description: { text: f.title },
        artifactChanges: f.edits.map((e) => ({
          artifactLocation: located(e.path, 0, 0).physicalLocation['artifactLocation'],
          replacements: e.edits.map((t) => ({ deletedRegion: { charOffset: t.offset, charLength: t.length }, insertedContent: { text: t.content } })),
        })),
      })),
    } : {}),
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'greengrass-ml', semanticVersion: toolVersion(), informationUri: 'https://docs.aws.amazon.com/greengrass/v1/developerguide/ml-inference.html', rules: sarifRules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export function main(argv: readonly string[], io: CliIo = defaultIo): number {
  if (argv[0] === 'lsp') return lspCommand(argv.slice(1), io) ?? 0;
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    io.out(`${usage}\n`);
    return 0;
  }
  const run = lintPaths(args.paths, io.cwd, io.err, args.maxSize ? { maxSize: args.maxSize } : {});
  const output = args.format === 'json' ? formatJson(run, io.cwd) : args.format === 'sarif' ? formatSarif(run, io.cwd) : formatText(run, io.cwd);
  io.out(output);
  if (run.unreadable > 0) return 2;
  return run.results.some((r) => r.finding.severity === 'error') ? 1 : 0;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv[0] === 'migrate') void migrateCommand(argv.slice(1)).then((code) => { process.exitCode = code; });
  else process.exitCode = main(argv);
}
