// IAM wildcard matching: the one matcher the linter (coverage of model buckets) and the scaffold (does the policy
// already grant s3:GetObject) share. Same answers as IAM's `*`/`?` semantics, without backtracking blow-ups.
import * as assert from 'node:assert/strict';
import { iamGlobMatch } from '../../src/core/iamGlob';
import { policyAllowsGetObject } from '../../src/core/scaffold/plan';

/** The reference semantics, on inputs small enough for a regular expression to be harmless. */
function reference(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function timed(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('IAM wildcard matching', () => {
  it('matches *, ? and literal text like IAM', () => {
    const cases: [string, string, boolean][] = [
      ['s3:GetObject', 's3:GetObject', true],
      ['s3:Get*', 's3:GetObject', true],
      ['s3:*Object', 's3:GetObject', true],
      ['s3:Get?bject', 's3:GetObject', true],
      ['s3:Get?', 's3:GetObject', false],
      ['*', '', true],
      ['', '', true],
      ['?', '', false],
      ['arn:aws:s3:::my-models/*', 'arn:aws:s3:::my-models/squeezenet.tar.gz', true],
      ['arn:aws:s3:::my-models/*', 'arn:aws:s3:::my-models-2/x', false],
      ['arn:aws:s3:::*greengrass*/*', 'arn:aws:s3:::line-greengrass-models/m.tar.gz', true],
      ['a*b*c', 'abxbc', true],
      ['a*b*c', 'abxbcx', false],
      ['a.b', 'axb', false],
      ['**a**', 'bab', true],
    ];
    for (const [pattern, value, expected] of cases) assert.equal(iamGlobMatch(pattern, value), expected, `${pattern} vs ${value}`);
    assert.equal(iamGlobMatch('S3:getobject', 's3:GetObject', true), true);
    assert.equal(iamGlobMatch('S3:getobject', 's3:GetObject'), false);
  });

  it('agrees with the reference on random patterns and values', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = (alphabet: string, max: number) => Array.from({ length: Math.floor(random() * max) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const pattern = pick('ab*?.', 8);
      const value = pick('abAB.', 8);
      assert.equal(iamGlobMatch(pattern, value), reference(pattern, value), `${pattern} vs ${value}`);
      assert.equal(iamGlobMatch(pattern, value, true), reference(pattern, value, true), `${pattern} vs ${value} (ignoring case)`);
    }
  });

  it('answers at once on patterns that make a backtracking matcher run for minutes', () => {
    const key = `arn:aws:s3:::line-models/${'a'.repeat(3072)}`;
    const ms = timed(() => {
      assert.equal(iamGlobMatch('************************x', 's3:GetObject', true), false);
      assert.equal(iamGlobMatch('arn:aws:s3:::*a*a*a*a*a*a*b', key), false);
      assert.equal(iamGlobMatch(`${'*a'.repeat(500)}*b`, 'a'.repeat(100_000)), false);
    });
    assert.ok(ms < 1000, `${Math.round(ms)} ms`);
  });

  it('the scaffold asks the same matcher whether the policy already grants reading the model', () => {
    const allows = (action: string, resource: string) => policyAllowsGetObject({ Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] }, 'line-models');
    assert.equal(allows('S3:GET*', 'arn:aws:s3:::line-*/*'), true);
    assert.equal(allows('s3:Put*', 'arn:aws:s3:::line-models/*'), false);
    const ms = timed(() => assert.equal(allows('************************x', `arn:aws:s3:::${'*a'.repeat(40)}*b/*`), false));
    assert.ok(ms < 1000, `${Math.round(ms)} ms`);
  });
});
