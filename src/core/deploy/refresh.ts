// Reloading a list of deployments while one of them is still in progress: back-off, pausing while the list is
// hidden, and stopping with the connection. No I/O and no VS Code here: the view passes in what it has.
import { backoffDelay, classifyDeploymentStatus, deviceSettled, type Backoff } from './status';

/** Whether the deployment has not settled yet: the same judgement as the deploy commands' watch makes. */
export function isDeploymentInProgress(status: string | undefined): boolean {
  return status !== undefined && classifyDeploymentStatus(status) === 'pending';
}

/**
 * Whether a Greengrass V2 core device has not finished a deployment yet: its effective deployment is queued or in
 * progress, or it has none yet for a deployment that is still active (the same judgement as Deploy to Thing
 * Group's watch).
 */
export function isV2DeviceDeploymentInProgress(status: string | undefined): boolean {
  return status === undefined || deviceSettled(status) === undefined;
}

/** Reloads while a deployment is in progress: after 2 s, then twice as long each time, at most a minute. */
export const IN_PROGRESS_BACKOFF: Backoff = { initialMs: 2_000, maxMs: 60_000, factor: 2 };

export interface Disposer {
  dispose(): void;
}

/** What owns the pollers of one connection: stopping it stops them all. */
export interface PollOwner {
  readonly isDisposed: boolean;
  add(item: Disposer): unknown;
}

export interface InProgressRefreshOptions {
  /** The owner at the time of scheduling (the connection may change between two polls). */
  owner(): PollOwner;
  isVisible(): boolean;
  onDidBecomeVisible(listener: () => void): Disposer;
  /** Reloads the list; the caller calls `schedule` again when the reloaded list is still in progress. */
  reload(): void;
  backoff?: Backoff;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

// One disposer per owner, which stops the pollers that are live then; each poller leaves the set when it stops,
// so re-created lists add nothing to the owner.
const livePollers = new WeakMap<PollOwner, Set<InProgressRefresh>>();

function liveSet(owner: PollOwner): Set<InProgressRefresh> {
  let set = livePollers.get(owner);
  if (!set) {
    const created = new Set<InProgressRefresh>();
    set = created;
    livePollers.set(owner, created);
    owner.add({ dispose: () => {
      for (const poller of [...created]) poller.stop();
      created.clear();
    } });
  }
  return set;
}

/** How many pollers of this owner have a reload pending. */
export function pendingPollers(owner: PollOwner): number {
  return livePollers.get(owner)?.size ?? 0;
}

export class InProgressRefresh {
  private attempt = 1;
  private timer: unknown;
  private waitingForView: Disposer | undefined;
  private owner: PollOwner | undefined;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: InProgressRefreshOptions) {
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** True while a reload is pending (on a timer or until the view shows again). */
  get pending(): boolean {
    return this.timer !== undefined || this.waitingForView !== undefined;
  }

  /** Plans the next reload, each one later than the one before; nothing when one is planned already. */
  schedule(): void {
    if (this.timer !== undefined) return;
    const owner = this.options.owner();
    if (owner.isDisposed) return;
    this.track(owner);
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? IN_PROGRESS_BACKOFF);
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      if (owner.isDisposed) {
        this.stop();
        return;
      }
      if (this.options.isVisible()) {
        this.fire();
        return;
      }
      // Hidden view: no calls until it shows again.
      this.waitingForView ??= this.options.onDidBecomeVisible(() => this.fire());
    }, delay);
  }

  /** Stops and starts the back-off again from its first step (the list settled, or the user refreshed it). */
  restart(): void {
    this.stop();
    this.attempt = 1;
  }

  stop(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
    this.waitingForView?.dispose();
    this.waitingForView = undefined;
    this.untrack();
  }

  private fire(): void {
    this.waitingForView?.dispose();
    this.waitingForView = undefined;
    this.untrack();
    this.options.reload();
  }

  private track(owner: PollOwner): void {
    if (this.owner !== owner) this.untrack();
    this.owner = owner;
    liveSet(owner).add(this);
  }

  private untrack(): void {
    if (this.owner) livePollers.get(this.owner)?.delete(this);
    this.owner = undefined;
  }
}
