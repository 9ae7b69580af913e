// "Greengrass ML: New Inference Function": asks for the framework, runtime, platform, model source, destination,
// isolation, lifecycle, name and topic (a multi-step quick pick with Back), then writes the handler and edits the
// group's files with one WorkspaceEdit. Never overwrites without a modal confirmation, never writes outside the
// workspace. Tests and other commands can pass the answers: `{ answers, groupFolder, overwrite }`.
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import type { CommandContext } from '../featureContext';
import { isReallyInside } from '../core/insideFolder';
import { MANIFEST_FILE_NAME, type GroupManifest, type TargetPlatform } from '../core/manifest';
import {
  defaultDestinationPath, defaultFunctionName, defaultTopic, FRAMEWORKS, isolationModesFor, LIFECYCLES, planScaffold, PLATFORMS,
  runtimesFor, ScaffoldError, validateAnswers, validateDestinationPath, validateFunctionName, validateS3Uri, validateSageMakerJobArn,
  validateTopic, type Choice, type ModelSource, type ScaffoldAnswers, type ScaffoldPlan,
} from '../core/scaffold';

export interface NewInferenceFunctionArgs {
  /** Answers to use without asking (missing ones take their defaults). */
  answers?: Partial<ScaffoldAnswers>;
  /** The group folder (the folder of its greengrass-ml.json, or a folder to start a group in). */
  groupFolder?: vscode.Uri | string;
  /** With `answers`: replace existing files and entries that differ (default false: leave them). */
  overwrite?: boolean;
  /** Pre-fills the model source (from the explorer's model archive or training job). */
  s3Uri?: string;
  sageMakerJobArn?: string;
}

export interface NewInferenceFunctionResult {
  handler: string;
  created: string[];
  edited: string[];
  overwritten: string[];
  /** Conflicts left as they were. */
  kept: string[];
}

const title = (): string => vscode.l10n.t('New Inference Function');
const TOTAL_STEPS = 9;

/** The model source an explorer node carries (a model archive or a training job), read without importing the views. */
function sourceFromArgument(arg: unknown): { s3Uri?: string; sageMakerJobArn?: string } {
  if (!arg || typeof arg !== 'object') return {};
  const a = arg as { s3Uri?: unknown; sageMakerJobArn?: unknown; archive?: { uri?: unknown }; job?: { arn?: unknown } };
  const s3Uri = typeof a.s3Uri === 'string' ? a.s3Uri : typeof a.archive?.uri === 'string' ? a.archive.uri : undefined;
  const jobArn = typeof a.sageMakerJobArn === 'string' ? a.sageMakerJobArn : typeof a.job?.arn === 'string' ? a.job.arn : undefined;
  return { ...(s3Uri ? { s3Uri } : {}), ...(jobArn ? { sageMakerJobArn: jobArn } : {}) };
}

// ---- reading files: open documents first (unsaved edits count), then the file system ----

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    if ((error as { code?: string }).code === 'FileNotFound' || (error as { code?: string }).code === 'EntryNotFound') return undefined;
    throw error;
  }
}

function childUri(folder: vscode.Uri, relative: string): vscode.Uri {
  return vscode.Uri.joinPath(folder, ...relative.split('/'));
}

/** True when `uri` is in a workspace folder, also once symbolic links are resolved (a link may lead out of it). */
async function insideWorkspace(uri: vscode.Uri): Promise<boolean> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return false;
  if (uri.scheme === 'file' && folder.uri.scheme === 'file') return isReallyInside(folder.uri.fsPath, uri.fsPath);
  const root = folder.uri.path.endsWith('/') ? folder.uri.path : folder.uri.path + '/';
  return uri.path === folder.uri.path || uri.path.startsWith(root);
}

