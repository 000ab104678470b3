import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FlowTable } from '../../src/sandbox/flow-table.ts';

describe('sandbox flow table', () => {
  it('keeps a contact on its first connection unless taken over', () => {
    const flows = new FlowTable(4);
    assert.equal(flows.learn('a@x.invalid', 1), true);
    assert.equal(flows.learn('a@x.invalid', 2), false);
    assert.equal(flows.get('a@x.invalid'), 1);
    assert.equal(flows.learn('a@x.invalid', 2, true), true);
    assert.equal(flows.get('a@x.invalid'), 2);
    assert.equal(flows.count(1), 0);
    assert.equal(flows.count(2), 1);
  });

  it('forgets the oldest contact of a connection beyond its cap, and all of them on close', () => {
    const flows = new FlowTable(3);
    for (const key of ['k1', 'k2', 'k3']) flows.learn(key, 7);
    flows.learn('k1', 7); // re-learning makes k1 the newest
    flows.learn('k4', 7);
    assert.equal(flows.get('k2'), undefined);
    assert.deepEqual(
      ['k1', 'k3', 'k4'].map((k) => flows.get(k)),
      [7, 7, 7],
    );
    flows.learn('other', 8);
    flows.dropConnection(7);
    assert.equal(flows.count(), 1);
    assert.equal(flows.get('other'), 8);
  });
});
