import type { FeatureContext } from '../featureContext';
import { registerLinter, type LintClient } from './lintClient';
import { registerDeployCodeLens } from './deployCodeLens';
import { registerTaskProvider } from './tasks';

/**
 * Diagnostics and quick fixes (from the language server, started lazily) and code lenses for Greengrass ML
 * documents. One line per feature.
 */
export function registerLanguageFeatures(feature: FeatureContext): { linter: LintClient } {
  const linter = registerLinter(feature);
  registerDeployCodeLens(feature);
  registerTaskProvider(feature);
  return { linter };
}
