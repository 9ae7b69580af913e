import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const MODEL = 'src/core/model/';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** `file:line: text` of each line outside src/core/model that matches. */
function outsideModel(pattern: RegExp): string[] {
  const hits: string[] = [];
  for (const file of sources(join(root, 'src'))) {
    const rel = relative(root, file).split('\\').join('/');
    if (rel.startsWith(MODEL)) continue;
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (pattern.test(line)) hits.push(`${rel}:${i + 1}: ${line.trim()}`);
    });
  }
  return hits;
}

// Each of these was written several times and the copies disagreed; src/core/model holds the one implementation.
describe('one implementation of each domain concept (src/core/model)', () => {
  it('parses S3 URIs and ARNs only in the model: no s3:// or arn: regular expression elsewhere', () => {
    assert.deepEqual(outsideModel(/s3:\\\/\\\/|\/\^?arn:|arn:aws\[|arn:\(|\\\/versions\\\/|\.split\(':'\)/), []);
  });

  it('defines the edit, formatting, position, size and ARN helpers once', () => {
    const names = 'applyTextEdits|detectFormatting|minimalEdit|diffEdit|formatBytes|parseArn|parseS3Uri|parseS3Location|parseLambdaArn|parseTrainingJobArn|parseSageMakerJobArn|parseDefinitionVersionArn|parseIamRoleArn|isValidBucketName';
    assert.deepEqual(outsideModel(new RegExp(`function (${names})\\b`)), []);
    assert.deepEqual(outsideModel(/starts\.push\(/), [], 'a line-start table is the model\'s LineIndex');
  });

  it('reads the shapes of a definition file only in the model: no other reader looks for its InitialVersion or Definition wrapper', () => {
    // CloudFormation's AWS::Greengrass::*Definition resources have an InitialVersion property of their own: the
    // template readers (src/core/template, src/core/python/template.ts) read that format, not definition files.
    const template = /^src\/core\/(template\/|python\/template\.ts)/;
    const hits = outsideModel(/['"](InitialVersion|Definition)['"]/).filter((hit) => !template.test(hit));
    assert.deepEqual(hits, [], 'read definition files with definitionFromText, definitionFromTree or groupFromFolder (src/core/model/group.ts, folder.ts)');
  });

  it('lists regions and the names of definition kinds once', () => {
    assert.deepEqual(outsideModel(/'ap-northeast-2'|'eu-west-2'/), []);
    assert.deepEqual(outsideModel(/DefinitionVersionArn'|'(core|function|resource|subscription|device)-definition(\.json)?'|(Cores|Functions|Resources|Subscriptions|Devices)',\s*(extra|idKey|stem)/), []);
  });
});
