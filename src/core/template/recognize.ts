// Recognising a CloudFormation/SAM template by content, whatever the file is called, with a text check only: a large
// YAML or JSON file that is no template must cost nothing. Kept free of imports so detection can use it.

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
