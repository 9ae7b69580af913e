// Following a deployment's status until it settles, with back-off, a time limit and cancellation.
// No I/O here: the status call, the clock and the sleep are passed in, so tests control every answer.
import * as l10n from '@vscode/l10n';

export type DeploymentStatus = 'Building' | 'InProgress' | 'Success' | 'Failure';

export interface ErrorDetail {
  DetailedErrorCode?: string;
  DetailedErrorMessage?: string;
}

/** One answer of GetDeploymentStatus (or of GetBulkDeploymentStatus, mapped by the caller). */
export interface StatusAnswer {
  status: string;
  errorMessage?: string;
  errorDetails?: ErrorDetail[];
}

export type WatchResult = 'success' | 'failure' | 'timeout' | 'cancelled' | 'error';

export interface WatchOutcome {
  result: WatchResult;
  /** The last status seen, if any. */
  status?: string;
  errorMessage?: string;
  errorDetails?: ErrorDetail[];
  /** The error that ended watching (result 'error'). */
  error?: unknown;
  polls: number;
  elapsedMs: number;
}

export interface Backoff {
  /** First wait between polls (ms). */
  initialMs: number;
  /** Longest wait between polls (ms). */
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 10_000, factor: 1.5 };

/** The wait before poll number `attempt` (0-based; the first poll does not wait). */
export function backoffDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  if (attempt <= 0) return 0;
  return Math.min(backoff.maxMs, Math.round(backoff.initialMs * backoff.factor ** (attempt - 1)));
}

export interface AbortLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface WatchOptions {
  /** The time limit (ms) from the first poll. */
  timeoutMs: number;
  signal?: AbortLike;
  backoff?: Backoff;
  /** Which statuses end watching, and how. Default: deployments (Success / Failure). */
  classify?: (status: string) => 'success' | 'failure' | 'pending';
  /** Consecutive failed status calls tolerated before giving up (default 3). */
  maxConsecutiveErrors?: number;
  /** Called when the status changes (and for the first answer). */
  onStatus?: (answer: StatusAnswer) => void;
  now?: () => number;
  /** Waits `ms`, resolving early when the signal aborts. */
  sleep?: (ms: number, signal?: AbortLike) => Promise<void>;
}

const V2_DEVICE_DONE_OK = new Set(['SUCCEEDED', 'COMPLETED']);
const V2_DEVICE_DONE_FAILED = new Set(['FAILED', 'REJECTED', 'TIMED_OUT', 'CANCELED', 'ABORTED']);

/**
 * How a Greengrass V2 core device ended a deployment (its effective deployment's status): succeeded, failed, or
 * undefined while it has not finished (QUEUED, IN_PROGRESS, …). The V2 watch and the V2 view's reloads both judge
 * by this.
 */
export function deviceSettled(status: string): 'succeeded' | 'failed' | undefined {
  return V2_DEVICE_DONE_OK.has(status) ? 'succeeded' : V2_DEVICE_DONE_FAILED.has(status) ? 'failed' : undefined;
}

/**
 * Building and InProgress are still running; Success succeeded; anything else (Failure, or a status the API does
 * not document, which an emulator may send) has ended without success. The explorer's in-progress refresh uses the
 * same judgement, so the watch and the tree never disagree about whether a deployment is still running.
 */
export function classifyDeploymentStatus(status: string): 'success' | 'failure' | 'pending' {
  if (status === 'Building' || status === 'InProgress') return 'pending';
  if (status === 'Success') return 'success';
  return 'failure';
}

export function defaultSleep(ms: number, signal?: AbortLike): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls `getStatus` until the status settles, the time limit passes, the signal aborts, or the calls keep failing.
 * Never throws for those: the outcome says what happened. Cancelling stops watching only; it undoes nothing.
 */
