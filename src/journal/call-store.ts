import type { PhoneEvent } from '../core/events.ts';
import { callRecordSchema, foldCallRecord, type CallRecord } from '../core/call-record.ts';
import type { Journal } from './journal.ts';

/** The part of the `calls` object store this module uses (any transaction mode that can write). */
export interface CallsStore {
  get(key: string): Promise<unknown>;
  put(value: CallRecord): Promise<unknown>;
}

const callIdOf = (e: PhoneEvent): string | undefined =>
  'callId' in e && typeof e.callId === 'string' && e.callId !== '' ? e.callId : undefined;

export const parseCallRecord = (raw: unknown): CallRecord | undefined => {
  const r = callRecordSchema.safeParse(raw);
  return r.success ? r.data : undefined;
};

/** The stored records of the calls `events` belong to (started at once: reads run in parallel). */
export async function readCalls(store: CallsStore, events: readonly PhoneEvent[]) {
  const ids = [...new Set(events.flatMap((e) => callIdOf(e) ?? []))];
  const found = await Promise.all(ids.map((id) => store.get(id)));
  return new Map(ids.map((id, i) => [id, parseCallRecord(found[i])]));
}

/**
 * Folds events (already carrying their journal seq) into the call records of the calls they
 * belong to, inside the caller's transaction: the history never disagrees with the events. A
 * stored record that no longer parses is rebuilt from what follows (history is derived data: the
 * events it came from are kept, and delivered, whatever happens to it). `before` may come from a
 * `readCalls` started earlier in the same transaction.
 */
export async function foldIntoCalls(
  store: CallsStore,
  events: readonly PhoneEvent[],
  before?: Map<string, CallRecord | undefined>,
): Promise<void> {
  const known = before ?? (await readCalls(store, events));
  const after = new Map(known);
  for (const event of events) {
    const id = callIdOf(event);
    if (id === undefined || !after.has(id)) continue;
    const next = foldCallRecord(after.get(id), event);
    if (next) after.set(id, next);
  }
  for (const [id, record] of after) if (record && record !== known.get(id)) void store.put(record);
}

/** The newest `limit` call records, newest first; a record that does not parse is quarantined. */
export async function readHistory(journal: Journal, limit = 200): Promise<CallRecord[]> {
  const db = await journal.db();
  const records: CallRecord[] = [];
  const bad: { key: string; raw: unknown; reason: string }[] = [];
  const index = db.transaction('calls').store.index('by-start');
  for (let c = await index.openCursor(null, 'prev'); c && records.length < limit; c = await c.continue()) {
    const parsed = callRecordSchema.safeParse(c.value);
    if (parsed.success) records.push(parsed.data);
    else bad.push({ key: c.primaryKey, raw: c.value, reason: parsed.error.issues[0]?.message ?? 'invalid' });
  }
  if (bad.length > 0) await journal.quarantine('calls', bad);
  return records;
}
