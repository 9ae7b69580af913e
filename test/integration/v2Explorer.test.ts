// The Greengrass V2 view in the real VS Code against the local endpoint: the tree a user walks, the failed
// deployment's details document, and a migrated model component's link back to its V1 resource.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateComponentVersionCommand, CreateDeploymentCommand, GreengrassV2Client } from '@aws-sdk/client-greengrassv2';
import * as vscode from 'vscode';
import type { LintClient } from '../../src/language/lintClient';
import type { ExplorerNode } from '../../src/views/nodes/node';
import type { V2Explorer } from '../../src/views/v2Explorer';
import { EXTENSION_ID, eventually } from './explorerSupport';

interface SeededV2 { thingGroupArns: { cameras: string; docks: string }; deployments: { cameras: string[]; docks: string[] } }

async function control(path: string, body: unknown): Promise<{ thingGroupArns?: string[] }> {
  const r = await fetch(`${process.env['AWS_ENDPOINT_URL'] ?? ''}/ggml-emu${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`The endpoint's control refused ${path}: ${r.status} ${text}`);
  return JSON.parse(text) as { thingGroupArns?: string[] };
}

const V2_SEED_KEY = Symbol.for('greengrassMl.test.v2Demo');

/** Seeds the V2 demo once per run (other test files may share it through the same key). */
function v2Demo(): Promise<SeededV2> {
  const store = globalThis as unknown as Record<symbol, Promise<SeededV2> | undefined>;
  store[V2_SEED_KEY] ??= (async () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
    if (!root) throw new Error('extension path unknown');
    const seed = (await import(pathToFileURL(join(root, 'scripts', 'seedV2.mjs')).href)) as { seedGreengrassV2Demo(endpoint?: string): Promise<SeededV2> };
    return seed.seedGreengrassV2Demo(process.env['AWS_ENDPOINT_URL']);
  })();
  return store[V2_SEED_KEY];
}

