import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  applyTextEdits,
  decodeBytes,
  dependentsOf,
  detectKind,
  joinRelative,
  lintDocument,
  manifestPathFor,
} from '../../../src/core/lint';
import type { DocumentKind, LintHost } from '../../../src/core/lint';
import { parseJson, prop, scopedSetEdits, setEdits } from '../../../src/core/lint/json';
import { readGroupFiles } from '../../../src/core/deploy/group';
import { fixturesRoot, hostOf, lintFile, loadFolder, strict } from './support';

const none: LintHost = { readFile: () => undefined };
const resources = JSON.stringify({ Resources: [{ Id: 'm', Name: 'm', ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: 's3://b/m.zip', DestinationPath: '/m' } } }] });

describe('document detection', () => {
  const byName: [string, DocumentKind][] = [
    ['/g/greengrass-ml.json', 'manifest'],
    ['/g/resource-definition.json', 'resourceDefinition'],
    ['/g/ml.resource-definition.json', 'resourceDefinition'],
    ['/g/function-definition.json', 'functionDefinition'],
    ['/g/pi.function-definition.jsonc', 'functionDefinition'],
    ['/g/core-definition.json', 'coreDefinition'],
    ['/g/subscription-definition.json', 'subscriptionDefinition'],
    ['/g/a.device-definition.json', 'deviceDefinition'],
    ['/g/service-role-policy.json', 'iamPolicy'],
    ['/g/models.policy.json', 'iamPolicy'],
    ['file:///c%3A/g/resource-definition.json', 'resourceDefinition'],
    ['C:\\g\\core-definition.json', 'coreDefinition'],
  ];
  for (const [path, kind] of byName) {
    it(`by file name: ${path} → ${kind}`, () => assert.equal(detectKind(path, ''), kind));
  }

  const byContent: [string, unknown, DocumentKind][] = [
    ['create-resource-definition input', { Name: 'r', InitialVersion: { Resources: [] } }, 'resourceDefinition'],
    ['create-resource-definition-version input', { ResourceDefinitionId: 'x', Resources: [] }, 'resourceDefinition'],
    ['get-resource-definition-version output', { Arn: 'a', Definition: { Resources: [] }, Id: 'x', Version: 'v' }, 'resourceDefinition'],
    ['bare resources', { Resources: [] }, 'resourceDefinition'],
    ['create-function-definition input', { Name: 'f', InitialVersion: { DefaultConfig: {}, Functions: [] } }, 'functionDefinition'],
    ['create-function-definition-version input', { FunctionDefinitionId: 'x', Functions: [] }, 'functionDefinition'],
    ['get-core-definition-version output', { Definition: { Cores: [] } }, 'coreDefinition'],
    ['create-subscription-definition input', { InitialVersion: { Subscriptions: [] } }, 'subscriptionDefinition'],
    ['create-device-definition-version input', { DeviceDefinitionId: 'x', Devices: [] }, 'deviceDefinition'],
    ['IAM policy', { Version: '2012-10-17', Statement: [] }, 'iamPolicy'],
    ['IAM policy with one statement object', { Statement: { Effect: 'Allow' } }, 'iamPolicy'],
    ['a CloudFormation template (Resources is an object)', { Resources: { Group: {} } }, 'unknown'],
    ['package.json', { name: 'x' }, 'unknown'],
  ];
  for (const [label, value, kind] of byContent) {
    it(`by content: ${label} → ${kind}`, () => assert.equal(detectKind('/g/input.json', JSON.stringify(value)), kind));
  }

  it('by content for JSONC with comments', () => {
    assert.equal(detectKind('/g/x.jsonc', '// a\n{ "Cores": [], }'), 'coreDefinition');
  });
  it('not by content for text that is not JSON', () => {
    assert.equal(detectKind('/g/notes.txt', 'Resources: []'), 'unknown');
  });
});

