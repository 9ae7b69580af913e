import * as assert from 'node:assert/strict';
import {
  InProgressRefresh, isDeploymentInProgress, isV2DeviceDeploymentInProgress, pendingPollers, type Disposer, type PollOwner,
} from '../../src/core/deploy/refresh';

/** The connection's scope as the explorer sees it: counts what is registered and not yet disposed. */
class Scope implements PollOwner {
  readonly items = new Set<Disposer>();
  isDisposed = false;
  add(item: Disposer): Disposer {
    if (this.isDisposed) item.dispose();
    else this.items.add(item);
    return item;
  }
  dispose(): void {
    this.isDisposed = true;
    for (const item of [...this.items]) item.dispose();
    this.items.clear();
  }
}

/** Timers under the test's control: `fire` runs the due ones; `delays` records each wait asked for. */
function timers() {
  let next = 1;
  const live = new Map<number, () => void>();
  const delays: number[] = [];
  return {
    setTimer: (run: () => void, ms: number): unknown => {
      delays.push(ms);
      const id = next++;
      live.set(id, run);
      return id;
    },
    clearTimer: (id: unknown): void => {
      live.delete(id as number);
    },
    fire: (): void => {
      const due = [...live.values()];
      live.clear();
      for (const run of due) run();
    },
    get count(): number {
      return live.size;
    },
    delays,
  };
}

/** A Deployments folder's poller: visible view, one listener slot for "became visible", reload counter. */
function poller(scope: Scope, t: ReturnType<typeof timers>, visible = { value: true }) {
  const listeners = new Set<() => void>();
  const state = { reloads: 0, listeners };
  const p = new InProgressRefresh({
    owner: () => scope,
    isVisible: () => visible.value,
    onDidBecomeVisible: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    reload: () => void state.reloads++,
    setTimer: t.setTimer,
    clearTimer: t.clearTimer,
  });
  return { p, state, visible };
}

describe('in-progress refresh of the explorer\'s deployments', () => {
  it('only Building and InProgress count as in progress', () => {
    assert.deepEqual(
      ['Building', 'InProgress', 'Success', 'Failure', undefined, 'Unknown'].map(isDeploymentInProgress),
      [true, true, false, false, false, false],
    );
  });

  it('a Greengrass V2 device is in progress until its effective deployment is final, as the Deploy to Thing Group watch judges', () => {
    const statuses = ['QUEUED', 'IN_PROGRESS', undefined, 'SUCCEEDED', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'REJECTED', 'CANCELED', 'ABORTED'];
    assert.deepEqual(statuses.map(isV2DeviceDeploymentInProgress), [true, true, true, false, false, false, false, false, false, false]);
  });

  it('reloads after 2 s, then twice as long each time up to a minute, and starts over after a restart', () => {
    const scope = new Scope();
    const t = timers();
    const { p, state } = poller(scope, t);
    for (let i = 0; i < 7; i++) {
      p.schedule();
      p.schedule(); // a second call while one is planned plans nothing more
      t.fire();
    }
    assert.deepEqual(t.delays, [2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    assert.equal(state.reloads, 7);
    p.restart();
    p.schedule();
    assert.equal(t.delays.at(-1), 2_000);
  });

  it('expanding, collapsing and re-expanding Deployments folders 200 times leaves no disposers behind', () => {
    const scope = new Scope();
    const t = timers();
    for (let i = 0; i < 200; i++) {
      // Each expansion makes a new folder (a refreshed group list makes new group nodes); it loads a deployment in
      // progress and plans a reload; collapsing it (or refreshing above it) resets the folder.
      const { p } = poller(scope, t);
      p.schedule();
      if (i % 2 === 0) p.stop();
      else {
        t.fire(); // reloaded once, then settled
        p.restart();
      }
    }
    assert.ok(scope.items.size <= 1, `${scope.items.size} disposers are registered with the connection`);
    assert.equal(pendingPollers(scope), 0);
    assert.equal(t.count, 0);
  });

  it('a hidden view waits to be shown before it reloads, and stopping drops the wait', () => {
    const scope = new Scope();
    const t = timers();
    const { p, state, visible } = poller(scope, t, { value: false });
    p.schedule();
    t.fire();
    assert.equal(state.reloads, 0);
    assert.equal(state.listeners.size, 1);
    assert.ok(p.pending);
    visible.value = true;
    for (const l of [...state.listeners]) l();
    assert.equal(state.reloads, 1);
    assert.equal(state.listeners.size, 0);
    p.schedule();
    t.fire();
    assert.equal(state.reloads, 2);
    visible.value = false;
    p.schedule();
    t.fire();
    p.stop();
    assert.equal(state.listeners.size, 0);
    assert.equal(pendingPollers(scope), 0);
  });

  it('a connection change stops every folder still waiting, and nothing reloads afterwards', () => {
    const scope = new Scope();
    const t = timers();
    const hidden = { value: false };
    const folders = Array.from({ length: 5 }, (_, i) => poller(scope, t, i < 2 ? hidden : { value: true }));
    for (const f of folders) f.p.schedule();
    t.fire(); // two hidden folders now wait for the view; the others reloaded
    for (const f of folders.slice(2)) f.p.schedule();
    assert.equal(pendingPollers(scope), 5);
    scope.dispose();
    assert.equal(t.count, 0);
    assert.ok(folders.every((f) => !f.p.pending && f.state.listeners.size === 0));
    for (const f of folders) f.p.schedule();
    assert.equal(t.count, 0);
    assert.deepEqual(folders.map((f) => f.state.reloads), [0, 0, 1, 1, 1]);
  });
});
