import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PhoneEvent } from '../../src/core/events.ts';
import { createStamper } from '../../src/core/stamper.ts';
import { TabChannel } from '../../src/tabs/channel.ts';
import { FollowerLink } from '../../src/tabs/follower-link.ts';
import { FakeBus, until } from './fakes.ts';

const stamper = createStamper({ now: () => 1_000, uuid: () => crypto.randomUUID(), firstSeq: 1 });
const registered = (): PhoneEvent => stamper.stamp({ type: 'registration', state: 'registered' });

describe('tabs: follower link', () => {
  it("takes the leader's events only, in order, the early ones after the snapshot", async () => {
    const bus = new FakeBus();
    const life = new AbortController();
    const leader = new TabChannel('leader', bus.port());
    const impostor = new TabChannel('impostor', bus.port());
    const taken: number[] = [];
    const link = new FollowerLink(new TabChannel('me', bus.port()), {
      ingest: (e) => void taken.push(e.seq),
      journalChanged: () => undefined,
      signal: life.signal,
    });
    const [a, b, c, d] = [registered(), registered(), registered(), registered()];
    assert.ok(a && b && c && d);
    leader.send({ kind: 'event', event: c }); // before the snapshot: held
    impostor.send({ kind: 'event', event: d }); // held, then dropped: not the leader's
    leader.send({ kind: 'snapshot', to: 'me', events: [a, b] });
    await link.synced;
    impostor.send({ kind: 'event', event: d });
    leader.send({ kind: 'event', event: d });
    await until(() => taken.length === 4, 'the events taken');
    assert.deepEqual(taken, [a.seq, b.seq, c.seq, d.seq]);
    assert.equal(link.ignored, 2);
    // A new leader announces itself: its events are taken from then on, the old one's are not.
    impostor.send({ kind: 'leader' });
    const e = registered();
    impostor.send({ kind: 'event', event: e });
    await until(() => taken.length === 5, 'the new leader event');
    assert.equal(taken.at(-1), e.seq);
    life.abort();
  });
});
