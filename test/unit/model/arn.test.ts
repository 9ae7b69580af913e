import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { lambdaDisplayName, parseTrainingJobArn as awsParseTrainingJobArn } from '../../../src/aws';
import {
  DEFINITION_KINDS, formatArn, formatDefinitionVersionArn, formatLambdaArn, formatTrainingJobArn, parseArn, parseDefinitionVersionArn,
  parseGroupArn, parseIamRoleArn, parseLambdaArn, parseSecretArn, parseTrainingJobArn,
} from '../../../src/core/model';
import { lintFile } from '../lint/support';

const partition = fc.constantFrom('aws', 'aws-cn', 'aws-us-gov');
const region = fc.constantFrom('us-east-1', 'eu-west-1', 'cn-north-1', 'us-gov-west-1', 'ap-southeast-2');
const account = fc.stringMatching(/^\d{12}$/);
const functionName = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const qualifier = fc.oneof(fc.constant(undefined), fc.constant('$LATEST'), fc.stringMatching(/^[1-9]\d{0,3}$/), fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/));
const jobName = fc.stringMatching(/^[a-zA-Z0-9](-?[a-zA-Z0-9]){0,62}$/);

/** A function definition naming one function by its ARN, as users keep them. */
function functionDefinition(functionArn: string): Map<string, string> {
  const text = `${JSON.stringify({
    FunctionDefinitionId: 'ml-functions',
    Functions: [{ Id: 'classifier', FunctionArn: functionArn, FunctionConfiguration: { Executable: 'inference.function_handler', MemorySize: 98304, Timeout: 10, Pinned: true } }],
  }, null, 2)}\n`;
  return new Map([['/ws/ml/function-definition.json', text]]);
}

