import type { Journal } from './journal.ts';
import { cursorKey } from './records.ts';

export interface Retention {
  /** Acknowledged events older than this are deleted. */
  readonly maxAgeMs: number;
  /** Past this many events, the oldest acknowledged ones are deleted. */
  readonly maxEvents: number;
}

const SINK_PREFIX = 'sink:';
const isRecent = (r: unknown, since: number): r is { name: string; at: number } =>
  typeof r === 'object' &&
  r !== null &&
  typeof (r as { name?: unknown }).name === 'string' &&
  typeof (r as { at?: unknown }).at === 'number' &&
  (r as { at: number }).at >= since;

/**
 * Notes that `sinks` are delivered from this journal (refreshed at each start and prune): tabs
 * may be configured with different sinks, and pruning must wait for all of them. A sink no tab
 * has named for the retention period stops holding events back.
 */
export async function recordSinks(journal: Journal, sinks: readonly string[]): Promise<void> {
  if (sinks.length === 0) return;
  const db = await journal.db();
  const tx = db.transaction('meta', 'readwrite', { durability: 'relaxed' });
  const at = journal.now();
  for (const name of sinks) void tx.store.put({ name, at }, `${SINK_PREFIX}${name}`);
  await tx.done;
}

export const DEFAULT_RETENTION: Retention = { maxAgeMs: 30 * 24 * 3_600_000, maxEvents: 50_000 };

/**
 * Deletes acknowledged events, oldest first: those past the age or count limit, or (`all`, when
 * the disk is full) every acknowledged one. An event some sink has not acknowledged is never
 * deleted, whatever the limits; dead letters and quarantined records are kept apart and stay.
 * Returns how many events went.
 */
export async function pruneJournal(
  journal: Journal,
  sinks: readonly string[],
  retention: Retention,
  mode: 'limits' | 'all' = 'limits',
): Promise<number> {
  const db = await journal.db();
  await pruneHistory(journal, retention);
  const tx = db.transaction(['events', 'meta'], 'readwrite', { durability: 'relaxed' });
  const events = tx.objectStore('events');
  const meta = tx.objectStore('meta');
  // Every sink any tab delivers counts, not only this tab's (see recordSinks).
  const recorded = await meta.getAll(IDBKeyRange.bound(SINK_PREFIX, `${SINK_PREFIX}\uffff`));
  const since = journal.now() - retention.maxAgeMs;
  const names = new Set([...sinks, ...recorded.flatMap((r) => (isRecent(r, since) ? [r.name] : []))]);
  const cursors = await Promise.all([...names].map((s) => meta.get(cursorKey(s))));
  // Without any sink the journal is history only: everything counts as acknowledged.
  const acked = Math.min(
    Number.MAX_SAFE_INTEGER,
    ...cursors.map((c) => (typeof c === 'number' && Number.isSafeInteger(c) ? c : 0)),
  );
  if (acked <= 0) return 0;
  let cut = 0;
  if (mode === 'all') cut = acked;
  else {
    const total = await events.count();
    const excess = total - retention.maxEvents;
    if (excess > 0) cut = (await events.getAllKeys(undefined, excess)).at(-1) ?? 0;
    const oldest = journal.now() - retention.maxAgeMs;
    for (let c = await events.openCursor(IDBKeyRange.lowerBound(cut, true)); c; c = await c.continue()) {
      const at: unknown = (c.value as { event?: { at?: unknown } }).event?.at;
      if (c.primaryKey > acked || typeof at !== 'number' || at >= oldest) break;
      cut = c.primaryKey;
    }
    cut = Math.min(cut, acked);
  }
  if (cut <= 0) return 0;
  const range = IDBKeyRange.upperBound(cut);
  const gone = await events.count(range);
  await events.delete(range);
  await tx.done;
  return gone;
}

/** Call records (history) started before the age limit go too: history is kept as long as events. */
async function pruneHistory(journal: Journal, retention: Retention): Promise<void> {
  const db = await journal.db();
  const tx = db.transaction('calls', 'readwrite', { durability: 'relaxed' });
  const old = IDBKeyRange.upperBound(journal.now() - retention.maxAgeMs, true);
  for (let c = await tx.store.index('by-start').openCursor(old); c; c = await c.continue()) void c.delete();
  await tx.done;
}
