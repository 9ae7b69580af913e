// The core's wording (the V2 rows, the status words, "5 min ago", the deployment details documents) follows a
// translation: with a bundle loaded, every sentence comes from it, and names and ids stay as they are.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { deploymentDetailsMarkdown as v1DetailsMarkdown, type DeploymentDetailsInput } from '../../src/core/deploy';
import { ago, coreDeviceRow, deploymentDetailsMarkdown, deploymentRevisionRow, readable } from '../../src/core/v2/labels';
import { markedBundle } from '../support/packageJson';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const GROUP = 'arn:aws:iot:eu-west-1:123456789012:thinggroup/dock-fleet';
const DISK = 'DEPLOYMENT_FAILURE: IO_ERROR: the core device ran out of disk space: dock-jetson-fail';

describe('the core\'s wording under a translation', () => {
  before(() => l10n.config({ contents: markedBundle() }));
  after(() => l10n.config({ contents: {} }));

  it('translates the status words and the time since, and leaves unknown API words as derived', () => {
    assert.equal(readable('IN_PROGRESS'), '«In progress»');
    assert.equal(readable('HEALTHY'), '«Healthy»');
    assert.equal(readable(undefined), '«Unknown»');
    assert.equal(readable('SOMETHING_NEW'), 'Something new', 'a value the API adds later still reads as words');
    assert.equal(ago('2026-12-01T11:59:30Z', NOW), '«just now»');
    assert.equal(ago('2026-12-01T11:55:00Z', NOW), '«5 min ago»');
    assert.equal(ago('2026-11-29T12:00:00Z', NOW), '«2 d ago»');
  });

  it('writes a core device row and a deployment revision row from the translation, names untouched', () => {
    const device = coreDeviceRow({ name: 'dock-jetson-fail', status: 'UNHEALTHY', lastStatusUpdate: '2026-12-01T11:55:00Z', platform: 'linux', architecture: 'aarch64' }, NOW);
    assert.equal(device.label, 'dock-jetson-fail');
    assert.equal(device.description, '«Unhealthy» · «5 min ago» · linux aarch64');
    assert.ok(device.tooltip.includes('«Last status update: 2026-12-01T11:55:00Z»'), device.tooltip.join('\n'));
    assert.ok(device.tooltip.includes('«Platform: linux aarch64»'), device.tooltip.join('\n'));

    const revision = deploymentRevisionRow({
      deploymentId: 'd-2', deploymentName: 'camera-fleet classifier 1.1.0', targetArn: GROUP, revisionId: '2', status: 'ACTIVE', isLatestForTarget: true, createdAt: '2026-12-01T09:00:00Z',
    }, NOW);
    assert.equal(revision.label, '«Revision 2»');
    assert.equal(revision.description, '«Active» · «latest» · camera-fleet classifier 1.1.0 · «3 h ago»');
    assert.ok(revision.tooltip.includes('«Revision 2 (the latest for its target)»'), revision.tooltip.join('\n'));
    assert.ok(revision.tooltip.includes(`«Target: ${GROUP}»`), revision.tooltip.join('\n'));
    assert.ok(revision.tooltip.includes('«Deployment id: d-2»'), revision.tooltip.join('\n'));
  });

  it('writes the V2 deployment details document from the translation', () => {
    const text = deploymentDetailsMarkdown({
      deploymentId: 'd-1', deploymentName: 'dock-fleet defect detector', targetArn: GROUP, revisionId: '1', status: 'ACTIVE', isLatestForTarget: true,
      createdAt: '2026-12-01T11:00:00Z', components: [], failureHandlingPolicy: 'DO_NOTHING',
    }, [
      { device: 'dock-ok', effective: { deploymentId: 'd-1', status: 'SUCCEEDED', reason: 'SUCCESSFUL' } },
      { device: 'dock-jetson-fail', effective: { deploymentId: 'd-1', status: 'FAILED', reason: DISK, errorStack: ['DEPLOYMENT_FAILURE', 'IO_ERROR'], errorTypes: ['DEVICE_ERROR'] } },
    ], false);
    assert.match(text, /^# dock-fleet defect detector\n/, 'the name is not translated');
    assert.ok(text.includes('«**«Active»** · failed on 1 of 2 devices»'), text);
    assert.ok(text.includes(`- «Target: dock-fleet (\`${GROUP}\`)»`), text);
    assert.ok(text.includes('- «Revision: 1 (latest)»'), text);
    assert.ok(text.includes('- «Deployment id: `d-1`»'), text);
    assert.ok(text.includes('- «On failure: «Do nothing»»'), text);
    assert.ok(text.includes('## «Components»\n\n«No components.»'), text);
    assert.ok(text.includes('## «Devices»'), text);
    assert.ok(text.includes('### dock-jetson-fail: «Failed»'), text);
    assert.ok(text.includes(`«Why: ${DISK}»`), 'the reason is quoted as the API gave it');
    assert.ok(text.includes('- «Error stack: `DEPLOYMENT_FAILURE` → `IO_ERROR`»'), text);
    assert.ok(text.includes('- «On the device: `/greengrass/v2/logs/greengrass.log`»'), text);
    assert.ok(text.includes('_«Only the first devices of the target are listed.»_'), text);
  });

  it('writes the V1 deployment details document from the translation', () => {
    const fn = { id: 'classifier', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:image-classifier:live' };
    const input: DeploymentDetailsInput = {
      groupName: 'camera-line', groupId: 'g-1',
      deployment: { id: 'd-1', status: 'Failure', type: 'NewDeployment', createdAt: '2026-11-27T12:41:07Z', errorDetails: [{ code: 'GG-202', message: `The Lambda function ${fn.arn} failed to start` }] },
      functions: [fn],
      locate: () => [{ label: 'function-definition.json line 4', href: 'file:///w/function-definition.json#L4', what: 'function', name: fn.arn }],
      words: { status: (s) => s, type: (t) => t, time: (iso) => iso },
    };
    const text = v1DetailsMarkdown(input);
    assert.match(text, /^# «Deployment of camera-line»$/m);
    assert.match(text, /^\| «Status» \| Failure \|$/m);
    assert.match(text, /^\| «Updated» \| «unknown» \|$/m);
    assert.match(text, /^\| «Group» \| camera-line \(g-1\) \|$/m);
    assert.match(text, /^## «Error»$/m);
    assert.match(text, /^### «Error details \(1\)»$/m);
    assert.match(text, /^1\. \*\*GG-202\*\*: The Lambda function .* failed to start$/m, 'the error detail is quoted as the API gave it');
    assert.ok(text.includes('   - «Names function `arn:aws:lambda:eu-west-1:123456789012:function:image-classifier:live` in [function-definition.json line 4](file:///w/function-definition.json#L4)»'), text);
    assert.match(text, /^## «Where the core logs it»$/m);
    assert.ok(text.includes('- «Function `classifier` (named in the error): `/greengrass/ggc/var/log/user/eu-west-1/123456789012/image-classifier.log`»'), text);
    assert.ok(text.includes('«On the core, `sudo tail -F` the log while you deploy again to watch what happens.»'), text);
  });
});
