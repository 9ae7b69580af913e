// Every rule the linter reports — group documents and templates, and Python handlers — for the CLI's rule lists
// (SARIF, --ignore-rules validation). The editor's links need no table: see src/core/lint/ruleDocs.ts.
import { RULES } from './lint';
import type { RuleMeta } from './lint';
import { PYTHON_RULES } from './python';

/** Every rule, in documentation order. */
export function allRules(): readonly RuleMeta[] {
  return [...RULES, ...PYTHON_RULES];
}

let rulesByCode: Map<string, RuleMeta> | undefined;
/** The rule a finding's code names; undefined for a code that is not a rule's. */
export function ruleFor(code: string): RuleMeta | undefined {
  rulesByCode ??= new Map(allRules().map((r) => [r.code, r]));
  return rulesByCode.get(code);
}
