import type { Journal } from './journal.ts';
import type { EventRecord } from './records.ts';
import type { Sink } from './sink.ts';

/** How one sink is doing, for the status. */
export interface SinkState {
  readonly state: 'idle' | 'delivering' | 'retrying';
  /** Why the last attempt failed (retrying) or the last event was refused (dead letter). */
  readonly lastError?: string;
  /** When the next attempt is due (retrying), epoch ms. */
  readonly retryAt?: number;
}

export interface OutboxOptions {
  /** A sink's state changed (delivering, retrying with why, a dead letter); never journaled. */
  readonly report?: (sink: string, state: SinkState) => void;
  /** Backoff: full jitter between 0 and min(maxMs, baseMs · 2^attempt). */
  readonly baseMs?: number;
  readonly maxMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
  /** Fires when the network comes back (default: window's `online`), cutting a backoff short. */
  readonly onOnline?: (listener: () => void) => () => void;
}

export interface Outbox {
  /** New events are committed: idle sinks look again. */
  kick(): void;
  /** Delivers `sink`'s dead letters again, oldest first; an acknowledged one leaves the list. */
  replay(sink: string): Promise<{ readonly delivered: number; readonly left: number }>;
  stop(): Promise<void>;
}

const browserOnline = (listener: () => void) => {
  if (typeof window === 'undefined') return () => undefined;
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
};

/**
 * Delivers the journal to each sink from its own cursor, in seq order, retried until
 * acknowledged: at-least-once with stable ids, never giving up. A batch the sink refuses for
 * good is retried one event at a time, so only the events it really refuses become dead
 * letters (kept, visible in the status, replayable). A sink's trouble goes to `report`, not
 * into the event stream: a sink refusing everything would otherwise be sent its own refusals.
 */
export function startOutbox(journal: Journal, sinks: readonly Sink[], o: OutboxOptions = {}): Outbox {
  const life = new AbortController();
  const base = o.baseMs ?? 500;
  const max = o.maxMs ?? 30_000;
  const random = o.random ?? Math.random;
  const now = o.now ?? Date.now;
  // Waiting sinks: idle ones wake on new events, backing-off ones only when the network returns.
  const idle = new Set<() => void>();
  const backingOff = new Set<() => void>();
  const wakeAll = (set: Set<() => void>) => [...set].forEach((w) => w());
  const stopOnline = (o.onOnline ?? browserOnline)(() => (wakeAll(idle), wakeAll(backingOff)));
  const report = (sink: Sink, state: SinkState) => o.report?.(sink.name, state);

  const pause = (ms: number | undefined, wake = ms === undefined ? idle : backingOff) =>
    new Promise<void>((resolve) => {
      // An abort that came while we were reading would never fire again: waiting would be forever.
      if (life.signal.aborted) return resolve();
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake.delete(done);
        life.signal.removeEventListener('abort', done);
        resolve();
      }
      life.signal.addEventListener('abort', done, { once: true });
      wake.add(done);
    });

  async function run(sink: Sink): Promise<void> {
    let attempt = 0;
    let singleUntil = 0; // after a refused batch: one event at a time up to this seq
    let lastError: string | undefined;
    // A retried batch is sent again as it was (same events, same Idempotency-Key), never grown.
    let retrying: readonly EventRecord[] | undefined;
    // Only this loop moves the cursor (one outbox per journal): read it once, then keep it.
    let cursor = await journal.cursor(sink.name);
    while (!life.signal.aborted) {
      const size = cursor < singleUntil ? 1 : sink.batchSize;
      const fresh = retrying?.[0] && retrying[0].seq > cursor ? undefined : await journal.read(cursor, size);
      const records = fresh?.records ?? retrying ?? [];
      const quarantined = fresh?.quarantined ?? 0;
      const first = records[0];
      const last = records.at(-1);
      if (!first || !last) {
        if (quarantined > 0) continue;
        report(sink, { state: 'idle', ...(lastError ? { lastError } : {}) });
        await pause(undefined);
        continue;
      }
      // A batch may wait up to `maxWaitMs` for company (fewer, bigger requests).
      const wait = first.event.at + (sink.maxWaitMs ?? 0) - now();
      if (records.length < sink.batchSize && wait > 0 && attempt === 0) {
        await pause(wait, idle);
        continue;
      }
      if (attempt === 0) report(sink, { state: 'delivering' });
      const answer = await sink.deliver(records, journal.deviceId, life.signal);
      if (life.signal.aborted) return;
      retrying = answer.kind === 'retry' ? records : undefined;
      if (answer.kind === 'ack') {
        await journal.advance(sink.name, last.seq, undefined);
        cursor = last.seq;
        attempt = 0;
      } else if (answer.kind === 'reject' && records.length > 1) {
        singleUntil = last.seq;
      } else if (answer.kind === 'reject') {
        await journal.advance(sink.name, last.seq, { records: [last], reason: answer.reason });
        cursor = last.seq;
        lastError = `event ${last.seq} refused for good: ${answer.reason}`.slice(0, 500);
        report(sink, { state: 'delivering', lastError });
      } else {
        attempt++;
        const backoff = random() * Math.min(max, base * 2 ** Math.min(attempt, 20));
        const ms = answer.afterMs ?? backoff;
        report(sink, { state: 'retrying', lastError: answer.reason, retryAt: now() + ms });
        await pause(ms);
      }
    }
  }

  async function replay(name: string) {
    const sink = sinks.find((s) => s.name === name);
    if (!sink) return { delivered: 0, left: 0 };
    let delivered = 0;
    const dead = await journal.deadLetters(name);
    for (const letter of dead) {
      const record = letter.record ?? (await journal.read(letter.seq - 1, 1)).records[0];
      if (record?.seq !== letter.seq) continue; // (an old letter without its copy) pruned: it stays listed
      const answer = await sink.deliver([record], journal.deviceId, life.signal);
      if (answer.kind !== 'ack') return { delivered, left: dead.length - delivered };
      await journal.forgetDeadLetter(name, letter.seq);
      delivered++;
    }
    return { delivered, left: dead.length - delivered };
  }

  // The database may go away under us (another tab upgrading, storage trouble): look again later.
  const loops = sinks.map(async (s) => {
    while (!life.signal.aborted) {
      try {
        await run(s);
      } catch (e) {
        const why = e instanceof Error ? `${e.name}: ${e.message}` : 'journal error';
        report(s, { state: 'retrying', lastError: `the journal could not be read: ${why}`.slice(0, 500) });
        await pause(1_000);
      }
    }
  });
  return {
    kick: () => wakeAll(idle),
    replay,
    stop: async () => {
      life.abort();
      stopOnline();
      await Promise.all(loops);
    },
  };
}
