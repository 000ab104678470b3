import type { EventDraft } from '../core/events.ts';
import type { Journal } from './journal.ts';
import type { Sink } from './sink.ts';

export interface OutboxOptions {
  /** Reports a sink's trouble as an `error` event (once per failing streak). */
  readonly publish: (draft: EventDraft) => void;
  /** Backoff: full jitter between 0 and min(maxMs, baseMs · 2^attempt). */
  readonly baseMs?: number;
  readonly maxMs?: number;
  readonly random?: () => number;
  /** Fires when the network comes back (default: window's `online`), cutting a backoff short. */
  readonly onOnline?: (listener: () => void) => () => void;
}

export interface Outbox {
  /** New events are committed: idle sinks look again. */
  kick(): void;
  stop(): Promise<void>;
}

const browserOnline = (listener: () => void) => {
  if (typeof window === 'undefined') return () => undefined;
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
};

/**
 * Delivers the journal to each sink from its own cursor, in seq order, retried until
 * acknowledged: at-least-once with stable ids. A batch the sink refuses for good is retried one
 * event at a time, so only the events it really refuses become dead letters (kept, visible).
 */
export function startOutbox(journal: Journal, sinks: readonly Sink[], o: OutboxOptions): Outbox {
  const life = new AbortController();
  const base = o.baseMs ?? 500;
  const max = o.maxMs ?? 30_000;
  const random = o.random ?? Math.random;
  let wakeIdle: (() => void) | undefined;
  let wakeBackoff: (() => void) | undefined;
  const stopOnline = (o.onOnline ?? browserOnline)(() => (wakeBackoff?.(), wakeIdle?.()));

  const pause = (ms: number | undefined, slot: 'idle' | 'backoff') =>
    new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        life.signal.removeEventListener('abort', done);
        resolve();
      }
      life.signal.addEventListener('abort', done, { once: true });
      if (slot === 'idle') wakeIdle = done;
      else wakeBackoff = done;
    });

  async function run(sink: Sink): Promise<void> {
    let attempt = 0;
    let singleUntil = 0; // after a refused batch: one event at a time up to this seq
    while (!life.signal.aborted) {
      const cursor = await journal.cursor(sink.name);
      const { records, quarantined } = await journal.read(cursor, cursor < singleUntil ? 1 : sink.batchSize);
      const last = records[records.length - 1];
      if (!last) {
        if (quarantined > 0) continue;
        await pause(undefined, 'idle');
        continue;
      }
      const answer = await sink.deliver(records, journal.deviceId, life.signal);
      if (life.signal.aborted) return;
      if (answer.kind === 'ack') {
        await journal.advance(sink.name, last.seq, undefined);
        attempt = 0;
      } else if (answer.kind === 'reject' && records.length > 1) {
        singleUntil = last.seq;
      } else if (answer.kind === 'reject') {
        await journal.advance(sink.name, last.seq, { seqs: [last.seq], reason: answer.reason });
        report(sink, 'outbox-dead-letter', `event ${last.seq} refused for good: ${answer.reason}`);
      } else {
        if (attempt === 0) report(sink, 'outbox-retry', answer.reason);
        attempt++;
        const backoff = random() * Math.min(max, base * 2 ** Math.min(attempt, 20));
        await pause(answer.afterMs ?? backoff, 'backoff');
      }
    }
  }

  function report(sink: Sink, code: string, reason: string): void {
    o.publish({ type: 'error', code, message: `${sink.name}: ${reason}`.slice(0, 1000) });
  }

  // The database may go away under us (another tab upgrading, storage trouble): look again later.
  const loops = sinks.map(async (s) => {
    while (!life.signal.aborted) {
      try {
        await run(s);
      } catch (e) {
        report(s, 'outbox-journal', e instanceof Error ? `${e.name}: ${e.message}` : 'journal error');
        await pause(1_000, 'backoff');
      }
    }
  });
  return {
    kick: () => wakeIdle?.(),
    stop: async () => {
      life.abort();
      stopOnline();
      await Promise.all(loops);
    },
  };
}
