import { z } from 'zod/mini';
import { EVENT_SCHEMA_VERSION, type PhoneEvent } from '../core/events.ts';
import { foldIntoCalls } from './call-store.ts';
import type { Journal } from './journal.ts';
import { metaKeys, RECORD_VERSION } from './records.ts';

/**
 * Calls left open by a page that closed or crashed. Each journal (one per phone) keeps, in the
 * same transaction as its events, the calls it saw start and not end, under its owner id, and
 * refreshes the entry's time (a heartbeat) while there are any. On the next start, an entry
 * whose owner is gone (its Web Lock was released with its page) has its calls closed as
 * `interrupted`, timed at the owner's last sign of life (its last heartbeat or the call's last
 * event, whichever is later: the call ended between that and one heartbeat after). Those events
 * are journaled and delivered like any other, so a CRM never keeps a call "connected" forever.
 */

const LIVE_PREFIX = 'live:';
export const liveKey = (owner: string): string => `${LIVE_PREFIX}${owner}`;

const liveSchema = z.object({ owner: z.string(), at: z.number(), calls: z.array(z.string()) });
export type LiveEntry = z.infer<typeof liveSchema>;
export const parseLive = (raw: unknown): LiveEntry | undefined => {
  const r = liveSchema.safeParse(raw);
  return r.success ? r.data : undefined;
};

export const endsCall = (e: PhoneEvent): boolean => e.type === 'disconnect' || e.type === 'fail';

/** Refreshes this journal's heartbeat: the bound on the end time of its calls if its page dies. */
export async function heartbeat(journal: Journal): Promise<void> {
  const db = await journal.db();
  const tx = db.transaction('meta', 'readwrite', { durability: 'relaxed' });
  const entry = parseLive(await tx.store.get(liveKey(journal.owner)));
  if (entry && entry.calls.length > 0)
    await tx.store.put({ ...entry, at: journal.now() }, liveKey(journal.owner));
  await tx.done;
}

/**
 * Closes, in one transaction, every call of an owner that `isAlive` says is gone. Returns the
 * ids of the calls it closed. Safe with two tabs starting at once: the second one's transaction
 * runs after the first's and finds the entries already gone.
 */
export async function closeInterrupted(
  journal: Journal,
  isAlive: (entry: LiveEntry) => boolean,
): Promise<string[]> {
  const db = await journal.db();
  const tx = db.transaction(['events', 'meta', 'calls', 'quarantine'], 'readwrite', { durability: 'strict' });
  const meta = tx.objectStore('meta');
  const range = IDBKeyRange.bound(LIVE_PREFIX, `${LIVE_PREFIX}\uffff`);
  const [keys, values] = await Promise.all([meta.getAllKeys(range), meta.getAll(range)]);
  const closed: PhoneEvent[] = [];
  let unreadable = 0;
  let next = Number(await meta.get(metaKeys.nextSeq)) || 1;
  for (const [i, key] of keys.entries()) {
    const entry = parseLive(values[i]);
    if (entry && (entry.owner === journal.owner || isAlive(entry))) continue;
    void meta.delete(key);
    // An entry that does not read back cannot say which calls it held: kept for a human to look at.
    if (!entry) {
      const reason = 'a live-calls entry that did not parse';
      void tx.objectStore('quarantine').add({ store: 'meta', key, raw: values[i], reason, at: Date.now() });
      unreadable++;
      continue;
    }
    for (const callId of entry.calls) {
      const last = await tx
        .objectStore('events')
        .index('by-call')
        .openCursor(IDBKeyRange.bound([callId, 0], [callId, Number.MAX_SAFE_INTEGER]), 'prev');
      const lastEvent = last?.value.event;
      // Its events may have been pruned: the entry alone still says the call was open.
      if (lastEvent && endsCall(lastEvent)) continue;
      const seq = next++;
      const event: PhoneEvent = {
        type: 'disconnect',
        callId,
        reason: 'interrupted',
        v: EVENT_SCHEMA_VERSION,
        id: crypto.randomUUID(),
        seq,
        at: Math.max(entry.at, lastEvent?.at ?? 0),
      };
      void tx.objectStore('events').put({ v: RECORD_VERSION, seq, callId, event });
      closed.push(event);
    }
  }
  void meta.put(next, metaKeys.nextSeq);
  await foldIntoCalls(tx.objectStore('calls'), closed);
  await tx.done;
  if (unreadable > 0) journal.onQuarantine?.(unreadable, 'a live-calls entry that did not parse');
  return closed.flatMap((e) => (e.type === 'disconnect' ? [e.callId] : []));
}
