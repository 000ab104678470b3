import { isCallEvent, type PhoneEvent } from '../core/events.ts';
import { RECENT_LIMIT } from '../core/phone-state.ts';
import { SNAPSHOT_MAX_EVENTS } from './messages.ts';

/** Events that never change what a follower shows (a DTMF digit, an error: the stream has them). */
const TRANSIENT = new Set<PhoneEvent['type']>(['dtmf', 'error', 'idle']);
/** A live call with more events than this keeps its first ones and its newest ones. */
const PER_CALL = 200;

/**
 * What the leader keeps so that a tab joining late rebuilds the same state from events alone
 * (a follower's only door in is `ingest`): the last registration and transport events, every
 * event of the live calls, and those of the last few ended ones (the "last call" line).
 * Bounded: DTMF and errors are not kept, and a call keeps at most PER_CALL events.
 */
export class ReplayLog {
  #registration: PhoneEvent | undefined;
  #transport: PhoneEvent | undefined;
  readonly #live = new Map<string, PhoneEvent[]>();
  #ended: PhoneEvent[][] = [];

  add(event: PhoneEvent): void {
    if (event.type === 'registration') this.#registration = event;
    else if (event.type === 'transport') this.#transport = event;
    if (!isCallEvent(event) || TRANSIENT.has(event.type)) return;
    const events = this.#live.get(event.callId) ?? [];
    if (event.type === 'offer' || event.type === 'dial') this.#live.set(event.callId, events);
    else if (!this.#live.has(event.callId)) return; // a call that started before we kept anything
    events.push(event);
    if (events.length > PER_CALL) events.splice(PER_CALL / 2, 1);
    if (event.type === 'disconnect' || event.type === 'fail') {
      this.#live.delete(event.callId);
      this.#ended = [events, ...this.#ended].slice(0, RECENT_LIMIT);
    }
  }

  /** The events, in seq order (the order ingest takes them). */
  snapshot(): PhoneEvent[] {
    const all = [
      ...[this.#registration, this.#transport].filter((e): e is PhoneEvent => e !== undefined),
      ...[...this.#ended].reverse().flat(),
      ...[...this.#live.values()].flat(),
    ];
    return all.sort((a, b) => a.seq - b.seq).slice(-SNAPSHOT_MAX_EVENTS);
  }
}
