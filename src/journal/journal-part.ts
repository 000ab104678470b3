import type { PhoneConfig } from '../config.ts';
import type { PhoneEvent } from '../core/events.ts';
import type { JournalPort } from './connect-journal.ts';
import type * as EventJournalModule from './event-journal.ts';
import type { EventJournal, EventJournalOptions } from './event-journal.ts';
import { callbackSink, type Sink } from './sink.ts';
import { journalOff, type JournalStatus } from './status.ts';
import { webhookSink } from './webhook-sink.ts';

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
  stop(): Promise<void>;
}

type Loader = () => Promise<typeof EventJournalModule>;
const DAY_MS = 86_400_000;

/** The sinks a config asks for, in a stable order (each sink's cursor is kept under its name). */
export function configuredSinks(c: PhoneConfig['journal']): Sink[] {
  const sinks: Sink[] = [];
  if (c.webhook) {
    const { credentials, ...rest } = c.webhook;
    sinks.push(webhookSink({ ...rest, ...(credentials ? { credentials } : {}) }));
  }
  if (c.onEvents) sinks.push(callbackSink('host', c.onEvents));
  return [...sinks, ...c.sinks];
}

/**
 * The journal part of a configured phone. Its code (idb, the outbox) loads on first use, so the
 * page that only needs to register and ring does not wait for it; events published meanwhile
 * are held here and written first.
 */
export function journalPart(
  config: PhoneConfig['journal'],
  now: () => number,
  load: Loader = () => import('./event-journal.ts'),
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
    const options: EventJournalOptions = {
      name: config.name,
      sinks: configuredSinks(config),
      retention: { maxAgeMs: config.keepDays * DAY_MS, maxEvents: config.keepEvents },
      heartbeatMs: config.heartbeatMs,
      now,
      changed,
    };
    return load()
      .then(async (m) => {
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
    replayDeadLetters: async (sink) => (await started)?.replay(sink) ?? { delivered: 0, left: 0 },
    stop: async () => {
      clearTimeout(debounce);
      await (await started)?.stop();
    },
  };
}
