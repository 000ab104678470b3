import type { EventDraft, PhoneEvent } from '../core/events.ts';
import type { PhoneListener } from '../core/phone-core.ts';
import type { Journal } from './journal.ts';

export interface JournalPort {
  subscribe(listener: PhoneListener): () => void;
  publish(draft: EventDraft): void;
}

/** High-volume events that may wait for a batch (and a relaxed commit); every other one is strict. */
const BATCHED = new Set<PhoneEvent['type']>(['dtmf', 'mute', 'registration', 'transport']);
const BATCH_MS = 250;
const RETRY_MS = 1_000;

export interface WriterHooks {
  /** Events up to this seq are committed: the outbox may deliver them. */
  readonly committed?: (lastSeq: number) => void;
  /** The disk is full: make room (prune acknowledged events); resolves when done. */
  readonly full?: () => Promise<unknown>;
  /** Writing started or stopped failing: the status changes. */
  readonly health?: (failing: string | undefined) => void;
}

export interface JournalWriter {
  /** Events seen but not committed yet (in memory while the journal cannot write). */
  readonly backlog: number;
  /** Writes whatever is waiting; resolves once it is committed (or its write failed and was reported). */
  flushed(): Promise<void>;
  /** Takes events seen before the journal opened, ahead of everything else. */
  prepend(events: readonly PhoneEvent[]): void;
  dispose(): Promise<void>;
}

const describe = (e: unknown): string =>
  (e instanceof Error ? `${e.name}: ${e.message}` : 'error').slice(0, 400);
const isQuota = (e: unknown): boolean => e instanceof DOMException && e.name === 'QuotaExceededError';

/**
 * Writes the phone's stream to the journal, in order: a state-changing event is committed with
 * strict durability at once, taking any batched events before it along; high-volume events wait
 * up to 250 ms for company. A failed write keeps its events, in order, for the next attempt; a
 * full disk first makes room by pruning acknowledged events. Trouble is said once per streak
 * with an `error` event (`journal-full`, `journal-write`), journaled itself once writing works
 * again; the phone keeps working throughout.
 */
export function connectJournal(port: JournalPort, journal: Journal, hooks: WriterHooks = {}): JournalWriter {
  let queue: PhoneEvent[] = [];
  let chain: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failing: string | undefined;
  let inFlight = 0;

  const attempt = async (batch: readonly PhoneEvent[], durability: 'strict' | 'relaxed') => {
    try {
      return await journal.append(batch, durability);
    } catch (e) {
      if (!isQuota(e) || !hooks.full) throw e;
      await hooks.full();
      return journal.append(batch, durability);
    }
  };

  const write = (durability: 'strict' | 'relaxed') => {
    clearTimeout(timer);
    timer = undefined;
    chain = chain.then(async () => {
      const batch = queue;
      if (batch.length === 0) return;
      queue = [];
      inFlight = batch.length; // still only in memory until the write commits
      try {
        const seqs = await attempt(batch, durability);
        if (failing !== undefined) hooks.health?.((failing = undefined));
        const last = seqs.at(-1);
        if (last !== undefined) hooks.committed?.(last);
      } catch (e) {
        queue = [...batch, ...queue]; // kept, in order, for the next write
        if (failing === undefined) {
          failing = describe(e);
          hooks.health?.(failing);
          port.publish({
            type: 'error',
            code: isQuota(e) ? 'journal-full' : 'journal-write',
            message: `the journal could not write (events kept in memory until it can): ${failing}`,
          });
        }
        timer ??= setTimeout(() => write('strict'), RETRY_MS);
      } finally {
        inFlight = 0;
      }
    });
  };

  const unsubscribe = port.subscribe((_state, event) => {
    queue.push(event);
    if (!BATCHED.has(event.type)) write('strict');
    else timer ??= setTimeout(() => write('relaxed'), BATCH_MS);
  });

  return {
    get backlog() {
      return queue.length + inFlight;
    },
    flushed: async () => {
      write('strict');
      await chain;
    },
    prepend: (events) => {
      queue = [...events, ...queue];
      write('strict');
    },
    dispose: async () => {
      unsubscribe();
      write('strict');
      await chain;
      clearTimeout(timer);
    },
  };
}
