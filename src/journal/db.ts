import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { foldCallRecord, type CallRecord } from '../core/call-record.ts';
import { eventRecordSchema, type DeadLetter, type EventRecord, type QuarantineRecord } from './records.ts';

/** The journal's IndexedDB schema (version 2). Values are typed as stored; reads still parse them. */
export interface JournalSchema extends DBSchema {
  events: {
    key: number;
    value: EventRecord;
    indexes: { 'by-call': [string, number] };
  };
  meta: { key: string; value: unknown };
  quarantine: { key: number; value: QuarantineRecord };
  /** Batches a sink refused for good, per sink: visible and replayable, never dropped. */
  dead: { key: [string, number]; value: DeadLetter };
  /** Version 2: one record per call, folded from its events in their write (the history). */
  calls: { key: string; value: CallRecord; indexes: { 'by-start': number } };
}

export const JOURNAL_DB_VERSION = 2;
export type JournalDb = IDBPDatabase<JournalSchema>;

export interface OpenOptions {
  /** Another tab wants a newer schema: we close, and the journal reopens on its next write. */
  readonly onBlocking?: () => void;
  /** The browser closed the connection (storage cleared, disk error). */
  readonly onTerminated?: () => void;
}

/**
 * Opens (creating or upgrading) the journal database. Each version is one step of the ladder:
 * a database at any older version walks every later step, so no record is left behind.
 */
export async function openJournalDb(name: string, options: OpenOptions = {}): Promise<JournalDb> {
  try {
    return await openLadder(name, options);
  } catch (e) {
    // A newer tab already upgraded further: its ladder only adds, so ours works on its database.
    if (!(e instanceof DOMException && e.name === 'VersionError')) throw e;
    return openDB<JournalSchema>(name, undefined, hooks(options));
  }
}

const hooks = (options: OpenOptions) => ({
  blocking(_current: number, _blocked: number | null, event: IDBVersionChangeEvent) {
    (event.target as IDBDatabase).close();
    options.onBlocking?.();
  },
  terminated: () => options.onTerminated?.(),
});

function openLadder(name: string, options: OpenOptions): Promise<JournalDb> {
  return openDB<JournalSchema>(name, JOURNAL_DB_VERSION, {
    ...hooks(options),
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        const events = db.createObjectStore('events', { keyPath: 'seq' });
        events.createIndex('by-call', ['callId', 'seq']);
        db.createObjectStore('meta');
        db.createObjectStore('quarantine', { autoIncrement: true });
        db.createObjectStore('dead', { keyPath: ['sink', 'seq'] });
      }
      if (oldVersion < 2) {
        db.createObjectStore('calls', { keyPath: 'callId' }).createIndex('by-start', 'startedAt');
        // History is derived: if building it failed, the events (the truth) are still all there.
        if (oldVersion >= 1) await buildCallRecords(tx).catch(() => undefined);
      }
    },
  });
}

/**
 * Version 1 → 2: the history of the calls already journaled, folded from their events in seq
 * order, inside the upgrade transaction (only IndexedDB requests are awaited, so it stays alive).
 * A record that does not parse is left where it is: the next read quarantines it as usual.
 */
async function buildCallRecords(
  tx: IDBPTransaction<JournalSchema, StoreNames<JournalSchema>[], 'versionchange'>,
) {
  const records = new Map<string, CallRecord>();
  for (let c = await tx.objectStore('events').openCursor(); c; c = await c.continue()) {
    const parsed = eventRecordSchema.safeParse(c.value);
    if (!parsed.success || parsed.data.callId === '') continue;
    const { callId, event, seq } = parsed.data;
    const next = foldCallRecord(records.get(callId), { ...event, seq });
    if (next) records.set(callId, next);
  }
  const calls = tx.objectStore('calls');
  await Promise.all([...records.values()].map((r) => calls.put(r)));
}