export async function watchStatus(getStatus: () => Promise<StatusAnswer>, options: WatchOptions): Promise<WatchOutcome> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const classify = options.classify ?? classifyDeploymentStatus;
  const maxErrors = options.maxConsecutiveErrors ?? 3;
  const started = now();
  const deadline = started + options.timeoutMs;
  let polls = 0;
  let errors = 0;
  let last: StatusAnswer | undefined;
  const outcome = (result: WatchResult, extra: Partial<WatchOutcome> = {}): WatchOutcome => ({
    result,
    ...(last ? { status: last.status } : {}),
    ...(last?.errorMessage ? { errorMessage: last.errorMessage } : {}),
    ...(last?.errorDetails?.length ? { errorDetails: last.errorDetails } : {}),
    polls,
    elapsedMs: now() - started,
    ...extra,
  });

  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) return outcome('cancelled');
    const wait = backoffDelay(attempt, options.backoff);
    if (wait > 0) {
      const remaining = deadline - now();
      if (remaining <= 0) return outcome('timeout');
      await sleep(Math.min(wait, remaining), options.signal);
      if (options.signal?.aborted) return outcome('cancelled');
      if (now() >= deadline) return outcome('timeout');
    }
    let answer: StatusAnswer;
    try {
      polls++;
      answer = await getStatus();
    } catch (error) {
      errors++;
      if (errors >= maxErrors) return outcome('error', { error });
      continue;
    }
    errors = 0;
    if (options.signal?.aborted) return outcome('cancelled');
    if (!last || last.status !== answer.status) options.onStatus?.(answer);
    last = answer;
    const c = classify(answer.status);
    if (c === 'success') return outcome('success');
    if (c === 'failure') return outcome('failure');
    if (now() >= deadline) return outcome('timeout');
  }
}

/** What a watch followed, so that each outcome is one whole sentence a translation can order freely. */
export type OutcomeSubject =
  | { kind: 'deployment'; name?: string | undefined }
  | { kind: 'bulkDeployment'; id: string };

/** A short human description of a watch outcome, for notifications and logs. */
export function describeOutcome(o: WatchOutcome, subject: OutcomeSubject = { kind: 'deployment' }): string {
  const secs = Math.round(o.elapsedMs / 1000);
  const bulk = subject.kind === 'bulkDeployment' ? subject.id : undefined;
  const name = subject.kind === 'deployment' ? subject.name : undefined;
  switch (o.result) {
    case 'success':
      if (bulk !== undefined) return l10n.t('The bulk deployment {0} succeeded (after {1} s).', bulk, secs);
      if (name !== undefined) return l10n.t('The deployment of {0} succeeded (after {1} s).', name, secs);
      return l10n.t('The deployment succeeded (after {0} s).', secs);
    case 'failure': {
      const details = (o.errorDetails ?? [])
        .map((d) => [d.DetailedErrorCode, d.DetailedErrorMessage].filter(Boolean).join(': '))
        .filter(Boolean);
      const unexpected = o.status && o.status !== 'Failure' ? l10n.t('it ended with the status {0}', o.status) : undefined;
      const reason = [unexpected, o.errorMessage, ...details].filter(Boolean).join(' — ') || l10n.t('no error details were given');
      if (bulk !== undefined) return l10n.t('The bulk deployment {0} failed: {1}', bulk, reason);
      if (name !== undefined) return l10n.t('The deployment of {0} failed: {1}', name, reason);
      return l10n.t('The deployment failed: {0}', reason);
    }
    case 'timeout': {
      const status = o.status ?? l10n.t('pending');
      if (bulk !== undefined) return l10n.t('The bulk deployment {0} is still {1} after {2} s; stopped watching (it continues in the cloud).', bulk, status, secs);
      if (name !== undefined) return l10n.t('The deployment of {0} is still {1} after {2} s; stopped watching (it continues in the cloud).', name, status, secs);
      return l10n.t('The deployment is still {0} after {1} s; stopped watching (it continues in the cloud).', status, secs);
    }
    case 'cancelled': {
      const status = o.status ?? l10n.t('unknown');
      if (bulk !== undefined) return l10n.t('Stopped watching; this undoes nothing, the bulk deployment {0} continues in the cloud. Last status: {1}', bulk, status);
      if (name !== undefined) return l10n.t('Stopped watching; this undoes nothing, the deployment of {0} continues in the cloud. Last status: {1}', name, status);
      return l10n.t('Stopped watching; this undoes nothing, the deployment continues in the cloud. Last status: {0}', status);
    }
    case 'error': {
      const error = errorText(o.error);
      if (bulk !== undefined) return l10n.t('Could not read the status of the bulk deployment {0}; it may still be running in the cloud: {1}', bulk, error);
      if (name !== undefined) return l10n.t('Could not read the status of the deployment of {0}; it may still be running in the cloud: {1}', name, error);
      return l10n.t('Could not read the status of the deployment; it may still be running in the cloud: {0}', error);
    }
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
