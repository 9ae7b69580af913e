// The exclude globs of the workspace scan (greengrassMl.lint.exclude), written as in VS Code's files.exclude.
import * as assert from 'node:assert/strict';
import { pathGlobMatcher } from '../../src/core/pathGlob';

describe('workspace scan exclude globs', () => {
  it('matches folders at any depth with **, names with * and ?, and alternatives in braces', () => {
    const m = pathGlobMatcher(['**/build/**', 'archive/*.policy.json', 'group-?/{old,older}']);
    assert.equal(m('build'), true, 'the folder itself, so the scan does not enter it');
    assert.equal(m('a/b/build/resource-definition.json'), true);
    assert.equal(m('builds/resource-definition.json'), false);
    assert.equal(m('archive/role.policy.json'), true);
    assert.equal(m('archive/2019/role.policy.json'), false, '* stays within one name');
    assert.equal(m('group-1/older'), true);
    assert.equal(m('group-12/old'), false);
    assert.equal(m('other/group-1/old'), false, 'a pattern is relative to the workspace folder');
  });

  it('takes Windows separators, and ignores empty patterns', () => {
    assert.equal(pathGlobMatcher(['**/build/**'])('src\\build\\x.json'), true);
    assert.equal(pathGlobMatcher(['', '  '])('anything'), false);
  });

  it('answers at once for patterns that would make a regular expression backtrack', () => {
    const started = Date.now();
    const m = pathGlobMatcher(['**/**/**/**/**/**/**/**/*a*a*a*a*a*a*a*a*a*b']);
    assert.equal(m(`${'x/'.repeat(200)}${'a'.repeat(2000)}`), false);
    assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
  });
});
