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

export interface JournalWriter {
  /** Resolves once every event seen so far is committed (or its write failed and was reported). */
  flushed(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Writes the phone's stream to the journal, in order: a state-changing event is committed with
 * strict durability at once, taking any batched events before it along; high-volume events wait
 * up to 250 ms for company. A failed write keeps its events for the next attempt and says so
 * with an `error` event (`journal-write`); the phone keeps working.
 */
export function connectJournal(port: JournalPort, journal: Journal): JournalWriter {
  let queue: PhoneEvent[] = [];
  let chain: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failing = false;

  const write = (durability: 'strict' | 'relaxed') => {
    clearTimeout(timer);
    timer = undefined;
    chain = chain.then(async () => {
      const batch = queue;
      if (batch.length === 0) return;
      queue = [];
      try {
        await journal.append(batch, durability);
        failing = false;
      } catch (e) {
        queue = [...batch, ...queue]; // kept, in order, for the next write
        if (!failing)
          port.publish({
            type: 'error',
            code: 'journal-write',
            message:
              `the journal could not write: ${e instanceof Error ? `${e.name}: ${e.message}` : 'error'}`.slice(
                0,
                500,
              ),
          });
        failing = true;
        timer ??= setTimeout(() => write('strict'), 1_000);
      }
    });
  };

  const unsubscribe = port.subscribe((_state, event) => {
    // The journal's and the outbox's own reports are not journaled: a sink that refuses events
    // would be sent its refusal, refuse it, and so on (they show in the status instead).
    if (event.type === 'error' && /^(journal|outbox)-/.test(event.code)) return;
    queue.push(event);
    if (!BATCHED.has(event.type)) write('strict');
    else timer ??= setTimeout(() => write('relaxed'), BATCH_MS);
  });

  return {
    flushed: async () => {
      write('strict');
      await chain;
    },
    dispose: async () => {
      unsubscribe();
      write('strict');
      await chain;
      clearTimeout(timer);
    },
  };
}
