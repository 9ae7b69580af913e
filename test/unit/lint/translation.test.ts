// The linter speaks the user's language: with a translation loaded (the editor hands the language server the
// extension's bundle), every diagnostic message, related note, quick-fix title and configuration error comes from it,
// while the values it quotes (ids, ARNs, paths, rule codes) stay as written.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { lintDocument, suppressionFixes } from '../../../src/core/lint';
import type { Finding } from '../../../src/core/lint';
import { parseLintConfig } from '../../../src/core/lint/config';
import { checkPythonHandler } from '../../../src/core/python';
import { templateCompletions, templateHover } from '../../../src/core/template/hover';
import { codes as codesOf, hostOf, repoRoot, strict } from './support';
import type { Files } from './support';
import { openDocument, startStdioSession } from '../../support/lspSession';
import { markedBundle } from '../../support/packageJson';
import type { LspSession } from '../../support/lspSession';

/** Notes a German translation words without the English words "policy" or "resource definition". */
const GERMAN_NOTES: Record<string, string> = {
  'The group\'s service role policy': 'Die Dienstrollen-Richtlinie der Gruppe',
  'The group\'s service role policy: {0}': 'Die Dienstrollen-Richtlinie der Gruppe: {0}',
  'The group\'s resource definition': 'Die Ressourcendefinition der Gruppe',
  'The group\'s resource definition: {0}': 'Die Ressourcendefinition der Gruppe: {0}',
};

const GROUP = '/work/camera-line';
const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:defect-detector:live';

function cameraGroup(): Files {
  return new Map([
    [`${GROUP}/greengrass-ml.json`, JSON.stringify({
      name: 'camera-line', region: 'eu-west-1', coreVersion: '1.11.6', platforms: ['raspberry-pi'],
      definitions: { functions: 'function-definition.json', resources: 'resource-definition.json' },
    }, null, 2)],
    [`${GROUP}/resource-definition.json`, JSON.stringify({
      Resources: [{
        Id: 'defect-model', Name: 'defect-model',
        ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: 's3://camera-line-models/defects.tar.gz', DestinationPath: '/ml/defects' } },
      }],
    }, null, 2)],
    [`${GROUP}/function-definition.json`, JSON.stringify({
      Functions: [{
        Id: 'defect-detector', FunctionArn: ARN,
        FunctionConfiguration: {
          MemorySize: 96, Timeout: 10, Pinned: true,
          Environment: {
            Variables: { MXNET_ENGINE_TYPE: 'NativeEngine' },
            ResourceAccessPolicies: [{ ResourceId: 'defect-model', Permission: 'ro' }, { ResourceId: 'mobilenet', Permission: 'ro' }],
          },
        },
      }],
    }, null, 2)],
  ]);
}

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Description: The camera line's Greengrass group.
Parameters:
  ModelUri:
    Type: String
    Default: s3://factory-models/defects.pb
Resources:
  ServiceRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: [greengrass.amazonaws.com]}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSGreengrassResourceAccessRolePolicy
  CameraResources:
    Type: AWS::Greengrass::ResourceDefinition
    Properties:
      Name: camera-resources
      InitialVersion:
        Resources:
          - Id: model
            Name: model
            ResourceDataContainer:
              S3MachineLearningModelResourceData:
                S3Uri: !Ref ModelUri
                DestinationPath: /ml/defects
  CameraFunctions:
    Type: AWS::Greengrass::FunctionDefinition
    Properties:
      Name: camera-functions
      InitialVersion:
        Functions:
          - Id: defect-detector
            FunctionArn: ${ARN}
            FunctionConfiguration:
              Environment:
                ResourceAccessPolicies:
                  - {ResourceId: model, Permission: ro}
                  - {ResourceId: mobilenet, Permission: ro}
  CameraGroup:
    Type: AWS::Greengrass::Group
    Properties:
      Name: camera-line
      RoleArn: !GetAtt ServiceRole.Arn
      InitialVersion:
        FunctionDefinitionVersionArn: !GetAtt CameraFunctions.LatestVersionArn
        ResourceDefinitionVersionArn: !GetAtt CameraResources.LatestVersionArn
