import * as assert from 'node:assert/strict';
import {
  applyTextEdits, bulkInputFile, classifyBulkStatus, detectFormatting, functionArnEdits, GroupFilesError, locateNamedEntries,
  parseBulkInputFile, parseDefinition, parseLambdaArn, readGroupFiles, recordCloudIds, resolveNextTo, runtimeForCore,
} from '../../src/core/deploy';

const MANIFEST = `{
    // the group on the bench
    "name": "pi-group",
    "region": "us-east-1",
    "definitions": { "core": "core.json", "functions": "functions.json", "resources": "resources.json" }
}
`;
const CORE = JSON.stringify({ CoreDefinitionId: 'abc', Cores: [{ Id: 'core', ThingArn: 'arn:aws:iot:us-east-1:123456789012:thing/pi', CertificateArn: 'arn:aws:iot:us-east-1:123456789012:cert/x', SyncShadow: false }] });
const FUNCTIONS = `{
\t"Name": "pi-functions",
\t"InitialVersion": {
\t\t"Functions": [
\t\t\t{ "Id": "other", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:other:live" },
\t\t\t{
\t\t\t\t"Id": "classifier",
\t\t\t\t"FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:squeezenet-classifier:1", // published by hand
\t\t\t\t"FunctionConfiguration": { "Pinned": true, "Timeout": 10 }
\t\t\t}
\t\t]
\t}
}
`;
const RESOURCES = `{
  "Resources": [
    { "Id": "squeezenet", "Name": "squeezenet_model", "ResourceDataContainer": { "S3MachineLearningModelResourceData": { "S3Uri": "s3://greengrass-models/squeezenet.tar.gz", "DestinationPath": "/ml/squeezenet" } } }
  ]
}`;

function files(extra: Record<string, string> = {}): (p: string) => Promise<string | undefined> {
  const all: Record<string, string> = {
    '/ws/pi/greengrass-ml.json': MANIFEST, '/ws/pi/core.json': CORE, '/ws/pi/functions.json': FUNCTIONS, '/ws/pi/resources.json': RESOURCES, ...extra,
  };
  return async (p) => all[p];
}

