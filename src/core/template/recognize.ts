// Recognising a CloudFormation/SAM template by content, whatever the file is called, with a text check only: a large
// YAML or JSON file that is no template must cost nothing. Kept free of imports so detection can use it.

/** The names SAM and CloudFormation projects give the template that deploys the code beside it. */
export const TEMPLATE_FILE_NAMES: readonly string[] = ['template.yaml', 'template.yml', 'template.json'];
/** How many folders up from a Python handler the template that deploys it may be. */
export const TEMPLATE_SEARCH_DEPTH = 6;

/** How much of a file the recognition looks at before deciding. */
export const RECOGNITION_WINDOW = 64 * 1024;

const FORMAT_VERSION = /(^|[\s{,"'])AWSTemplateFormatVersion["']?\s*:/m;
const GREENGRASS_TYPE = /AWS::Greengrass::[A-Za-z]+/;
const SAM_TRANSFORM = /AWS::Serverless-2016-10-31/;

/**
 * True when the text looks like a CloudFormation or SAM template: `AWSTemplateFormatVersion`, SAM's `Transform`, or an
 * `AWS::Greengrass::` type within the first RECOGNITION_WINDOW characters.
 */
export function isTemplate(text: string): boolean {
  const head = text.length > RECOGNITION_WINDOW ? text.slice(0, RECOGNITION_WINDOW) : text;
  return FORMAT_VERSION.test(head) || GREENGRASS_TYPE.test(head) || SAM_TRANSFORM.test(head);
}

/** JSON when the first character that is not a space or byte order mark is `{`; YAML otherwise. */
export function templateFormat(text: string): 'json' | 'yaml' {
  return /^[\s\ufeff]*\{/.test(text) ? 'json' : 'yaml';
}

/**
 * The YAML comments of a text as JSONC line comments at the same lines, everything else blanked, so that the
 * suppression comments (`# greengrass-ml-disable-next-line GGML-ML002`) are read by the same code as in JSONC files.
 */
export function yamlCommentsAsJsonc(text: string): string {
  if (!text.includes('greengrass-ml-disable')) return '';
  const lines = text.split('\n');
  return lines
    .map((line) => {
      const at = commentStart(line);
      // Spaces before each line: jsonc-parser's scanner folds a line break into a comment that starts a line.
      return at < 0 ? ' ' : ` //${line.slice(at + 1)}`;
    })
    .join('\n');
}

/** Where a YAML comment starts on a line: a `#` at the start or after a space, outside quotes; -1 when none. */
function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,-]/.test(line[i - 1]!)) quote = c;
    } else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return i;
  }
  return -1;
}