describe('Greengrass V2 view of the seeded account', function () {
  this.timeout(90_000);
  let v2: V2Explorer;
  const migrated = join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '.', 'migrated-v2x');

  const item = (node: ExplorerNode): vscode.TreeItem => v2.provider.getTreeItem(node);
  const label = (node: ExplorerNode): string => {
    const l = item(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };
  const kids = (node?: ExplorerNode): Promise<ExplorerNode[]> => Promise.resolve(v2.provider.getChildren(node)).then((k) => k ?? []);
  async function child(node: ExplorerNode | undefined, name: string | RegExp): Promise<ExplorerNode> {
    const all = await kids(node);
    const found = all.find((k) => (typeof name === 'string' ? label(k) === name : name.test(label(k))));
    if (!found) throw new Error(`no child ${String(name)} below ${node ? label(node) : 'the root'}: ${all.map(label).join(', ')}`);
    return found;
  }

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    const api = (await ext?.activate()) as { v2Explorer?: V2Explorer } | undefined;
    if (!api?.v2Explorer) throw new Error('the extension does not export its Greengrass V2 view');
    v2 = api.v2Explorer;
    await control('/settings', { stepSeconds: 0.2 });
    await v2Demo();
    await vscode.commands.executeCommand('workbench.view.extension.greengrassMl');
    await v2.provider.manager.whenSettled();
    v2.refresh();
  });
  after(async () => {
    rmSync(migrated, { recursive: true, force: true });
    await control('/settings', { stepSeconds: 1 });
  });

  it('shows core devices, deployments and components, status first', async () => {
    assert.deepEqual((await kids()).map(label), ['Core devices', 'Deployments', 'Components']);
    const devices = await child(undefined, 'Core devices');
    const dock = await eventually(async () => {
      v2.refresh();
      const node = await child(devices, 'dock-jetson-fail');
      return /^Unhealthy · /.test(String(item(node).description)) ? node : undefined;
    }, 'the dock device to turn Unhealthy', 20_000);
    assert.equal(item(dock).contextValue, 'v2CoreDevice');
    assert.deepEqual((await kids(dock)).map(label), ['Installed components', 'Deployments']);
    const deployments = await child(undefined, 'Deployments');
    const fleet = await child(deployments, 'camera-fleet');
    assert.match(String(item(fleet).description), /^Active · revision 2/);
    const revisions = await kids(fleet);
    assert.deepEqual(revisions.map((r) => [label(r), item(r).contextValue]), [['Revision 2', 'v2Deployment:ACTIVE'], ['Revision 1', 'v2Deployment:INACTIVE']]);
    const latest = revisions[0] as ExplorerNode & { deploymentId?: string; targetArn?: string };
    assert.equal(typeof latest.deploymentId, 'string', 'commands get the deployment id');
    assert.match(latest.targetArn ?? '', /:thinggroup\/camera-fleet$/);
    const deployed = (await kids(latest)).map((k) => `${label(k)} ${String(item(k).description ?? '')}`);
    assert.ok(deployed.includes('com.example.CameraClassifier 1.1.0'), deployed.join(', '));
  });

  it('walks from a core device to why its deployment failed, and opens the details', async () => {
    const dock = await child(await child(undefined, 'Core devices'), 'dock-jetson-fail');
    const taken = await child(await child(dock, 'Deployments'), 'dock-fleet defect detector');
    assert.match(String(item(taken).description), /^Failed · dock-fleet/);
    const [why] = await kids(taken);
    assert.match(label(why!), /^The core device ran out of disk space while downloading/);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('greengrassMl.v2.showDeploymentDetails', why);
    assert.ok(uri, 'the details open from the reason row');
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /^# dock-fleet defect detector/);
    assert.match(text, /### dock-jetson-fail: Failed\n\nWhy: DEPLOYMENT_FAILURE: ARTIFACT_DOWNLOAD_ERROR/);
  });

  it('links a migrated model component back to the V1 resource and archive its migration record names', async () => {
    mkdirSync(migrated, { recursive: true });
    writeFileSync(join(migrated, 'migration.json'), `${JSON.stringify({
      formatVersion: 1,
      source: { kind: 'group-folder', path: '../camera-inference', group: 'camera-inference' },
      artifactsBucket: 'greengrass-components-demo',
      components: [
        { name: 'com.example.CameraClassifier', version: '1.0.0', kind: 'lambda', file: 'components/CameraClassifier.request.json', v1: { kind: 'function', id: 'classifier' }, handler: 'functions/classifier/inference.py' },
        { name: 'com.example.SqueezeNetModel', version: '1.0.0', kind: 'model', file: 'recipes/SqueezeNetModel-1.0.0.json',
          v1: { kind: 'resource', id: 'squeezenet-model', arn: 's3://greengrass-models-demo/squeezenet/model.tar.gz' },
          model: { s3Uri: 's3://greengrass-models-demo/squeezenet/model.tar.gz', destinationPath: '/ml/model' } },
      ],
      thingGroupPlaceholder: 'arn:aws:iot:REGION:ACCOUNT:thinggroup/REPLACE_ME',
    }, null, 2)}\n`);
    v2.provider.migrationRecordsChanged();
    const model = await eventually(async () => {
      const node = await child(await child(undefined, 'Components'), 'com.example.SqueezeNetModel');
      return /^from V1 resource squeezenet-model/.test(String(item(node).description)) ? node : undefined;
    }, 'the model component to name its V1 resource', 15_000);
    assert.equal(item(model).contextValue, 'v2Component.migrated');
    const tip = item(model).tooltip;
    assert.match((typeof tip === 'string' ? tip : tip?.value ?? '').replace(/\\(.)/g, '$1'), /Model archive: s3:\/\/greengrass-models-demo\/squeezenet\/model\.tar\.gz/);
    const classifier = await child(await child(undefined, 'Components'), 'com.example.CameraClassifier');
    assert.equal(item(classifier).contextValue, 'v2Component', 'a Lambda component is not a model');

    await vscode.commands.executeCommand('greengrassMl.v2.openMigrationRecord', model);
    const editor = vscode.window.activeTextEditor;
    assert.match(editor?.document.uri.fsPath ?? '', /migrated-v2x[/\\]migration\.json$/);
    assert.match(editor?.document.lineAt(editor.selection.active.line).text ?? '', /"com\.example\.SqueezeNetModel"/);
  });

  it('opens a component version\'s recipe as read-only JSON', async () => {
    const classifier = await child(await child(undefined, 'Components'), 'com.example.CameraClassifier');
    const version = await child(classifier, '1.1.0');
    await eventually(() => /^Deployable · used by camera-fleet/.test(String(item(version).description)), 'the version\'s status and use', 15_000);
    await vscode.commands.executeCommand('greengrassMl.v2.openRecipe', version);
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.languageId, 'json');
    assert.equal(doc?.uri.scheme, 'greengrass-ml-v2');
    assert.equal((JSON.parse(doc?.getText() ?? '{}') as { ComponentVersion?: string }).ComponentVersion, '1.1.0');
  });

  it('lints a deployed recipe opened from the tree: findings with rule links, no cross-file rule misfiring', async () => {
    const name = `com.example.DockDefectModel${Date.now().toString(36)}`;
    const recipe = {
      RecipeFormatVersion: '2020-01-25',
      ComponentName: name,
      ComponentVersion: '1.0.0',
      ComponentDescription: 'Defect detection model (ResNet-18) for the dock cameras',
      ComponentPublisher: 'Example Corp',
      Manifests: [{
        Platform: { os: 'linux' },
        Lifecycle: {},
        Artifacts: [{ URI: 's3://greengrass-models-demo/defects/resnet18.tar.gz', Unarchive: 'ZIP' }],
      }],
    };
    await new GreengrassV2Client({}).send(new CreateComponentVersionCommand({ inlineRecipe: Buffer.from(JSON.stringify(recipe, null, 2)) }));
    const version = await eventually(async () => {
      v2.refresh();
      const component = await child(await child(undefined, 'Components'), name).catch(() => undefined);
      return component ? child(component, '1.0.0') : undefined;
    }, 'the new component in the tree', 15_000);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('greengrassMl.v2.openRecipe', version);
    assert.equal(uri?.scheme, 'greengrass-ml-v2');
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.toString(), uri.toString());
    const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'greengrass-ml');
    const unarchive = await eventually(() => ours().find((d) => typeof d.code === 'object' && d.code.value === 'GGML-V2003'), 'GGML-V2003 on the deployed recipe', 20_000);
    assert.equal(unarchive.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc?.getText(unarchive.range), '"ZIP"');
    assert.ok(typeof unarchive.code === 'object' && unarchive.code.target.path.endsWith('/docs/rules/GGML-V2003.md'), 'a link to the rule page');
    assert.match(unarchive.message, /this \.tar\.gz artifact would not be unpacked.*: s3:\/\/greengrass-models-demo\/defects\/resnet18\.tar\.gz$/);
    const api = (await vscode.extensions.getExtension(EXTENSION_ID)?.activate()) as { linter?: LintClient } | undefined;
    await api?.linter?.whenIdle();
    assert.deepEqual(ours().map((d) => (typeof d.code === 'object' ? d.code.value : d.code)), ['GGML-V2003'], 'only the recipe\'s own findings: no rule that needs the workspace');
  });

  it('leaves other virtual documents alone, even when they hold a recipe', async () => {
    const text = JSON.stringify({ RecipeFormatVersion: '2020-01-25', ComponentName: 'com.example.Other', ComponentVersion: '1.0', Manifests: [{ Artifacts: [{ URI: 's3://b/m.tar.gz', Unarchive: 'ZIP' }] }] }, null, 2);
    const scheme = 'ggml-it-other';
    const registration = vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => text });
    try {
      const uri = vscode.Uri.from({ scheme, path: '/recipes/com.example.Other-1.0.recipe.json' });
      const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
      await vscode.window.showTextDocument(doc, { preview: true });
      const api = (await vscode.extensions.getExtension(EXTENSION_ID)?.activate()) as { linter?: LintClient } | undefined;
      await api?.linter?.whenIdle();
      await new Promise((r) => setTimeout(r, 1000));
      await api?.linter?.whenIdle();
      assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'greengrass-ml'), [], 'no Greengrass ML diagnostics on a document of another extension');
    } finally {
      registration.dispose();
    }
  });

  describe('a deployment in progress', () => {
    const run = Date.now().toString(36);
    const device = `line-pi-${run}`;
    const fleet = `line-fleet-${run}`;
    let fleetArn: string;
    const description = (node: ExplorerNode): string => String(item(node).description ?? '');
    const deploy = async (name: string): Promise<string> => {
      const out = await new GreengrassV2Client({}).send(new CreateDeploymentCommand({
        targetArn: fleetArn, deploymentName: name, components: { 'com.example.CameraClassifier': { componentVersion: '1.1.0' } },
      }));
      return out.deploymentId!;
    };

    before(async () => {
      fleetArn = (await control('/core-devices', { coreDeviceThingName: device, thingGroupNames: [fleet] })).thingGroupArns![0]!;
      await vscode.commands.executeCommand('greengrassMl.v2Explorer.focus');
      await eventually(() => v2.view.visible, 'the Greengrass V2 view to show', 10_000);
    });
    afterEach(() => control('/settings', { stepSeconds: 0.2 }));

    it('reloads itself while the deployment is in progress: the device\'s deployment and the revision\'s device row reach Succeeded without a Refresh', async () => {
      await control('/settings', { stepSeconds: 2 });
      v2.refresh();
      const line = await child(await child(undefined, 'Core devices'), device);
      const installed = await child(line, 'Installed components');
      assert.deepEqual((await kids(installed)).map(label), ['No components deployed to this device yet']);
      const deploymentId = await deploy(`line camera classifier ${run}`);
      const taken = await child(line, 'Deployments');
      const first = await child(taken, `line camera classifier ${run}`);
      assert.match(description(first), /^(Queued|In progress) · /);
      const target = await eventually(async () => child(await child(undefined, 'Deployments'), fleet), 'the new target in the Deployments list', 10_000);
      const revision = await child(target, 'Revision 1');
      assert.equal((revision as ExplorerNode & { deploymentId?: string }).deploymentId, deploymentId);
      assert.match(description(await child(revision, device)), /^(Queued|In progress)/);

      // No refresh from here on: only the view's own reloads.
      await eventually(async () => /^Succeeded · /.test(description(await child(taken, `line camera classifier ${run}`))), () => 'the device\'s deployment to reach Succeeded', 30_000);
      await eventually(async () => /^Succeeded/.test(description(await child(revision, device))), 'the revision\'s device row to reach Succeeded', 30_000);
      await eventually(async () => (await kids(installed)).map(label).includes('com.example.CameraClassifier'), 'the device\'s installed components to follow', 30_000);
    });

    it('Cancel Deployment and Revise Deployment show their result in the tree without a Refresh', async () => {
      await control('/settings', { stepSeconds: 30 });
      const name = `line slow rollout ${run}`;
      await deploy(name);
      v2.refresh();
      const target = await child(await child(undefined, 'Deployments'), fleet);
      const active = await eventually(async () => {
        const rows = await kids(target);
        const newest = rows[0]!;
        return item(newest).contextValue === 'v2Deployment:ACTIVE' && /· latest/.test(description(newest)) ? newest : undefined;
      }, 'the new revision, active', 10_000);
      const revisionsBefore = (await kids(target)).length;

      const revised = await vscode.commands.executeCommand<{ kind: string; deploymentId?: string; message: string }>('greengrassMl.reviseDeployment', active, { source: 'same', watch: false });
      assert.equal(revised?.kind, 'deployed', revised?.message);
      const newest = await eventually(async () => {
        const rows = await kids(await child(await child(undefined, 'Deployments'), fleet));
        return rows.length === revisionsBefore + 1 && (rows[0] as ExplorerNode & { deploymentId?: string }).deploymentId === revised.deploymentId ? rows[0] : undefined;
      }, 'the new revision in the tree', 10_000);
      assert.equal(item(newest).contextValue, 'v2Deployment:ACTIVE');

      const canceled = await vscode.commands.executeCommand<{ kind: string; message: string }>('greengrassMl.cancelDeployment', newest, { confirm: true });
      assert.equal(canceled?.kind, 'canceled', canceled?.message);
      await eventually(async () => {
        const fleetRow = await child(await child(undefined, 'Deployments'), fleet);
        const rows = await kids(fleetRow);
        const row = rows.find((r) => (r as ExplorerNode & { deploymentId?: string }).deploymentId === revised.deploymentId);
        return row && item(row).contextValue === 'v2Deployment:CANCELED' && /^Canceled/.test(description(fleetRow));
      }, () => 'the canceled revision and its target row to say Canceled', 10_000);
    });
  });
});