describe('bad input', () => {
  const path = '/g/resource-definition.json';
  it('malformed JSON gives parse findings with positions inside the text', () => {
    const text = '{ "Resources": [ { "Id": "a", } ';
    const findings = lintDocument({ path, text }, none, strict);
    const parse = findings.filter((f) => f.code === 'GGML-JSON001');
    assert.ok(parse.length > 0);
    for (const f of findings) assert.ok(f.offset >= 0 && f.offset + f.length <= text.length);
  });
  it('an empty file gives one informational finding', () => {
    const findings = lintDocument({ path, text: '  \n' }, none, strict);
    assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['GGML-JSON003', 'info']]);
  });
  it('an empty file of no known kind gives nothing', () => {
    assert.deepEqual(lintDocument({ path: '/g/other.json', text: '' }, none, strict), []);
  });
  it('a file over the size limit gives one informational finding instead of a lint', () => {
    const text = `{"Resources": [${'{"Id": "a b"},'.repeat(80_000)}{}]}`;
    assert.ok(text.length > 1024 * 1024);
    const findings = lintDocument({ path, text }, none, strict);
    assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['GGML-JSON002', 'info']]);
    const small = '{"Resources": [{"Id": "a b"}]}';
    assert.deepEqual(lintDocument({ path, text: small }, none, { ...strict, maxSize: 10 }).map((f) => f.code), ['GGML-JSON002']);
    assert.ok(lintDocument({ path, text: small }, none, { ...strict, maxSize: Infinity }).some((f) => f.code === 'GGML-ID001'));
  });
  it('very deep nesting does not overflow the stack', () => {
    const text = `{"Resources": ${'['.repeat(200_000)}`;
    const findings = lintDocument({ path, text }, none, strict);
    assert.deepEqual(findings.map((f) => f.code), ['GGML-JSON004']);
    assert.doesNotThrow(() => detectKind('/g/x.json', text));
  });
  it('a byte order mark keeps offsets aligned with the text', () => {
    const text = `\ufeff{"Resources": [{"Id": "bad id", "Name": "n", "ResourceDataContainer": {"LocalDeviceResourceData": {"SourcePath": "/dev/x"}}}]}`;
    const f = lintDocument({ path, text }, none, strict).find((x) => x.code === 'GGML-ID001');
    assert.ok(f);
    assert.equal(text.slice(f.offset, f.offset + f.length), '"bad id"');
  });
  it('decodes UTF-8 (dropping a BOM) and refuses binary and non-UTF-8 bytes', () => {
    assert.deepEqual(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])), { text: '{}' });
    assert.match((decodeBytes(new Uint8Array([0x7b, 0x00, 0x7d])) as { problem: string }).problem, /binary/);
    assert.match((decodeBytes(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])) as { problem: string }).problem, /UTF-8/);
  });
  it('calls UTF-16 text UTF-16 (with or without a byte order mark), not binary', () => {
    const text = '{ "Resources": [] }';
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), Buffer.from(text, 'utf16le'), Buffer.from(text, 'utf16le').swap16()]) {
      assert.equal((decodeBytes(bytes) as { problem: string }).problem, 'The file is UTF-16 text; save it as UTF-8');
    }
  });
  it('elides a value of unbounded length in a message', () => {
    const id = `bad id ${'x'.repeat(100_000)}`;
    const text = JSON.stringify({ Resources: [{ Id: id, Name: 'n', ResourceDataContainer: { LocalDeviceResourceData: { SourcePath: '/dev/x' } } }] });
    const f = lintDocument({ path, text }, none, strict).find((x) => x.code === 'GGML-ID001');
    assert.ok(f);
    assert.ok(f.message.length < 500, `${f.message.length} characters`);
    assert.match(f.message, /xxx… \(\d+ characters\)$/);
  });
});

describe('repeated keys', () => {
  const manifest = '/g/greengrass-ml.json';
  const text = '{\n  "name": "line-3",\n  "region": "us-east-1",\n  "coreVersion": "1.11.6",\n  "definitions": { "core": "core-definition.json" },\n  "region": "x@127.0.0.1:46014/?"\n}\n';
  const core = '{ "Cores": [ { "Id": "c", "ThingArn": "arn:aws:iot:us-east-1:123456789012:thing/c", "CertificateArn": "arn:aws:iot:us-east-1:123456789012:cert/0" } ] }';
  it('are checked on the last value, the one deploy reads, and the earlier ones are errors', async () => {
    const findings = lintDocument({ path: manifest, text }, none, strict);
    const dup = findings.filter((f) => f.code === 'GGML-JSON005');
    assert.equal(dup.length, 1);
    assert.equal(dup[0]!.severity, 'error');
    assert.equal(text.slice(dup[0]!.offset, dup[0]!.offset + dup[0]!.length), '"region"');
    assert.ok(dup[0]!.offset < text.indexOf('"coreVersion"'), 'the ignored (first) key is the one reported');
    assert.ok(findings.some((f) => f.code === 'GGML-MAN002' && f.message.includes('x@127.0.0.1:46014/?')), 'the value that counts is checked');
    // Deploy, JSON.parse and the linter agree on which value counts.
    const read = await readGroupFiles(manifest, (p) => Promise.resolve(p === manifest ? text : p === '/g/core-definition.json' ? core : undefined));
    assert.equal(read.manifest.region, 'x@127.0.0.1:46014/?');
    assert.equal(prop(parseJson(text).root, 'region')?.value, (JSON.parse(text) as { region: string }).region);
  });
  it('leave the document without quick fixes, which would edit the ignored key', () => {
    const policy = '{ "Version": "2012-10-17", "Version": "2008-10-17", "Statement": [] }';
    const version = lintDocument({ path: '/g/service-role-policy.json', text: policy }, none, strict).find((f) => f.code === 'GGML-IAM001');
    assert.ok(version, 'the version that counts (the last) is checked');
    assert.equal(policy.slice(version.offset, version.offset + version.length), '"2008-10-17"');
    assert.equal(version.fixes, undefined);
  });
  it('in nested objects are reported, and a key repeated in different objects is not', () => {
    const policy = '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Deny", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }, { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b" } ] }';
    const dup = lintDocument({ path: '/g/service-role-policy.json', text: policy }, none, strict).filter((f) => f.code === 'GGML-JSON005');
    assert.deepEqual(dup.map((f) => policy.slice(f.offset, f.offset + f.length)), ['"Effect"']);
    assert.equal(dup[0]!.offset, policy.indexOf('"Effect"'));
  });
});