describe('ARNs (src/core/model)', () => {
  it('takes SageMaker training jobs only with a 12-digit account, in every layer', () => {
    const ok = 'arn:aws:sagemaker:eu-west-1:123456789012:training-job/resnet-2024';
    assert.deepEqual(parseTrainingJobArn(ok), { region: 'eu-west-1', account: '123456789012', jobName: 'resnet-2024' });
    assert.equal(parseTrainingJobArn('arn:aws:sagemaker:eu-west-1:123:training-job/resnet-2024'), undefined);
    assert.equal(awsParseTrainingJobArn('arn:aws:sagemaker:eu-west-1:123:training-job/resnet-2024'), undefined, 'the explorer agrees with the linter');
    assert.equal(parseTrainingJobArn('arn:aws:sagemaker:eu-west-1:123456789012:training-job/-bad'), undefined);
  });

  it('splits Lambda ARNs into name and version or alias, as the linter and the explorer read them', () => {
    assert.deepEqual(parseLambdaArn('arn:aws:lambda:us-east-1:123456789012:function:classifier:prod'), { region: 'us-east-1', account: '123456789012', name: 'classifier', qualifier: 'prod' });
    assert.deepEqual(parseLambdaArn('arn:aws-cn:lambda:cn-north-1:123456789012:function:classifier'), { region: 'cn-north-1', account: '123456789012', name: 'classifier' });
    assert.equal(parseLambdaArn('arn:aws:lambda:us-east-1:123456789012:function:classifier:prod:extra'), undefined);
    assert.equal(parseLambdaArn('arn:aws:lambda:us-east-1:123456789012:layer:numpy:3'), undefined);
    assert.equal(lambdaDisplayName('arn:aws:lambda:us-east-1:123456789012:function:classifier:prod'), 'classifier:prod');
    const fn001 = (arn: string) => lintFile(functionDefinition(arn), '/ws/ml/function-definition.json').filter((f) => f.code === 'GGML-FN001').map((f) => f.message.split(':')[0]);
    assert.deepEqual(fn001('arn:aws:lambda:us-east-1:123456789012:function:classifier:prod'), []);
    assert.deepEqual(fn001('arn:aws:lambda:us-east-1:123456789012:function:classifier'), ['FunctionArn names no version or alias; publish a version, and reference it or an alias']);
    assert.deepEqual(fn001('arn:aws:lambda:us-east-1:1234:function:classifier:prod'), ['FunctionArn must be a Lambda function ARN with a version or alias (arn']);
  });

  it('reads IAM roles, secrets, groups and definition versions', () => {
    assert.deepEqual(parseIamRoleArn('arn:aws:iam::123456789012:role/service-role/GreengrassBulkDeployment'), { partition: 'aws', account: '123456789012', path: '/service-role/', name: 'GreengrassBulkDeployment' });
    assert.equal(parseIamRoleArn('arn:aws:iam::123456789012:user/ci'), undefined);
    assert.equal(parseIamRoleArn('arn:aws:iam:us-east-1:123456789012:role/x'), undefined, 'IAM ARNs have no region');
    assert.deepEqual(parseSecretArn('arn:aws:secretsmanager:us-east-1:123456789012:secret:camera-key-AbCdEf'), { region: 'us-east-1', account: '123456789012', name: 'camera-key-AbCdEf' });
    assert.deepEqual(parseGroupArn('arn:aws:greengrass:us-east-1:123456789012:/greengrass/groups/g-1/versions/v-2'), { groupId: 'g-1', versionId: 'v-2' });
    assert.deepEqual(parseGroupArn('arn:aws:greengrass:us-east-1:123456789012:greengrass/groups/g-1'), { groupId: 'g-1' });
    assert.deepEqual(parseDefinitionVersionArn('arn:aws:greengrass:us-west-2:123456789012:/greengrass/definition/loggers/l-1/versions/v-1'), { kind: 'logger', definitionId: 'l-1', versionId: 'v-1' });
  });

  describe('properties', () => {
    it('never throws, and parses only text that starts with "arn:" and has six parts', () => {
      fc.assert(fc.property(fc.oneof(fc.string(), fc.string().map((s) => `arn:${s}`), fc.array(fc.string(), { maxLength: 8 }).map((p) => ['arn', ...p].join(':'))), (text) => {
        const arn = parseArn(text);
        if (arn) {
          assert.ok(text.startsWith('arn:') && text.split(':').length >= 6, text);
          assert.equal(formatArn(arn), text);
        }
        for (const parse of [parseLambdaArn, parseTrainingJobArn, parseIamRoleArn, parseSecretArn, parseGroupArn, parseDefinitionVersionArn]) parse(text);
      }), { numRuns: 2000 });
    });

    it('formats and parses back any ARN', () => {
      const resource = fc.string({ minLength: 1 });
      fc.assert(fc.property(partition, fc.stringMatching(/^[a-z0-9-]{1,20}$/), fc.string().filter((s) => !s.includes(':')), fc.string().filter((s) => !s.includes(':')), resource, (p, service, r, a, res) => {
        const arn = { partition: p, service, region: r, account: a, resource: res };
        assert.deepEqual(parseArn(formatArn(arn)), arn);
      }), { numRuns: 500 });
    });

    it('formats and parses back Lambda, training job and definition version ARNs', () => {
      fc.assert(fc.property(partition, region, account, functionName, qualifier, (p, r, a, name, q) => {
        const lambda = { region: r, account: a, name, ...(q !== undefined ? { qualifier: q } : {}) };
        assert.deepEqual(parseLambdaArn(formatLambdaArn({ ...lambda, partition: p })), lambda);
      }), { numRuns: 300 });
      fc.assert(fc.property(partition, region, account, jobName, (p, r, a, name) => {
        assert.deepEqual(parseTrainingJobArn(formatTrainingJobArn({ partition: p, region: r, account: a, jobName: name })), { region: r, account: a, jobName: name });
      }), { numRuns: 300 });
      fc.assert(fc.property(region, account, fc.constantFrom(...DEFINITION_KINDS), fc.uuid(), fc.uuid(), (r, a, kind, definitionId, versionId) => {
        assert.deepEqual(parseDefinitionVersionArn(formatDefinitionVersionArn({ region: r, account: a, kind, definitionId, versionId })), { kind, definitionId, versionId });
      }), { numRuns: 200 });
    });

    it('rejects a training job whose account is not 12 digits', () => {
      fc.assert(fc.property(region, fc.stringMatching(/^\d{1,20}$/).filter((s) => s.length !== 12), jobName, (r, a, name) => {
        assert.equal(parseTrainingJobArn(`arn:aws:sagemaker:${r}:${a}:training-job/${name}`), undefined);
      }), { numRuns: 200 });
    });
  });
});
