// Where a rule's documentation page is: shared by the language server (LSP diagnostics) and the extension's own
// diagnostics (deploy), so both link a code the same way. No LSP, no VS Code, no rule table: the page is named by
// the code (src/core/lint/ruleDocs.ts), so the extension bundle does not carry the lint engine to link a code.
import { RULE_CODE, ruleDocsPath } from '../core/lint/ruleDocs';

/** The documentation page of the rule a code names under `docsBase` (a URI of the folder that holds docs/rules/); undefined for a code that is not a rule's. */
export function ruleDocsHref(docsBase: string | undefined, code: string): string | undefined {
  if (!docsBase || !RULE_CODE.test(code)) return undefined;
  return `${docsBase.replace(/\/+$/, '')}/${ruleDocsPath(code).split('/').map(encodeURIComponent).join('/')}`;
}
