// The drain figure, driven from Node: queued events to the cache service's reference receiver on
// loopback, by the journal's outbox, against a plain fetch loop POSTing the same batches.
import type { BenchCache } from '../softphone/cache-service.ts';
import { median } from '../softphone/stats.ts';
import type { JournalPage } from './browser.ts';
import { DrainTrial, type DrainSplit } from './page/protocol.ts';

export interface DrainSide {
  readonly ms: readonly number[];
  readonly median: number;
  /** Per part, the median over the trials of the time spent there (DrainSplit). */
  readonly split: DrainSplit;
  /** Of the last trial: requests sent, and retries (0 on a healthy loopback). */
  readonly requests: number;
  readonly retries: number;
}

export interface DrainResult {
  readonly events: number;
  readonly batchSize: number;
  readonly journal: DrainSide;
  readonly fetch: DrainSide;
}

const TIMEOUT_MS = 60_000;

function side(trials: readonly DrainTrial[]): DrainSide {
  const ms = trials.map((t) => t.ms);
  const last = trials.at(-1);
  return {
    ms,
    median: median(ms),
    split: {
      requests: median(trials.map((t) => t.split.requests)),
      cursor: median(trials.map((t) => t.split.cursor)),
      read: median(trials.map((t) => t.split.read)),
      advance: median(trials.map((t) => t.split.advance)),
    },
    requests: last?.requests ?? 0,
    retries: trials.reduce((n, t) => n + t.retries, 0),
  };
}

/** `rounds` trials of each, alternating which goes first, after a small untimed one of each. */
export async function benchDrain(
  page: JournalPage,
  cache: BenchCache,
  o: { rounds: number; events: number; batchSize: number },
): Promise<DrainResult> {
  const trial = (target: 'journal' | 'fetch', events = o.events) =>
    page.call(DrainTrial, 'drainTrial', {
      target,
      receiver: cache.access,
      events,
      batchSize: o.batchSize,
      timeoutMs: TIMEOUT_MS,
    });
  // Untimed: the CORS preflight (cached 600 s) and the first connection are paid here.
  await trial('journal', o.batchSize * 2);
  await trial('fetch', o.batchSize * 2);
  const journal: DrainTrial[] = [];
  const fetch: DrainTrial[] = [];
  for (let r = 0; r < o.rounds; r++) {
    if (r % 2 === 0) {
      journal.push(await trial('journal'));
      fetch.push(await trial('fetch'));
    } else {
      fetch.push(await trial('fetch'));
      journal.push(await trial('journal'));
    }
  }
  return { events: o.events, batchSize: o.batchSize, journal: side(journal), fetch: side(fetch) };
}
