import type { PhoneEvent } from '../core/events.ts';
import type { CallRecord } from '../core/call-record.ts';
import { readHistory } from './call-store.ts';
import { connectJournal, type JournalPort } from './connect-journal.ts';
import { Journal } from './journal.ts';
import { closeInterrupted, heartbeat } from './live-calls.ts';
import { startDeliveries, type Deliveries } from './deliveries.ts';
import { holdOwnerLock, liveOwners, type OwnerLock } from './owner-lock.ts';
import { pruneJournal, recordSinks, type Retention } from './prune.ts';
import { askPersistence } from './persistence.ts';
import type { Sink } from './sink.ts';
import type { JournalStatus, SinkStatus } from './status.ts';

export interface EventJournalOptions {
  readonly name: string;
  readonly sinks: readonly Sink[];
  readonly retention: Retention;
  readonly heartbeatMs: number;
  readonly now: () => number;
  /** The journal's status may have changed (the caller debounces and compares). */
  readonly changed: () => void;
}

export interface EventJournal {
  /** The seq the phone's next event gets: after every event written so far, the early ones included. */
  readonly firstSeq: number;
  status(): Promise<JournalStatus>;
  replay(sink: string): Promise<{ readonly delivered: number; readonly left: number }>;
  /** The newest call records, newest first (the history view's data). */
  history(limit?: number): Promise<CallRecord[]>;
  /** Writes what is waiting, stops delivering, lets go of the database and of the owner lock. */
  stop(): Promise<void>;
}

const PRUNE_EVERY_MS = 3_600_000;

/**
 * The journal, started: opened, the calls of dead pages closed as `interrupted`, old acknowledged
 * events pruned, persistent storage asked for, then the phone's stream written (the events it
 * published before the journal opened first) and delivered to every sink.
 */
export async function startEventJournal(
  port: JournalPort,
  early: readonly PhoneEvent[],
  o: EventJournalOptions,
): Promise<EventJournal> {
  const journal = await Journal.open(o.name, o.now);
  journal.onQuarantine = (count, reason) =>
    port.publish({
      type: 'error',
      code: 'journal-quarantine',
      message: `${count} journal record(s) did not parse and were set aside: ${reason}`.slice(0, 500),
    });
  const lock = await holdOwnerLock(journal.owner);
  const sinkNames = o.sinks.map((s) => s.name);
  let deliveries: Deliveries | undefined;
  try {
    await closeInterrupted(journal, await liveOwners(o.heartbeatMs, o.now()));
    await recordSinks(journal, sinkNames).catch(() => undefined);
    await pruneJournal(journal, sinkNames, o.retention).catch(() => 0);
    deliveries = startDeliveries(journal, o.sinks, { now: o.now, changed: o.changed });
    return await running(journal, deliveries, lock, port, early, o);
  } catch (e) {
    // A start that failed half-way lets go of everything it took: locks, deliveries, the database.
    await deliveries?.stop().catch(() => undefined);
    await journal.close().catch(() => undefined);
    lock.release();
    throw e;
  }
}

async function running(
  journal: Journal,
  deliveries: Deliveries,
  lock: OwnerLock,
  port: JournalPort,
  early: readonly PhoneEvent[],
  o: EventJournalOptions,
): Promise<EventJournal> {
  const sinkNames = o.sinks.map((s) => s.name);
  const persisted = askPersistence(o.changed);
  let failing: string | undefined;
  const firstSeq = (await journal.nextSeq()) + early.length;
  const writer = connectJournal(port, journal, {
    committed: () => (deliveries.kick(), o.changed()),
    full: () => pruneJournal(journal, sinkNames, o.retention, 'all'),
    health: (why) => ((failing = why), o.changed()),
  });
  writer.prepend(early);

  const beat = setInterval(() => {
    if (journal.liveCalls > 0) void heartbeat(journal).catch(() => undefined);
  }, o.heartbeatMs);
  const prune = setInterval(() => {
    void recordSinks(journal, sinkNames)
      .then(() => pruneJournal(journal, sinkNames, o.retention))
      .catch(() => 0);
  }, PRUNE_EVERY_MS);

  async function sinkStatus(sink: Sink): Promise<SinkStatus> {
    const [pending, lastAckSeq, counts] = await Promise.all([
      journal.pending(sink.name),
      journal.cursor(sink.name),
      journal.counts(sink.name),
    ]);
    const here = deliveries.here(sink.name);
    const state = deliveries.state(sink.name) ?? { state: 'idle' };
    const delivery = here ? 'this-tab' : 'another-tab';
    return { name: sink.name, pending, lastAckSeq, deadLetters: counts.dead, delivery, ...state };
  }

  async function status(): Promise<JournalStatus> {
    const [sinks, counts, nextSeq, estimate] = await Promise.all([
      Promise.all(o.sinks.map(sinkStatus)),
      journal.counts(),
      journal.nextSeq(),
      navigator.storage?.estimate?.().catch(() => undefined),
    ]);
    return {
      state: failing === undefined ? 'ok' : 'failing',
      ...(failing !== undefined ? { error: failing } : {}),
      device: journal.deviceId,
      nextSeq,
      backlog: writer.backlog,
      quarantined: counts.quarantined,
      storage: {
        ...(persisted.answer !== undefined ? { persisted: persisted.answer } : {}),
        ...(estimate?.usage !== undefined ? { usageBytes: estimate.usage } : {}),
        ...(estimate?.quota !== undefined ? { quotaBytes: estimate.quota } : {}),
      },
      sinks,
    };
  }

  return {
    firstSeq,
    status,
    history: (limit) => readHistory(journal, limit),
    replay: (sink) => deliveries.replay(sink),
    stop: async () => {
      clearInterval(beat);
      clearInterval(prune);
      await writer.dispose();
      await deliveries.stop();
      await journal.close();
      lock.release();
    },
  };
}
