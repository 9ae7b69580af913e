import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseS3Uri as awsParseS3Uri } from '../../../src/aws';
import { parseArchiveLocation } from '../../../src/core/archive';
import { validateBulkInputLocation } from '../../../src/core/deploy';
import type { Finding } from '../../../src/core/lint';
import {
  formatS3Arn, formatS3Uri, greengrassBucketProblem, isValidBucketName, parseS3Location, parseS3Uri,
} from '../../../src/core/model';
import { validateS3Uri } from '../../../src/core/scaffold';
import { lintFile } from '../lint/support';

/** A resource definition with one ML resource from S3, as users keep them (create-resource-definition input). */
function resourceDefinition(s3Uri: string): Map<string, string> {
  const text = `${JSON.stringify({
    Name: 'ml-resources',
    InitialVersion: {
      Resources: [{
        Id: 'squeezenet-model',
        Name: 'squeezenet-model',
        ResourceDataContainer: { S3MachineLearningModelResourceData: { S3Uri: s3Uri, DestinationPath: '/ml_model' } },
      }],
    },
  }, null, 2)}\n`;
  return new Map([['/ws/ml/resource-definition.json', text]]);
}

function s3Findings(s3Uri: string): Finding[] {
  return lintFile(resourceDefinition(s3Uri), '/ws/ml/resource-definition.json').filter((f) => f.code.startsWith('GGML-ML00'));
}

/** The documented grammar, written with string operations instead of a regular expression. */
function byGrammar(text: string): { bucket: string; key: string } | undefined {
  if (!text.startsWith('s3://')) return undefined;
  const rest = text.slice(5);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  if (!bucket) return undefined;
  return { bucket, key: slash < 0 ? '' : rest.slice(slash + 1) };
}

