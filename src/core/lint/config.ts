// The repository's lint configuration, `.greengrass-ml.yaml`: rule severities, ignored rules and excluded paths,
// read by the CLI and by the language server alike, so CI and the editor report the same findings. No I/O: the
// caller reads files through a `ConfigHost`.
//
//   rules:                      # severity per rule: error, warning, info, hint or off
//     GGML-EOS001: off
//     GGML-ML002: error
//   ignore-rules: [GGML-ID001]  # the same as `off`
//   exclude:                    # paths (relative to this file's folder) that are never linted
//     - vendor/
//     - "**/*.generated.json"
import * as l10n from '@vscode/l10n';
import { parse } from 'yaml';
import { pathGlobMatcher } from '../pathGlob';
import { dirOf } from '../paths';
import type { Finding, RuleSeverities, Severity } from './types';

export const CONFIG_FILE_NAME = '.greengrass-ml.yaml';
/** A configuration larger than this is refused (real ones are a few lines). */
export const MAX_CONFIG_BYTES = 64 * 1024;

const LEVELS: readonly (Severity | 'off')[] = ['error', 'warning', 'info', 'hint', 'off'];
const KEYS = ['rules', 'ignore-rules', 'exclude'];
const RULE_CODE = /^GGML-[A-Z]+\d+$/;

export interface ConfigProblem {
  /** `error`: the file cannot be used as it is (the CLI stops); `warning`: a part of it is ignored. */
  severity: 'error' | 'warning';
  message: string;
}

export interface LintConfig {
  /** The configuration file (the caller's path string). */
  path: string;
  /** Its folder: `exclude` patterns are relative to it. */
  dir: string;
  /** Severity per rule, `ignore-rules` included as `off`. */
  rules: RuleSeverities;
  exclude: readonly string[];
  problems: readonly ConfigProblem[];
}

/** The folder of a path without its trailing separator, except a root's (`/x` → `/`, `a/b` → `a`, `x` → ''). */
function folderOf(path: string): string {
  const dir = dirOf(path);
  return dir.length > 1 ? dir.slice(0, -1) : dir;
}

/**
 * Reads a configuration text. Never throws: what cannot be used is a problem, and the rest still applies (an
 * unusable file applies nothing). `knownRules` names the rule codes this version has, for "unknown rule" warnings.
 */
export function parseLintConfig(path: string, text: string, knownRules?: ReadonlySet<string>): LintConfig {
  const problems: ConfigProblem[] = [];
  const config = { path, dir: folderOf(path), rules: {} as Record<string, Severity | 'off'>, exclude: [] as string[], problems };
  const fail = (message: string): LintConfig => {
    problems.push({ severity: 'error', message });
    return { ...config, rules: {}, exclude: [] };
  };
  if (text.length > MAX_CONFIG_BYTES) return fail(l10n.t('The configuration is too large (limit {0} characters); keep rules, ignore-rules and exclude only: {1} characters', MAX_CONFIG_BYTES, text.length));
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 50, uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    return fail(l10n.t('The configuration is not valid YAML; fix the syntax: {0}', error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)));
  }
  if (value === null || value === undefined) return config;
  if (typeof value !== 'object' || Array.isArray(value)) return fail(l10n.t('The configuration must be a mapping with the keys rules, ignore-rules and exclude'));
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KEYS.includes(key)) problems.push({ severity: 'warning', message: l10n.t('Unknown key in the configuration, ignored; the keys are rules, ignore-rules and exclude: {0}', key) });
  }
  const checkCode = (code: string): boolean => {
    if (!RULE_CODE.test(code)) {
      problems.push({ severity: 'error', message: l10n.t('Not a rule code; rule codes look like GGML-ML002: {0}', code) });
      return false;
    }
    if (knownRules && !knownRules.has(code)) problems.push({ severity: 'warning', message: l10n.t('No rule has this code in this version of greengrass-ml; check docs/rules: {0}', code) });
    return true;
  };
  const rules = o['rules'];
  if (rules !== undefined && rules !== null) {
    if (typeof rules !== 'object' || Array.isArray(rules)) {
      problems.push({ severity: 'error', message: l10n.t('rules must map rule codes to a severity, for example "GGML-EOS001: off"') });
    } else {
      for (const [code, level] of Object.entries(rules as Record<string, unknown>)) {
        if (!checkCode(code)) continue;
        // YAML 1.1 readers take `off` as false; accept it either way.
        const normalized = level === false ? 'off' : level;
        if (typeof normalized !== 'string' || !(LEVELS as readonly string[]).includes(normalized)) {
          problems.push({ severity: 'error', message: l10n.t('The severity of {0} must be error, warning, info, hint or off: {1}', code, String(level)) });
          continue;
        }
        config.rules[code] = normalized as Severity | 'off';
      }
    }
  }
  for (const code of stringList(o['ignore-rules'], 'ignore-rules', problems)) {
    if (checkCode(code)) config.rules[code] = 'off';
  }
  for (const pattern of stringList(o['exclude'], 'exclude', problems)) {
    if (pattern.startsWith('!')) problems.push({ severity: 'error', message: l10n.t('Negated exclude patterns are not supported; list only what to exclude: {0}', pattern) });
    else if (pattern.trim() !== '') config.exclude.push(pattern.trim());
  }
  return config;
}

