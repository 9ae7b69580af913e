import * as assert from 'node:assert/strict';
import {
  isLocalEndpoint, lambdaDisplayName, parseDefinitionVersionArn, parseS3Uri, parseTrainingJobArn, redactSecrets,
} from '../../src/aws';

describe('AWS names and addresses', () => {
  it('parses S3 URIs of model archives and rejects other text', () => {
    assert.deepEqual(parseS3Uri('s3://greengrass-models-demo/squeezenet/model.tar.gz'), { bucket: 'greengrass-models-demo', key: 'squeezenet/model.tar.gz' });
    assert.deepEqual(parseS3Uri('s3://bucket-only'), { bucket: 'bucket-only', key: '' });
    assert.equal(parseS3Uri('https://bucket.s3.amazonaws.com/key'), undefined);
    assert.equal(parseS3Uri('s3:///key'), undefined);
  });

  it('parses training job ARNs into region, account and job name', () => {
    assert.deepEqual(parseTrainingJobArn('arn:aws:sagemaker:eu-west-1:123456789012:training-job/resnet-2024'), { region: 'eu-west-1', account: '123456789012', jobName: 'resnet-2024' });
    assert.equal(parseTrainingJobArn('arn:aws:sagemaker:eu-west-1:123456789012:model/resnet'), undefined);
  });

  it('parses definition version ARNs as AWS and moto write them', () => {
    const real = 'arn:aws:greengrass:us-west-2:123456789012:/greengrass/definition/functions/abc-1/versions/v-2';
    assert.deepEqual(parseDefinitionVersionArn(real), { kind: 'function', definitionId: 'abc-1', versionId: 'v-2' });
    const moto = 'arn:aws:greengrass:us-east-1:123456789012:greengrass/definition/resources/r1/versions/v1';
    assert.deepEqual(parseDefinitionVersionArn(moto), { kind: 'resource', definitionId: 'r1', versionId: 'v1' });
    assert.equal(parseDefinitionVersionArn('arn:aws:greengrass:us-east-1:1:/greengrass/groups/g/versions/v'), undefined);
  });

  it('shows Lambda ARNs as name and qualifier', () => {
    assert.equal(lambdaDisplayName('arn:aws:lambda:us-east-1:123456789012:function:classifier:prod'), 'classifier:prod');
    assert.equal(lambdaDisplayName('not-an-arn'), 'not-an-arn');
  });


  it('treats loopback endpoints as local (path-style S3) and AWS as not', () => {
    for (const u of ['http://localhost:5000', 'http://127.0.0.1:4566', 'http://[::1]:5000', 'http://s3.localhost:4566']) assert.ok(isLocalEndpoint(u), u);
    for (const u of ['https://s3.us-east-1.amazonaws.com', 'not a url', undefined]) assert.ok(!isLocalEndpoint(u), String(u));
  });

  it('redacts access keys, secrets and signatures from text', () => {
    const text = 'key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY X-Amz-Signature=abcdef0123 aws_session_token = FQoGZXIvYXdzE';
    const out = redactSecrets(text, {});
    for (const s of ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'abcdef0123', 'FQoGZXIvYXdzE']) assert.ok(!out.includes(s), `${s} in ${out}`);
    assert.equal(redactSecrets('my-secret-value-here in text', { AWS_SECRET_ACCESS_KEY: 'my-secret-value-here' }), '[redacted] in text');
    assert.equal(redactSecrets('group camera-inference not found', {}), 'group camera-inference not found');
  });
});
