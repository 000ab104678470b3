// The events the journal benches write: what the phone publishes over one answered call, stamped
// by the phone's own stamper, so records and request bodies are the size of real ones.
import type { AnyDraft, PhoneEvent } from '../../../src/core/events.ts';
import { createStamper } from '../../../src/core/stamper.ts';

const CALL_DATA = { account: 'ACME-000417', queue: 'billing', priority: 2, vip: false } as const;

/** One answered call, offer to idle (each one ends, so the journal's live-call list stays small). */
function call(n: number): AnyDraft[] {
  const callId = `bench-${n}-${crypto.randomUUID()}`;
  return [
    {
      type: 'offer',
      callId,
      from: { number: '5551230000', displayName: 'Caller' },
      to: { number: '1002' },
      data: CALL_DATA,
    },
    { type: 'alert', callId },
    { type: 'connect', callId },
    { type: 'dtmf', callId, digits: '1' },
    { type: 'dtmf', callId, digits: '2' },
    { type: 'mute', callId, muted: true },
    { type: 'mute', callId, muted: false },
    { type: 'hold', callId },
    { type: 'retrieve', callId },
    { type: 'disconnect', callId, reason: 'remote-hangup' },
    { type: 'idle' },
  ];
}

/** `count` stamped events, calls after one another. */
export function eventStream(count: number): PhoneEvent[] {
  const stamper = createStamper({ now: Date.now, uuid: () => crypto.randomUUID(), firstSeq: 1 });
  const out: PhoneEvent[] = [];
  for (let n = 0; out.length < count; n++)
    for (const draft of call(n)) if (out.length < count) out.push(stamper.stamp(draft));
  return out;
}

/** State-changing events only (each committed strictly by the phone), in call order. */
export function strictStream(count: number): PhoneEvent[] {
  const batched = new Set<PhoneEvent['type']>(['dtmf', 'mute']);
  const out: PhoneEvent[] = [];
  while (out.length < count)
    out.push(
      ...eventStream(count * 2)
        .filter((e) => !batched.has(e.type))
        .slice(0, count - out.length),
    );
  return out;
}

/** Splits `events` into batches of `size`. */
export function batches<T>(events: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < events.length; i += size) out.push(events.slice(i, i + size));
  return out;
}
