// The words of the Greengrass V2 view: status first, readable words, short rows, and a failure that says why.
import * as assert from 'node:assert/strict';
import {
  ago, componentVersionRow, coreDeviceRow, deploymentDetailsMarkdown, deploymentRevisionRow, deploymentTargetRow, effectiveDeploymentRow,
  installedComponentRow, readable, shortReason, targetName, tone,
} from '../../src/core/v2/labels';
import { migratedModels } from '../../src/core/v2/migrationRecord';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const GROUP = 'arn:aws:iot:us-east-1:123456789012:thinggroup/dock-fleet';
const DISK = 'DEPLOYMENT_FAILURE: ARTIFACT_DOWNLOAD_ERROR: IO_ERROR: DISK_SPACE_CRITICAL: the core device ran out of disk space while downloading the deployment\'s artifacts: dock-jetson-fail';

describe('Greengrass V2 labels', () => {
  it('turns API casing into readable words', () => {
    assert.equal(readable('IN_PROGRESS'), 'In progress');
    assert.equal(readable('HEALTHY'), 'Healthy');
    assert.equal(readable('DEPLOYABLE'), 'Deployable');
    assert.equal(readable('TIMED_OUT'), 'Timed out');
    assert.equal(readable(undefined), 'Unknown');
    assert.equal(readable('Already words'), 'Already words');
  });

  it('says how long ago in short words, and gives an older time as the date the user\'s locale writes', () => {
    assert.equal(ago('2026-12-01T11:59:30Z', NOW), 'just now');
    assert.equal(ago('2026-12-01T09:00:00Z', NOW), '3 h ago');
    assert.equal(ago('2026-11-29T12:00:00Z', NOW), '2 d ago');
    const old = Date.parse('2026-01-15T12:00:00Z');
    assert.equal(ago('2026-01-15T12:00:00Z', NOW), new Date(old).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }));
    assert.doesNotMatch(ago('2026-01-15T12:00:00Z', NOW) ?? '', /^\d{4}-\d{2}-\d{2}$/, 'not the ISO form: the V1 and V2 rows read alike');
    assert.equal(ago('not a time', NOW), undefined);
  });

  it('puts a core device\'s status first, then when it last reported and its platform', () => {
    const row = coreDeviceRow({ name: 'dock-jetson-fail', status: 'UNHEALTHY', lastStatusUpdate: '2026-12-01T11:55:00Z', platform: 'linux', architecture: 'aarch64' }, NOW);
    assert.equal(row.label, 'dock-jetson-fail');
    assert.equal(row.description, 'Unhealthy · 5 min ago · linux aarch64');
    assert.equal(tone('UNHEALTHY'), 'failed');
  });

  it('shows an installed component\'s lifecycle state before its version, and why it broke in the tooltip', () => {
    const row = installedComponentRow({
      name: 'com.example.DefectDetectorFailDeploy', version: '1.0.0', lifecycleState: 'BROKEN', lastStatusChange: '2026-12-01T10:00:00Z',
      details: 'The component\'s run script exited with code 1 three times', statusCodes: ['RUN_ERROR'],
    }, NOW);
    assert.equal(row.description, 'Broken · 1.0.0 · 2 h ago');
    assert.ok(row.tooltip.some((l) => l.startsWith('Why: The component')), row.tooltip.join('\n'));
    assert.equal(installedComponentRow({ name: 'com.example.A', version: '2.0.0', lifecycleState: 'RUNNING' }, NOW).description, 'Running · 2.0.0');
  });

  it('keeps only the words of a failure reason for its row, the codes stay in the details', () => {
    assert.equal(shortReason(DISK), 'The core device ran out of disk space while downloading the deployment\'s artifacts: dock-jetson-fail');
    assert.equal(shortReason('Plain words'), 'Plain words');
    assert.equal(shortReason(undefined), undefined);
    const row = effectiveDeploymentRow({ deploymentId: 'd-1', deploymentName: 'dock-fleet defect detector', targetArn: GROUP, status: 'FAILED', reason: DISK, modifiedAt: '2026-12-01T11:59:30Z' }, NOW);
    assert.equal(row.label, 'dock-fleet defect detector');
    assert.equal(row.description, 'Failed · dock-fleet · just now');
    assert.ok(row.tooltip.some((l) => l.includes('DISK\\_SPACE\\_CRITICAL')), 'the full reason (escaped) is in the tooltip');
  });

  it('names a deployment target by its thing group, or the device for a thing target', () => {
    assert.equal(targetName(GROUP), 'dock-fleet');
    assert.equal(targetName('arn:aws:iot:us-east-1:123456789012:thing/lab-bench'), 'lab-bench (device)');
    const d = { deploymentId: 'd-2', deploymentName: 'camera-fleet classifier 1.1.0', targetArn: GROUP, revisionId: '2', status: 'ACTIVE', isLatestForTarget: true, createdAt: '2026-12-01T09:00:00Z' };
    assert.equal(deploymentTargetRow(d, NOW).description, 'Active · revision 2 · 3 h ago');
    const rev = deploymentRevisionRow(d, NOW);
    assert.equal(rev.label, 'Revision 2');
    assert.equal(rev.description, 'Active · latest · camera-fleet classifier 1.1.0 · 3 h ago');
    assert.equal(deploymentRevisionRow({ ...d, revisionId: '1', status: 'INACTIVE', isLatestForTarget: false }, NOW).description, 'Inactive · camera-fleet classifier 1.1.0 · 3 h ago');
  });

  it('says why a component version FAILED on its row, and which deployments use a version', () => {
    const failed = componentVersionRow({ version: '1.0.0', arn: 'arn:c:1.0.0' }, {
      name: 'com.example.PersonDetectorModel', version: '1.0.0', arn: 'arn:c:1.0.0', state: 'FAILED', platforms: [],
      errors: [{ subject: 's3://bucket/model.zip', message: 'The artifact does not exist in Amazon S3 (404 Not Found)' }],
      message: 'The component version could not be created',
    });
    assert.equal(failed.description, 'Failed · The artifact does not exist in Amazon S3 (404 Not Found)');
    const used = componentVersionRow({ version: '1.1.0', arn: 'a' }, { name: 'n', version: '1.1.0', arn: 'a', state: 'DEPLOYABLE', platforms: ['linux'], errors: [] }, ['camera-fleet']);
    assert.equal(used.description, 'Deployable · used by camera-fleet');
    assert.equal(componentVersionRow({ version: '2.0.0', arn: 'a' }, undefined).description, undefined, 'no status until it is read');
  });

  it('writes a failed deployment\'s details with each device\'s reason, the failed devices first', () => {
    const text = deploymentDetailsMarkdown({
      deploymentId: 'd-1', deploymentName: 'dock-fleet defect detector', targetArn: GROUP, revisionId: '1', status: 'ACTIVE', isLatestForTarget: true,
      createdAt: '2026-12-01T11:00:00Z', components: [{ name: 'com.example.DefectDetectorFailDeploy', version: '1.0.0' }], failureHandlingPolicy: 'DO_NOTHING',
    }, [
      { device: 'dock-ok', effective: { deploymentId: 'd-1', status: 'SUCCEEDED', reason: 'SUCCESSFUL' } },
      { device: 'dock-jetson-fail', effective: { deploymentId: 'd-1', status: 'FAILED', reason: DISK, errorStack: ['DEPLOYMENT_FAILURE', 'IO_ERROR'], errorTypes: ['DEVICE_ERROR'] } },
      { device: 'dock-new' },
    ], true);
    assert.match(text, /^# dock-fleet defect detector\n/);
    assert.match(text, /\*\*Active\*\* · failed on 1 of 3 devices/);
    assert.match(text, /- com\.example\.DefectDetectorFailDeploy 1\.0\.0/);
    assert.match(text, /- On failure: Do nothing/);
    const failedAt = text.indexOf('### dock-jetson-fail: Failed');
    assert.ok(failedAt > 0 && failedAt < text.indexOf('### dock-ok: Succeeded'), 'the failed device comes first');
    assert.match(text, /Why: DEPLOYMENT_FAILURE: ARTIFACT_DOWNLOAD_ERROR: .*ran out of disk space/, 'the codes read as they are in the source');
    assert.match(text, /Error stack: `DEPLOYMENT_FAILURE` → `IO_ERROR`/);
    assert.match(text, /### dock-new: Not taken yet/);
    assert.doesNotMatch(text, /Why: SUCCESSFUL/);
  });
});