`;

const find = (findings: Finding[], code: string): Finding => {
  const f = findings.find((x) => x.code === code);
  assert.ok(f, `${code} among ${codesOf(findings).join(', ')}`);
  return f;
};

describe('the linter under a translation', () => {
  before(() => l10n.config({ contents: { ...markedBundle(), ...GERMAN_NOTES } }));
  after(() => l10n.config({ contents: {} }));

  it('writes the messages, related notes and quick-fix titles of a definition file from the translation, values as written', () => {
    const files = cameraGroup();
    const path = `${GROUP}/function-definition.json`;
    const findings = lintDocument({ path, text: files.get(path)! }, hostOf(files), strict);
    const fn008 = find(findings, 'GGML-FN008');
    assert.equal(fn008.message, '«MXNET_ENGINE_TYPE has the misspelling NativeEngine, which MXNet does not know; write: NaiveEngine»');
    assert.deepEqual(fn008.fixes?.map((f) => f.title), ['«Change to NaiveEngine»']);
    const fn004 = find(findings, 'GGML-FN004');
    assert.equal(fn004.message, '«MemorySize is in KB, so 96 is 96 KB; if you meant 96 MB, write 98304: defect-detector»');
    assert.deepEqual(fn004.fixes?.map((f) => f.title), ['«Change to 98304 (96 MB)»']);
    const xf001 = find(findings, 'GGML-XF001');
    assert.equal(xf001.message, '«No resource of the group\'s resource definition has this Id; add the resource or fix the Id: mobilenet»');
    assert.deepEqual(xf001.related?.map((r) => [r.path, r.message]), [[`${GROUP}/resource-definition.json`, 'Die Ressourcendefinition der Gruppe']]);
    assert.deepEqual(suppressionFixes(path, files.get(path)!, fn008.offset, 'GGML-FN008', '//').map((f) => f.title),
      ['«Disable GGML-FN008 for this line»', '«Disable GGML-FN008 for this file»']);
  });

  it('writes the group manifest\'s end-of-support note from the translation', () => {
    const files = cameraGroup();
    const path = `${GROUP}/greengrass-ml.json`;
    const eos = find(lintDocument({ path, text: files.get(path)! }, hostOf(files), strict), 'GGML-EOS001');
    assert.match(eos.message, /^«AWS IoT Greengrass V1 reach(es|ed) end of support on 2026-10-07; .*: https:\/\/\S+»$/);
  });

  it('points a template\'s notes at the role and the resource definition whatever the translation calls them', () => {
    const findings = lintDocument({ path: '/work/stack/template.yaml', text: TEMPLATE }, { readFile: () => undefined }, strict);
    const at = (r: { offset: number; length: number }) => TEMPLATE.slice(r.offset, r.offset + r.length);

    const iam005 = find(findings, 'GGML-IAM005');
    assert.equal(iam005.message, '««The service role policy does not allow s3:GetObject on this model, and the bucket name lacks "greengrass" (the managed policy\'s pattern); add a statement to the policy: factory-models» (checked against the Default of parameter ModelUri; the stack may be given another value)»');
    const role = iam005.related?.find((r) => r.message.startsWith('Die Dienstrollen-Richtlinie'));
    assert.ok(role, JSON.stringify(iam005.related));
    assert.equal(role.message, 'Die Dienstrollen-Richtlinie der Gruppe: ServiceRole');
    assert.equal(at(role), 'ServiceRole', 'the note points at the role in the template');
    assert.ok(iam005.related?.some((r) => r.message === '«Where the template uses the parameter»' && at(r) === '!Ref ModelUri'), JSON.stringify(iam005.related));

    const xf001 = find(findings, 'GGML-XF001');
    assert.deepEqual(xf001.related?.map((r) => [r.message, at(r)]), [['Die Ressourcendefinition der Gruppe: CameraResources', 'CameraResources']]);
  });

  it('explains a template\'s Greengrass types in the hover and in completion from the translation', () => {
    const offset = TEMPLATE.indexOf('AWS::Greengrass::ResourceDefinition') + 3;
    const hover = templateHover(TEMPLATE, offset, () => undefined);
    const docs = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-greengrass-resourcedefinition.html';
    assert.equal(hover?.markdown, `**AWS::Greengrass::ResourceDefinition**\n\n«A Greengrass V1 resource definition: the local resources and ML model resources the functions may access. \`InitialVersion\` holds its first version; a group names it with \`!GetAtt <Id>.LatestVersionArn\`.»\n\n«[CloudFormation reference](${docs})»`);
    const typed = 'Resources:\n  Loggers:\n    Type: AWS::Greengrass::Logger';
    const completion = templateCompletions(typed, typed.length);
    assert.deepEqual(completion.map((c) => c.label), ['AWS::Greengrass::LoggerDefinition', 'AWS::Greengrass::LoggerDefinitionVersion']);
    assert.match(completion[0]!.documentation, /^«A Greengrass V1 logger definition: where the core and its functions log \(CloudWatch or the local file system\)\. .*»\n\n«\[CloudFormation reference\]\(https:.*\)»$/);
  });

  it('writes a Python handler\'s finding and its quick fix from the translation', () => {
    const files = cameraGroup();
    const handler = `${GROUP}/functions/defect_detector.py`;
    const text = 'import json\n\nMODEL_DIR = "/ml/defects/model"\n\n\ndef handler(event, context):\n    return json.dumps({"model": MODEL_DIR})\n';
    const findings = checkPythonHandler({ path: handler, text }, hostOf(files));
    const py003 = find(findings, 'GGML-PY003');
    assert.equal(py003.message, '«The core puts the model under AWS_GG_RESOURCE_PREFIX (core v1.10 and later); prefix the path with os.environ.get(\'AWS_GG_RESOURCE_PREFIX\', \'\'): /ml/defects/model»');
    assert.deepEqual(py003.fixes?.map((f) => f.title), ['«Prefix the path with AWS_GG_RESOURCE_PREFIX»']);
  });

  it('writes the configuration file\'s errors from the translation', () => {
    const config = parseLintConfig('/work/.greengrass-ml.yaml', 'rules:\n  GGML-EOS001: off\n  GGML-FN004: loud\nexclude: ["!keep/**"]\nrulez: {}\n');
    assert.deepEqual(config.problems.map((p) => p.message).sort(), [
      '«Negated exclude patterns are not supported; list only what to exclude: !keep/**»',
      '«The severity of GGML-FN004 must be error, warning, info, hint or off: loud»',
      '«Unknown key in the configuration, ignored; the keys are rules, ignore-rules and exclude: rulez»',
    ]);
  });
});

