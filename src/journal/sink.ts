import type { EventRecord } from './records.ts';

export { isSink } from './sink-shape.ts';

/** What a sink answered for one batch. */
export type SinkAnswer =
  /** Every event of the batch is the receiver's now. */
  | { readonly kind: 'ack' }
  /** Try again later (down, 5xx, 429, timeout); `afterMs` when the receiver said (Retry-After). */
  | { readonly kind: 'retry'; readonly reason: string; readonly afterMs?: number }
  /** The receiver will never take this batch (a 4xx that means "never"): dead letters. */
  | { readonly kind: 'reject'; readonly reason: string };

/**
 * Where journal events go: a host callback, a webhook, later the iframe parent (postMessage).
 * Each sink has its own cursor; it gets batches in seq order and must never throw.
 */
export interface Sink {
  /** Stable: the sink's cursor is stored under it. */
  readonly name: string;
  readonly batchSize: number;
  /** A batch smaller than `batchSize` waits up to this long for company (default 0: sent at once). */
  readonly maxWaitMs?: number;
  deliver(batch: readonly EventRecord[], device: string, signal: AbortSignal): Promise<SinkAnswer>;
}

/** The delivered form of a record: the event with the journal's seq (per device, gapless). */
export const deliveredEvent = (r: EventRecord) => ({ ...r.event, seq: r.seq });

/** What a host callback sink is given: delivered events (with the journal's seq) and the device id. */
export type EventsCallback = (
  events: readonly ReturnType<typeof deliveredEvent>[],
  device: string,
) => Promise<unknown>;

/**
 * A host callback sink: the promise it returns is the acknowledgement; a throw, or no answer
 * within `timeoutMs`, means retry (the same batch again: the host deduplicates by id).
 */
export function callbackSink(
  name: string,
  callback: EventsCallback,
  batchSize = 50,
  timeoutMs = 30_000,
): Sink {
  return {
    name,
    batchSize,
    async deliver(batch, device, signal) {
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        // A host written in plain JS may return nothing (taken as done) or throw synchronously.
        const answer = Promise.resolve().then(() => callback(batch.map(deliveredEvent), device));
        await settleBy(answer, AbortSignal.any([signal, timeout]));
        return { kind: 'ack' };
      } catch (e) {
        const why = timeout.aborted
          ? `the callback did not answer within ${timeoutMs} ms`
          : e instanceof Error
            ? e.message
            : 'the callback failed';
        return { kind: 'retry', reason: why.slice(0, 200) };
      }
    },
  };
}

/** `promise`, or a rejection as soon as `signal` aborts (the promise itself cannot be cancelled). */
export function settleBy<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
