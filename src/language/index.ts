import type { FeatureContext } from '../featureContext';
import { registerLinter, type LintClient } from './lintClient';
import { registerDeployCodeLens } from './deployCodeLens';
import { registerTaskProvider } from './tasks';

/**
 * Diagnostics and quick fixes (from the language server, started lazily) and code lenses for Greengrass ML
 * documents. One line per feature. The code lenses are registered with the server's start, that is once a
 * Greengrass document is open or the workspace has Greengrass files (a manifest is one).
 */
export function registerLanguageFeatures(feature: FeatureContext): { linter: LintClient } {
  const linter = registerLinter(feature);
  linter.onFirstStart(() => registerDeployCodeLens(feature));
  registerTaskProvider(feature);
  return { linter };
}