describe('the language server under the editor\'s translation', function () {
  this.timeout(30_000);
  let dir: string;
  let session: LspSession | undefined;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ggml-lsp-l10n-')); });
  afterEach(() => {
    session?.kill();
    session = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics and serves quick fixes in the language of the bundle it is given at start', async () => {
    mkdirSync(join(dir, 'camera-line'));
    const files = cameraGroup();
    for (const [path, text] of files) writeFileSync(join(dir, 'camera-line', path.slice(GROUP.length + 1)), text);
    const started = await startStdioSession(join(repoRoot, 'dist', 'cli.js'), dir, { initializationOptions: { l10nBundle: markedBundle(), turnOffRuleCommand: 'editor.turnOffRule' } });
    session = started.session;
    const path = join(dir, 'camera-line', 'function-definition.json');
    const uri = openDocument(session, path, files.get(`${GROUP}/function-definition.json`)!, 'json');
    const published = await session.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const fn008 = published.diagnostics.find((d) => d.code === 'GGML-FN008');
    assert.equal(fn008?.message, '«MXNET_ENGINE_TYPE has the misspelling NativeEngine, which MXNet does not know; write: NaiveEngine»');
    const actions = await session.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: fn008.range, context: { diagnostics: [fn008] } });
    assert.deepEqual(actions.map((a) => a.title), ['«Change to NaiveEngine»', '«Turn off GGML-FN008 in the workspace settings (a .json file cannot hold a comment)»']);
  });

  it('keeps linting in English for the entries of a malformed bundle (values that are not text)', async () => {
    mkdirSync(join(dir, 'camera-line'));
    const files = cameraGroup();
    for (const [path, text] of files) writeFileSync(join(dir, 'camera-line', path.slice(GROUP.length + 1)), text);
    const english = 'MXNET_ENGINE_TYPE has the misspelling NativeEngine, which MXNet does not know; write: NaiveEngine';
    const l10nBundle = { [english]: { message: 42, comment: ['not text'] }, 'Change to {0}': 7, 'Turn off {0} in the workspace settings (a .json file cannot hold a comment)': null };
    const started = await startStdioSession(join(repoRoot, 'dist', 'cli.js'), dir, { initializationOptions: { l10nBundle } });
    session = started.session;
    const path = join(dir, 'camera-line', 'function-definition.json');
    const uri = openDocument(session, path, files.get(`${GROUP}/function-definition.json`)!, 'json');
    const published = await session.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const fn008 = published.diagnostics.find((d) => d.code === 'GGML-FN008');
    assert.equal(fn008?.message, english);
  });
});
