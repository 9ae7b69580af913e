import * as vscode from 'vscode';
import type * as AwsLayer from '../aws';
import type { AwsClients, ConnectionSettings } from '../aws/clients';
import type { ConnectionDescription } from '../aws/types';
import type { FeatureContext } from '../featureContext';
import { DisposableStore } from './disposableStore';
import { ConnectionHealth, type Health } from './health';
import { askMfaCode } from './mfaPrompt';
import { ENDPOINT_SETTING, readEndpointSetting, writeEndpointSetting } from './settings';

export type AwsModule = typeof AwsLayer;

/**
 * - `untrusted`: the workspace is not trusted, so no cloud call is made at all;
 * - `none`: no usable credentials (nothing set up, or a profile that does not exist or does not resolve);
 * - `connecting`: credentials are being resolved;
 * - `ready`: the explorer can list the account.
 */
export type ConnectionState = 'untrusted' | 'none' | 'connecting' | 'ready';

export const CONNECTION_STATE_CONTEXT = 'greengrassMl.connectionState';
/** True when the user chose a profile (the welcome view then says that profile cannot be used). */
export const PROFILE_CHOSEN_CONTEXT = 'greengrassMl.profileChosen';
const PROFILE_KEY = 'greengrassMl.aws.profile';
const REGION_KEY = 'greengrassMl.aws.region';
const CREDENTIALS_TIMEOUT_MS = 10_000;

/** Whether dist/aws.js has been loaded, and how long its first load took (for the extension API and the bench). */
export interface AwsLayerStatus {
  readonly loaded: boolean;
  readonly loadMs: number | undefined;
}

let awsLayer: Promise<AwsModule> | undefined;
let awsLayerLoadMs: number | undefined;

/** Loads the AWS layer (dist/aws.js) on first cloud use: never at activation. */
export function loadAwsLayer(): Promise<AwsModule> {
  if (!awsLayer) {
    const start = performance.now();
    // The build turns this specifier into a lazy run-time require of dist/aws.js (scripts/build.mjs).
    awsLayer = import('../aws').then((m) => {
      awsLayerLoadMs = performance.now() - start;
      // Its own copy of the core speaks the same translation as the extension's (progress lines, outcomes).
      if (vscode.l10n.bundle) m.configureL10n(vscode.l10n.bundle);
      return m;
    });
    awsLayer.catch(() => {
      awsLayer = undefined; // a failed load is tried again on the next cloud use
    });
  }
  return awsLayer;
}

export function awsLayerStatus(): AwsLayerStatus {
  return { loaded: awsLayerLoadMs !== undefined, loadMs: awsLayerLoadMs };
}

/** One profile/region/endpoint choice: its clients and everything else that must go when it changes. */
export class Connection implements vscode.Disposable {
  readonly scope = new DisposableStore();
  /** Whether the endpoint answers this connection's calls; re-probes it while it does not. */
  readonly health: ConnectionHealth;
  private clientsPromise: Promise<AwsClients> | undefined;
  private openPrompts = 0;

  constructor(
    readonly generation: number,
    readonly settings: ConnectionSettings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // The probe is one light call (a page of one group) through this connection's own clients.
    this.health = new ConnectionHealth(async () => {
      const [aws, clients] = await Promise.all([this.aws(), this.clients()]);
      await new aws.GreengrassExplorerService(clients).listGroups({ maxResults: 1 });
    }, log);
    this.scope.add(this.health);
  }

  get isDisposed(): boolean {
    return this.scope.isDisposed;
  }

  /** Whether the user is being asked for something (an MFA code) that the credentials wait for. */
  get isPrompting(): boolean {
    return this.openPrompts > 0;
  }

  aws(): Promise<AwsModule> {
    return loadAwsLayer();
  }

  /** This connection's SDK clients, created on first use and destroyed with the connection. */
  clients(): Promise<AwsClients> {
    if (this.isDisposed) return Promise.reject(new Error('The AWS connection changed: refresh the explorer to use the new one.'));
    this.clientsPromise ??= loadAwsLayer().then((aws) => {
      const clients = aws.createAwsClients(this.settings, {
        log: (line, level, record) => {
          if (level === 'error') this.log.error(line);
          else if (level === 'warn') this.log.warn(line);
          else this.log.info(line);
          this.health.report(record, record.failureMessage);
        },
        // The clients share one resolution of the credentials, so the code is asked once per connection (and again
        // only when the role's session expires).
        mfaCode: (request) => askMfaCode(request, (open) => {
          this.openPrompts += open ? 1 : -1;
        }),
      });
      this.scope.add({ dispose: () => clients.dispose() });
      return clients;
    });
    return this.clientsPromise;
  }

