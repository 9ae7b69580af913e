// greengrass-ml: the command-line entry point. `lint` is the linter's CI command: it runs the same engine as the
// editor (src/core/lint) on files read from disk (or standard input) and prints text, JSON, SARIF 2.1.0 or GitHub
// workflow commands. `lsp` runs the language server. `migrate` writes the Greengrass V2 migration of a group
// (src/core/migrate), as the editor command does. Each command is one entry of COMMANDS.
//   lint exit status: 0 nothing at or above the fail level; 1 findings at or above it; 2 bad usage, a bad
//   configuration, a path that cannot be read, or nothing to lint.
import { existsSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as lint from './core/lint';
import type { Finding, LintHost, RuleMeta, RuleSeverities, Severity } from './core/lint';
import { applySeverities, CONFIG_FILE_NAME, isExcluded, LintConfigs, mergeSeverities, ruleCodes, type LintConfig } from './core/lint/config';
import { escapeControl } from './core/messageText';
import { checkPythonHandler, groupOfHandler, MAX_PYTHON_SIZE } from './core/python';
import { DEFAULT_MAX_BYTES, decodeBytes, fileProblem, readTextFile, type TextFileResult } from './core/textFile';
import { lspCommand } from './server/lspCommand';
import { allRules, ruleFor } from './core/rules';
import { migrate, MigrationError, prepareMigration, versionQueries } from './core/migrate';
import type { EndpointVersion, MigrateOptions } from './core/migrate';
import { validateEndpoint } from './core/endpointUrl';
import { badRegionMessage, isRegionCode, LineIndex } from './core/model';

const FORMATS = ['text', 'json', 'sarif', 'github', 'compact'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_LEVELS = ['error', 'warning', 'info', 'none'] as const;
type FailLevel = (typeof FAIL_LEVELS)[number];

/**
 * The CLI's default size limit (characters per file): a CloudFormation template of 10,000 ML resources with their
 * functions and roles is about 4.6 M characters. The editor keeps the engine's 1 MiB default.
 */
export const CLI_DEFAULT_MAX_SIZE = 8 * 1024 * 1024;

const LINT_USAGE = `Usage: greengrass-ml lint [options] [paths…]

Lints AWS IoT Greengrass V1 group manifests (greengrass-ml.json), resource, function, core, subscription and
device definitions, IAM policies, CloudFormation/SAM templates and Python handlers. Paths are files or folders
(default: the current folder); - reads standard input. Folders are searched for *.json, *.jsonc, *.yaml, *.yml,
*.template and *.py files, skipping node_modules, __pycache__, virtual environments and folders whose name starts
with a dot; only Greengrass documents found there are linted. A file named explicitly that is not a Greengrass
document is reported as skipped.

Options:
  --format text|json|sarif|github|compact
                                   Output format (default: text). sarif is SARIF 2.1.0 for code-scanning tools;
                                   github prints workflow commands that annotate the lines in GitHub Actions;
                                   compact prints one line per finding, file:line:column: severity CODE message
                                   (what the $greengrass-ml problem matcher of VS Code tasks reads).
  --fail-level error|warning|info|none
                                   Exit 1 when a finding of this severity or higher is reported (default: error).
  --ignore-rules <codes>           Rule codes not to report, comma-separated (GGML-EOS001,GGML-ID001).
  --max-size <characters>          Files longer than this get one note instead of a lint (default: ${CLI_DEFAULT_MAX_SIZE}).
  --stdin-filename <path>          The path standard input is linted as (its kind, group and configuration).
  --no-error-on-empty              Exit 0 instead of 2 when no Greengrass document was found.
  --version                        Print the version.
  -h, --help                       Show this help.

Configuration: the nearest ${CONFIG_FILE_NAME} from a linted file's folder up to the repository's root sets the
severity per rule (rules), ignored rules (ignore-rules) and excluded paths (exclude); the editor reads it too.

Exit status: 0 nothing at or above the fail level, 1 findings at or above it, 2 bad usage, a bad configuration,
an unreadable path, or no Greengrass document found.`;

const migrateUsage = `Usage: greengrass-ml migrate <group folder | template> [--group NAME] [--out <dir>] [--force]
                             [--resolve-aliases [--profile NAME] [--region REGION] [--endpoint-url URL]]

Writes the Greengrass V2 migration of an AWS IoT Greengrass V1 group: migration-report.md (every V1 element with its
V2 counterpart and status, blockers first), components/<name>.request.json (CreateComponentVersion requests for the
Lambda functions), recipes/<name>-<version>.json (model components), artifacts/ (.tar.gz models at hand repacked as
.zip), deployment.json (the CreateDeployment request) and migration.json. Nothing is sent to AWS, and nothing is
read from it unless --resolve-aliases says so.

Arguments and options:
  <group folder | template>  A folder with greengrass-ml.json, or a CloudFormation/SAM template (YAML or JSON).
  --group NAME               The group to migrate when the template holds several.
  --out <dir>                The migration folder, inside the current folder (default: greengrass-v2 beside the source).
  --force                    Replace files the migration folder already holds.
  --resolve-aliases          Read from Lambda the version each function's alias (or $LATEST) stands for: GetAlias,
                             or the newest published version with $LATEST's code. A function Lambda cannot answer
                             for stays a blocker, with the reason in the report.
  --profile NAME             The AWS profile for --resolve-aliases (default: the SDK's default chain).
  --region REGION            The region for --resolve-aliases (default: the group's region, then the SDK's).
  --endpoint-url URL         Send the --resolve-aliases calls to this endpoint (a local emulator, for example).
  -h, --help                 Show this help.

Exit status: 0 written without blockers, 1 written with blockers (the report lists them first), 2 bad usage, a source
that cannot be migrated, or files that exist without --force (nothing written).`;

/** `greengrass-ml migrate …`: the exit status as the usage says. */
export async function migrateCommand(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let source: string | undefined;
  let group: string | undefined;
  let out: string | undefined;
  let force = false;
  let resolveAliases = false;
  const cloud: { profile?: string; region?: string; endpoint?: string } = {};
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
      else if (a === '--resolve-aliases') resolveAliases = true;
      else if (a === '--profile' || a.startsWith('--profile=')) cloud.profile = a === '--profile' ? value(++i, '--profile') : a.slice('--profile='.length);
      else if (a === '--region' || a.startsWith('--region=')) cloud.region = a === '--region' ? value(++i, '--region') : a.slice('--region='.length);
      else if (a === '--endpoint-url' || a.startsWith('--endpoint-url=')) cloud.endpoint = a === '--endpoint-url' ? value(++i, '--endpoint-url') : a.slice('--endpoint-url='.length);
      else if (a.startsWith('-')) throw new UsageError(`Unknown option: ${a}`);
      else if (source === undefined) source = a;
      else throw new UsageError(`Name one group folder or template; also given: ${a}`);
    }
    if (source === undefined) throw new UsageError('Name the group folder or template to migrate');
    const given = (['profile', 'region', 'endpoint'] as const).filter((k) => cloud[k] !== undefined);
    if (given.length && !resolveAliases) throw new UsageError(`--profile, --region and --endpoint-url are for --resolve-aliases; add it or drop them: ${given.map((k) => (k === 'endpoint' ? '--endpoint-url' : `--${k}`)).join(', ')}`);
    if (cloud.region !== undefined && !isRegionCode(cloud.region)) throw new UsageError(badRegionMessage(cloud.region, 'Fix --region'));
    const endpointProblem = cloud.endpoint !== undefined ? validateEndpoint(cloud.endpoint) : undefined;
    if (endpointProblem) throw new UsageError(`--endpoint-url: ${endpointProblem}`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${migrateUsage}\n`);
    return 2;
  }
  try {
    const options = { group, outDir: out !== undefined ? resolve(io.cwd, out) : undefined, root: io.cwd, force };
    const functionVersions = resolveAliases ? await endpointVersions(resolve(io.cwd, source), options, cloud, io) : undefined;
    const result = await migrate(resolve(io.cwd, source), { ...options, functionVersions });
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

/** `--resolve-aliases`: the versions the endpoint gives for the group's aliases and $LATEST (one line on what it found). */
async function endpointVersions(source: string, options: MigrateOptions, cloud: { profile?: string; region?: string; endpoint?: string }, io: CliIo): Promise<Map<string, EndpointVersion> | undefined> {
  const { loaded } = await prepareMigration(source, options);
  const queries = versionQueries(loaded.input);
  if (!queries.length) {
    io.out('No function names an alias or $LATEST: nothing to read from Lambda.\n');
    return undefined;
  }
  const aws = await import('./aws');
  const region = cloud.region ?? (loaded.input.region && isRegionCode(loaded.input.region) ? loaded.input.region : undefined);
  const clients = aws.createAwsClients({
    ...(cloud.profile !== undefined ? { profile: cloud.profile } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(cloud.endpoint !== undefined ? { endpoint: cloud.endpoint.trim() } : {}),
  }, { regionFix: 'Pass --region' });
  try {
    const found = await aws.resolveLambdaVersions(clients, queries);
    const resolved = [...found.values()].filter((v) => v.version).length;
    io.out(`Read ${resolved} of ${queries.length} function version${queries.length === 1 ? '' : 's'} from Lambda${resolved < queries.length ? '; the report says why the others stay blockers' : ''}.\n`);
    return found;
  } finally {
    clients.dispose();
  }
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: greengrass-ml <command> [options]

Commands:
${list}

greengrass-ml --version prints the version; greengrass-ml <command> --help describes a command.

${LINT_USAGE}`;
}

/** What the CLI writes to and reads from; tests and other callers can capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** Standard input, at most `maxBytes + 1` bytes (one more than the limit says it is over the limit). */
  readStdin?(maxBytes: number): Buffer;
}

/** Reads fd 0 synchronously, never more than `maxBytes + 1` bytes; waits briefly when a pipe has no data yet. */
function readStdinSync(maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (total <= maxBytes) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, Math.min(chunk.length, maxBytes + 1 - total), null);
    } catch (error) {
      if ((error as { code?: string }).code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if ((error as { code?: string }).code === 'EOF') break;
      throw error;
    }
    if (n <= 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
  }
  return Buffer.concat(chunks);
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  readStdin: readStdinSync,
};

