import * as assert from 'node:assert/strict';
import { isDeploymentInProgress } from '../../src/core/deploy/refresh';
import { backoffDelay, describeOutcome, watchStatus } from '../../src/core/deploy/status';
import type { AbortLike, StatusAnswer } from '../../src/core/deploy/status';

/** A fake clock: sleeping advances it at once, so the tests run in no time and see exact waits. */
function clock() {
  let t = 0;
  const waits: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    waits,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Answers in order; the last one repeats. Errors are thrown. */
function answers(...list: (StatusAnswer | Error)[]) {
  let i = 0;
  const calls = { count: 0 };
  const get = async (): Promise<StatusAnswer> => {
    calls.count++;
    const a = list[Math.min(i++, list.length - 1)];
    if (a instanceof Error) throw a;
    return a as StatusAnswer;
  };
  return { get, calls };
}

const backoff = { initialMs: 1000, maxMs: 4000, factor: 2 };

describe('deployment status watch (state machine with controlled answers)', () => {
  it('follows Building → InProgress → Success and reports each status change once', async () => {
    const c = clock();
    const seen: string[] = [];
    const a = answers({ status: 'Building' }, { status: 'Building' }, { status: 'InProgress' }, { status: 'Success' });
    const o = await watchStatus(a.get, { timeoutMs: 60_000, backoff, now: c.now, sleep: c.sleep, onStatus: (s) => seen.push(s.status) });
    assert.equal(o.result, 'success');
    assert.equal(o.status, 'Success');
    assert.deepEqual(seen, ['Building', 'InProgress', 'Success']);
    assert.equal(o.polls, 4);
    assert.deepEqual(c.waits, [1000, 2000, 4000], 'waits grow by the factor and stop at the maximum');
    assert.match(describeOutcome(o), /^The deployment succeeded/);
  });

  it('ends with Failure and keeps ErrorMessage and ErrorDetails', async () => {
    const c = clock();
    const details = [{ DetailedErrorCode: 'GG-ML-1', DetailedErrorMessage: 'NoContainer function cannot configure permission: resource squeezenet' }];
    const a = answers({ status: 'InProgress' }, { status: 'Failure', errorMessage: 'Deployment failed', errorDetails: details });
    const o = await watchStatus(a.get, { timeoutMs: 60_000, backoff, now: c.now, sleep: c.sleep });
    assert.equal(o.result, 'failure');
    assert.equal(o.errorMessage, 'Deployment failed');
    assert.deepEqual(o.errorDetails, details);
    const text = describeOutcome(o);
    assert.match(text, /^The deployment failed: Deployment failed — GG-ML-1: NoContainer function cannot configure permission: resource squeezenet$/);
  });

  it('times out cleanly when the status stays InProgress (as moto answers forever)', async () => {
    const c = clock();
    const a = answers({ status: 'InProgress' });
    const o = await watchStatus(a.get, { timeoutMs: 10_000, backoff, now: c.now, sleep: c.sleep });
    assert.equal(o.result, 'timeout');
    assert.equal(o.status, 'InProgress');
    assert.ok(c.now() <= 10_000, `never waits past the limit: ${c.now()}`);
    assert.equal(c.waits.reduce((x, y) => x + y, 0), 10_000, 'the last wait is cut to the time left');
    assert.match(describeOutcome(o), /still InProgress after 10 s; stopped watching \(it continues in the cloud\)/);
  });

  it('stops at once on cancel, without another status call, and says nothing is undone', async () => {
    const c = clock();
    const controller = new AbortController();
    const a = answers({ status: 'InProgress' });
    const o = await watchStatus(a.get, {
      timeoutMs: 60_000, backoff, now: c.now, signal: controller.signal as AbortLike,
      sleep: async (ms) => { c.advance(ms); controller.abort(); },
    });
    assert.equal(o.result, 'cancelled');
    assert.equal(a.calls.count, 1);
    assert.match(describeOutcome(o), /this undoes nothing.*continues in the cloud\. Last status: InProgress/);
  });

  it('a real sleep resolves early when cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 30);
    const a = answers({ status: 'InProgress' });
    const o = await watchStatus(a.get, { timeoutMs: 60_000, backoff: { initialMs: 5000, maxMs: 5000, factor: 1 }, signal: controller.signal as AbortLike });
    assert.equal(o.result, 'cancelled');
    assert.ok(Date.now() - started < 2000, 'did not wait for the full back-off');
  });

  it('rides out a transient error but gives up after repeated ones with result error', async () => {
    const c = clock();
    const ok = await watchStatus(answers(new Error('socket hang up'), { status: 'Success' }).get, { timeoutMs: 60_000, backoff, now: c.now, sleep: c.sleep });
    assert.equal(ok.result, 'success');
    const bad = await watchStatus(answers(new Error('connect ECONNREFUSED 127.0.0.1:1')).get, { timeoutMs: 60_000, backoff, now: c.now, sleep: c.sleep });
    assert.equal(bad.result, 'error');
    assert.equal(bad.polls, 3);
    assert.match(describeOutcome(bad), /Could not read the status of the deployment; it may still be running in the cloud: connect ECONNREFUSED/);
  });

  it('stops at a status the API does not document and says so, as the explorer stops refreshing it', async () => {
    const c = clock();
    const o = await watchStatus(answers({ status: 'InProgress' }, { status: 'Pending' }, { status: 'InProgress' }).get, { timeoutMs: 60_000, backoff, now: c.now, sleep: c.sleep });
    assert.equal(o.result, 'failure');
    assert.equal(o.polls, 2);
    assert.match(describeOutcome(o), /^The deployment failed: it ended with the status Pending$/);
    for (const status of ['Building', 'InProgress', 'Success', 'Failure', 'Pending']) {
      assert.equal(isDeploymentInProgress(status), o.status === status ? false : ['Building', 'InProgress'].includes(status), status);
    }
  });

  it('uses the given classification (bulk statuses)', async () => {
    const c = clock();
    const o = await watchStatus(answers({ status: 'Initializing' }, { status: 'Running' }, { status: 'Completed' }).get, {
      timeoutMs: 60_000, backoff, now: c.now, sleep: c.sleep,
      classify: (s) => (s === 'Completed' ? 'success' : s === 'Failed' ? 'failure' : 'pending'),
    });
    assert.equal(o.result, 'success');
    assert.equal(o.polls, 3);
  });

  it('back-off starts with no wait and is capped', () => {
    assert.equal(backoffDelay(0), 0);
    assert.equal(backoffDelay(1, backoff), 1000);
    assert.equal(backoffDelay(10, backoff), 4000);
  });
});
