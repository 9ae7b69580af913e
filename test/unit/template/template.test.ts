import * as assert from 'node:assert/strict';
import { applyTextEdits, decodeBytes, detectKind } from '../../../src/core/lint';
import type { Finding } from '../../../src/core/lint';
import { decodeTemplate, isTemplate, RECOGNITION_WINDOW } from '../../../src/core/template';
import { join } from 'node:path';
import { fixturesRoot, loadFolder } from '../lint/support';
import { covered, groupAsTemplate, lintText, readTemplate } from './support';

const codesOf = (findings: readonly Finding[]) => findings.map((f) => f.code).filter((c) => c !== 'GGML-EOS001');

/** The SAM fixture with one line replaced (the line must be there). */
function samWith(from: string, to: string): string {
  const text = readTemplate('sam-inference.yaml');
  assert.ok(text.includes(from), `the fixture has ${from}`);
  return text.replace(from, to);
}

describe('templates: recognition', () => {
  it('recognises CloudFormation and SAM templates by content, whatever the file is called', () => {
    for (const name of ['template.yaml', 'stack.cfn.yaml', 'inference.template', 'infra/greengrass.yml', 'cfn.json']) {
      const text = name.endsWith('.json') ? readTemplate('cfn-inference.json') : readTemplate('sam-inference.yaml');
      assert.equal(detectKind(`/project/${name}`, text), 'template', name);
    }
    assert.equal(isTemplate('Transform: AWS::Serverless-2016-10-31\nResources: {}\n'), true);
    assert.equal(isTemplate('Resources:\n  R:\n    Type: AWS::Greengrass::ResourceDefinition\n'), true);
  });

  it('leaves other YAML and JSON alone, and decides from the head of a large file without parsing it', () => {
    assert.equal(detectKind('/project/docker-compose.yml', 'services:\n  web:\n    image: nginx\n'), 'unknown');
    assert.equal(detectKind('/project/package.json', '{"name": "x", "version": "1.0.0"}'), 'unknown');
    const big = `items:\n${'  - {name: item, value: 1}\n'.repeat(400_000)}`;
    assert.ok(big.length > 100 * RECOGNITION_WINDOW);
    const started = process.hrtime.bigint();
    assert.equal(isTemplate(big), false);
    assert.deepEqual(lintText('/project/data.yaml', big), []);
    // Parsing 10 MB of YAML takes seconds; the recognition reads 64 KB (the bound is loose for a loaded machine).
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1000, 'recognition stays cheap');
  });
});

