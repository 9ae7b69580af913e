import type { FeatureContext } from '../featureContext';
import { registerLinter } from './lint';
import { registerPythonDiagnostics } from './python';
import { registerDeployCodeLens } from './deployCodeLens';

/** Diagnostics, code actions and code lenses for Greengrass ML documents. One line per feature. */
export function registerLanguageFeatures(feature: FeatureContext): void {
  registerLinter(feature);
  registerPythonDiagnostics(feature);
  registerDeployCodeLens(feature);
}
