import * as assert from 'node:assert/strict';
import { CORE_RUNTIME_LOG, deploymentDetailsMarkdown, functionLogPath, type DeploymentDetailsInput } from '../../src/core/deploy';

const words: DeploymentDetailsInput['words'] = { status: (s) => (s === 'Failure' ? 'Failed' : s), type: (t) => t, time: (iso) => iso };
const classifier = { id: 'classifier', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:image-classifier:live' };
const counter = { id: 'counter', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:people-counter:3' };

function input(over: Partial<DeploymentDetailsInput['deployment']> = {}): DeploymentDetailsInput {
  return {
    groupName: 'line|camera', groupId: 'g-1',
    deployment: { id: 'd-1', status: 'Failure', type: 'NewDeployment', createdAt: '2026-11-27T12:41:07Z', ...over },
    functions: [classifier, counter],
    locate: (text) => (text.includes('image-classifier') ? [{ label: 'function-definition.json line 4', href: 'file:///w/function-definition.json#L4', what: 'function', name: classifier.arn }] : []),
    words,
  };
}

describe('deployment details', () => {
  it('puts a function\'s log where the V1 core writes it', () => {
    assert.equal(functionLogPath(classifier.arn), '/greengrass/ggc/var/log/user/eu-west-1/123456789012/image-classifier.log');
    assert.equal(functionLogPath('not an arn'), undefined);
  });

  it('lists every error detail with links to the entries it names, and the logs of the functions it names', () => {
    const text = deploymentDetailsMarkdown(input({
      errorMessage: 'Deployment d-1 failed',
      errorDetails: [{ code: 'GG-202', message: `The Lambda function ${classifier.arn} failed to start | see log` }, { code: 'GG-303', message: 'The core rejected the configuration.' }],
    }));
    assert.match(text, /^# Deployment of line\\\|camera$/m, 'a pipe in a name does not break the table');
    assert.match(text, /\| Status \| Failed \(Failure\) \|/);
    assert.match(text, /### Error details \(2\)/);
    assert.match(text, /1\. \*\*GG-202\*\*: .* failed to start \\\| see log/);
    assert.match(text, /2\. \*\*GG-303\*\*: The core rejected the configuration\./);
    assert.match(text, /Names function `.*image-classifier:live` in \[function-definition\.json line 4\]\(file:\/\/\/w\/function-definition\.json#L4\)/);
    assert.ok(text.includes(CORE_RUNTIME_LOG));
    assert.match(text, /image-classifier\.log`/);
    assert.doesNotMatch(text, /people-counter\.log/, 'only the function the error names');
  });

  it('lists every function\'s log when no error names one, and says when a failure has no message', () => {
    const text = deploymentDetailsMarkdown(input());
    assert.match(text, /failed without an error message/);
    assert.match(text, /image-classifier\.log/);
    assert.match(text, /people-counter\.log/);
  });
});
