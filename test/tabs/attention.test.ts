import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseAttention, watchSighting, type Sighting } from '../../src/tabs/attention.ts';
import { AttentionBoard } from '../../src/tabs/attention-board.ts';
import { TabChannel } from '../../src/tabs/channel.ts';
import { FakeBus, FakeSightings, until } from './fakes.ts';

const s = (visible: boolean, focused: boolean, at: number): Sighting => ({ visible, focused, at });

describe('tabs: attention (where the popup and the notification go)', () => {
  it('chooses focused and visible, then visible, then the tab seen last; ties by id', () => {
    const pick = (entries: [string, Sighting][]) => chooseAttention(new Map(entries), 'leader');
    assert.equal(pick([]), 'leader');
    assert.equal(
      pick([
        ['a', s(false, false, 9)],
        ['b', s(true, false, 1)],
      ]),
      'b',
    );
    assert.equal(
      pick([
        ['a', s(true, false, 9)],
        ['b', s(true, true, 1)],
      ]),
      'b',
    );
    assert.equal(
      pick([
        ['a', s(true, false, 1)],
        ['b', s(true, false, 5)],
      ]),
      'b',
    );
    assert.equal(
      pick([
        ['a', s(false, false, 7)],
        ['b', s(false, false, 3)],
      ]),
      'a',
      'nobody looks: the last seen',
    );
    assert.equal(
      pick([
        ['b', s(true, true, 3)],
        ['a', s(true, true, 3)],
      ]),
      'a',
    );
  });

  it('moves `at` only when the tab becomes seen', () => {
    const source = new FakeSightings(false, false);
    let t = 100;
    const reports: Sighting[] = [];
    const life = new AbortController();
    const own = watchSighting(
      source,
      () => t,
      (x) => reports.push(x),
      life.signal,
    );
    t = 200;
    source.set(true, true);
    t = 300;
    source.set(true, false); // blur: still visible, not newly seen
    t = 400;
    source.set(false, false);
    assert.deepEqual(reports, [
      s(false, false, 100),
      s(true, true, 200),
      s(true, false, 200),
      s(false, false, 200),
    ]);
    assert.deepEqual(own(), s(false, false, 200));
    life.abort();
  });

  it('the leader decides for every tab, among the live ones, and follows the agent', async () => {
    const bus = new FakeBus();
    const life = new AbortController();
    let alive = new Set(['L', 'A', 'B']);
    const tab = (id: string, sightings: FakeSightings) => {
      const board = new AttentionBoard(new TabChannel(id, bus.port()), {
        source: sightings,
        now: () => Date.now(),
        alive: async () => alive,
        signal: life.signal,
      });
      return { board, sightings };
    };
    const L = tab('L', new FakeSightings(false, false));
    const A = tab('A', new FakeSightings(true, true));
    const B = tab('B', new FakeSightings(false, false));
    L.board.lead();
    const mine = () => [L, A, B].map((x) => x.board.mine).join(',');
    await until(() => mine() === 'false,true,false', `A has it (is ${mine()})`);
    await new Promise((r) => setTimeout(r, 5));
    A.sightings.set(false, false);
    B.sightings.set(true, true);
    await until(() => mine() === 'false,false,true', `B has it (is ${mine()})`);
    B.sightings.set(false, false); // the agent went to another application: B was seen last
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(mine(), 'false,false,true');
    alive = new Set(['L', 'A']); // B crashed (no bye): its lock is gone
    L.sightings.set(false, false);
    A.sightings.set(true, false);
    await until(() => mine() === 'false,true,false', `A again (is ${mine()})`);
    life.abort();
  });
});
