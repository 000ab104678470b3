// In the page: the IndexedDB trials, each against its baseline (raw puts of the same records).
import type { AppendTrial, StrictSamples } from './protocol.ts';
import { batches, eventStream, strictStream } from './events.ts';
import { rawPut, recordOf, withJournal, withRawDb } from './databases.ts';

/** Batched append throughput: `batch` events per relaxed transaction, into a fresh database. */
export async function appendTrial(
  target: 'journal' | 'raw',
  count: number,
  batch: number,
): Promise<AppendTrial> {
  // Made before the clock starts: the phone stamps events anyway, journal or not.
  const events = eventStream(count);
  if (target === 'journal')
    return withJournal(async (journal) => {
      const groups = batches(events, batch);
      const start = performance.now();
      for (const group of groups) await journal.append(group, 'relaxed');
      return { events: count, ms: performance.now() - start };
    });
  return withRawDb(async (db) => {
    const groups = batches(
      events.map((e, i) => recordOf(e, i + 1)),
      batch,
    );
    const start = performance.now();
    for (const group of groups) await rawPut(db, group, 'relaxed');
    return { events: count, ms: performance.now() - start };
  });
}

/**
 * Strict commit latency of one state-changing event: the journal's and the raw put's samples
 * alternate (which goes first alternates too), so both see the same disk and the same noise.
 */
export function strictSamples(samples: number, warmup: number): Promise<StrictSamples> {
  const events = strictStream(warmup + samples);
  return withJournal((journal) =>
    withRawDb(async (db) => {
      const out: StrictSamples = { journal: [], raw: [] };
      const timed = async (write: () => Promise<unknown>): Promise<number> => {
        const start = performance.now();
        await write();
        return performance.now() - start;
      };
      for (const [i, event] of events.entries()) {
        const viaJournal = () => timed(() => journal.append([event], 'strict'));
        const viaRaw = () => timed(() => rawPut(db, [recordOf(event, i + 1)], 'strict'));
        let j: number, r: number;
        if (i % 2 === 0) {
          j = await viaJournal();
          r = await viaRaw();
        } else {
          r = await viaRaw();
          j = await viaJournal();
        }
        if (i >= warmup) {
          out.journal.push(j);
          out.raw.push(r);
        }
      }
      return out;
    }),
  );
}