function stringList(value: unknown, key: string, problems: ConfigProblem[]): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  problems.push({ severity: 'error', message: l10n.t('{0} must be a list of strings', key) });
  return [];
}

/** Rule codes given on a command line or in settings, comma- or space-separated, upper-cased. */
export function ruleCodes(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
}

/** `base` (the configuration) with `overrides` (command line, editor settings) taking precedence per rule. */
export function mergeSeverities(base: RuleSeverities | undefined, overrides: RuleSeverities | undefined): RuleSeverities {
  return { ...base, ...overrides };
}

/** Applies configured severities to findings of checks that do not take them (the Python handler checks). */
export function applySeverities(findings: readonly Finding[], rules: RuleSeverities): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const level = rules[f.code];
    if (level === 'off') continue;
    out.push(level ? { ...f, severity: level } : f);
  }
  return out;
}

/** Each configuration's `exclude` patterns, compiled once. */
const excludeMatchers = new WeakMap<LintConfig, (relativePath: string) => boolean>();

/**
 * Whether `path` (under the configuration's folder) matches one of its `exclude` patterns. Patterns follow
 * .gitignore: `*` and `?` within a name, `**` any number of folders, a pattern without a slash matches a name at any
 * depth, a leading `/` anchors it to the configuration's folder, and a folder that matches excludes all it holds.
 */
export function isExcluded(config: LintConfig, path: string): boolean {
  if (!config.exclude.length) return false;
  const rel = relativeUnder(config.dir, path);
  if (rel === undefined) return false;
  let matcher = excludeMatchers.get(config);
  if (!matcher) {
    matcher = pathGlobMatcher(config.exclude, { gitignore: true });
    excludeMatchers.set(config, matcher);
  }
  return matcher(rel);
}

function relativeUnder(dir: string, path: string): string | undefined {
  const d = dir.replace(/\\/g, '/').replace(/\/+$/, '');
  const p = path.replace(/\\/g, '/');
  if (d === '') return p.replace(/^\/+/, '');
  return p.startsWith(`${d}/`) ? p.slice(d.length + 1) : undefined;
}

/** How configurations are found: reading a file, and whether a folder is a repository's root (it holds `.git`). */
export interface ConfigHost {
  readFile(path: string): string | undefined;
  isRepositoryRoot(dir: string): boolean;
  join(dir: string, name: string): string;
}

/**
 * The configuration of each file: the nearest `.greengrass-ml.yaml` in its folder or above, up to the repository's
 * root (the folder holding `.git`) or the file system's root. Cached per folder until `clear()`.
 */
export class LintConfigs {
  private readonly byDir = new Map<string, LintConfig | null>();
  constructor(private readonly host: ConfigHost, private readonly knownRules?: ReadonlySet<string>) {}

  forFile(path: string): LintConfig | undefined {
    return this.forDir(folderOf(path)) ?? undefined;
  }

  private forDir(dir: string): LintConfig | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    const visited: string[] = [];
    let found: LintConfig | null = null;
    for (let d = dir; ; ) {
      const known = this.byDir.get(d);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(d);
      const file = this.host.join(d, CONFIG_FILE_NAME);
      const text = this.host.readFile(file);
      if (text !== undefined) {
        found = parseLintConfig(file, text, this.knownRules);
        break;
      }
      const parent = folderOf(d);
      if (this.host.isRepositoryRoot(d) || parent === d || parent === '') break;
      d = parent;
    }
    for (const d of visited) this.byDir.set(d, found);
    return found;
  }

  clear(): void {
    this.byDir.clear();
  }
}
