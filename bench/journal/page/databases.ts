// Fresh, throwaway databases for each trial: the journal's own, and a raw one with the same
// schema (src/journal/db.ts), so the baseline pays the same index upkeep per record.
import { deleteDB } from 'idb';
import type { PhoneEvent } from '../../../src/core/events.ts';
import { openJournalDb, type JournalDb } from '../../../src/journal/db.ts';
import { Journal } from '../../../src/journal/journal.ts';
import { RECORD_VERSION, type EventRecord } from '../../../src/journal/records.ts';

const freshName = (what: string): string => `bench-${what}-${crypto.randomUUID()}`;

export async function withJournal<T>(run: (journal: Journal) => Promise<T>): Promise<T> {
  const journal = await Journal.open(freshName('journal'));
  try {
    return await run(journal);
  } finally {
    await journal.close();
    await deleteDB(journal.name);
  }
}

export async function withRawDb<T>(run: (db: JournalDb) => Promise<T>): Promise<T> {
  const name = freshName('raw');
  const db = await openJournalDb(name);
  try {
    return await run(db);
  } finally {
    db.close();
    await deleteDB(name);
  }
}

/** The record the journal stores for `event` at `seq` (journal.ts, append). */
export function recordOf(event: PhoneEvent, seq: number): EventRecord {
  const callId = 'callId' in event && typeof event.callId === 'string' ? event.callId : '';
  return { v: RECORD_VERSION, seq, callId, event: { ...event, seq } };
}

/** The baseline write: `records` put in one transaction, nothing else. */
export async function rawPut(
  db: JournalDb,
  records: readonly EventRecord[],
  durability: 'strict' | 'relaxed',
): Promise<void> {
  const tx = db.transaction('events', 'readwrite', { durability });
  for (const r of records) void tx.store.put(r);
  await tx.done;
}
