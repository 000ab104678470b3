import type { AnyDraft, CallEvent, CallEventDraft, PhoneEvent } from '../../src/core/events.ts';
import type { CallEventKey } from '../../src/core/call-machine.ts';
import { createStamper } from '../../src/core/stamper.ts';
import { initialPhoneState, reducePhone, type PhoneState } from '../../src/core/phone-state.ts';

let n = 0;
const stamper = createStamper({
  now: () => 1_700_000_000_000 + n * 10,
  uuid: () => crypto.randomUUID(),
  firstSeq: 0,
});

/** Stamps a draft as the composition root would. */
export function ev<D extends AnyDraft>(draft: D): PhoneEvent {
  n++;
  return stamper.stamp(draft);
}

const party = { number: '1001', displayName: 'Alice' };

/** One representative call event for each transition key. */
export function callEventFor(key: CallEventKey, callId = 'c1'): CallEvent {
  const drafts: Record<CallEventKey, CallEventDraft> = {
    offer: { type: 'offer', callId, from: party, to: { number: '1002' } },
    dial: { type: 'dial', callId, from: { number: '1002' }, to: party },
    alert: { type: 'alert', callId },
    connect: { type: 'connect', callId },
    hold: { type: 'hold', callId },
    retrieve: { type: 'retrieve', callId },
    mute: { type: 'mute', callId, muted: true },
    dtmf: { type: 'dtmf', callId, digits: '1' },
    'transfer:requested': { type: 'transfer', callId, phase: 'requested', target: '1003', kind: 'blind' },
    'transfer:completed': { type: 'transfer', callId, phase: 'completed', target: '1003', kind: 'blind' },
    'transfer:failed': { type: 'transfer', callId, phase: 'failed', target: '1003', kind: 'blind' },
    disconnect: { type: 'disconnect', callId, reason: 'remote-hangup' },
    fail: { type: 'fail', callId, code: 486, cause: 'Busy Here' },
    calldata: { type: 'calldata', callId, source: 'cache', status: 'ok', data: { account: '42' } },
  };
  return ev(drafts[key]) as CallEvent;
}

/** Folds events through the real reducer; an event it refuses is a broken test, so it throws. */
export function fold(events: readonly PhoneEvent[], from: PhoneState = initialPhoneState): PhoneState {
  return events.reduce((s, e) => {
    const r = reducePhone(s, e);
    if (!r.ok) throw new Error(`rejected ${e.type}: ${JSON.stringify(r.error)}`);
    return r.value;
  }, from);
}