/** Plans with every file the planner asks for read beforehand (the planner is synchronous and pure). */
async function planWithFiles(answers: ScaffoldAnswers, folder: vscode.Uri, overwrite: boolean): Promise<{ plan: ScaffoldPlan; texts: Map<string, string | undefined> }> {
  const texts = new Map<string, string | undefined>();
  const name = folder.path.slice(folder.path.lastIndexOf('/') + 1) || 'greengrass-ml-group';
  for (let round = 0; round < 20; round++) {
    const missing = new Set<string>();
    const plan = planScaffold(answers, {
      name,
      readFile: (p) => {
        if (!texts.has(p)) missing.add(p);
        return texts.get(p);
      },
    }, { overwrite });
    if (missing.size === 0) return { plan, texts };
    for (const p of missing) texts.set(p, await readText(childUri(folder, p)));
  }
  throw new Error(vscode.l10n.t('The group files kept changing while New Inference Function read them; try again.'));
}

// ---- choosing the group folder ----

async function pickGroupFolder(): Promise<vscode.Uri | undefined> {
  const manifests = await vscode.workspace.findFiles(`**/${MANIFEST_FILE_NAME}`, '**/{node_modules,.git}/**', 100);
  const folders = [...new Map(manifests.map((m) => {
    const f = vscode.Uri.joinPath(m, '..');
    return [f.toString(), f] as const;
  })).values()];
  if (folders.length === 1) return folders[0];
  const workspaceFolders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    if (workspaceFolders.length === 1) return workspaceFolders[0]!.uri;
    const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('No group manifest found: choose the folder to start a Greengrass ML group in') });
    return pick?.uri;
  }
  const items = await Promise.all(folders.map(async (f) => {
    let name: string | undefined;
    try {
      name = (parse((await readText(vscode.Uri.joinPath(f, MANIFEST_FILE_NAME))) ?? '{}') as GroupManifest).name;
    } catch {
      name = undefined;
    }
    return { label: name ?? vscode.workspace.asRelativePath(f), description: vscode.workspace.asRelativePath(f), folder: f };
  }));
  const pick = await vscode.window.showQuickPick(items, { title: title(), placeHolder: vscode.l10n.t('Choose the group to add the function to') });
  return pick?.folder;
}

// ---- the multi-step input ----

class Back extends Error {}
class Cancelled extends Error {}

interface Step { step: number; title?: string }

function pickOne<T>(s: Step & { placeholder: string; choices: readonly Choice<T>[]; active: T | undefined }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
    qp.title = s.title ?? title();
    qp.step = s.step;
    qp.totalSteps = TOTAL_STEPS;
    qp.placeholder = s.placeholder;
    qp.ignoreFocusOut = true;
    qp.items = s.choices.map((c) => ({ label: c.label, detail: c.detail, value: c.value }));
    const active = qp.items.find((i) => i.value === s.active);
    if (active) qp.activeItems = [active];
    qp.buttons = s.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      f();
      qp.dispose();
    };
    qp.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) finish(() => reject(new Back())); });
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (item) finish(() => resolve(item.value));
    });
    qp.onDidHide(() => finish(() => reject(new Cancelled())));
    qp.show();
  });
}

function inputText(s: Step & { prompt: string; value: string; placeholder?: string; validate: (v: string) => string | undefined }): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const box = vscode.window.createInputBox();
    box.title = s.title ?? title();
    box.step = s.step;
    box.totalSteps = TOTAL_STEPS;
    box.prompt = s.prompt;
    box.value = s.value;
    if (s.placeholder) box.placeholder = s.placeholder;
    box.ignoreFocusOut = true;
    box.buttons = s.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    box.validationMessage = s.value ? s.validate(s.value) : undefined;
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      f();
      box.dispose();
    };
    box.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) finish(() => reject(new Back())); });
    box.onDidChangeValue((v) => { box.validationMessage = s.validate(v.trim()); });
    box.onDidAccept(() => {
      const v = box.value.trim();
      const problem = s.validate(v);
      box.validationMessage = problem;
      if (!problem) finish(() => resolve(v));
    });
    box.onDidHide(() => finish(() => reject(new Cancelled())));
    box.show();
  });
}