describe('suppression and severities', () => {
  const path = '/g/resource-definition.json';
  const text = [
    '{',
    '  "Resources": [',
    '    {',
    '      // greengrass-ml-disable-next-line GGML-ID001',
    '      "Id": "bad id",',
    '      "Name": "bad name",',
    '      "ResourceDataContainer": { "LocalDeviceResourceData": { "SourcePath": "/dev/x" } }',
    '    }',
    '  ]',
    '}',
  ].join('\n');
  const ids = (t: string, options = strict) => lintDocument({ path, text: t }, none, options).filter((f) => f.code === 'GGML-ID001');

  it('disable-next-line hides the named rule on the next line only', () => {
    const found = ids(text);
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0]!.offset, found[0]!.offset + found[0]!.length), '"bad name"');
  });
  it('disable-next-line at the start of a line (right after the line break) hides the next line, not the one after', () => {
    const atColumn0 = text.replace('      // greengrass-ml-disable-next-line GGML-ID001', '// greengrass-ml-disable-next-line GGML-ID001');
    assert.deepEqual(ids(atColumn0).map((f) => atColumn0.slice(f.offset, f.offset + f.length)), ['"bad name"']);
    const crlf = atColumn0.replace(/\n/g, '\r\n');
    assert.deepEqual(ids(crlf).map((f) => crlf.slice(f.offset, f.offset + f.length)), ['"bad name"']);
  });
  it('disable-next-line with another code hides nothing', () => {
    assert.equal(ids(text.replace('disable-next-line GGML-ID001', 'disable-next-line GGML-ML001')).length, 2);
  });
  it('disable for the file hides the named rules everywhere, and all rules without codes', () => {
    assert.equal(ids(`// greengrass-ml-disable GGML-ID001, GGML-EOS001\n${text}`).length, 0);
    assert.deepEqual(lintDocument({ path, text: `/* greengrass-ml-disable */\n${text}` }, none, strict), []);
  });
  it('severities override defaults and "off" drops a rule', () => {
    const plain = text.replace('greengrass-ml-disable-next-line', 'note');
    assert.deepEqual(ids(plain, { ...strict, severities: { 'GGML-ID001': 'warning' } }).map((f) => f.severity), ['warning', 'warning']);
    assert.equal(ids(plain, { ...strict, severities: { 'GGML-ID001': 'off' } }).length, 0);
  });
  it('one end-of-support note per document, with the link', () => {
    const eos = lintDocument({ path, text }, none, strict).filter((f) => f.code === 'GGML-EOS001');
    assert.equal(eos.length, 1);
    assert.equal(eos[0]!.severity, 'info');
    assert.match(eos[0]!.message, /2026-10-07.*https:\/\/docs\.aws\.amazon\.com\/greengrass\/v1\//);
  });
});

