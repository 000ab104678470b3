import { z } from 'zod/mini';
import { phoneEventSchema } from '../core/events.ts';

/**
 * What the journal stores, each record with its schema version `v`: records are parsed with zod
 * when read back, and one that does not parse is quarantined, never trusted and never dropped.
 * A new record version adds a step to the migration ladder in db.ts.
 */
export const RECORD_VERSION = 1;

/** One event, keyed by the journal's `seq`: per browser, gapless, assigned inside the write. */
export const eventRecordSchema = z.object({
  v: z.literal(RECORD_VERSION),
  seq: z.number().check(z.int(), z.positive()),
  /** The call the event belongs to ('' for phone-level events: IndexedDB cannot index undefined). */
  callId: z.string(),
  event: phoneEventSchema,
});
export type EventRecord = z.infer<typeof eventRecordSchema>;

/** A record that did not parse: kept as it was found, with why, for a human to look at. */
export interface QuarantineRecord {
  readonly store: string;
  readonly key: IDBValidKey;
  readonly raw: unknown;
  readonly reason: string;
  readonly at: number;
}

/** An event a sink refused for good, with why. */
export interface DeadLetter {
  readonly sink: string;
  readonly seq: number;
  readonly reason: string;
  readonly at: number;
  /** The event itself (absent in letters from before it was kept): replayable after pruning. */
  readonly record?: EventRecord;
}

/** The meta key of a sink's cursor: the last seq it acknowledged (or dead-lettered). */
export const cursorKey = (sink: string): string => `cursor:${sink}`;

export const metaKeys = {
  /** The next `seq` to hand out. */
  nextSeq: 'next-seq',
  /** This browser's id (per origin and profile): the CRM orders events per device. */
  deviceId: 'device-id',
} as const;