describe('templates: the groups real templates hold', () => {
  it('a clean SAM template (AutoPublishAlias, !Ref F.Version, !GetAtt wiring, !Join ids, defaults) has only the end-of-support note', () => {
    const text = readTemplate('sam-inference.yaml');
    const findings = lintText('/project/template.yaml', text);
    assert.deepEqual(codesOf(findings), []);
    assert.deepEqual(covered(text, findings, 'GGML-EOS001'), ['AWS::Greengrass::CoreDefinition'], 'one note, on the first Greengrass resource');
  });

  it('a clean JSON template (Lambda Alias and Version, a DefinitionVersion linked by Ref, Fn::Sub with defaults) has only the note', () => {
    assert.deepEqual(codesOf(lintText('/project/cfn.json', readTemplate('cfn-inference.json'))), []);
  });

  it('!GetAtt F.Arn names no version: FN001 at the intrinsic, the function as related location', () => {
    const text = samWith('FunctionArn: !Ref ImageClassifier.Version', 'FunctionArn: !GetAtt ImageClassifier.Arn');
    const findings = lintText('/project/template.yaml', text);
    assert.deepEqual(covered(text, findings, 'GGML-FN001'), ['!GetAtt ImageClassifier.Arn']);
    const f = findings.find((x) => x.code === 'GGML-FN001')!;
    assert.match(f.message, /AutoPublishAlias/);
    assert.equal(text.slice(f.related![0]!.offset, f.related![0]!.offset + f.related![0]!.length), 'ImageClassifier');
  });

  it('!Ref of a Lambda function gives its name, not a qualified ARN: FN001 (JSON form)', () => {
    const text = readTemplate('cfn-inference.json').replace('"FunctionArn": { "Ref": "DetectorAlias" }', '"FunctionArn": { "Ref": "DetectorFunction" }');
    assert.deepEqual(covered(text, lintText('/project/cfn.json', text), 'GGML-FN001'), ['{ "Ref": "DetectorFunction" }']);
  });

  it('SAM !Ref F.Alias is qualified only with AutoPublishAlias', () => {
    const alias = samWith('FunctionArn: !Ref ImageClassifier.Version', 'FunctionArn: !Ref ImageClassifier.Alias');
    assert.deepEqual(codesOf(lintText('/project/template.yaml', alias)), []);
    const literal = samWith('FunctionArn: !Ref ImageClassifier.Version', 'FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:mxnet-image-classifier');
    assert.deepEqual(covered(literal, lintText('/project/template.yaml', literal), 'GGML-FN001'), ['arn:aws:lambda:us-east-1:123456789012:function:mxnet-image-classifier']);
  });

  it('the runtime comes from the function resource or SAM Globals, and is checked against Metadata coreVersion', () => {
    const old = samWith('    Runtime: python3.7', '    Runtime: python2.7');
    const f1 = lintText('/project/template.yaml', old);
    assert.deepEqual(covered(old, f1, 'GGML-FN003'), ['python2.7'], 'at the Globals entry');
    const newer = samWith('    Runtime: python3.7', '    Runtime: python3.8').replace('coreVersion: 1.11.6', 'coreVersion: 1.10');
    const f2 = lintText('/project/template.yaml', newer);
    assert.deepEqual(covered(newer, f2, 'GGML-FN002'), ['python3.8']);
    assert.match(f2.find((f) => f.code === 'GGML-FN002')!.message, /on 1\.10$/, 'coreVersion 1.10 is read as written, not as the number 1.1');
    const json = readTemplate('cfn-inference.json').replace('"Runtime": "python3.7"', '"Runtime": "nodejs8.10"');
    assert.deepEqual(covered(json, lintText('/project/cfn.json', json), 'GGML-FN003'), ['"nodejs8.10"']);
  });

  it('a function with more than 10 device resources, NoContainer access and a /dev/shm volume', () => {
    const text = readTemplate('devices-nocontainer.yaml');
    const findings = lintText('/project/pi.yaml', text);
    assert.deepEqual(codesOf(findings).sort(), ['GGML-ACC001', 'GGML-ACC002', 'GGML-XF003']);
    assert.deepEqual(covered(text, findings, 'GGML-XF003'), ['ResourceAccessPolicies']);
    assert.deepEqual(covered(text, findings, 'GGML-ACC002'), ['Permission: ro']);
    const device = text.replace('LocalVolumeResourceData:\n                SourcePath: /dev/shm\n                DestinationPath: /dev/shm', 'LocalDeviceResourceData:\n                SourcePath: /dev/shm');
    assert.deepEqual(covered(device, lintText('/project/pi.yaml', device), 'GGML-LR001'), ['/dev/shm'], '/dev/shm only as a volume');
  });

  it('two groups in one template are linted independently', () => {
    const text = readTemplate('two-groups.yaml');
    const findings = lintText('/project/two.yaml', text);
    // The gateway attaches "model", which only the camera group has; both groups may use the same function Id.
    assert.deepEqual(codesOf(findings), ['GGML-XF001']);
    const f = findings.find((x) => x.code === 'GGML-XF001')!;
    assert.ok(f.offset > text.indexOf('GatewayFunctions:'), 'reported in the gateway group');
    assert.equal(text.slice(f.related![0]!.offset, f.related![0]!.offset + f.related![0]!.length), 'GatewayResources');
  });

  it('definitions with no group are one group', () => {
    const text = readTemplate('two-groups.yaml');
    const orphan = text.slice(0, text.indexOf('  GatewayResources:'));
    const broken = orphan.replace('- {ResourceId: model, Permission: ro}', '- {ResourceId: missing-model, Permission: ro}');
    assert.deepEqual(covered(broken, lintText('/project/one.yaml', broken), 'GGML-XF001'), ['missing-model']);
  });
});

