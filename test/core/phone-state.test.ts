import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initialPhoneState, reducePhone, RECENT_LIMIT } from '../../src/core/phone-state.ts';
import { phoneEventSchema, type PhoneEvent } from '../../src/core/events.ts';
import { callEventFor, ev, fold } from './fixtures.ts';

describe('reducePhone', () => {
  it('tracks registration and transport with reasons', () => {
    const s = fold([
      ev({ type: 'transport', state: 'connected' }),
      ev({ type: 'registration', state: 'failed', reason: '403 Forbidden' }),
    ]);
    assert.deepEqual(s.registration, { state: 'failed', reason: '403 Forbidden' });
    assert.equal(s.transport.state, 'connected');
    const again = fold([ev({ type: 'registration', state: 'registered' })], s);
    assert.deepEqual(again.registration, { state: 'registered' }, 'a stale reason does not linger');
  });

  it('follows an inbound call from offer to hang-up and keeps it in recent', () => {
    const s = fold([
      callEventFor('offer'),
      callEventFor('connect'),
      callEventFor('hold'),
      callEventFor('retrieve'),
    ]);
    assert.equal(s.calls.length, 1);
    const call = s.calls[0];
    assert.equal(call?.state, 'connected');
    assert.equal(call?.direction, 'inbound');
    assert.equal(call?.remote.displayName, 'Alice');
    assert.ok(call?.connectedAt);
    const ended = fold([callEventFor('disconnect')], s);
    assert.equal(ended.calls.length, 0);
    assert.equal(ended.recent[0]?.endReason, 'remote-hangup');
  });

  it('records why a call failed', () => {
    const s = fold([callEventFor('dial'), callEventFor('fail')]);
    assert.deepEqual(
      [s.recent[0]?.endReason, s.recent[0]?.failCode, s.recent[0]?.failCause],
      ['failed', 486, 'Busy Here'],
    );
  });

  it('returns a failed transfer to the state it came from', () => {
    const s = fold([
      callEventFor('offer'),
      callEventFor('connect'),
      callEventFor('hold'),
      callEventFor('transfer:requested'),
    ]);
    assert.equal(s.calls[0]?.state, 'transferring');
    assert.equal(s.calls[0]?.transferTarget, '1003');
    const back = fold([callEventFor('transfer:failed')], s);
    assert.equal(back.calls[0]?.state, 'held');
    assert.equal(back.calls[0]?.transferTarget, undefined);
  });

  it('keeps two lines apart', () => {
    const s = fold([
      callEventFor('offer', 'a'),
      callEventFor('connect', 'a'),
      callEventFor('hold', 'a'),
      callEventFor('dial', 'b'),
    ]);
    assert.deepEqual(
      s.calls.map((c) => [c.callId, c.state]),
      [
        ['a', 'held'],
        ['b', 'dialing'],
      ],
    );
  });

  it('rejects events for unknown calls and illegal transitions without changing state', () => {
    const r = reducePhone(initialPhoneState, callEventFor('connect', 'nope'));
    assert.deepEqual(r, { ok: false, error: { code: 'unknown-call', callId: 'nope' } });
    const s = fold([callEventFor('offer')]);
    const r2 = reducePhone(s, callEventFor('hold'));
    assert.equal(r2.ok, false);
    assert.equal(s.calls[0]?.state, 'ringing-in');
  });

  it('bounds the recent list', () => {
    let s = initialPhoneState;
    for (let i = 0; i < RECENT_LIMIT + 5; i++)
      s = fold([callEventFor('offer', `c${i}`), callEventFor('disconnect', `c${i}`)], s);
    assert.equal(s.recent.length, RECENT_LIMIT);
    assert.equal(s.recent[0]?.callId, `c${RECENT_LIMIT + 4}`);
  });

  it('tracks the highest sequence number seen', () => {
    // The fixtures share one stamper across tests: compare with the events' own seqs.
    const offer = callEventFor('offer');
    const connect = callEventFor('connect');
    assert.ok(connect.seq > offer.seq);
    assert.equal(fold([offer, connect]).lastSeq, connect.seq);
    const stale = { ...ev({ type: 'registration', state: 'registered' }), seq: offer.seq - 1 } as PhoneEvent;
    assert.equal(fold([offer, connect, stale]).lastSeq, connect.seq, 'an older seq never moves lastSeq back');
  });

  it('accepts idle only when no call is live', () => {
    const ringing = fold([callEventFor('offer')]);
    const r = reducePhone(ringing, ev({ type: 'idle' }));
    assert.deepEqual(r.ok ? 'ok' : r.error, { code: 'not-idle', calls: 1 });
    assert.equal(reducePhone(initialPhoneState, ev({ type: 'idle' })).ok, true);
  });
});

describe('event schemas', () => {
  it('accept stamped events and reject malformed ones', () => {
    assert.equal(phoneEventSchema.safeParse(callEventFor('offer')).success, true);
    assert.equal(phoneEventSchema.safeParse({ type: 'offer', callId: 'x' }).success, false);
    const bad = { ...callEventFor('dtmf'), digits: '<script>' };
    assert.equal(phoneEventSchema.safeParse(bad).success, false);
    const huge = { ...callEventFor('offer'), from: { number: 'x'.repeat(10_000) } };
    assert.equal(phoneEventSchema.safeParse(huge).success, false);
  });
});
