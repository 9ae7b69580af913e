// Whether the endpoint behind the current connection answers: every cloud call's outcome is reported here. A call
// that cannot reach the endpoint (refused, reset, timed out) or that is throttled makes the connection unhealthy; any
// answer from the endpoint makes it healthy again. While unhealthy, a light call re-probes it on a timer with
// back-off, so the status bar and the explorer recover by themselves once the endpoint is back.
import * as vscode from 'vscode';
import type { AwsCallRecord, AwsErrorKind } from '../aws/types';

export type HealthState = 'ok' | 'unreachable' | 'throttled';

export interface Health {
  readonly state: HealthState;
  /** Why, in the words of the failed call (unhealthy only). */
  readonly message?: string | undefined;
  /** The call that failed last: "Greengrass.ListGroups" (unhealthy only). */
  readonly call?: string | undefined;
  /** When the next re-probe runs (unhealthy only). */
  readonly nextProbeAt?: number | undefined;
}

const UNREACHABLE: ReadonlySet<AwsErrorKind> = new Set(['unreachable', 'timeout']);
export const FIRST_PROBE_DELAY_MS = 1_000;
export const MAX_PROBE_DELAY_MS = 60_000;

/** The outcome of one call, as health sees it: undefined when it says nothing about the endpoint (a bad region, credentials). */
export function healthOf(record: Pick<AwsCallRecord, 'httpStatus' | 'failureKind' | 'error'>): HealthState | undefined {
  if (record.failureKind === 'throttled') return 'throttled';
  if (record.httpStatus !== undefined) return 'ok';
  if (record.failureKind && UNREACHABLE.has(record.failureKind)) return 'unreachable';
  return record.error === undefined ? 'ok' : undefined;
}

/** The health of one connection; disposed with it (its re-probe timer too). */
export class ConnectionHealth implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<Health>();
  /** Fires when the state changes (not on every call). */
  readonly onDidChange = this.changeEmitter.event;
  private value: Health = { state: 'ok' };
  private timer: NodeJS.Timeout | undefined;
  private delay = FIRST_PROBE_DELAY_MS;
  private probing: Promise<void> | undefined;
  private disposed = false;

  /** `probe` makes one light call through the connection's clients (its outcome arrives through `report`). */
  constructor(private readonly probe: () => Promise<unknown>, private readonly log: vscode.LogOutputChannel) {}

  get current(): Health {
    return this.value;
  }

  report(record: AwsCallRecord, message?: string): void {
    const state = healthOf(record);
    if (!state || this.disposed) return;
    if (state === 'ok') {
      if (this.value.state !== 'ok') {
        this.log.info(`The AWS endpoint answers again (${record.service}.${record.operation})`);
        this.stopTimer();
        this.delay = FIRST_PROBE_DELAY_MS;
        this.set({ state: 'ok' });
      }
      return;
    }
    const was = this.value.state;
    if (was === 'ok') this.log.warn(`The AWS endpoint ${state === 'throttled' ? 'throttles calls' : 'cannot be reached'}; Greengrass ML tries again by itself: ${message ?? record.error ?? ''}`);
    this.schedule();
    this.set({ state, message: message ?? record.error, call: `${record.service}.${record.operation}`, nextProbeAt: this.nextAt });
  }

  /** Probes now (the Retry command); resolves once the probe has answered or failed. */
  retryNow(): Promise<void> {
    this.stopTimer();
    return this.runProbe();
  }

  private nextAt: number | undefined;

  private schedule(): void {
    if (this.timer || this.disposed) return;
    const delay = this.delay;
    this.delay = Math.min(MAX_PROBE_DELAY_MS, this.delay * 2);
    this.nextAt = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runProbe();
    }, delay);
  }

  private runProbe(): Promise<void> {
    this.probing ??= this.probe().then(() => undefined, () => undefined).finally(() => {
      this.probing = undefined;
      // A probe that failed reported itself (and scheduled the next one); one that said nothing leaves the timer to it.
      if (this.value.state !== 'ok' && !this.timer) this.schedule();
    });
    return this.probing;
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.nextAt = undefined;
  }

  private set(value: Health): void {
    const changed = value.state !== this.value.state || value.message !== this.value.message;
    this.value = value;
    if (changed) this.changeEmitter.fire(value);
  }

  dispose(): void {
    this.disposed = true;
    this.stopTimer();
    this.changeEmitter.dispose();
  }
}
