// Which rule a finding's code names and where its documentation page is: shared by the language server (LSP
// diagnostics) and the extension's own diagnostics (deploy), so both link a code the same way. No LSP, no VS Code.
import { RULES } from '../core/lint';
import type { RuleMeta } from '../core/lint';
import { PYTHON_RULES } from '../core/python';

/** Every rule the linter and the Python handler checks report, in documentation order. */
export function allRules(): readonly RuleMeta[] {
  return [...RULES, ...PYTHON_RULES];
}

let rulesByCode: Map<string, RuleMeta> | undefined;
/** Every rule the server reports (JSON rules and Python handler rules), by code. */
export function ruleFor(code: string): RuleMeta | undefined {
  rulesByCode ??= new Map(allRules().map((r) => [r.code, r]));
  return rulesByCode.get(code);
}

/** The documentation page of a rule under `docsBase` (a URI of the folder that holds docs/rules/). */
export function docsHref(docsBase: string | undefined, rule: RuleMeta): string | undefined {
  if (!docsBase) return undefined;
  return `${docsBase.replace(/\/+$/, '')}/${rule.docs.split('/').map(encodeURIComponent).join('/')}`;
}

/** The documentation page of the rule a code names; undefined for a code that is not a rule's. */
export function ruleDocsHref(docsBase: string | undefined, code: string): string | undefined {
  const rule = ruleFor(code);
  return rule && docsHref(docsBase, rule);
}