function defaults(manifest: GroupManifest | undefined, given: Partial<ScaffoldAnswers>, prefill: { s3Uri?: string; sageMakerJobArn?: string }): ScaffoldAnswers {
  const framework = given.framework ?? 'mxnet';
  const functionName = given.functionName ?? defaultFunctionName(framework);
  const source: ModelSource = given.source
    ?? (prefill.sageMakerJobArn ? { kind: 'sagemaker', jobArn: prefill.sageMakerJobArn } : { kind: 's3', uri: prefill.s3Uri ?? '' });
  return {
    framework,
    runtime: given.runtime ?? runtimesFor(manifest?.coreVersion)[0]!.value,
    platform: given.platform ?? (manifest?.platforms?.[0] as TargetPlatform | undefined) ?? 'raspberry-pi',
    source,
    destinationPath: given.destinationPath ?? defaultDestinationPath(framework),
    isolationMode: given.isolationMode ?? 'GreengrassContainer',
    lifecycle: given.lifecycle ?? 'pinned',
    functionName,
    topic: given.topic ?? defaultTopic(functionName),
  };
}

/** Asks every question in turn; Back returns to the previous one. Undefined when the user cancels. */
async function askAnswers(start: ScaffoldAnswers, coreVersion: string | undefined): Promise<ScaffoldAnswers | undefined> {
  const a: ScaffoldAnswers = { ...start };
  let destinationTouched = false;
  let nameTouched = false;
  let topicTouched = false;
  const steps: (() => Promise<void>)[] = [
    async () => {
      const before = a.framework;
      a.framework = await pickOne({ step: 1, placeholder: vscode.l10n.t('Framework of the model'), choices: FRAMEWORKS, active: a.framework });
      if (a.framework !== before) {
        if (!destinationTouched) a.destinationPath = defaultDestinationPath(a.framework);
        if (!nameTouched) a.functionName = defaultFunctionName(a.framework);
        if (!topicTouched) a.topic = defaultTopic(a.functionName);
      }
    },
    async () => {
      a.runtime = await pickOne({ step: 2, placeholder: coreVersion ? vscode.l10n.t("Runtime (the group's core {0} runs these)", coreVersion) : vscode.l10n.t("Runtime (the group's core version is not set)"), choices: runtimesFor(coreVersion), active: a.runtime });
    },
    async () => {
      a.platform = await pickOne({ step: 3, placeholder: vscode.l10n.t('Device platform the function runs on'), choices: PLATFORMS, active: a.platform });
    },
    async () => {
      const kind = await pickOne<'s3' | 'sagemaker'>({
        step: 4, placeholder: vscode.l10n.t('Where the model comes from'), active: a.source.kind,
        choices: [
          { value: 's3', label: vscode.l10n.t('S3 archive'), detail: vscode.l10n.t('A .tar.gz (with a parent folder) or .zip archive in a bucket without periods in its name.') },
          { value: 'sagemaker', label: vscode.l10n.t('SageMaker training job'), detail: vscode.l10n.t('The model artifact of a completed training job (supported regions only).') },
        ],
      });
      if (kind === 's3') {
        const uri = await inputText({
          step: 4, prompt: vscode.l10n.t('S3 URI of the model archive'), placeholder: vscode.l10n.t('s3://my-greengrass-models/squeezenet/model.tar.gz'),
          value: a.source.kind === 's3' ? a.source.uri : '', validate: validateS3Uri,
        });
        a.source = { kind: 's3', uri };
      } else {
        const jobArn = await inputText({
          step: 4, prompt: vscode.l10n.t('ARN of the SageMaker training job'), placeholder: vscode.l10n.t('arn:aws:sagemaker:us-east-1:123456789012:training-job/my-job'),
          value: a.source.kind === 'sagemaker' ? a.source.jobArn : '', validate: validateSageMakerJobArn,
        });
        a.source = { kind: 'sagemaker', jobArn };
      }
    },
    async () => {
      const before = a.destinationPath;
      a.destinationPath = await inputText({ step: 5, prompt: vscode.l10n.t('Destination path of the model on the core device (absolute)'), value: a.destinationPath, validate: validateDestinationPath });
      destinationTouched ||= a.destinationPath !== before;
    },
    async () => {
      a.isolationMode = await pickOne({ step: 6, placeholder: vscode.l10n.t('Isolation mode'), choices: isolationModesFor(coreVersion), active: a.isolationMode });
    },
    async () => {
      a.lifecycle = await pickOne({ step: 7, placeholder: vscode.l10n.t('Lifecycle'), choices: LIFECYCLES, active: a.lifecycle });
    },
    async () => {
      const before = a.functionName;
      a.functionName = await inputText({ step: 8, prompt: vscode.l10n.t('Name of the Lambda function (also its Id in the group and its code folder)'), value: a.functionName, validate: validateFunctionName });
      nameTouched ||= a.functionName !== before;
      if (!topicTouched) a.topic = defaultTopic(a.functionName);
    },
    async () => {
      const before = a.topic;
      a.topic = await inputText({ step: 9, prompt: vscode.l10n.t('MQTT topic the function publishes its results to'), value: a.topic, validate: validateTopic });
      topicTouched ||= a.topic !== before;
    },
  ];
  let i = 0;
  while (i < steps.length) {
    try {
      await steps[i]!();
      i++;
    } catch (error) {
      if (error instanceof Back) i = Math.max(0, i - 1);
      else if (error instanceof Cancelled) return undefined;
      else throw error;
    }
  }
  return a;
}