describe('templates: values built by intrinsics', () => {
  it('a !Ref to a parameter with a Default is checked against the Default, the finding there, the use related', () => {
    const text = samWith('S3Uri: !Sub s3://${ModelBucket}/${ModelKey}', 'S3Uri: !Ref ModelUri').replace('Parameters:\n', 'Parameters:\n  ModelUri:\n    Type: String\n    Default: s3://my-greengrass-models/squeezenet/model.pb\n');
    const findings = lintText('/project/template.yaml', text);
    assert.deepEqual(covered(text, findings, 'GGML-ML002'), ['s3://my-greengrass-models/squeezenet/model.pb']);
    const f = findings.find((x) => x.code === 'GGML-ML002')!;
    assert.match(f.message, /Default of parameter ModelUri/);
    assert.equal(text.slice(f.related![0]!.offset, f.related![0]!.offset + f.related![0]!.length), '!Ref ModelUri');
  });

  it('!Sub of parameters with Defaults is checked at the use, each Default related', () => {
    const text = samWith('    Default: my-greengrass-models', '    Default: my.greengrass.models');
    const findings = lintText('/project/template.yaml', text);
    assert.deepEqual(covered(text, findings, 'GGML-ML003'), ['!Sub s3://${ModelBucket}/${ModelKey}']);
    assert.deepEqual(findings.find((x) => x.code === 'GGML-ML003')!.related!.map((r) => text.slice(r.offset, r.offset + r.length)), ['my.greengrass.models', 'squeezenet/squeezenet_v1.1.tar.gz']);
  });

  it('!Sub without variables is a literal', () => {
    const text = samWith('S3Uri: !Sub s3://${ModelBucket}/${ModelKey}', 'S3Uri: !Sub s3://my-greengrass-models/model.pb');
    assert.deepEqual(covered(text, lintText('/project/template.yaml', text), 'GGML-ML002'), ['!Sub s3://my-greengrass-models/model.pb']);
  });

  it('a value no Default or literal decides is never a finding', () => {
    let text = samWith('S3Uri: !Sub s3://${ModelBucket}/${ModelKey}', 'S3Uri: !Sub s3://${AWS::AccountId}-models/${ModelKey}.pb');
    text = text.replace('DestinationPath: /greengrass-machine-learning/mxnet/squeezenet', 'DestinationPath: !If [IsPi, /ml/pi, /ml/other]');
    text = text.replace('Permission: rw\n                  - ResourceId: shared-memory', 'Permission: !FindInMap [Access, !Ref AWS::Region, camera]\n                  - ResourceId: shared-memory');
    text = text.replace('MXNET_ENGINE_TYPE: NaiveEngine', 'MXNET_ENGINE_TYPE: !ImportValue shared-engine');
    assert.deepEqual(codesOf(lintText('/project/template.yaml', text)), []);
  });

  it('an OwnerSetting whose GroupOwner is an intrinsic is not incomplete', () => {
    const text = readTemplate('devices-nocontainer.yaml').replace(
      'DestinationPath: /greengrass-machine-learning/mxnet/squeezenet',
      'DestinationPath: /greengrass-machine-learning/mxnet/squeezenet\n                OwnerSetting:\n                  GroupOwner: !Ref InferenceGroupId\n                  GroupPermission: ro',
    );
    const findings = lintText('/project/pi.yaml', text);
    assert.deepEqual(codesOf(findings).sort(), ['GGML-ACC002', 'GGML-XF003'], 'ACC001 is satisfied, and no ACC005');
  });

  it('resource ids built with !Join or !Sub from Defaults match the ids the functions use', () => {
    const text = readTemplate('two-groups.yaml').replace('- Id: model\n            Name: model', '- Id: !Join [-, [defect, model]]\n            Name: !Sub "${Prefix}model"').replace('- {ResourceId: model, Permission: ro}', '- {ResourceId: defect-model, Permission: ro}').replace('Resources:\n  CameraResources', 'Parameters:\n  Prefix: {Type: String, Default: "defect-"}\nResources:\n  CameraResources');
    const findings = lintText('/project/two.yaml', text);
    assert.deepEqual(findings.filter((f) => f.code === 'GGML-XF001').map((f) => text.slice(f.offset, f.offset + f.length)), ['model'], 'only the gateway\'s stray reference');
  });
});

