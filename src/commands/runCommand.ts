// How every ship command runs (deploy, redeploy, reset, bulk deploy, upload model, publish function): the trust
// check once at the start, then the cloud part with the AWS clients, a progress notification (cancellable where the
// work can stop), and one way of reporting a failure (logged, shown with 'Show Log'). The commands hold only what
// they do.
import * as vscode from 'vscode';
import type { AwsClients } from '../aws/clients';
import type { AwsModule } from '../connection/connectionManager';
import type { CommandContext } from '../featureContext';
import { clientsFor, errorMessage, isCancelled } from './deployShared';
import { connectionReady, requireTrust } from './explorerGuards';

export interface Cloud {
  aws: AwsModule;
  clients: AwsClients;
}

/** What the work inside the progress notification gets. */
export interface Step {
  progress: vscode.Progress<{ message?: string; increment?: number }>;
  /** Aborted when the user cancels the notification. */
  signal: AbortSignal;
  token: vscode.CancellationToken;
}

export interface CloudTask {
  /** The progress notification's title. */
  title: string;
  cancellable?: boolean;
  /** The group's region when it may differ from the connection's. */
  region?: string | undefined;
  /** What the log line of a failure starts with: "Deploy my-group". */
  logAs: string;
  /** More buttons on the failure message (before 'Show Log'), with what each does. */
  errorActions?: (message: string) => Record<string, () => unknown>;
}

export type TaskResult<T> = { ok: true; value: T } | { ok: false; message: string; cancelled: boolean };

export class CommandRun {
  constructor(readonly feature: CommandContext, readonly action: string) {}

  /**
   * The cloud part of the command. undefined when there is no usable connection (the user was told what to do);
   * a failure has been logged and shown when this returns { ok: false }.
   */
  async cloud<T>(task: CloudTask, work: (cloud: Cloud, step: Step) => Promise<T>): Promise<TaskResult<T> | undefined> {
    const { feature } = this;
    if (!(await connectionReady(feature.explorer, this.action))) return undefined;
    const cloud = await clientsFor(feature, task.region);
    try {
      const value = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: task.title, cancellable: task.cancellable ?? false },
        (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return work(cloud, { progress, signal: controller.signal, token });
        },
      );
      return { ok: true, value };
    } catch (error) {
      const message = errorMessage(error);
      feature.log.error(`${task.logAs}: ${message}`);
      const cancelled = isCancelled(error);
      if (cancelled) {
        void vscode.window.showInformationMessage(message);
      } else {
        const actions = task.errorActions?.(message) ?? {};
        const showLog = vscode.l10n.t('Show Log');
        void vscode.window.showErrorMessage(message, ...Object.keys(actions), showLog).then((choice) => {
          if (choice === showLog) feature.log.show(true);
          else if (choice) void actions[choice]?.();
        });
      }
      return { ok: false, message, cancelled };
    } finally {
      cloud.done();
    }
  }
}

/** Runs a ship command: nothing at all (not even a prompt) in an untrusted workspace. */
export async function runCommand<R>(feature: CommandContext, action: string, body: (run: CommandRun) => Promise<R | undefined>): Promise<R | undefined> {
  if (!requireTrust(action)) return undefined;
  return body(new CommandRun(feature, action));
}
