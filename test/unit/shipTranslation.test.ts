// What the deploy, publish and scaffold commands show but the core and the AWS layer word follows a translation:
// each outcome is one whole sentence from the bundle (the group or deployment name where the translation puts it),
// the choice lists and definition titles are read in the language loaded after the tables were built, and the AWS
// layer's own sentences are translated while AWS's operation names and the user's values stay as they are.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { describeAwsError } from '../../src/aws/errors';
import { describeV2Outcome, type V2WatchOutcome } from '../../src/aws/v2/deploy';
import { describeOutcome, validateBulkInputLocation, type WatchOutcome } from '../../src/core/deploy';
import { DEFINITION_KIND_INFO } from '../../src/core/model';
import { FRAMEWORKS, isolationModesFor, validateFunctionName } from '../../src/core/scaffold/answers';
import { parseDeploymentFile } from '../../src/core/v2/migrationFolder';
import { markedBundle } from '../support/packageJson';

const GROUP = 'arn:aws:iot:eu-west-1:123456789012:thinggroup/dock-fleet';

function v1(result: WatchOutcome['result'], extra: Partial<WatchOutcome> = {}): WatchOutcome {
  return { result, polls: 3, elapsedMs: 12_000, ...extra };
}

function v2(result: WatchOutcome['result'], extra: Partial<V2WatchOutcome> = {}): V2WatchOutcome {
  return { result, polls: 3, elapsedMs: 41_000, deploymentId: 'd-7', targetArn: GROUP, devices: [], ...extra };
}

describe('the ship commands\' sentences under a translation', () => {
  before(() => l10n.config({ contents: markedBundle() }));
  after(() => l10n.config({ contents: {} }));

  it('words a V1 deploy or bulk deploy outcome as one translated sentence, the name kept as written', () => {
    assert.equal(describeOutcome(v1('success'), { kind: 'deployment', name: 'Camera-line' }), '«The deployment of Camera-line succeeded (after 12 s).»');
    // Mid-sentence, the subject is its own translated wording, not the sentence-start wording lower-cased.
    assert.equal(describeOutcome(v1('cancelled', { status: 'InProgress' }), { kind: 'deployment', name: 'Camera-line' }),
      '«Stopped watching; this undoes nothing, the deployment of Camera-line continues in the cloud. Last status: InProgress»');
    assert.equal(describeOutcome(v1('failure', { status: 'Stopped', errorMessage: 'Group g-2 failed' }), { kind: 'bulkDeployment', id: 'b-1' }),
      '«The bulk deployment b-1 failed: «it ended with the status Stopped» — Group g-2 failed»');
    assert.equal(describeOutcome(v1('timeout')), '«The deployment is still «pending» after 12 s; stopped watching (it continues in the cloud).»');
    assert.equal(describeOutcome(v1('error', { error: new Error('connect ECONNREFUSED 127.0.0.1:4566') }), { kind: 'bulkDeployment', id: 'b-1' }),
      '«Could not read the status of the bulk deployment b-1; it may still be running in the cloud: connect ECONNREFUSED 127.0.0.1:4566»');
  });

  it('words a V2 outcome from the translation, pointing at Problems only when the failures were marked there', () => {
    const failed = v2('failure', { status: 'FAILED', devices: [{ device: 'dock-jetson-fail', status: 'FAILED', reason: 'DEPLOYMENT_FAILURE' }] });
    assert.equal(describeV2Outcome(failed, { kind: 'deployment', name: 'dock-fleet' }, { failuresInProblems: true }),
      '«The deployment of dock-fleet failed on 1 of 1 core device(s); see Problems for the components it names: dock-jetson-fail: DEPLOYMENT_FAILURE»');
    assert.equal(describeV2Outcome(failed, { kind: 'revision', name: 'dock-fleet' }, { failuresInProblems: false }),
      '«The new revision of dock-fleet failed on 1 of 1 core device(s): dock-jetson-fail: DEPLOYMENT_FAILURE»');
    const ok = v2('success', { devices: [{ device: 'dock-a', status: 'SUCCEEDED' }, { device: 'dock-b', status: 'SUCCEEDED' }] });
    assert.equal(describeV2Outcome(ok), '«The deployment succeeded on all 2 core devices (after 41 s).»');
    const waiting = v2('timeout', { devices: [{ device: 'dock-a', status: 'IN_PROGRESS' }] });
    assert.equal(describeV2Outcome(waiting, { kind: 'deployment', name: 'dock-fleet' }),
      '«The deployment of dock-fleet is still running on 1 of 1 core device(s) after 41 s (0 succeeded, 0 failed); stopped watching, it continues in the cloud: d-7.»');
  });

  it('shows the scaffold choices and the definition titles in the language loaded after the tables were built', () => {
    assert.equal(DEFINITION_KIND_INFO.function.title, '«Function definition»');
    assert.equal(DEFINITION_KIND_INFO.connector.title, '«Connector definition»');
    assert.equal(DEFINITION_KIND_INFO.function.label, 'function definition', 'the log words stay English');
    const tf = FRAMEWORKS.find((f) => f.value === 'tensorflow')!;
    assert.equal(tf.label, '«TensorFlow (frozen graph)»');
    assert.equal(FRAMEWORKS.find((f) => f.value === 'mxnet')!.label, 'MXNet', 'a product name is not translated');
    assert.deepEqual(isolationModesFor('1.11.6').map((m) => [m.value, m.label]), [['GreengrassContainer', '«Greengrass container»'], ['NoContainer', '«No container»']]);
    assert.equal(validateFunctionName('image classifier'), '«Use only letters, digits, hyphens and underscores in the function name: image classifier»');
    assert.equal(validateBulkInputLocation('models', 'bulk/'), '«Enter an object key for the input file, for example bulk/deploy.json: bulk/»');
  });

  it('translates the AWS layer\'s advice and the migration folder\'s errors, keeping operation names and values', () => {
    const denied = Object.assign(new Error('User is not authorized to perform: greengrass:CreateDeployment'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    assert.equal(describeAwsError(denied, { operation: 'CreateDeployment' }).message,
      "«Access denied. The profile's IAM policy must allow CreateDeployment; ask your administrator or choose another profile: User is not authorized to perform: greengrass:CreateDeployment»");
    assert.throws(() => parseDeploymentFile('{ "targetArn": "arn:aws:iot:REGION:ACCOUNT:thinggroup/REPLACE_ME", "components": {} }', 'migrated/deployment.json'),
      { message: '«deployment.json deploys no components; list them under "components": migrated/deployment.json»' });
  });
});
