import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayLog } from '../../src/tabs/replay-log.ts';
import { initialPhoneState, reducePhone, RECENT_LIMIT, type PhoneState } from '../../src/core/phone-state.ts';
import type { AnyDraft, PhoneEvent } from '../../src/core/events.ts';
import { createStamper } from '../../src/core/stamper.ts';

const stamper = createStamper({ now: () => 1_000, uuid: () => crypto.randomUUID(), firstSeq: 1 });
const ev = (d: AnyDraft): PhoneEvent => stamper.stamp(d);
const fold = (events: readonly PhoneEvent[]): PhoneState =>
  events.reduce((s, e) => {
    const r = reducePhone(s, e);
    assert.ok(r.ok, `${e.type} refused: ${JSON.stringify(r)}`);
    return r.value;
  }, initialPhoneState);
const offer = (callId: string) =>
  ev({ type: 'offer', callId, from: { number: '2000' }, to: { number: '1001' } });

describe('tabs: replay log (a late tab rebuilds the state from it)', () => {
  it('rebuilds the same live calls, registration and recent calls, without DTMF or errors', () => {
    const log = new ReplayLog();
    const stream: PhoneEvent[] = [
      ev({ type: 'transport', state: 'connected' }),
      ev({ type: 'registration', state: 'registering' }),
      ev({ type: 'registration', state: 'registered' }),
      offer('a'),
      ev({ type: 'connect', callId: 'a' }),
      ev({ type: 'dtmf', callId: 'a', digits: '1' }),
      ev({ type: 'error', code: 'x', message: 'y' }),
      ev({ type: 'hold', callId: 'a' }),
      offer('b'),
      ev({ type: 'disconnect', callId: 'b', reason: 'remote-hangup' }),
      offer('c'),
    ];
    stream.forEach((e) => log.add(e));
    const snap = log.snapshot();
    assert.deepEqual(
      snap.map((e) => e.seq),
      [...snap.map((e) => e.seq)].sort((x, y) => x - y),
      'in seq order',
    );
    assert.ok(!snap.some((e) => e.type === 'dtmf' || e.type === 'error'));
    const full = fold(stream);
    const rebuilt = fold(snap);
    assert.deepEqual(rebuilt.calls, full.calls);
    assert.deepEqual(rebuilt.registration, full.registration);
    assert.deepEqual(rebuilt.transport, full.transport);
    assert.deepEqual(rebuilt.recent, full.recent);
  });

  it('stays bounded: ended calls beyond the recent list are forgotten', () => {
    const log = new ReplayLog();
    for (let i = 0; i < 100; i++) {
      log.add(offer(`x${i}`));
      log.add(ev({ type: 'disconnect', callId: `x${i}`, reason: 'cancelled' }));
    }
    assert.equal(log.snapshot().length, 2 * RECENT_LIMIT);
  });
});
