import type { PhoneEvent } from '../core/events.ts';
import { partiesOf, toFrameEvent, type CallParties } from './frame-events.ts';
import { frameEventSchema, type FrameEvent } from './frame-messages.ts';
import type { FrameAck } from './frame-protocol.ts';

export interface FrameSinkOptions {
  /** The parent's exact origin: the sink's name is `frame:<origin>`, its cursor kept under it. */
  readonly parentOrigin: string;
  /** This phone's extension (seed 003's holding, retrieving, alerting, … fields). */
  readonly extension: string;
  /** Posts one event to the parent (the bridge's post: checked, to the parent's exact origin). */
  readonly post: (event: FrameEvent) => boolean;
  /** The parties of a call whose offer or dial this sink has not seen (the phone's state, history). */
  readonly lookupCall?: (callId: string) => CallParties | undefined | Promise<CallParties | undefined>;
  /** How long the parent has to acknowledge a batch before it is posted again (default 5 s). */
  readonly ackTimeoutMs?: number;
  readonly batchSize?: number;
  /** The parent subscribed before the sink was built. */
  readonly subscribed?: boolean;
}

/**
 * The journal's Sink (src/journal/sink.ts) as this adapter sees it, written out because adapters
 * never import each other: the composition root (the framed page) hands it to `journal.sinks`,
 * and the compiler checks there that the two agree.
 */
export interface JournalRecord {
  readonly seq: number;
  readonly callId: string;
  readonly event: PhoneEvent;
}
export type SinkAnswer =
  | { readonly kind: 'ack' }
  | { readonly kind: 'retry'; readonly reason: string; readonly afterMs?: number }
  | { readonly kind: 'reject'; readonly reason: string };

/** A journal sink whose receiver is the iframe's parent window. */
export interface FrameSink {
  readonly name: string;
  readonly batchSize: number;
  deliver(batch: readonly JournalRecord[], device: string, signal: AbortSignal): Promise<SinkAnswer>;
  /** The parent (re)subscribed: what is unacknowledged is posted again at once. */
  subscribe(): void;
  /** The parent has these events (by id, or everything up to a seq). */
  acknowledge(ack: FrameAck): void;
}

interface Waiter {
  readonly pending: Map<string, number>;
  wake(why: 'acked' | 'subscribed'): void;
}

const MEMO = 64;

/**
 * The iframe parent as a journal sink (README, "In an iframe"): each batch is posted event by
 * event, `{ msgtype: "event", …, id, seq }`, and acknowledged when the parent answers
 * `{ msgtype: "ack", ids }` (or `seq`) for all of it within `ackTimeoutMs`; otherwise it is a
 * retry, posted again after the timeout, or at once when the parent subscribes again. Nothing is
 * posted before the parent subscribes. So a parent that reloads (or a listener that starts over)
 * gets what it did not acknowledge, from the journal's cursor: deduplicate by id.
 */
export function frameSink(o: FrameSinkOptions): FrameSink {
  const timeoutMs = o.ackTimeoutMs ?? 5_000;
  let subscribed = o.subscribed ?? false;
  const waiters = new Set<Waiter>();
  const parties = new Map<string, CallParties>();
  const remember = (callId: string, p: CallParties) => {
    parties.delete(callId);
    parties.set(callId, p);
    const oldest = parties.keys().next();
    if (parties.size > MEMO && !oldest.done) parties.delete(oldest.value);
  };

  async function partiesFor(callId: string): Promise<CallParties | undefined> {
    const known = parties.get(callId);
    if (known || !o.lookupCall) return known;
    try {
      const found = await o.lookupCall(callId);
      if (found) remember(callId, found);
      return found;
    } catch {
      return undefined;
    }
  }

  async function toEvents(batch: readonly JournalRecord[], device: string) {
    const events: FrameEvent[] = [];
    for (const r of batch) {
      const p = partiesOf(r.event);
      if (p) remember(r.callId, p);
      const call = r.callId === '' ? undefined : await partiesFor(r.callId);
      const checked = frameEventSchema.safeParse(
        toFrameEvent(r.event, r.seq, { extension: o.extension, device, ...(call ? { parties: call } : {}) }),
      );
      if (!checked.success) return { bad: r.seq } as const;
      events.push(checked.data);
    }
    return { events } as const;
  }

  /** Until the batch is acknowledged, the parent subscribes, `ms` pass or the outbox stops. */
  const wait = (pending: Map<string, number>, ms: number, signal: AbortSignal) =>
    new Promise<'acked' | 'subscribed' | 'timeout'>((resolve) => {
      const done = (why: 'acked' | 'subscribed' | 'timeout') => {
        clearTimeout(timer);
        waiters.delete(waiter);
        signal.removeEventListener('abort', abort);
        resolve(why);
      };
      const abort = () => done('timeout');
      const waiter: Waiter = { pending, wake: done };
      const timer = setTimeout(done, ms, 'timeout');
      if (signal.aborted) return done('timeout');
      signal.addEventListener('abort', abort, { once: true });
      waiters.add(waiter);
    });

  async function deliver(
    batch: readonly JournalRecord[],
    device: string,
    signal: AbortSignal,
  ): Promise<SinkAnswer> {
    const mapped = await toEvents(batch, device);
    if ('bad' in mapped) return { kind: 'reject', reason: `event ${mapped.bad} has no frame message form` };
    const pending = new Map(batch.map((r) => [r.event.id, r.seq]));
    for (;;) {
      if (subscribed) for (const e of mapped.events) o.post(e);
      const why = await wait(pending, timeoutMs, signal);
      if (why === 'acked') return { kind: 'ack' };
      if (why === 'timeout') break;
    }
    const reason = subscribed
      ? `the parent did not acknowledge ${pending.size} of ${batch.length} events within ${timeoutMs} ms`
      : 'the parent has not subscribed';
    // Posted again at once (the wait was the backoff): a parent that subscribes is not kept waiting.
    return { kind: 'retry', reason, afterMs: 0 };
  }

  return {
    name: `frame:${o.parentOrigin}`,
    batchSize: o.batchSize ?? 50,
    deliver,
    subscribe() {
      subscribed = true;
      for (const w of [...waiters]) w.wake('subscribed');
    },
    acknowledge(ack) {
      const ids = new Set(ack.ids ?? []);
      for (const w of [...waiters]) {
        for (const [id, seq] of w.pending)
          if (ids.has(id) || (ack.seq !== undefined && seq <= ack.seq)) w.pending.delete(id);
        if (w.pending.size === 0) w.wake('acked');
      }
    },
  };
}
