import type { PhoneEvent } from '../core/events.ts';
import type { CallRecord } from '../core/call-record.ts';
import { readHistory } from './call-store.ts';
import { connectJournal, type JournalPort } from './connect-journal.ts';
import { Journal } from './journal.ts';
import { closeInterrupted, heartbeat } from './live-calls.ts';
import { startOutbox, type SinkState } from './outbox.ts';
import { singleOutbox } from './single-outbox.ts';
import { holdOwnerLock, liveOwners } from './owner-lock.ts';
import { pruneJournal, type Retention } from './prune.ts';
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
  const lock = await holdOwnerLock(journal.owner);
  await closeInterrupted(journal, await liveOwners(o.heartbeatMs, o.now()));
  const sinkNames = o.sinks.map((s) => s.name);
  await pruneJournal(journal, sinkNames, o.retention).catch(() => 0);
  let persisted: boolean | undefined;
  void navigator.storage
    ?.persist?.()
    .then((answer) => ((persisted = answer), o.changed()))
    .catch(() => undefined);

  const sinkStates = new Map<string, SinkState>();
  let failing: string | undefined;
  const outbox = singleOutbox(
    o.name,
    () =>
      startOutbox(journal, o.sinks, {
        report: (name, state) => (sinkStates.set(name, state), o.changed()),
        now: o.now,
      }),
    o.changed,
  );
  journal.onQuarantine = (count, reason) =>
    port.publish({
      type: 'error',
      code: 'journal-quarantine',
      message: `${count} journal record(s) did not parse and were set aside: ${reason}`.slice(0, 500),
    });
  const firstSeq = (await journal.nextSeq()) + early.length;
  const writer = connectJournal(port, journal, {
    committed: () => (outbox.kick(), o.changed()),
    full: () => pruneJournal(journal, sinkNames, o.retention, 'all'),
    health: (why) => ((failing = why), o.changed()),
  });
  writer.prepend(early);

  const beat = setInterval(() => {
    if (journal.liveCalls > 0) void heartbeat(journal).catch(() => undefined);
  }, o.heartbeatMs);
  const prune = setInterval(
    () => void pruneJournal(journal, sinkNames, o.retention).catch(() => 0),
    PRUNE_EVERY_MS,
  );

  async function sinkStatus(sink: Sink): Promise<SinkStatus> {
    const [pending, lastAckSeq, counts] = await Promise.all([
      journal.pending(sink.name),
      journal.cursor(sink.name),
      journal.counts(sink.name),
    ]);
    const state = sinkStates.get(sink.name) ?? { state: 'idle' };
    return { name: sink.name, pending, lastAckSeq, deadLetters: counts.dead, ...state };
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
      delivery: outbox.here ? 'this-tab' : 'another-tab',
      ...(failing !== undefined ? { error: failing } : {}),
      device: journal.deviceId,
      nextSeq,
      backlog: writer.backlog,
      quarantined: counts.quarantined,
      storage: {
        ...(persisted !== undefined ? { persisted } : {}),
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
    replay: async (sink) => {
      const r = await outbox.replay(sink);
      o.changed();
      return r;
    },
    stop: async () => {
      clearInterval(beat);
      clearInterval(prune);
      await writer.dispose();
      await outbox.stop();
      await journal.close();
      lock.release();
    },
  };
}