class UsageError extends Error {}

interface LintArgs {
  format: Format;
  failLevel: FailLevel;
  maxSize?: number | undefined;
  ignoreRules: string[];
  stdinFilename?: string | undefined;
  errorOnEmpty: boolean;
  paths: string[];
  help: boolean;
}

function optionValue(argv: readonly string[], i: number, name: string): { value: string | undefined; next: number } {
  const a = argv[i] ?? '';
  return a === name ? { value: argv[i + 1], next: i + 1 } : { value: a.slice(name.length + 1), next: i };
}

function parseLintArgs(argv: readonly string[]): LintArgs {
  const args: LintArgs = { format: 'text', failLevel: 'error', ignoreRules: [], errorOnEmpty: true, paths: [], help: false };
  const is = (a: string, name: string) => a === name || a.startsWith(`${name}=`);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-h' || a === '--help') {
      args.help = true;
    } else if (is(a, '--format')) {
      const { value, next } = optionValue(argv, i, '--format');
      i = next;
      if (value === undefined) throw new UsageError('The --format option needs a value: text, json, sarif, github or compact');
      if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`Unknown format; use text, json, sarif, github or compact: ${value}`);
      args.format = value as Format;
    } else if (is(a, '--fail-level')) {
      const { value, next } = optionValue(argv, i, '--fail-level');
      i = next;
      if (value === undefined || !(FAIL_LEVELS as readonly string[]).includes(value)) throw new UsageError(`The --fail-level option needs error, warning, info or none: ${value ?? ''}`);
      args.failLevel = value as FailLevel;
    } else if (is(a, '--ignore-rules')) {
      const { value, next } = optionValue(argv, i, '--ignore-rules');
      i = next;
      const codes = ruleCodes(value ?? '');
      const bad = codes.find((c) => !/^GGML-[A-Z]+\d+$/.test(c));
      if (!codes.length || bad) throw new UsageError(`The --ignore-rules option needs rule codes such as GGML-EOS001,GGML-ID001: ${bad ?? value ?? ''}`);
      args.ignoreRules.push(...codes);
    } else if (is(a, '--max-size')) {
      const { value, next } = optionValue(argv, i, '--max-size');
      i = next;
      const n = Number(value);
      if (value === undefined || !/^\d+$/.test(value) || n <= 0) throw new UsageError(`The --max-size option needs a positive number of characters: ${value ?? ''}`);
      args.maxSize = n;
    } else if (is(a, '--stdin-filename')) {
      const { value, next } = optionValue(argv, i, '--stdin-filename');
      i = next;
      if (!value) throw new UsageError('The --stdin-filename option needs the path standard input is linted as');
      args.stdinFilename = value;
    } else if (a === '--no-error-on-empty') {
      args.errorOnEmpty = false;
    } else if (a === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`Unknown option: ${a}`);
    } else {
      args.paths.push(a);
    }
  }
  if (args.stdinFilename !== undefined && !args.paths.includes('-')) throw new UsageError('The --stdin-filename option names standard input: add - to the paths');
  return args;
}

