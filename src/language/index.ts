import type { FeatureContext } from '../featureContext';

/** Diagnostics, code actions and code lenses for Greengrass ML documents. */
export function registerLanguageFeatures(_feature: FeatureContext): void {
  // Registered by the linter.
}