describe('groups across files', () => {
  it('joins manifest-relative names to paths and URIs', () => {
    assert.equal(joinRelative('/w/g/greengrass-ml.json', 'resources.json'), '/w/g/resources.json');
    assert.equal(joinRelative('/w/g/greengrass-ml.json', './defs/../shared/policy.json'), '/w/g/shared/policy.json');
    assert.equal(joinRelative('/w/g/greengrass-ml.json', '../policy.json'), '/w/policy.json');
    assert.equal(joinRelative('file:///w/my%20g/greengrass-ml.json', 'a b.json'), 'file:///w/my%20g/a%20b.json');
    assert.equal(joinRelative('file:///greengrass-ml.json', '../../x.json'), 'file:///x.json');
    assert.equal(joinRelative('C:\\w\\g\\greengrass-ml.json', 'r.json'), 'C:\\w\\g\\r.json');
    assert.equal(manifestPathFor('vscode-vfs://host/w/g/f.json'), 'vscode-vfs://host/w/g/greengrass-ml.json');
  });

  it('lists the dependents of a manifest and of a definition file', () => {
    const dir = join(fixturesRoot, 'clean');
    const files = loadFolder(dir);
    const host = hostOf(files);
    const fromManifest = dependentsOf(join(dir, 'greengrass-ml.json'), host).map((p) => p.slice(dir.length + 1)).sort();
    assert.deepEqual(fromManifest, ['core-definition.json', 'function-definition.json', 'resource-definition.json', 'service-role-policy.json']);
    const fromResources = dependentsOf(join(dir, 'resource-definition.json'), host).map((p) => p.slice(dir.length + 1)).sort();
    assert.deepEqual(fromResources, ['core-definition.json', 'function-definition.json', 'greengrass-ml.json', 'service-role-policy.json']);
    assert.deepEqual(dependentsOf('/nowhere/resource-definition.json', host), []);
  });

  it('an edit in the resource definition changes the function definition\'s findings', () => {
    const dir = join(fixturesRoot, 'clean');
    const files = loadFolder(dir);
    const fnPath = join(dir, 'function-definition.json');
    assert.equal(lintFile(files, fnPath).filter((f) => f.code === 'GGML-XF001').length, 0);
    const resPath = join(dir, 'resource-definition.json');
    files.set(resPath, files.get(resPath)!.replace('"Id": "camera"', '"Id": "webcam"'));
    const xf = lintFile(files, fnPath).filter((f) => f.code === 'GGML-XF001');
    assert.equal(xf.length, 1);
    assert.match(xf[0]!.message, /: camera$/);
  });

  it('a file the manifest does not name uses the folder\'s settings but no partner files', () => {
    const dir = join(fixturesRoot, 'clean');
    const files = loadFolder(dir);
    const extra = join(dir, 'extra.function-definition.json');
    files.set(extra, JSON.stringify({ Functions: [{ Id: 'f', FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f:1', FunctionConfiguration: { Environment: { ResourceAccessPolicies: [{ ResourceId: 'nope' }] } } }] }));
    assert.deepEqual(lintFile(files, extra).map((f) => f.code), ['GGML-EOS001']);
  });

  it('applies text edits', () => {
    assert.equal(applyTextEdits('{"a": 1}', [{ offset: 6, length: 1, content: '2' }]), '{"a": 2}');
  });

  it('never throws, even when the host does', () => {
    const host: LintHost = { readFile: () => { throw new Error('disk on fire'); } };
    assert.doesNotThrow(() => lintDocument({ path: '/g/function-definition.json', text: resources }, host));
    assert.deepEqual(dependentsOf('/g/resource-definition.json', host), []);
  });
});

describe('edits that keep formatting', () => {
  it('a fix computed on the enclosing object gives the same text as one computed on the whole document', () => {
    const text = '{\n  // keep\n  "Functions": [\n    {\n      "Id": "f",\n      "FunctionConfiguration": {\n        "MemorySize": 16384,\n        "Timeout": 3\n      }\n    }\n  ]\n}\n';
    const root = parseJson(text).root;
    const cases: [(string | number)[], unknown][] = [
      [['Functions', 0, 'FunctionConfiguration', 'MemorySize'], undefined],
      [['Functions', 0, 'FunctionConfiguration', 'Timeout'], undefined],
      [['Functions', 0, 'FunctionConfiguration', 'Environment', 'Variables', 'MXNET_ENGINE_TYPE'], 'NaiveEngine'],
      [['Functions', 0, 'FunctionConfiguration', 'Pinned'], true],
    ];
    for (const [path, value] of cases) {
      const whole = applyTextEdits(text, setEdits(text, path, value));
      const scoped = applyTextEdits(text, scopedSetEdits(text, root, path, value));
      assert.equal(scoped, whole, `path ${path.join('.')}`);
    }
  });
});

describe('findings as data', () => {
  it('fixes survive JSON serialization and structured cloning with their edits (for the CLI and the editor)', () => {
    const files = loadFolder(join(fixturesRoot, 'rules', 'GGML-ACC002', 'bad'));
    const path = [...files.keys()].find((p) => p.endsWith('function-definition.json'))!;
    const finding = lintFile(files, path).find((f) => f.code === 'GGML-ACC002');
    assert.ok(finding?.fixes?.length);
    const viaJson = JSON.parse(JSON.stringify(finding)) as typeof finding;
    const cloned = structuredClone(finding);
    for (const copy of [viaJson, cloned]) {
      assert.deepEqual(copy.fixes![0]!.edits, finding.fixes[0]!.edits);
      assert.ok(copy.fixes![0]!.edits[0]!.edits.length > 0);
    }
  });
});
