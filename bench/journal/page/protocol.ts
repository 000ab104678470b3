// What the journal bench page (browser) and bench/journal/*.ts (Node) exchange through
// page.evaluate: the page's API on `window.journalBench`, and the zod schemas of its answers.
import { z } from 'zod';
import type { CacheAccess } from '../../page/protocol.ts';

export const AppendTrial = z.object({ events: z.number().int(), ms: z.number() });
export type AppendTrial = z.infer<typeof AppendTrial>;

/** Commit latencies (ms) of single-event strict writes, the two kinds interleaved. */
export const StrictSamples = z.object({ journal: z.array(z.number()), raw: z.array(z.number()) });
export type StrictSamples = z.infer<typeof StrictSamples>;

/** A drain's time (ms) by where it went: the requests, and the journal's per-batch calls. */
export const DrainSplit = z.object({
  requests: z.number(),
  cursor: z.number(),
  read: z.number(),
  advance: z.number(),
});
export type DrainSplit = z.infer<typeof DrainSplit>;

export const DrainTrial = z.object({
  events: z.number().int(),
  /** First request sent (outbox started) → the receiver acknowledged the last batch. */
  ms: z.number(),
  requests: z.number().int(),
  split: DrainSplit,
  /** Batches the sink was told to try again (0 on a healthy loopback). */
  retries: z.number().int(),
});
export type DrainTrial = z.infer<typeof DrainTrial>;

export interface DrainOptions {
  readonly target: 'journal' | 'fetch';
  /** The cache service (its reference receiver is `${url}/events`). */
  readonly receiver: CacheAccess;
  readonly events: number;
  readonly batchSize: number;
  readonly timeoutMs: number;
}

export interface JournalBenchApi {
  /** Writes `events` events, `batch` per relaxed transaction, into a fresh database; then deletes it. */
  appendTrial(target: 'journal' | 'raw', events: number, batch: number): Promise<AppendTrial>;
  /** Alternates Journal.append([e], 'strict') and a raw strict put, `warmup` + `samples` of each. */
  strictSamples(samples: number, warmup: number): Promise<StrictSamples>;
  /** Delivers `events` events to the receiver in batches: by the journal's outbox, or a fetch loop. */
  drainTrial(o: DrainOptions): Promise<DrainTrial>;
}

declare global {
  interface Window {
    journalBench?: JournalBenchApi;
  }
}