// ---- applying the plan ----

async function applyPlan(plan: ScaffoldPlan, folder: vscode.Uri, texts: Map<string, string | undefined>): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const toSave: vscode.Uri[] = [];
  for (const f of plan.files) {
    const uri = childUri(folder, f.path);
    if (!(await insideWorkspace(uri))) throw new ScaffoldError(vscode.l10n.t('New Inference Function writes only inside the workspace, and this path leads out of it (through a symbolic link or ".."); fix the path in the group manifest: {0}', f.path));
    if (f.action === 'create' || f.action === 'overwrite') {
      edit.createFile(uri, { overwrite: f.action === 'overwrite', contents: new TextEncoder().encode(f.content) });
    } else {
      const doc = await vscode.workspace.openTextDocument(uri);
      if (doc.getText() !== texts.get(f.path)) throw new ScaffoldError(vscode.l10n.t('This file changed while New Inference Function ran; run it again: {0}', f.path));
      for (const e of f.edits) edit.replace(uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
      if (!doc.isDirty) toSave.push(uri);
    }
  }
  if (edit.size === 0) return;
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('VS Code did not apply the changes to the group files; see the Greengrass ML log.'));
  for (const uri of toSave) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) await doc.save();
  }
}

async function run(feature: CommandContext, arg: unknown): Promise<NewInferenceFunctionResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(vscode.l10n.t('New Inference Function writes files, which Greengrass ML does only in a trusted workspace. Trust the workspace, then try again.'));
    return undefined;
  }
  const args: NewInferenceFunctionArgs = arg && typeof arg === 'object' && ('answers' in arg || 'groupFolder' in arg || 's3Uri' in arg || 'sageMakerJobArn' in arg)
    ? (arg as NewInferenceFunctionArgs) : {};
  const prefill = { ...sourceFromArgument(arg), ...sourceFromArgument(args) };
  const interactive = args.answers === undefined;

  const folder = args.groupFolder ? (typeof args.groupFolder === 'string' ? vscode.Uri.parse(args.groupFolder) : args.groupFolder) : await pickGroupFolder();
  if (!folder) {
    if (!vscode.workspace.workspaceFolders?.length) void vscode.window.showErrorMessage(vscode.l10n.t('New Inference Function needs a folder: open the folder of your Greengrass group, then try again.'));
    return undefined;
  }
  if (!(await insideWorkspace(folder))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('New Inference Function writes only inside the workspace; choose a group folder in it: {0}', folder.fsPath));
    return undefined;
  }
  let manifest: GroupManifest | undefined;
  const manifestText = await readText(vscode.Uri.joinPath(folder, MANIFEST_FILE_NAME));
  if (manifestText !== undefined) manifest = parse(manifestText) as GroupManifest | undefined;

  const start = defaults(manifest, args.answers ?? {}, prefill);
  const answers = interactive ? await askAnswers(start, manifest?.coreVersion) : start;
  if (!answers) return undefined;
  const problems = validateAnswers(answers, manifest?.coreVersion);
  if (problems.length > 0) {
    const message = vscode.l10n.t('New Inference Function cannot use these answers; change them and try again: {0}', problems.join('; '));
    void vscode.window.showErrorMessage(message);
    if (!interactive) throw new ScaffoldError(message);
    return undefined;
  }

  try {
    let { plan, texts } = await planWithFiles(answers, folder, args.overwrite === true);
    let overwrite = args.overwrite === true;
    if (plan.conflicts.length > 0 && interactive) {
      const list = plan.conflicts.map((c) => `• ${c.message}`).join('\n');
      const overwriteButton = vscode.l10n.t('Overwrite');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Some of what New Inference Function writes exists already with other contents. Overwrite it, or keep the existing versions and add only the rest?'),
        { modal: true, detail: list }, overwriteButton, vscode.l10n.t('Keep Existing'));
      if (!choice) return undefined;
      if (choice === overwriteButton) {
        overwrite = true;
        ({ plan, texts } = await planWithFiles(answers, folder, true));
      }
    }
    await applyPlan(plan, folder, texts);
    const handler = childUri(folder, plan.handlerPath);
    const result: NewInferenceFunctionResult = {
      handler: handler.toString(),
      created: plan.files.filter((f) => f.action === 'create').map((f) => f.path),
      edited: plan.files.filter((f) => f.action === 'edit').map((f) => f.path),
      overwritten: plan.files.filter((f) => f.action === 'overwrite').map((f) => f.path),
      kept: overwrite ? [] : plan.conflicts.map((c) => c.message),
    };
    feature.log.info(`New Inference Function ${answers.functionName}: created ${result.created.join(', ') || 'nothing'}; edited ${result.edited.join(', ') || 'nothing'}; overwrote ${result.overwritten.join(', ') || 'nothing'}${result.kept.length ? `; kept existing: ${result.kept.join('; ')}` : ''}`);
    if (plan.files.some((f) => f.path === plan.handlerPath) || interactive) {
      await vscode.window.showTextDocument(handler, { preview: false });
    }
    void vscode.window.showInformationMessage(result.kept.length
      ? vscode.l10n.t('Added the inference function to the group: {0}. Upload the model and publish the function before deploying. Kept {1} existing item(s) as they were (see the log).', answers.functionName, result.kept.length)
      : vscode.l10n.t('Added the inference function to the group: {0}. Upload the model and publish the function before deploying.', answers.functionName));
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    feature.log.error(`New Inference Function failed: ${message}`);
    void vscode.window.showErrorMessage(error instanceof ScaffoldError ? message : vscode.l10n.t('New Inference Function failed; see the Greengrass ML log: {0}', message));
    // A caller that passed the answers (another command, a test) gets the error itself.
    if (!interactive) throw error;
    return undefined;
  }
}

export const newInferenceFunctionCommands: Record<string, (feature: CommandContext) => (...args: unknown[]) => unknown> = {
  'greengrassMl.newInferenceFunction': (feature) => (arg?: unknown) => run(feature, arg),
};