/**
 * Reads files for the run (the files linted and other files of their groups), each once, through the one bounded
 * reader: regular files only, never more than `maxBytes`. Standard input is one more file, under the path it is
 * linted as.
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
  /** Gives `path` this content instead of the file's (standard input). */
  provide(path: string, result: TextFileResult): void {
    this.cache.set(path, result);
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

/** Files folder walks look at: the documents' extensions and Python handlers. */
const WALKED = /\.(jsonc?|ya?ml|template|py)$/i;
const PYTHON = /\.py$/i;

interface Candidate {
  path: string;
  explicit: boolean;
}

interface Skipped {
  file: string;
  reason: string;
}

/** A folder holding a Python virtual environment or byte code: never a group's source. */
function isVendoredFolder(dir: string, name: string): boolean {
  return name === 'node_modules' || name === '__pycache__' || name === 'site-packages' || name.startsWith('.') || existsSync(join(dir, name, 'pyvenv.cfg'));
}

/** Files and folders → the files to lint. Excluded files are left out of walks and skipped when named. */
function collect(
  paths: readonly string[], cwd: string, err: (t: string) => void, excluded: (path: string) => boolean, skipped: Skipped[],
): { files: Candidate[]; unreadable: number } {
  const files: Candidate[] = [];
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
        if (!isVendoredFolder(dir, e.name) && !excluded(p)) walk(p);
      } else if ((e.isFile() || e.isSymbolicLink()) && WALKED.test(e.name) && e.name !== CONFIG_FILE_NAME && !excluded(p)) {
        add(p, false);
      }
    }
  };
  for (const given of paths) {
    if (given === '-') continue;
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
    else if (excluded(p)) skipped.push({ file: p, reason: `excluded by ${CONFIG_FILE_NAME}` });
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

export interface LintRun {
  results: Located[];
  /** How many files were linted (Greengrass documents and handlers). */
  files: number;
  /** Files named explicitly that were not linted, with why. */
  skipped: Skipped[];
  unreadable: number;
  texts: Map<string, string>;
  /** The configuration files that applied, and what is wrong with them. */
  configs: LintConfig[];
  /** How a path is shown (standard input is shown by the name given for it, or "<stdin>"). */
  shown: Map<string, string>;
}

export interface LintRunOptions {
  severities?: RuleSeverities | undefined;
  /** Texts longer than this many characters get one GGML-JSON002 note instead of a lint (CLI_DEFAULT_MAX_SIZE). */
  maxSize?: number | undefined;
  throwInternalErrors?: boolean | undefined;
  /** Rule codes reported by no file, whatever the configuration says. */
  ignoreRules?: readonly string[] | undefined;
  /** The path standard input is linted as (when `-` is among the paths). */
  stdinFilename?: string | undefined;
  /** Standard input, read at most `maxBytes + 1` bytes. */
  readStdin?: ((maxBytes: number) => Buffer) | undefined;
  /** Configuration files are not looked for (for callers that bring their own severities). */
  noConfig?: boolean | undefined;
}

const KNOWN_RULES = (): ReadonlySet<string> => new Set(allRules().map((r) => r.code));

/** Lints the given paths with the engine. Exported for the benchmark and tests. */
export function lintPaths(paths: readonly string[], cwd: string, err: (t: string) => void = () => undefined, options: LintRunOptions = {}): LintRun {
  const maxSize = options.maxSize ?? CLI_DEFAULT_MAX_SIZE;
  // Characters → bytes: UTF-8 takes at most 3 bytes per UTF-16 code unit, so the linter's own limit still decides
  // for the files linted; partner files are read up to at least the default, even when --max-size is lower.
  const maxBytes = Math.max(maxSize * 3, DEFAULT_MAX_BYTES);
  const host = new DiskHost(maxBytes);
  const configs = new LintConfigs({
    readFile: (p) => {
      const r = readTextFile(p, 1024 * 1024);
      return 'text' in r ? r.text : r.kind === 'missing' ? undefined : '\0unreadable';
    },
    isRepositoryRoot: (dir) => existsSync(join(dir, '.git')),
    join,
  }, KNOWN_RULES());
  const configOf = (path: string): LintConfig | undefined => (options.noConfig ? undefined : configs.forFile(path));
  const usedConfigs = new Set<LintConfig>();
  const excluded = (path: string): boolean => {
    const c = configOf(path);
    return c !== undefined && isExcluded(c, path);
  };
  const ignored: RuleSeverities = Object.fromEntries((options.ignoreRules ?? []).map((c) => [c, 'off' as const]));
  const severitiesFor = (path: string): RuleSeverities => {
    const c = configOf(path);
    if (c) usedConfigs.add(c);
    return mergeSeverities(mergeSeverities(c?.rules, options.severities), ignored);
  };

  const skipped: Skipped[] = [];
  const given = paths.length ? paths : ['.'];
  const { files, unreadable } = collect(given, cwd, err, excluded, skipped);
  const shown = new Map<string, string>();
  if (given.includes('-')) {
    const path = options.stdinFilename !== undefined ? resolve(cwd, options.stdinFilename) : join(cwd, '<stdin>');
    const name = options.stdinFilename ?? '<stdin>';
    const bytes = (options.readStdin ?? readStdinSync)(maxBytes);
    const result: TextFileResult = bytes.length > maxBytes
      ? { problem: 'The standard input is too large to read', reason: `it is larger than the ${maxBytes}-byte limit`, kind: 'tooLarge' }
      : ((d) => ('text' in d ? { text: d.text.charCodeAt(0) === 0xfeff ? d.text.slice(1) : d.text } : d))(decodeBytes(bytes));
    host.provide(path, result);
    shown.set(path, name);
    if (options.stdinFilename !== undefined && excluded(path)) skipped.push({ file: path, reason: `excluded by ${CONFIG_FILE_NAME}` });
    else {
      // Standard input stands for that file: it is linted once, with the text read from standard input.
      const i = files.findIndex((f) => f.path === path);
      if (i >= 0) files.splice(i, 1);
      files.push({ path, explicit: true });
    }
  }

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
  const note = (path: string, code: string, severity: Severity, message: string) => {
    results.push({ finding: { code, severity, message, path, offset: 0, length: 0 }, file: path, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });
  };
  let linted = 0;
  let unreadableFiles = 0;
  for (const { path, explicit } of files) {
    const python = PYTHON.test(path);
    const read = host.read(path);
    if ('problem' in read) {
      // Python files too large, binary or in another encoding are generated or vendored code, not handlers.
      if (python && !explicit) continue;
      if (read.kind === 'tooLarge') {
        // Too large to read: the same note the engine gives a text over the limit, for the files it would lint.
        if (!explicit && !lint.kindFromName(path)) continue;
        texts.set(path, '');
        linted++;
        note(path, 'GGML-JSON002', 'info', `The file is too large to lint (limit ${maxSize} characters); split it or lint it with a higher --max-size: ${read.size ?? 'more than ' + String(maxBytes)} bytes`);
        continue;
      }
      if (read.kind !== 'binary' && read.kind !== 'utf16' && read.kind !== 'encoding') {
        unreadableFiles++;
        err(`Cannot lint the file; ${read.reason}: ${escapeControl(shown.get(path) ?? relativeTo(cwd, path))}\n`);
        continue;
      }
      texts.set(path, '');
      linted++;
      note(path, DECODE_CODE, 'error', read.problem);
      continue;
    }
    const text = read.text;
    texts.set(path, text);
    const severities = severitiesFor(path);
    let findings: Finding[];
    if (python) {
      if (text.length > MAX_PYTHON_SIZE) {
        if (explicit) skipped.push({ file: path, reason: `a Python file over ${MAX_PYTHON_SIZE} characters is not checked` });
        continue;
      }
      findings = applySeverities(checkPythonHandler({ path, text }, host), severities);
      // A handler is understood when it belongs to a group (or a check had something to say about it).
      if (!findings.length && !groupOfHandler(path, host)) {
        if (explicit) skipped.push({ file: path, reason: 'not the handler of a Greengrass group (no greengrass-ml.json up the tree)' });
        continue;
      }
    } else {
      // Folders hold other JSON and YAML (package.json, workflows…): only Greengrass documents are linted.
      if (lint.detectKind(path, text) === 'unknown') {
        if (explicit) skipped.push({ file: path, reason: 'not a Greengrass document (no group manifest, definition, IAM policy or template with Greengrass resources)' });
        continue;
      }
      findings = lint.lintDocument({ path, text }, host, { maxSize, severities, ...(options.throwInternalErrors ? { throwInternalErrors: true } : {}) });
    }
    linted++;
    for (const finding of findings) {
      const start = locate(finding.path, finding.offset);
      const end = locate(finding.path, finding.offset + finding.length);
      results.push({ finding, file: finding.path, start, end });
    }
  }
  return { results, files: linted, skipped, unreadable: unreadable + unreadableFiles, texts, configs: [...usedConfigs], shown };
}

/** A file that is binary, UTF-16 or not UTF-8 is not valid JSON text: reported under the JSON syntax rule. */
const DECODE_CODE = 'GGML-JSON001';

/** The rule's documentation page as a file URL inside the installed package (docs/rules ships with it). */
function docsUrl(rule: RuleMeta | undefined): string | undefined {
  return rule ? pathToFileURL(resolve(__dirname, '..', rule.docs)).href : undefined;
}

/** Set by the build (scripts/build.mjs) to the text of every docs/rules page, keyed by rule code. */
declare const __GGML_RULE_DOCS__: Record<string, string> | undefined;

/** A rule's documentation page (Markdown): bundled into dist/cli.js, read from docs/rules otherwise. */
export function ruleMarkdown(rule: RuleMeta): string | undefined {
  const bundled = typeof __GGML_RULE_DOCS__ === 'undefined' ? undefined : __GGML_RULE_DOCS__;
  if (bundled) return bundled[rule.code];
  for (const up of ['..', join('..', '..')]) {
    try {
      return readFileSync(resolve(__dirname, up, rule.docs), 'utf8');
    } catch {
      // next candidate
    }
  }
  return undefined;
}

function nameOf(run: LintRun, cwd: string, path: string): string {
  return run.shown.get(path) ?? relativeTo(cwd, path);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function formatText(run: LintRun, cwd: string): string {
  const lines: string[] = [];
  const byFile = new Map<string, Located[]>();
  for (const r of run.results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  for (const [file, results] of byFile) {
    lines.push(escapeControl(nameOf(run, cwd, file)));
    results.sort((a, b) => a.finding.offset - b.finding.offset);
    for (const { finding, start } of results) {
      lines.push(`  ${start.line}:${start.column}  ${finding.severity.padEnd(7)}  ${escapeControl(finding.message)}  ${finding.code}`);
    }
    lines.push('');
  }
  for (const s of run.skipped) lines.push(`Skipped ${escapeControl(nameOf(run, cwd, s.file))}: ${s.reason}`);
  if (run.skipped.length) lines.push('');
  const count = (s: Severity) => run.results.filter((r) => r.finding.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info') + count('hint');
  const files = `${plural(run.files, 'file')} linted${run.skipped.length ? `, ${run.skipped.length} skipped` : ''}`;
  if (run.files === 0) lines.push(`No Greengrass documents found (${files}); name the folders or files that hold group manifests, definitions, IAM policies, templates or handlers.`);
  else if (run.results.length === 0) lines.push(`No problems found (${files}).`);
  else lines.push(`${plural(run.results.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info) in ${files}.`);
  return `${lines.join('\n')}\n`;
}

function formatJson(run: LintRun, cwd: string): string {
  const results = run.results.map(({ finding, file, start, end }) => ({
    file: nameOf(run, cwd, file),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    offset: finding.offset,
    length: finding.length,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    docs: docsUrl(ruleFor(finding.code)),
    fixes: (finding.fixes ?? []).map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ file: nameOf(run, cwd, e.path), edits: e.edits })) })),
  }));
  const skipped = run.skipped.map((s) => ({ file: nameOf(run, cwd, s.file), reason: s.reason }));
  return `${JSON.stringify({ files: run.files, skipped, results }, null, 2)}\n`;
}

