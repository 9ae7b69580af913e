// The settings package.json contributes, checked as the Settings UI checks a value: against the setting's own
// schema, with the formats VS Code knows (a `uri` needs a scheme, so an empty string is "URI expected").
import * as assert from 'node:assert/strict';
import { localizedPackageJson } from '../support/packageJson';
import Ajv from 'ajv';

interface Setting {
  type?: string;
  default?: unknown;
  scope?: string;
  format?: string;
  pattern?: string;
  patternErrorMessage?: string;
  markdownDescription?: string;
  description?: string;
}

const pkg = localizedPackageJson<{
  contributes: { configuration: { properties: Record<string, Setting> } };
}>();
const settings = pkg.contributes.configuration.properties;

function validator(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // What VS Code's setting validation accepts for these formats: a URI has a scheme (never empty).
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s));
  ajv.addFormat('uri-reference', (s: string) => s.length > 0);
  return ajv;
}

/** The setting's schema as a JSON schema validator reads it: VS Code's own keywords left out. */
function schemaOf(setting: Setting): object {
  const schema: Record<string, unknown> = { ...setting };
  for (const k of ['scope', 'markdownDescription', 'description', 'patternErrorMessage', 'order', 'tags', 'markdownEnumDescriptions', 'enumDescriptions']) delete schema[k];
  return schema;
}

describe('Contributed settings', () => {
  const ajv = validator();

  it('accept their own defaults, so the Settings UI shows no error on a setting the user never touched', () => {
    const invalid: string[] = [];
    for (const [key, setting] of Object.entries(settings)) {
      const validate = ajv.compile(schemaOf(setting));
      if (!validate(setting.default)) invalid.push(`${key} = ${JSON.stringify(setting.default)}: ${ajv.errorsText(validate.errors)}`);
    }
    assert.deepEqual(invalid, []);
  });

  describe('greengrassMl.aws.endpoint', () => {
    const setting = settings['greengrassMl.aws.endpoint'];
    assert.ok(setting, 'the endpoint setting is contributed');
    const validate = ajv.compile(schemaOf(setting));

    it('is empty by default (AWS\'s own endpoints) and takes http and https URLs', () => {
      for (const ok of ['', 'http://127.0.0.1:5000', 'https://localhost:4566', 'http://moto.internal:5000/', 'https://vpce-0a1b.greengrass.us-east-1.vpce.amazonaws.com']) {
        assert.ok(validate(ok), `${JSON.stringify(ok)}: ${ajv.errorsText(validate.errors)}`);
      }
    });

    it('flags in the Settings UI what the extension would refuse, with a message that says what to enter', () => {
      for (const bad of ['127.0.0.1:5000', 'ftp://127.0.0.1', 'http://user:secret@127.0.0.1:5000', 'http://127.0.0.1:5000/?x=1', 'http://127.0.0.1:5000/#top', ' http://127.0.0.1:5000']) {
        assert.equal(validate(bad), false, `${JSON.stringify(bad)} is flagged`);
      }
      assert.match(setting.patternErrorMessage ?? '', /http:\/\/ or https:\/\/.*empty/i);
    });
  });
});
