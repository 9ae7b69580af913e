// Recognising a Greengrass V2 document by its text alone (a component recipe in JSON or YAML, a
// CreateComponentVersion or CreateDeployment request in JSON), so that a large YAML or JSON file that is none of
// them costs nothing. Kept free of imports: detection, the editor's lazy start and the language server use it
// before any parse. The parsed tree decides (src/core/lint/detect.ts); this only says "worth parsing".

/** How much of a file the recognition looks at before deciding. */
export const V2_RECOGNITION_WINDOW = 64 * 1024;

// Keys at any depth, quoted (JSON) or bare (YAML). The tree check afterwards requires them at the top level.
const RECIPE_FORMAT = /(^|[\s{,"'])RecipeFormatVersion["']?\s*:/m;
const COMPONENT_NAME = /(^|[\s{,"'])ComponentName["']?\s*:/m;
const REQUEST = /"(lambdaFunction|inlineRecipe)"\s*:/;
const TARGET_ARN = /"targetArn"\s*:/;
const COMPONENTS = /"components"\s*:/;

export type V2Hint = 'componentRecipe' | 'componentRequest' | 'deploymentRequest';

function head(text: string): string {
  return text.length > V2_RECOGNITION_WINDOW ? text.slice(0, V2_RECOGNITION_WINDOW) : text;
}

/** The V2 document kind the text may hold, or undefined when it cannot be one (the parsed tree confirms). */
export function v2Hint(text: string): V2Hint | undefined {
  const h = head(text);
  if (RECIPE_FORMAT.test(h) && COMPONENT_NAME.test(h)) return 'componentRecipe';
  if (REQUEST.test(h)) return 'componentRequest';
  if (TARGET_ARN.test(h) && COMPONENTS.test(h)) return 'deploymentRequest';
  return undefined;
}

/** True when the text may be a YAML component recipe: the recipe keys, and not a JSON object. */
export function maybeYamlRecipe(text: string): boolean {
  return !/^[\s\ufeff]*[{[]/.test(text.slice(0, 200)) && v2Hint(text) === 'componentRecipe';
}