/**
 * One line per finding, `file:line:column: severity CODE message`, as compilers and cfn-lint's parseable format
 * print them: what editors' problem matchers and grep read. A skipped file gets `file: skipped: reason`.
 */
function formatCompact(run: LintRun, cwd: string): string {
  const byFile = new Map<string, Located[]>();
  for (const r of run.results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const lines: string[] = [];
  for (const [file, results] of byFile) {
    const name = escapeControl(nameOf(run, cwd, file));
    results.sort((a, b) => a.finding.offset - b.finding.offset);
    for (const { finding, start } of results) lines.push(`${name}:${start.line}:${start.column}: ${finding.severity} ${finding.code} ${escapeControl(finding.message)}`);
  }
  for (const s of run.skipped) lines.push(`${escapeControl(nameOf(run, cwd, s.file))}: skipped: ${s.reason}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message` (escaped as the toolkit does). */
function formatGithub(run: LintRun, cwd: string): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
  const lines = run.results.map(({ finding, file, start, end }) => {
    const rule = ruleFor(finding.code);
    const props = [
      `file=${property(nameOf(run, cwd, file).split('\\').join('/'))}`,
      `line=${start.line}`, `endLine=${end.line}`, `col=${start.column}`,
      ...(end.line === start.line ? [`endColumn=${end.column}`] : []),
      `title=${property(rule ? `${finding.code} ${rule.name}` : finding.code)}`,
    ];
    return `::${command[finding.severity]} ${props.join(',')}::${data(finding.message)}`;
  });
  for (const s of run.skipped) lines.push(`::notice file=${property(nameOf(run, cwd, s.file).split('\\').join('/'))},title=Skipped::${data(`Not linted: ${s.reason}`)}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function toolVersion(): string {
  for (const up of ['..', join('..', '..')]) {
    try {
      const pkg = JSON.parse(readFileSync(resolve(__dirname, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'greengrass-ml') return String(pkg.version ?? '0.0.0');
    } catch {
      // next candidate
    }
  }
  return '0.0.0';
}

function formatSarif(run: LintRun, cwd: string): string {
  const rules = allRules();
  const extra = [...new Set(run.results.map((r) => r.finding.code))].filter((c) => !ruleFor(c));
  const ruleIndex = new Map<string, number>();
  const sarifRules = [
    // No public URL serves the rule pages: each rule carries its page's text (help.markdown) instead of a helpUri.
    ...rules.map((r) => {
      const markdown = ruleMarkdown(r);
      return {
        id: r.code,
        name: r.name,
        shortDescription: { text: r.description },
        fullDescription: { text: r.description },
        help: markdown ? { text: r.description, markdown } : { text: r.description },
        defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
        properties: { kinds: r.kinds },
      };
    }),
    ...extra.map((code) => ({ id: code, shortDescription: { text: code === DECODE_CODE ? 'The file is binary, UTF-16 or otherwise not UTF-8 text.' : code } })),
  ];
  sarifRules.forEach((r, i) => ruleIndex.set(r.id, i));
  const uriOf = (path: string) => {
    const shownAs = run.shown.get(path);
    if (shownAs !== undefined) return shownAs.split('\\').join('/');
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
  const notifications = run.skipped.map((s) => ({
    level: 'note',
    message: { text: `Not linted: ${s.reason}` },
    locations: [located(s.file, 0, 0)],
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'greengrass-ml', semanticVersion: toolVersion(), informationUri: 'https://docs.aws.amazon.com/greengrass/v1/developerguide/ml-inference.html', rules: sarifRules } },
      invocations: [{ executionSuccessful: run.unreadable === 0, toolExecutionNotifications: notifications }],
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

const FAIL_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 1 };
const FAIL_THRESHOLD: Record<FailLevel, number> = { error: 3, warning: 2, info: 1, none: Infinity };

function lintCommand(argv: readonly string[], io: CliIo): number {
  let args: LintArgs;
  try {
    args = parseLintArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${LINT_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.out(`${LINT_USAGE}\n`);
    return 0;
  }
  const run = lintPaths(args.paths, io.cwd, io.err, {
    maxSize: args.maxSize, ignoreRules: args.ignoreRules, stdinFilename: args.stdinFilename, readStdin: io.readStdin,
  });
  let configError = false;
  for (const c of run.configs) {
    for (const p of c.problems) {
      configError ||= p.severity === 'error';
      io.err(`${p.severity === 'error' ? 'The configuration cannot be used' : 'Warning'}: ${escapeControl(relativeTo(io.cwd, c.path))}: ${p.message}\n`);
    }
  }
  if (configError) {
    io.err(`Fix ${CONFIG_FILE_NAME} (see greengrass-ml lint --help); nothing was linted with it.\n`);
    return 2;
  }
  const output = args.format === 'json' ? formatJson(run, io.cwd)
    : args.format === 'sarif' ? formatSarif(run, io.cwd)
      : args.format === 'github' ? formatGithub(run, io.cwd)
        : args.format === 'compact' ? formatCompact(run, io.cwd)
          : formatText(run, io.cwd);
  io.out(output);
  if (run.unreadable > 0) return 2;
  if (run.files === 0) {
    if (args.format !== 'text') io.err(`No Greengrass documents found; name the folders or files that hold group manifests, definitions, IAM policies, templates or handlers: ${args.paths.length ? args.paths.join(' ') : '.'}\n`);
    if (args.errorOnEmpty) return 2;
  }
  const threshold = FAIL_THRESHOLD[args.failLevel];
  return run.results.some((r) => FAIL_RANK[r.finding.severity] >= threshold) ? 1 : 0;
}

/** A subcommand: its name, one line for the usage, and what it runs (undefined: it keeps the process alive). */
interface Command {
  name: string;
  summary: string;
  run(argv: readonly string[], io: CliIo): number | undefined | Promise<number>;
}

/** The commands, in the order the usage lists them. A new command is one more entry. */
export const COMMANDS: readonly Command[] = [
  { name: 'lint', summary: 'lint files and folders (text, JSON, SARIF or GitHub annotations)', run: lintCommand },
  { name: 'lsp', summary: 'run the language server for editors (lsp --stdio)', run: (argv, io) => lspCommand(argv, io) },
  { name: 'migrate', summary: 'write a group\'s Greengrass V2 migration (component requests, recipes, deployment, report)', run: (argv, io) => migrateCommand(argv, io) },
];

export function main(argv: readonly string[], io: CliIo = defaultIo): number | undefined | Promise<number> {
  const first = argv[0];
  const text = usage();
  if (first === '--version' || (argv.includes('--version') && first !== undefined && COMMANDS.some((c) => c.name === first))) {
    io.out(`${toolVersion()}\n`);
    return 0;
  }
  if (first === '-h' || first === '--help') {
    io.out(`${text}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const names = COMMANDS.map((c) => `"${c.name}"`).join(', ');
    io.err(`${first === undefined ? `Name a command (${names}): greengrass-ml lint [paths…]` : `Unknown command; the commands are ${names}: ${first}`}\n\n${text}\n`);
    return 2;
  }
  return command.run(argv.slice(1), io);
}

if (require.main === module) {
  const code = main(process.argv.slice(2));
  if (code instanceof Promise) void code.then((c) => { process.exitCode = c; });
  else if (code !== undefined) process.exitCode = code;
}
