import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PendingRequests } from '../../src/tabs/requests.ts';

describe('tabs: pending requests', () => {
  it('settles with the reply of the same id and op only', async () => {
    const life = new AbortController();
    const p = new PendingRequests(life.signal, 5_000);
    const asked = p.wait('r1', { op: 'status' });
    p.answer('r2', { op: 'replay', delivered: 1, left: 0 }); // not ours
    p.answer('r1', { op: 'replay', delivered: 1, left: 0 }); // ours, but the wrong op
    assert.equal(p.size, 1);
    const journal = { state: 'ok' as const, backlog: 0, quarantined: 0, storage: {}, sinks: [] };
    p.answer('r1', { op: 'status', journal });
    assert.deepEqual(await asked, { op: 'status', journal });
    assert.equal(p.size, 0);
    life.abort();
  });

  it('ends every wait: timeout, a new leader, the tab stopping', async () => {
    const life = new AbortController();
    const p = new PendingRequests(life.signal, 30);
    assert.deepEqual(await p.wait('t', { op: 'status' }), { unanswered: 'timeout' });
    const changed = p.wait('l', { op: 'status' });
    p.failAll('leader-changed');
    assert.deepEqual(await changed, { unanswered: 'leader-changed' });
    const stopped = p.wait('s', { op: 'status' });
    life.abort();
    assert.deepEqual(await stopped, { unanswered: 'stopped' });
    assert.deepEqual(await p.wait('late', { op: 'status' }), { unanswered: 'stopped' });
    assert.equal(p.size, 0);
  });
});
