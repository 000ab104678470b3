import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DeadLetter, EventRecord, QuarantineRecord } from './records.ts';

/** The journal's IndexedDB schema (version 1). Values are typed as stored; reads still parse them. */
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
}

export const JOURNAL_DB_VERSION = 1;
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
export function openJournalDb(name: string, options: OpenOptions = {}): Promise<JournalDb> {
  return openDB<JournalSchema>(name, JOURNAL_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const events = db.createObjectStore('events', { keyPath: 'seq' });
        events.createIndex('by-call', ['callId', 'seq']);
        db.createObjectStore('meta');
        db.createObjectStore('quarantine', { autoIncrement: true });
        db.createObjectStore('dead', { keyPath: ['sink', 'seq'] });
      }
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      options.onBlocking?.();
    },
    terminated: () => options.onTerminated?.(),
  });
}