describe('templates: an isolation mode built by an intrinsic', () => {
  it('IsolationMode through !If is unknown: neither the containerized nor the NoContainer rules claim it', () => {
    // The model resource has an OwnerSetting; only a containerized user would make it unneeded (ACC011).
    const withOwner = samWith('DestinationPath: /greengrass-machine-learning/mxnet/squeezenet', 'DestinationPath: /greengrass-machine-learning/mxnet/squeezenet\n                OwnerSetting: {GroupOwner: ggc_group, GroupPermission: ro}');
    const contained = withOwner.replace('IsolationMode: GreengrassContainer', 'IsolationMode: !If [OnPi, GreengrassContainer, NoContainer]').replace('Globals:', 'Conditions:\n  OnPi: !Equals [!Ref CoreName, pi-core]\n\nGlobals:');
    assert.ok(codesOf(lintText('/p/t.yaml', withOwner)).includes('GGML-ACC011'), 'the literal containerized mode makes the OwnerSetting unneeded');
    assert.ok(!codesOf(lintText('/p/t.yaml', contained)).includes('GGML-ACC011'), 'with !If the mode is unknown: no ACC011');
  });
});

describe('templates: IAM roles Greengrass assumes', () => {
  const base = readTemplate('two-groups.yaml').replace('s3://my-greengrass-models/defects.tar.gz', 's3://factory-models/defects.tar.gz');
  const role = (policies: string) =>
    base.replace(
      '  CameraGroup:\n',
      `  ServiceRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: [greengrass.amazonaws.com]}
            Action: sts:AssumeRole
${policies}
  CameraGroup:
`,
    );

  it('a model bucket no policy of the role covers is reported at the S3Uri, the role related', () => {
    const text = role('      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/service-role/AWSGreengrassResourceAccessRolePolicy\n');
    const findings = lintText('/project/t.yaml', text);
    assert.deepEqual(covered(text, findings, 'GGML-IAM005'), ['s3://factory-models/defects.tar.gz']);
    const related = findings.find((f) => f.code === 'GGML-IAM005')!.related!;
    assert.ok(related.some((r) => text.slice(r.offset, r.offset + r.length) === 'ServiceRole'));
  });

  it('inline policies, AWS::IAM::Policy resources naming the role, and the managed policy all count', () => {
    const inline = role(`      Policies:
        - PolicyName: models
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: s3:GetObject, Resource: arn:aws:s3:::factory-models/*}
`);
    assert.deepEqual(codesOf(lintText('/project/t.yaml', inline)), ['GGML-XF001']);
    const attached = `${role('')}  ModelAccess:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: model-access
      Roles: [!Ref ServiceRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [s3:GetObject]
            Resource: !Sub arn:aws:s3:::\${ModelBucketName}/*
`;
    assert.deepEqual(codesOf(lintText('/project/t.yaml', attached)), ['GGML-XF001'], 'a resource no Default decides may cover the bucket');
    const sagemaker = role('      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSGreengrassResourceAccessRolePolicy]\n').replace('s3://factory-models/', 's3://sagemaker-us-east-1-models/');
    assert.deepEqual(codesOf(lintText('/project/t.yaml', sagemaker)), ['GGML-XF001'], 'the managed policy covers *sagemaker* buckets');
  });

  it('the IAM rules run on the policy documents of Greengrass roles only', () => {
    const text = role(`      Policies:
        - PolicyName: models
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: "s3:*", Resource: "arn:aws:s3:::factory-models"}
`);
    const findings = lintText('/project/t.yaml', text);
    assert.deepEqual(codesOf(findings).sort(), ['GGML-IAM001', 'GGML-IAM004', 'GGML-IAM005', 'GGML-XF001'], 'a bucket ARN covers no model object');
    assert.deepEqual(covered(text, findings, 'GGML-IAM004'), ['"s3:*"']);
    const lambdaRole = readTemplate('cfn-inference.json');
    assert.ok(lambdaRole.includes('"Action": "s3:*"'), 'the Lambda execution role of the JSON fixture grants s3:*');
    assert.deepEqual(codesOf(lintText('/project/cfn.json', lambdaRole)), []);
  });
});

