import * as assert from 'node:assert/strict';
import { groupModel, parseDefinition, readGroupFiles } from '../../../src/core/deploy';
import { definitionFromApi, definitionFromText, type SourceRange } from '../../../src/core/model';

// A group folder as users keep one: a manifest, a create-function-definition input with a comment, a
// create-resource-definition-version input (with its id) and a bare core definition, with CRLF line ends in one.
const FILES: Record<string, string> = {
  '/ws/camera/greengrass-ml.json': JSON.stringify({
    name: 'camera-inference', coreVersion: '1.11.6',
    definitions: { core: 'core-definition.json', functions: 'function-definition.json', resources: 'resource-definition.json' },
    cloud: { groupId: '5c1d6a0e-group' },
  }, null, 2),
  '/ws/camera/function-definition.json': `{
  // The inference function and its defaults.
  "Name": "camera-functions",
  "InitialVersion": {
    "DefaultConfig": { "Execution": { "IsolationMode": "GreengrassContainer" } },
    "Functions": [
      {
        "Id": "squeezenet-inference",
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:squeezenet-inference:live",
        "FunctionConfiguration": { "Executable": "inference.function_handler", "MemorySize": 98304, "Timeout": 10, "Pinned": true }
      }
    ]
  }
}
`,
  '/ws/camera/resource-definition.json': JSON.stringify({
    ResourceDefinitionId: 'r-123',
    Resources: [{
      Id: 'squeezenet-model', Name: 'squeezenet-model',
      ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: 's3://greengrass-models/squeezenet.tar.gz', DestinationPath: '/ml_model' } },
    }],
  }, null, 2).replace(/\n/g, '\r\n'),
  '/ws/camera/core-definition.json': JSON.stringify({
    Cores: [{ Id: 'raspberrypi-core', ThingArn: 'arn:aws:iot:us-east-1:123456789012:thing/raspberrypi', CertificateArn: 'arn:aws:iot:us-east-1:123456789012:cert/abc', SyncShadow: true }],
  }, null, 2),
};

function slice(at: SourceRange, files: Record<string, string> = FILES): string {
  const text = files[at.file];
  assert.ok(text !== undefined, `no file ${at.file}`);
  return text.slice(at.offset, at.offset + at.length);
}

describe('the Group model (src/core/model)', () => {
  it('reads a group folder in every AWS CLI shape, each item and value located in its file', async () => {
    const files = await readGroupFiles('/ws/camera/greengrass-ml.json', (p) => Promise.resolve(FILES[p]));
    const group = groupModel(files);
    assert.equal(group.name, 'camera-inference');
    assert.equal(group.groupId, '5c1d6a0e-group');
    assert.deepEqual(Object.keys(group.definitions).sort(), ['core', 'function', 'resource']);

    const fn = group.definitions.function!;
    assert.equal(fn.name, 'camera-functions');
    assert.equal(fn.items[0]?.id?.value, 'squeezenet-inference');
    const arn = fn.items[0]!.fields['FunctionArn']!;
    assert.equal(slice(arn.at), '"arn:aws:lambda:us-east-1:123456789012:function:squeezenet-inference:live"');
    assert.deepEqual(JSON.parse(JSON.stringify(fn.extra['DefaultConfig']?.value)), { Execution: { IsolationMode: 'GreengrassContainer' } });
    assert.match(slice(fn.at), /^\{\s+"DefaultConfig"/);

    const res = group.definitions.resource!;
    assert.equal(res.definitionId, 'r-123');
    const uri = res.items[0]!.fields['ResourceDataContainer']!;
    assert.deepEqual(JSON.parse(slice(uri.at)), JSON.parse(JSON.stringify(uri.value)));
    assert.equal(slice(res.items[0]!.id!.at), '"squeezenet-model"');

    assert.equal(group.definitions.core?.items[0]?.id?.value, 'raspberrypi-core');
    assert.equal(group.definitions.core?.definitionId, undefined);
  });

  it('reads a definition version from the cloud located in the document the explorer opens, and nothing from other text', () => {
    const answer = {
      Arn: 'arn:aws:greengrass:us-east-1:123456789012:/greengrass/definition/functions/f-1/versions/v-2',
      CreationTimestamp: '2026-11-27T10:00:00.000Z', Id: 'f-1', Version: 'v-2',
      Definition: { Functions: [{ Id: 'dlr-classifier', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:dlr-classifier:3' }] },
    };
    const d = definitionFromApi('function', 'f-1', 'v-2', answer)!;
    assert.equal(d.definitionId, 'f-1');
    assert.equal(d.versionId, 'v-2');
    const doc = { [d.at.file]: `${JSON.stringify(answer, null, 2)}\n` };
    assert.equal(d.at.file, 'function-definition-f-1-v-2.json');
    assert.equal(slice(d.items[0]!.id!.at, doc), '"dlr-classifier"');
    assert.equal(definitionFromText('function', 'x.json', '{"Resources": []}'), undefined);
    assert.equal(definitionFromText('function', 'x.json', 'not json'), undefined);
  });

  it('takes the last of a repeated key, as the API does with what Deploy sends, and finds the body where the linter does', () => {
    // An edited definition where the Id was changed by adding a second "Id" below the first.
    const text = `{
  "FunctionDefinitionId": "f-1",
  "Functions": [
    { "Id": "classifier-v1", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:classifier:1", "Id": "classifier" }
  ],
  "InitialVersion": { "Functions": [] }
}
`;
    const d = definitionFromText('function', '/ws/g/function-definition.json', text)!;
    assert.equal(d.items[0]?.id?.value, 'classifier');
    assert.deepEqual(d.bodyPath, []);
    const sent = parseDefinition('functions', '/ws/g/function-definition.json', text).version['Functions'] as { Id: string }[];
    assert.equal(sent[0]?.Id, 'classifier', 'Deploy sends the same item the model reads');
  });
});