const bucketName = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/);
const keySegment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
const objectKey = fc.array(keySegment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

describe('S3 locations (src/core/model)', () => {
  it('reads a bucket-only URI as the whole bucket everywhere, and an upload still needs an object key', () => {
    assert.deepEqual(parseS3Uri('s3://models/'), { bucket: 'models', key: '' });
    assert.deepEqual(parseS3Uri('s3://models'), { bucket: 'models', key: '' });
    assert.deepEqual(awsParseS3Uri('s3://models/'), { bucket: 'models', key: '' });
    assert.equal(parseArchiveLocation('s3://models/'), undefined);
    assert.equal(parseArchiveLocation('s3://models/squeezenet/'), undefined, 'a prefix is no object to upload to');
    assert.equal(validateBulkInputLocation('models', ''), 'Enter an object key for the input file, for example bulk/deploy.json: ');
  });

  it('parses a bucket name S3 rejects, and leaves the judgement to the linter, which reports it as before', () => {
    assert.deepEqual(parseS3Uri('s3://My_Bucket/m.zip'), { bucket: 'My_Bucket', key: 'm.zip' });
    assert.equal(isValidBucketName('My_Bucket'), false);
    assert.deepEqual(s3Findings('s3://My_Bucket/m.zip').map((f) => f.code), ['GGML-ML001']);
    assert.deepEqual(s3Findings('s3://models/').map((f) => f.code), ['GGML-ML001']);
    assert.deepEqual(s3Findings('s3://greengrass-models/squeezenet.tar.gz'), []);
    assert.equal(validateS3Uri('s3://My_Bucket/m.zip'), 'Not a valid S3 bucket name: My_Bucket');
    assert.equal(validateS3Uri('s3://ml.models/m.zip'), 'Greengrass cannot download models from a bucket whose name contains a period: ml.models');
  });

  it('reads the https and ARN forms users paste, and the linter offers them rewritten as s3:// URIs', () => {
    const cases: [string, string, string][] = [
      ['https://greengrass-models.s3.us-west-2.amazonaws.com/squeezenet/model.tar.gz', 'virtual-hosted', 'squeezenet/model.tar.gz'],
      ['https://greengrass-models.s3.amazonaws.com/model%20v2.tar.gz', 'virtual-hosted', 'model v2.tar.gz'],
      ['https://greengrass-models.s3-eu-west-1.amazonaws.com/model.zip', 'virtual-hosted', 'model.zip'],
      ['https://greengrass-models.s3.dualstack.eu-west-1.amazonaws.com/model.zip', 'virtual-hosted', 'model.zip'],
      ['https://s3.cn-north-1.amazonaws.com.cn/greengrass-models/model.zip', 'path', 'model.zip'],
      ['https://s3.amazonaws.com/greengrass-models/a/b/model.zip', 'path', 'a/b/model.zip'],
      ['arn:aws:s3:::greengrass-models/model.zip', 'arn', 'model.zip'],
    ];
    for (const [text, form, key] of cases) {
      assert.deepEqual(parseS3Location(text), { bucket: 'greengrass-models', key, form }, text);
    }
    for (const text of ['https://example.com/greengrass-models/model.zip', 'https://greengrass-models.s3.amazonaws.com/model.zip?versionId=1', 'ftp://s3.amazonaws.com/b/k', 's3:///key', '']) {
      assert.equal(parseS3Location(text), undefined, text);
    }
    const [finding] = s3Findings('https://greengrass-models.s3.us-west-2.amazonaws.com/squeezenet/model.tar.gz');
    assert.equal(finding?.code, 'GGML-ML001');
    assert.ok(finding?.fixes?.some((f) => f.title === 'Rewrite as s3://greengrass-models/squeezenet/model.tar.gz'), JSON.stringify(finding?.fixes?.map((f) => f.title)));
  });

  it('names objects and buckets in IAM policies by their ARN', () => {
    assert.equal(formatS3Arn({ bucket: 'greengrass-models', key: '*' }), 'arn:aws:s3:::greengrass-models/*');
    assert.equal(formatS3Arn({ bucket: 'greengrass-models', key: '' }), 'arn:aws:s3:::greengrass-models');
    assert.equal(greengrassBucketProblem('greengrass-models'), undefined);
  });

  describe('properties', () => {
    it('formats and parses back any bucket and key', () => {
      fc.assert(fc.property(fc.string({ minLength: 1 }).filter((b) => !b.includes('/')), fc.string(), (bucket, rawKey) => {
        const key = rawKey.replace(/^\/+/, '');
        assert.deepEqual(parseS3Uri(formatS3Uri({ bucket, key })), { bucket, key });
      }), { numRuns: 500 });
    });

    it('agrees with the documented grammar on any text, and never throws', () => {
      const text = fc.oneof(
        fc.string(),
        fc.string().map((s) => `s3://${s}`),
        fc.tuple(fc.string(), fc.string()).map(([a, b]) => `s3://${a}/${b}`),
        fc.constantFrom('s3://', 's3:///', 's3://models/', 's3://My_Bucket/m.zip', 'S3://models/m.zip', ' s3://models/m.zip'),
      );
      fc.assert(fc.property(text, (t) => {
        assert.deepEqual(parseS3Uri(t), byGrammar(t));
        parseS3Location(t);
      }), { numRuns: 2000 });
    });

    it('reads every URL form of a valid bucket and key back to the same location', () => {
      fc.assert(fc.property(bucketName, objectKey, fc.constantFrom('', '.us-west-2', '-us-west-2', '.dualstack.eu-west-1'), (bucket, key, region) => {
        assert.deepEqual(parseS3Location(`https://${bucket}.s3${region}.amazonaws.com/${key}`), { bucket, key, form: 'virtual-hosted' });
        assert.deepEqual(parseS3Location(`https://s3${region}.amazonaws.com/${bucket}/${key}`), { bucket, key, form: 'path' });
        assert.deepEqual(parseS3Location(formatS3Arn({ bucket, key })), { bucket, key, form: 'arn' });
        assert.deepEqual(parseS3Uri(formatS3Uri({ bucket, key })), { bucket, key });
      }), { numRuns: 300 });
    });

    it('answers in bounded time on long and adversarial text', () => {
      const inputs = [
        `https://${'a-'.repeat(50_000)}.s3.amazonaws.com/k`,
        `https://${'s3-'.repeat(20_000)}x.amazonaws.com/k`,
        `https://b.s3${'.a'.repeat(30_000)}!/k`,
        `s3://${'b'.repeat(200_000)}/${'k'.repeat(200_000)}`,
        `arn:aws:s3:::${':'.repeat(100_000)}`,
      ];
      for (const text of inputs) {
        const started = performance.now();
        parseS3Location(text);
        parseS3Uri(text);
        assert.ok(performance.now() - started < 1000, `${text.slice(0, 30)}… took ${Math.round(performance.now() - started)} ms`);
      }
    });
  });
});
