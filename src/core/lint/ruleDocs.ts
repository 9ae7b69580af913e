// Every rule's documentation page is named by its code. Import-free, so that code which only links a rule's page
// (the extension's diagnostics) does not load the lint engine.

/** A rule's code: `GGML-` then its family (letters, then letters or digits) and three digits. */
export const RULE_CODE = /^GGML-[A-Z][A-Z0-9]*\d{3}$/;

/** The documentation page of the rule `code`, relative to the package root. */
export function ruleDocsPath(code: string): string {
  return `docs/rules/${code}.md`;
}