  dispose(): void {
    this.scope.dispose();
  }
}

/**
 * The VS Code side of the AWS connection: the chosen profile and region (kept in global state, not in any
 * settings file), the machine-scoped endpoint setting, workspace trust, and the per-connection scope that is
 * disposed on every switch.
 *
 * Building it costs nothing: credentials are resolved (and dist/aws.js loaded) only once something asks for the
 * connection — `start()`, `current`, `whenSettled()` or a change of profile, region or endpoint — that is, when
 * the workspace has Greengrass files, the explorer is shown or a cloud command runs.
 */
export class ConnectionManager implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ConnectionManager>();
  /** Fires once the state of a new connection is known (and on every switch). */
  readonly onDidChange = this.changeEmitter.event;
  private readonly healthEmitter = new vscode.EventEmitter<Health>();
  /** Fires when the current connection's endpoint stops or starts answering. */
  readonly onDidChangeHealth = this.healthEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter, this.healthEmitter];
  private connection: Connection;
  private stateValue: ConnectionState = 'connecting';
  private problemValue: string | undefined;
  private descriptionValue: ConnectionDescription | undefined;
  private evaluation: Promise<void> | undefined;

  constructor(private readonly feature: FeatureContext) {
    this.connection = new Connection(1, {}, feature.log);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.started && e.affectsConfiguration(ENDPOINT_SETTING)) void this.reconnect();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (this.started) void this.reconnect(true);
      }),
    );
  }

  /** Whether the connection has been asked for (until then no credential is resolved and aws.js is not loaded). */
  get started(): boolean {
    return this.evaluation !== undefined;
  }

  /** Resolves the connection's state once; later calls return the same evaluation. */
  start(): Promise<void> {
    if (!this.evaluation) {
      this.connection = new Connection(1, this.readSettings(), this.feature.log);
      this.evaluation = this.evaluate(this.connection);
    }
    return this.evaluation;
  }

  /** The current connection (asking for it starts the manager). */
  get current(): Connection {
    void this.start();
    return this.connection;
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** Whether the current connection's endpoint answers (always `ok` until a call says otherwise). */
  get health(): Health {
    return this.connection.health.current;
  }

  /** Calls the endpoint now; the health (and what shows it) follows the answer. */
  async retryHealth(): Promise<Health> {
    await this.connection.health.retryNow();
    return this.health;
  }

  /** Why the state is `none` (shown above the welcome view), or undefined. */
  get problem(): string | undefined {
    return this.problemValue;
  }

  /** Profile, region and endpoint as the SDK resolves them (after the state is known). */
  get description(): ConnectionDescription | undefined {
    return this.descriptionValue;
  }

  /** Settles once the current connection's state is known. */
  whenSettled(): Promise<void> {
    return this.start();
  }

  get storedProfile(): string | undefined {
    return this.feature.extension.globalState.get<string>(PROFILE_KEY);
  }

  get storedRegion(): string | undefined {
    return this.feature.extension.globalState.get<string>(REGION_KEY);
  }

  /** A profile name, or undefined for the SDK's default chain (AWS_PROFILE, environment variables, …). */
  async setProfile(profile: string | undefined): Promise<void> {
    await this.feature.extension.globalState.update(PROFILE_KEY, profile);
    await this.reconnect();
  }

  /** A region, or undefined for the SDK's own resolution (AWS_REGION, the profile's region). */
  async setRegion(region: string | undefined): Promise<void> {
    await this.feature.extension.globalState.update(REGION_KEY, region);
    await this.reconnect();
  }

  /** Writes the machine-scoped endpoint setting (undefined: AWS's own endpoints, or AWS_ENDPOINT_URL). */
  async setEndpoint(endpoint: string | undefined): Promise<void> {
    await writeEndpointSetting(endpoint);
    await this.reconnect();
  }

  /**
   * Starts a new connection when the settings changed (or always with `force`): the old connection's scope is
   * disposed, with its clients and pollers, and listeners rebuild from scratch.
   */
  reconnect(force = false): Promise<void> {
    if (!this.evaluation) return this.start();
    const settings = this.readSettings();
    if (!force && sameSettings(settings, this.connection.settings)) return this.evaluation;
    const old = this.connection;
    this.connection = new Connection(old.generation + 1, settings, this.feature.log);
    try {
      old.dispose();
    } catch (error) {
      this.feature.log.warn(`Some resources of the previous AWS connection could not be released: ${String(error)}`);
    }
    this.feature.log.info(`AWS connection: ${describeSettings(settings)}`);
    this.evaluation = this.evaluate(this.connection);
    return this.evaluation;
  }

  private readSettings(): ConnectionSettings {
    const settings: ConnectionSettings = {};
    const profile = this.storedProfile;
    const region = this.storedRegion;
    const endpoint = readEndpointSetting();
    if (profile) settings.profile = profile;
    if (region) settings.region = region;
    if (endpoint) settings.endpoint = endpoint;
    return settings;
  }

  private async evaluate(connection: Connection): Promise<void> {
    connection.scope.add(connection.health.onDidChange((health) => {
      if (connection !== this.connection) return;
      this.healthEmitter.fire(health);
    }));
    this.problemValue = undefined;
    this.descriptionValue = undefined;
    await this.setState('connecting', connection);
    if (!vscode.workspace.isTrusted) {
      await this.setState('untrusted', connection);
      return;
    }
    let state: ConnectionState = 'ready';
    try {
      const aws = await connection.aws();
      if (connection !== this.connection) return; // replaced while aws.js loaded
      const clients = await connection.clients();
      try {
        await withTimeout(resolveCredentials(clients), CREDENTIALS_TIMEOUT_MS, 'Resolving AWS credentials timed out', () => connection.isPrompting);
      } catch (error) {
        state = 'none';
        const message = aws.describeAwsError(error, { ...connection.settings }).message;
        // A message that names the profile itself (an MFA code not entered) says what to do already.
        this.problemValue = connection.settings.profile && !message.includes(`"${connection.settings.profile}"`)
          ? `The AWS profile "${connection.settings.profile}" cannot be used. Choose another profile: ${message}`
          : message;
        this.feature.log.warn(this.problemValue);
      }
      try {
        this.descriptionValue = await aws.describeConnection(clients);
      } catch (error) {
        this.feature.log.warn(`Could not resolve the AWS region: ${errorText(error)}`);
      }
    } catch (error) {
      state = 'none';
      this.problemValue = `The AWS connection could not be set up: ${errorText(error)}`;
      this.feature.log.error(this.problemValue);
    }
    await this.setState(state, connection);
  }

  private async setState(state: ConnectionState, connection: Connection): Promise<void> {
    if (connection !== this.connection) return;
    this.stateValue = state;
    await vscode.commands.executeCommand('setContext', PROFILE_CHOSEN_CONTEXT, connection.settings.profile !== undefined);
    await vscode.commands.executeCommand('setContext', CONNECTION_STATE_CONTEXT, state);
    if (connection === this.connection) this.changeEmitter.fire(this);
  }

  dispose(): void {
    this.connection.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Resolves the credentials the clients will sign with (the SDK's providers: env, profiles, SSO, IMDS…). */
async function resolveCredentials(clients: AwsClients): Promise<void> {
  const provider = clients.greengrass().config.credentials as unknown;
  if (typeof provider === 'function') await (provider as () => Promise<unknown>)();
}

/** Rejects after `ms`, counted again from the moment `paused` turns false (time the user spends answering is not the endpoint's). */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string, paused: () => boolean = () => false): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const fire = (): void => {
      if (paused()) timer = setTimeout(fire, ms);
      else reject(new Error(message));
    };
    timer = setTimeout(fire, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sameSettings(a: ConnectionSettings, b: ConnectionSettings): boolean {
  return a.profile === b.profile && a.region === b.region && a.endpoint === b.endpoint;
}

export function describeSettings(s: ConnectionSettings): string {
  return `profile ${s.profile ?? '(default chain)'}, region ${s.region ?? '(default)'}, endpoint ${s.endpoint ?? '(default)'}`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
