// Which rules run on which kind of document, and the end-of-support note: shared by the definition-file linter
// (index.ts) and the template linter (src/core/template), which runs the same rules on a template's parts.
import * as l10n from '@vscode/l10n';
import type { LintContext } from './context';
import { coreRules, idRules, resourceRules } from './rules/definitions';
import { functionRules } from './rules/functions';
import { iamRules } from './rules/iam';
import { manifestRules } from './rules/manifest';
import { deploymentRules, recipeRules, requestRules } from './rules/v2';
import { RULE_BY_CODE, SOURCES } from './rules/meta';
import type { DocumentKind, Finding, RuleSeverities, Severity } from './types';

export const END_OF_SUPPORT_DATE = '2026-10-07';
export const END_OF_SUPPORT_URL = SOURCES.maintenance;

export function rulesFor(kind: DocumentKind): ((c: LintContext) => void)[] {
  switch (kind) {
    case 'manifest':
      return [manifestRules];
    case 'resourceDefinition':
      return [idRules, resourceRules];
    case 'functionDefinition':
      return [idRules, functionRules];
    case 'coreDefinition':
      return [idRules, coreRules];
    case 'subscriptionDefinition':
    case 'deviceDefinition':
      return [idRules];
    case 'iamPolicy':
      return [iamRules];
    case 'componentRecipe':
      return [recipeRules];
    case 'componentRequest':
      return [requestRules];
    case 'deploymentRequest':
      return [deploymentRules];
    default:
      return [];
  }
}

export function endOfSupportMessage(now = Date.now()): string {
  const ended = now >= Date.parse(`${END_OF_SUPPORT_DATE}T00:00:00Z`);
  return ended
    ? l10n.t('AWS IoT Greengrass V1 reached end of support on {0}; after it, V1 groups cannot be managed in the cloud, so plan the move to Greengrass V2: {1}', END_OF_SUPPORT_DATE, END_OF_SUPPORT_URL)
    : l10n.t('AWS IoT Greengrass V1 reaches end of support on {0}; after it, V1 groups cannot be managed in the cloud, so plan the move to Greengrass V2: {1}', END_OF_SUPPORT_DATE, END_OF_SUPPORT_URL);
}

/** A rule's severity: the configured one, else its default. */
export function severityResolver(severities: RuleSeverities | undefined): (code: string) => Severity | 'off' {
  return (code) => severities?.[code] ?? RULE_BY_CODE.get(code)?.defaultSeverity ?? 'warning';
}

/** Keeps every finding's range inside the text. */
export function clamp(findings: Finding[], length: number): Finding[] {
  for (const f of findings) {
    if (!(f.offset >= 0)) f.offset = 0;
    if (f.offset > length) f.offset = length;
    if (!(f.length >= 0)) f.length = 0;
    if (f.offset + f.length > length) f.length = length - f.offset;
  }
  return findings;
}
