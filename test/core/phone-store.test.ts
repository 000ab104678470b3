import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PhoneStore } from '../../src/core/phone-store.ts';
import { createStamper } from '../../src/core/stamper.ts';
import type { EventDraft, PhoneEvent } from '../../src/core/events.ts';

const store = () => new PhoneStore(createStamper({ now: () => 1, uuid: () => crypto.randomUUID() }));

describe('PhoneStore', () => {
  it('tells every listener every event in the same order, even when a listener publishes', () => {
    const s = store();
    const seenByJournal: string[] = [];
    s.subscribe((_state, e) => {
      // A host handler reacting to an incoming call by issuing a command that emits at once.
      if (e.type === 'offer') s.publish({ type: 'connect', callId: e.callId });
    });
    s.subscribe((state, e) => seenByJournal.push(`${e.seq}:${e.type}:${state.calls[0]?.state ?? '-'}`));
    s.publish({ type: 'offer', callId: 'a', from: { number: '1' }, to: { number: '2' } });
    assert.deepEqual(seenByJournal, ['0:offer:ringing-in', '1:connect:connected']);
  });

  it('turns a draft that breaks the event schema into an error event and keeps the state', () => {
    const s = store();
    const events: PhoneEvent[] = [];
    s.subscribe((_st, e) => events.push(e));
    const bad = { type: 'offer', callId: 'a', from: { number: 'x'.repeat(300) }, to: { number: '2' } } as EventDraft;
    s.publish(bad);
    assert.equal(events[0]?.type, 'error');
    assert.equal(s.state.calls.length, 0);
    if (events[0]?.type === 'error') assert.equal(events[0].code, 'invalid-event');
  });

  it('keeps going when a listener throws', () => {
    const errors: unknown[] = [];
    const s = new PhoneStore(createStamper({ now: () => 1, uuid: () => crypto.randomUUID() }), (e) => errors.push(e));
    const seen: string[] = [];
    s.subscribe(() => {
      throw new Error('host bug');
    });
    s.subscribe((_st, e) => seen.push(e.type));
    s.publish({ type: 'registration', state: 'registered' });
    assert.deepEqual([seen, errors.length], [['registration'], 1]);
  });
});