describe('deploy planning: group files', () => {
  it('reads every definition shape: version input, create input with Name, and the bare list', async () => {
    const g = await readGroupFiles('/ws/pi/greengrass-ml.json', files());
    assert.equal(g.manifest.name, 'pi-group');
    assert.equal(g.definitions.core?.shape, 'version');
    assert.deepEqual(Object.keys(g.definitions.core?.version ?? {}), ['Cores'], 'the id key is not sent as part of the version');
    assert.equal(g.definitions.functions?.shape, 'create');
    assert.equal(g.definitions.functions?.name, 'pi-functions');
    assert.equal((g.definitions.functions?.version['Functions'] as unknown[]).length, 2);
    assert.equal(g.definitions.resources?.shape, 'bare');
    const wrapped = parseDefinition('resources', 'r.json', JSON.stringify({ Definition: { Resources: [] } }));
    assert.equal(wrapped.shape, 'definition');
    assert.deepEqual(wrapped.version, { Resources: [] });
  });

  it('refuses a group without a core, naming what to add', async () => {
    const manifest = '{ "name": "g", "definitions": { "functions": "functions.json" } }';
    await assert.rejects(readGroupFiles('/ws/pi/greengrass-ml.json', files({ '/ws/pi/greengrass-ml.json': manifest })),
      (e: unknown) => e instanceof GroupFilesError && /deploys only with a core; add "definitions": \{"core"/.test(e.message));
  });

  it('names a definition file that is missing', async () => {
    const manifest = '{ "name": "g", "definitions": { "core": "core.json", "resources": "models/resources.json" } }';
    await assert.rejects(readGroupFiles('/ws/pi/greengrass-ml.json', files({ '/ws/pi/greengrass-ml.json': manifest })),
      /resource definition named in greengrass-ml.json was not found; create it or fix "definitions.resources": models\/resources.json/);
  });

  it('refuses a manifest that is not JSON and a core definition with two cores', async () => {
    await assert.rejects(readGroupFiles('/ws/pi/greengrass-ml.json', files({ '/ws/pi/greengrass-ml.json': '{ "name": ' })), /not a JSON object/);
    const two = JSON.stringify({ Cores: [{ Id: 'a' }, { Id: 'b' }] });
    await assert.rejects(readGroupFiles('/ws/pi/greengrass-ml.json', files({ '/ws/pi/core.json': two })), /exactly one core; the core definition lists 2/);
  });

  it('resolves definition names next to the manifest', () => {
    assert.equal(resolveNextTo('/ws/pi/greengrass-ml.json', 'defs/../core.json'), '/ws/pi/core.json');
    assert.equal(resolveNextTo('/ws/pi/greengrass-ml.json', './a/b.json'), '/ws/pi/a/b.json');
    assert.equal(resolveNextTo('C:\\ws\\pi\\greengrass-ml.json', 'core.json'), 'C:\\ws\\pi\\core.json');
  });

  it('finds the lines a deployment error names (function and resource ids)', async () => {
    const g = await readGroupFiles('/ws/pi/greengrass-ml.json', files());
    const found = locateNamedEntries(g, 'NoContainer function classifier cannot configure permission when attaching resource squeezenet.');
    assert.deepEqual(found.map((f) => [f.what, f.name, f.path]), [['function', 'classifier', '/ws/pi/functions.json'], ['resource', 'squeezenet', '/ws/pi/resources.json']]);
    const fn = found[0];
    assert.ok(fn);
    assert.equal(FUNCTIONS.slice(fn.offset, fn.offset + fn.length), '"classifier"');
    assert.deepEqual(locateNamedEntries(g, 'The group has no core: MissingCoreException'), [], 'nothing marked when no id is named');
    assert.deepEqual(locateNamedEntries(g, 'resource squeezenet_v2 is missing').map((f) => f.name), [], 'a longer name is not a match');
  });
});

describe('deploy planning: manifest edits keep formatting', () => {
  it('adds a cloud object with the file\'s own indentation and keeps comments', () => {
    const { text, edits } = recordCloudIds(MANIFEST, { groupId: 'g-1', coreDefinitionId: 'c-1', lastDeploymentId: 'd-1' });
    assert.equal(edits.length, 1);
    assert.equal(applyTextEdits(MANIFEST, edits), text);
    assert.ok(text.startsWith(MANIFEST.slice(0, MANIFEST.indexOf('\n}'))), `everything before the new object is unchanged:\n${text}`);
    assert.ok(text.includes('"definitions": { "core": "core.json", "functions": "functions.json", "resources": "resources.json" },'), 'a one-line object stays on one line');
    assert.match(text, /\n {4}"cloud": \{\n {8}"groupId": "g-1",\n {8}"coreDefinitionId": "c-1",\n {8}"lastDeploymentId": "d-1"\n {4}\}\n\}\n$/);
    assert.deepEqual(JSON.parse(text.replace(/\/\/.*$/m, '')).cloud, { groupId: 'g-1', coreDefinitionId: 'c-1', lastDeploymentId: 'd-1' });
  });

  it('updates existing ids in place and leaves the rest of the file untouched', () => {
    const before = '{\n\t"name": "g",\n\t"cloud": { "groupId": "old", "functionDefinitionId": "f-1" }\n}\n';
    const { text } = recordCloudIds(before, { groupId: 'new', lastDeploymentId: 'd-2' });
    assert.equal(text.split('\n')[1], '\t"name": "g",');
    assert.equal(text.split('\n')[2], '\t"cloud": { "groupId": "new", "functionDefinitionId": "f-1", "lastDeploymentId": "d-2" }', 'the one-line object is kept one line');
    const cloud = JSON.parse(text).cloud;
    assert.deepEqual(cloud, { groupId: 'new', functionDefinitionId: 'f-1', lastDeploymentId: 'd-2' });
    assert.deepEqual(recordCloudIds(text, { groupId: 'new' }).edits, [], 'writing the same ids again changes nothing');
  });

  it('adds to an empty object and keeps CRLF line endings', () => {
    const crlf = '{\r\n  "name": "g",\r\n  "cloud": {\r\n  }\r\n}\r\n';
    const { text } = recordCloudIds(crlf, { groupId: 'g-1' });
    assert.equal(text, '{\r\n  "name": "g",\r\n  "cloud": {\r\n    "groupId": "g-1"\r\n  }\r\n}\r\n');
    assert.equal(recordCloudIds('{"name":"g","cloud":{}}', { groupId: 'x' }).text, '{"name":"g","cloud":{ "groupId": "x" }}');
  });

  it('detects tabs, spaces and CRLF', () => {
    assert.deepEqual(detectFormatting('{\r\n\t"a": 1\r\n}'), { insertSpaces: false, tabSize: 1, eol: '\r\n' });
    assert.deepEqual(detectFormatting('{\n   "a": 1\n}'), { insertSpaces: true, tabSize: 3, eol: '\n' });
    assert.deepEqual(detectFormatting('{}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
  });
});

describe('publish planning: the function definition entry', () => {
  const alias = 'arn:aws:lambda:us-east-1:123456789012:function:squeezenet-classifier:live';
  it('writes the alias ARN into the entry that names the function, keeping tabs and comments', () => {
    const r = functionArnEdits('functions.json', FUNCTIONS, 'squeezenet-classifier', alias);
    assert.ok(r);
    assert.equal(r.index, 1);
    assert.ok(r.text.includes(`\t\t\t\t"FunctionArn": "${alias}", // published by hand`), r.text);
    assert.ok(r.text.includes('"FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:other:live"'), 'the other function is unchanged');
    assert.equal(r.text.split('\n').length, FUNCTIONS.split('\n').length);
  });

  it('falls back to the entry whose Id is the function name, and says when there is none', () => {
    const text = JSON.stringify({ FunctionDefinitionId: 'x', Functions: [{ Id: 'detector', FunctionArn: 'TODO' }] }, null, 2);
    const r = functionArnEdits('f.json', text, 'detector', alias);
    assert.equal(r && JSON.parse(r.text).Functions[0].FunctionArn, alias);
    assert.equal(functionArnEdits('f.json', text, 'missing', alias), undefined);
  });

  it('parses Lambda ARNs and picks the runtime the core runs', () => {
    assert.deepEqual(parseLambdaArn(alias), { region: 'us-east-1', account: '123456789012', name: 'squeezenet-classifier', qualifier: 'live' });
    assert.equal(parseLambdaArn('arn:aws:s3:::bucket'), undefined);
    assert.equal(runtimeForCore('1.11.6'), 'python3.8');
    assert.equal(runtimeForCore('1.10.2'), 'python3.7');
    assert.equal(runtimeForCore(undefined), 'python3.8');
  });
});

describe('bulk deployment input file', () => {
  it('writes one JSON record per line and reads it back', () => {
    const records = [
      { GroupId: 'g1', GroupVersionId: 'v1', DeploymentType: 'NewDeployment' as const },
      { GroupId: 'g2', GroupVersionId: 'v2', DeploymentType: 'NewDeployment' as const },
    ];
    const text = bulkInputFile(records);
    assert.equal(text, '{"GroupId":"g1","GroupVersionId":"v1","DeploymentType":"NewDeployment"}\n{"GroupId":"g2","GroupVersionId":"v2","DeploymentType":"NewDeployment"}\n');
    assert.deepEqual(parseBulkInputFile(text), records);
    assert.throws(() => parseBulkInputFile('{"GroupId":"g"}'), /Line 1 .* not a deployment record/);
    assert.equal(classifyBulkStatus('Completed'), 'success');
    assert.equal(classifyBulkStatus('Failed'), 'failure');
    assert.equal(classifyBulkStatus('Running'), 'pending');
  });
});
