import type { PhoneConfig } from '../config.ts';
import type { PhoneEvent } from '../core/events.ts';
import type { CallRecord } from '../core/call-record.ts';
import type { JournalPort } from './connect-journal.ts';
import type { EventJournal, EventJournalOptions } from './event-journal.ts';
import type * as JournalChunk from './journal-chunk.ts';
import { journalOff, type JournalStatus } from './status.ts';

/** The journal as a phone part: attached at the root, opened before the phone registers. */
export interface JournalPart {
  /** Subscribes at once (no event is missed while the journal's code and database load). */
  attach(port: JournalPort): void;
  /** Resolves with the seq the phone's next event gets, or undefined if the journal could not open. */
  ready(): Promise<number | undefined>;
  status(): Promise<JournalStatus>;
  /** Called (debounced) when the status may have changed. */
  onChange(listener: () => void): () => void;
  replayDeadLetters(sink: string): Promise<{ readonly delivered: number; readonly left: number }>;
  /** The newest call records, newest first ([] until the journal is open, or without one). */
  history(limit?: number): Promise<readonly CallRecord[]>;
  stop(): Promise<void>;
}

type Loader = () => Promise<typeof JournalChunk>;
const DAY_MS = 86_400_000;
const STOP_WAIT_MS = 5_000;
/** This page's journals being stopped, by database name. */
const stopping = new Map<string, Promise<void>>();

/**
 * The journal part of a configured phone. Its code (idb, the outbox) loads on first use, so the
 * page that only needs to register and ring does not wait for it; events published meanwhile
 * are held here and written first.
 */
export function journalPart(
  config: PhoneConfig['journal'],
  now: () => number,
  load: Loader = () => import('./journal-chunk.ts'),
): JournalPart | undefined {
  if (!config.enabled) return undefined;
  const listeners = new Set<() => void>();
  let early: PhoneEvent[] | undefined = [];
  let unsubscribe = () => undefined as unknown;
  let started: Promise<EventJournal | undefined> | undefined;
  let problem: { state: 'unavailable'; error: string } | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    debounce ??= setTimeout(() => {
      debounce = undefined;
      listeners.forEach((l) => l());
    }, 100);
  };

  const start = (port: JournalPort) => {
    // A phone of this page stopping on the same journal (a new config) writes its last events
    // first: this one's seqs then start after them.
    const before = stopping.get(config.name) ?? Promise.resolve();
    return before
      .then(load)
      .then(async (m) => {
        // The sinks are built in the lazy chunk: the webhook's code stays off the critical path.
        const options: EventJournalOptions = {
          name: config.name,
          sinks: m.configuredSinks(config),
          retention: { maxAgeMs: config.keepDays * DAY_MS, maxEvents: config.keepEvents },
          heartbeatMs: config.heartbeatMs,
          now,
          changed,
        };
        const held = early ?? [];
        // From here on the writer subscribes itself: hand over what came before, in order.
        const journal = await m.startEventJournal(port, held, options);
        unsubscribe();
        early = undefined;
        return journal;
      })
      .catch((e: unknown) => {
        unsubscribe();
        early = undefined;
        problem = { state: 'unavailable', error: e instanceof Error ? `${e.name}: ${e.message}` : 'error' };
        port.publish({ type: 'error', code: 'journal-unavailable', message: problem.error.slice(0, 500) });
        changed();
        return undefined;
      });
  };

  return {
    attach(port) {
      unsubscribe = port.subscribe((_s, e) => void early?.push(e));
      started = start(port);
    },
    ready: async () => (await started)?.firstSeq,
    status: async () => {
      if (problem) return { ...journalOff, ...problem };
      const journal = await Promise.race([started, undefined]);
      return journal ? journal.status() : { ...journalOff, state: 'opening', backlog: early?.length ?? 0 };
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    history: async (limit) => (await started)?.history(limit) ?? [],
    replayDeadLetters: async (sink) => (await started)?.replay(sink) ?? { delivered: 0, left: 0 },
    stop: async () => {
      const done = (async () => void (await (await started)?.stop()))().catch(() => undefined);
      stopping.set(config.name, done);
      void done.finally(() => stopping.get(config.name) === done && stopping.delete(config.name));
      // Bounded: a journal that cannot finish (its code never loaded, a blocked upgrade) must
      // not keep the phone's stop, nor the element's removal, waiting.
      await Promise.race([done, new Promise((r) => setTimeout(r, STOP_WAIT_MS))]);
      clearTimeout(debounce);
      listeners.clear();
    },
  };
}
