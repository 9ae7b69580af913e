import type { FeatureContext } from '../featureContext';
import { registerLinter } from './lint';
import type { Linter } from './linter';
import { registerPythonDiagnostics, type PythonDiagnostics } from './python';
import { registerDeployCodeLens } from './deployCodeLens';

/** Diagnostics, code actions and code lenses for Greengrass ML documents. One line per feature. */
export function registerLanguageFeatures(feature: FeatureContext): { linter: Linter; pythonDiagnostics: PythonDiagnostics } {
  const linter = registerLinter(feature);
  const pythonDiagnostics = registerPythonDiagnostics(feature);
  registerDeployCodeLens(feature);
  return { linter, pythonDiagnostics };
}
