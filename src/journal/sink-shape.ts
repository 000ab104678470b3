import type { Sink } from './sink.ts';

/**
 * Is `v` a Sink (config.journal.sinks)? Apart from sink.ts so that the config, which the page
 * loads first, does not carry the sinks' code (the script tag's size budget).
 */
export const isSink = (v: unknown): v is Sink =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Partial<Sink>).name === 'string' &&
  typeof (v as Partial<Sink>).deliver === 'function' &&
  Number.isInteger((v as Partial<Sink>).batchSize) &&
  // 0 would mean "no limit" to IndexedDB (the whole backlog in one call), below 0 a TypeError.
  (v as Sink).batchSize >= 1 &&
  (v as Sink).batchSize <= 1000;
