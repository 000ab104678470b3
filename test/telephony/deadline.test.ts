import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { after, childController, deadline } from '../../src/telephony/deadline.ts';

const pendingTimeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('deadline', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('settles with the answer', async () => {
    assert.equal(
      await deadline(1000, 'timeout', new AbortController().signal, (answer) => answer('answered')),
      'answered',
    );
  });

  it('settles with the fallback when the time is up, and ignores a late answer', async () => {
    let answer: (v: string) => void = () => undefined;
    const p = deadline(1000, 'timeout', new AbortController().signal, (a) => (answer = a));
    mock.timers.tick(999);
    const raced = await Promise.race([p, Promise.resolve('pending')]);
    assert.equal(raced, 'pending');
    mock.timers.tick(1);
    assert.equal(await p, 'timeout');
    answer('late');
    assert.equal(await p, 'timeout');
  });

  it('settles at once on abort, and at once when already aborted', async () => {
    const c = new AbortController();
    const p = deadline(60_000, 'fallback', c.signal, () => undefined);
    c.abort();
    assert.equal(await p, 'fallback');
    assert.equal(await deadline(60_000, 'fallback', c.signal, (a) => a('never')), 'fallback');
  });

  it('has no timer for an unbounded wait, and a throw from start settles with the fallback', async () => {
    const c = new AbortController();
    const p = deadline(Infinity, 'aborted', c.signal, () => undefined);
    mock.timers.tick(1e9);
    c.abort();
    assert.equal(await p, 'aborted');
    assert.equal(
      await deadline(10, 'thrown', c.signal, () => {
        throw new Error('boom');
      }),
      'thrown',
    );
  });
});

describe('after', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('runs once after the delay unless cancelled or aborted', () => {
    const c = new AbortController();
    let runs = 0;
    after(100, c.signal, () => runs++);
    const cancel = after(100, c.signal, () => runs++);
    cancel();
    cancel();
    mock.timers.tick(100);
    assert.equal(runs, 1);
    after(100, c.signal, () => runs++);
    c.abort();
    mock.timers.tick(1000);
    after(100, c.signal, () => runs++); // already aborted: never scheduled
    mock.timers.tick(1000);
    assert.equal(runs, 1);
  });
});

describe('timers really end (no mock)', () => {
  it('an answer leaves no pending timeout behind', async () => {
    const before = pendingTimeouts();
    const p = deadline(60_000, 'timeout', new AbortController().signal, (answer) =>
      setImmediate(() => answer('answered')),
    );
    assert.equal(pendingTimeouts(), before + 1);
    assert.equal(await p, 'answered');
    assert.equal(pendingTimeouts(), before);
  });

  it('abort leaves no pending timeout behind', async () => {
    const before = pendingTimeouts();
    const c = new AbortController();
    const waits = [
      deadline(60_000, 0, c.signal, () => undefined),
      deadline(60_000, 0, c.signal, () => undefined),
    ];
    after(60_000, c.signal, () => undefined);
    assert.equal(pendingTimeouts(), before + 3);
    c.abort();
    await Promise.all(waits);
    assert.equal(pendingTimeouts(), before);
  });
});

describe('childController', () => {
  it('aborts with its parent, and alone without touching the parent', () => {
    const parent = new AbortController();
    const a = childController(parent.signal);
    const b = childController(parent.signal);
    b.abort();
    assert.equal(parent.signal.aborted, false);
    parent.abort();
    assert.equal(a.signal.aborted, true);
    assert.equal(childController(parent.signal).signal.aborted, true);
  });
});