describe('migration records', () => {
  const record = {
    formatVersion: 1,
    source: { kind: 'group-folder', path: '../groups/camera', group: 'camera-inference' },
    components: [
      { name: 'com.example.SqueezeNetModel', version: '1.0.0', kind: 'model', file: 'recipes/SqueezeNetModel-1.0.0.json',
        v1: { kind: 'resource', id: 'squeezenet-model', arn: 's3://greengrass-models-demo/squeezenet/model.tar.gz' },
        model: { s3Uri: 's3://greengrass-models-demo/squeezenet/model.tar.gz', destinationPath: '/ml/model' } },
      { name: 'com.example.Classifier', version: '1.0.0', kind: 'lambda', file: 'components/Classifier.request.json', v1: { kind: 'function', id: 'classifier' } },
    ],
    thingGroupPlaceholder: 'arn:aws:iot:REGION:ACCOUNT:thinggroup/REPLACE_ME',
  };

  it('finds the model components with the V1 resource and archive they came from', () => {
    assert.deepEqual(migratedModels(JSON.stringify(record)), [{
      componentName: 'com.example.SqueezeNetModel', version: '1.0.0', resourceId: 'squeezenet-model', resourceArn: 's3://greengrass-models-demo/squeezenet/model.tar.gz',
      s3Uri: 's3://greengrass-models-demo/squeezenet/model.tar.gz', localArchive: undefined, group: 'camera-inference',
    }]);
  });

  it('gives nothing for another format version or a file that is not JSON', () => {
    assert.deepEqual(migratedModels(JSON.stringify({ ...record, formatVersion: 2 })), []);
    assert.deepEqual(migratedModels('{ not json'), []);
    assert.deepEqual(migratedModels('[]'), []);
  });
});