describe('templates: bad input', () => {
  const timed = (text: string, path = '/project/bad.yaml'): { findings: Finding[]; ms: number } => {
    const started = process.hrtime.bigint();
    const findings = lintText(path, text);
    return { findings, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  const header = 'AWSTemplateFormatVersion: "2010-09-09"\n';

  it('a YAML bomb (aliases of aliases) is refused in bounded time with a clear finding', () => {
    let text = `${header}a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n`;
    for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    text += 'Resources:\n  R:\n    Type: AWS::Greengrass::ResourceDefinition\n    Properties: {InitialVersion: {Resources: *a11}}\n';
    const { findings, ms } = timed(text);
    assert.ok(ms < 15_000, `took ${ms} ms`);
    const f = findings.find((x) => x.code === 'GGML-TPL001');
    assert.ok(f, JSON.stringify(findings));
    assert.match(f.message, /aliases expand to more than \d+ values/);
  });

  it('a huge anchor used a few times is expanded and linted', () => {
    const entries = Array.from({ length: 500 }, (_, i) => `    - {Id: dev-${i}, Name: dev-${i}, ResourceDataContainer: {LocalDeviceResourceData: {SourcePath: /dev/video${i}}}}`).join('\n');
    const text = `${header}Mappings:\n  Shared: &shared\n${entries.replace(/^ {4}/gm, '      ')}\nResources:\n  A:\n    Type: AWS::Greengrass::ResourceDefinition\n    Properties: {InitialVersion: {Resources: *shared}}\n  B:\n    Type: AWS::Greengrass::ResourceDefinition\n    Properties: {InitialVersion: {Resources: *shared}}\n`.replace('  Shared: &shared\n', '  Shared: &shared\n');
    const { findings, ms } = timed(text);
    assert.ok(ms < 15_000, `took ${ms} ms`);
    assert.deepEqual(codesOf(findings), []);
  });

  it('deep nesting is refused, YAML or JSON, without exhausting the stack', () => {
    const yaml = `${header}Resources: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const json = `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    for (const [text, path] of [[yaml, '/p/t.yaml'], [json, '/p/t.json']] as const) {
      const { findings, ms } = timed(text, path);
      assert.ok(ms < 15_000, `took ${ms} ms`);
      assert.deepEqual(findings.map((f) => f.code), ['GGML-JSON004'], path);
    }
  });

  it('a duplicate key is an error, and the last value is the one linted (YAML and JSON alike)', () => {
    const yaml = samWith('                S3Uri: !Sub s3://${ModelBucket}/${ModelKey}\n', '                S3Uri: s3://my-greengrass-models/model.tar.gz\n                S3Uri: s3://my-greengrass-models/model.pb\n');
    const y = lintText('/project/template.yaml', yaml);
    assert.deepEqual(covered(yaml, y, 'GGML-JSON005'), ['S3Uri']);
    const dup = y.find((f) => f.code === 'GGML-JSON005')!;
    assert.ok(dup.offset < dup.related![0]!.offset, 'the finding is on the earlier, ignored key, the last one related');
    assert.deepEqual(covered(yaml, y, 'GGML-ML002'), ['s3://my-greengrass-models/model.pb']);
    const json = readTemplate('cfn-inference.json').replace('"DestinationPath": "/ml_model"', '"DestinationPath": "/ml_model", "DestinationPath": "ml_model"');
    const j = lintText('/project/cfn.json', json);
    assert.equal(covered(json, j, 'GGML-JSON005').length, 1);
    assert.deepEqual(covered(json, j, 'GGML-ML006'), ['"ml_model"']);
  });

  it('tabs used for indentation and several documents are reported', () => {
    const tabs = `${header}Resources:\n\tR:\n\t\tType: AWS::Greengrass::CoreDefinition\n`;
    const t = lintText('/project/tabs.yaml', tabs);
    assert.ok(t.some((f) => f.code === 'GGML-TPL001' && /tab/i.test(f.message)), JSON.stringify(t));
    const docs = `${readTemplate('sam-inference.yaml')}---\nResources: {}\n`;
    const d = lintText('/project/two-docs.yaml', docs);
    assert.deepEqual(covered(docs, d, 'GGML-TPL001'), ['---']);
    assert.deepEqual(codesOf(d), ['GGML-TPL001'], 'the first document is still linted');
  });

  it('malformed YAML gets a position and the parser\'s reason', () => {
    const text = `${header}Resources:\n  R:\n    Type: AWS::Greengrass::CoreDefinition\n    Properties: {InitialVersion: [\n`;
    const f = lintText('/project/broken.yaml', text).filter((x) => x.code === 'GGML-TPL001');
    assert.ok(f.length > 0);
    assert.match(f[0]!.message, /^The YAML is malformed; fix the syntax: /);
  });

  it('bytes that are not UTF-8 are refused before any parse', () => {
    const bytes = Buffer.concat([Buffer.from(header), Buffer.from([0xff, 0xfe, 0x41])]);
    const decoded = decodeBytes(bytes);
    assert.ok('problem' in decoded && decoded.kind === 'encoding', JSON.stringify(decoded));
    assert.equal(decoded.problem, 'The file is not UTF-8 text; save it as UTF-8');
  });
});

describe('templates: suppression comments', () => {
  it('# greengrass-ml-disable-next-line in YAML and // comments in JSON templates silence the named rule', () => {
    const bad = samWith('    Runtime: python3.7', '    Runtime: python2.7');
    assert.ok(codesOf(lintText('/p/t.yaml', bad)).includes('GGML-FN003'));
    const directive = bad.replace('    Runtime: python2.7', '    # greengrass-ml-disable-next-line GGML-FN003 -- the devices still run 2.7\n    Runtime: python2.7');
    assert.deepEqual(codesOf(lintText('/p/t.yaml', directive)), []);
    const file = `# greengrass-ml-disable GGML-EOS001\n${bad}`;
    assert.deepEqual(lintText('/p/t.yaml', file).map((f) => f.code), ['GGML-FN003']);
    const json = readTemplate('cfn-inference.json').replace('"Runtime": "python3.7",', '// greengrass-ml-disable-next-line GGML-FN003\n        "Runtime": "python2.7",');
    assert.deepEqual(codesOf(lintText('/p/cfn.json', json)), []);
  });
});

describe('templates: quick fixes', () => {
  it('a fix that replaces a written value applies in YAML, keeping comments and anchors', () => {
    const text = readTemplate('devices-nocontainer.yaml').replace('- {ResourceId: shm-volume, Permission: rw}', '- {ResourceId: shm-volume, Permission: rwx}  # shared frames');
    const f = lintText('/p/pi.yaml', text).find((x) => x.code === 'GGML-XF002')!;
    assert.ok(f.fixes?.length, 'the permission fix is offered');
    const after = applyTextEdits(text, f.fixes[0]!.edits[0]!.edits);
    assert.ok(after.includes('- {ResourceId: shm-volume, Permission: "rw"}  # shared frames'));
    assert.ok(after.includes('- &device\n'), 'the anchor is kept');
    assert.deepEqual(codesOf(lintText('/p/pi.yaml', after)).sort(), ['GGML-ACC001', 'GGML-ACC002', 'GGML-XF003']);
  });

  it('the permission fix replaces a value written in place only, so it never breaks a half-edited template', () => {
    // A user deleted the value and joined the next list item onto the line, while the first line is mid-edit.
    const group = groupAsTemplate(loadFolder(join(fixturesRoot, 'rules', 'GGML-MAN006', 'bad')), 'yaml')!;
    const from = 'ResourceId: shm\n                    Permission: rw\n                  - ResourceId: token';
    assert.ok(group.includes(from), 'the fixture has the policy');
    const text = `!Ref ModelUri${group.replace(from, 'ResourceId: shm\n                    Permission:\t                  - ResourceId: token')}`;
    const syntax = (t: string) => decodeTemplate(t, 'yaml').problems.filter((p) => p.code === 'GGML-TPL001').length;
    for (const f of lintText('/p/t.yaml', text, {}).filter((x) => x.code === 'GGML-XF002' || x.code === 'GGML-LR003')) {
      for (const fix of f.fixes ?? []) {
        const after = applyTextEdits(text, fix.edits[0]!.edits);
        assert.ok(syntax(after) <= syntax(text), `${f.code} "${fix.title}" breaks the template:\n${after}`);
      }
    }
    assert.ok(lintText('/p/t.yaml', text, {}).some((x) => x.code === 'GGML-XF002'), 'the missing permission is still reported');
  });

  it('renaming a resource Id renames its uses in the group, in YAML', () => {
    const text = readTemplate('two-groups.yaml').replace(/\bbuffer\b/g, 'frame buffer');
    const f = lintText('/p/two.yaml', text).find((x) => x.code === 'GGML-ID001' && text.slice(x.offset, x.offset + x.length) === 'frame buffer')!;
    const after = applyTextEdits(text, f.fixes![0]!.edits.flatMap((e) => e.edits));
    assert.ok(after.includes('- Id: "frame-buffer"') && after.includes('{ResourceId: "frame-buffer", Permission: rw}'), after);
  });

  it('no fix rewrites an intrinsic, and structural fixes wait for the YAML document model', () => {
    const viaDefault = samWith('S3Uri: !Sub s3://${ModelBucket}/${ModelKey}', 'S3Uri: !Ref ModelUri').replace('Parameters:\n', 'Parameters:\n  ModelUri:\n    Type: String\n    Default: https://my-greengrass-models.s3.amazonaws.com/model.tar.gz\n');
    const ml001 = lintText('/p/t.yaml', viaDefault).find((x) => x.code === 'GGML-ML001')!;
    assert.ok(ml001, 'the Default is checked');
    assert.equal(ml001.fixes, undefined);
    const owner = readTemplate('devices-nocontainer.yaml').replace('DestinationPath: /greengrass-machine-learning/mxnet/squeezenet', 'DestinationPath: /greengrass-machine-learning/mxnet/squeezenet\n                OwnerSetting: {GroupOwner: "1001"}');
    const acc005 = lintText('/p/pi.yaml', owner).find((x) => x.code === 'GGML-ACC005')!;
    assert.ok(acc005);
    assert.equal(acc005.fixes, undefined);
  });

  it('the same fix applies in a JSON template', () => {
    const text = readTemplate('cfn-inference.json').replace('"MemorySize": 1048576', '"MemorySize": 1024');
    const f = lintText('/p/cfn.json', text).find((x) => x.code === 'GGML-FN004')!;
    const after = applyTextEdits(text, f.fixes![0]!.edits[0]!.edits);
    assert.ok(after.includes('"MemorySize": 1048576'));
    assert.deepEqual(codesOf(lintText('/p/cfn.json', after)), []);
  });
});
