import type { CredentialProvider } from '../config.ts';
import { deliveredEvent, settleBy, type Sink, type SinkAnswer } from './sink.ts';

export interface WebhookOptions {
  readonly url: string;
  /** Basic credentials, fetched before each request (never stored). */
  readonly credentials?: CredentialProvider;
  readonly batchSize?: number;
  /** How long a small batch may wait for more events before it is sent (default 0). */
  readonly maxWaitMs?: number;
  readonly timeoutMs?: number;
}

/**
 * 4xx answers a retry can cure; any other 4xx means this batch will never be taken. 401 and 403
 * are the credentials', not the events': refused credentials are asked for again at each retry,
 * and an expired token must never turn a day of events into dead letters.
 */
const RETRYABLE_4XX = new Set([401, 403, 408, 409, 423, 425, 429]);
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Basic auth over UTF-8 (btoa alone only takes Latin-1). */
const base64 = (s: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

/** Retry-After as seconds or an HTTP date, in ms from now; undefined if absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const s = header.trim();
  const ms = /^\d{1,9}$/.test(s) ? Number(s) * 1000 : Date.parse(s) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/**
 * The sink's name, under which its cursor is kept: origin and path, never the query (a token
 * there would be stored in the database and shown in the status, and rotating it would start a
 * new cursor and send the whole journal again).
 */
export function sinkName(url: string): string {
  const u = URL.canParse(url) ? new URL(url) : undefined;
  return `webhook:${u ? `${u.origin}${u.pathname}` : url}`;
}

/**
 * A webhook sink: POSTs `{device, events}`; each event carries its `id` (the receiver's
 * deduplication key) and the batch an `Idempotency-Key` made of device and seq range, so a
 * retried batch carries the same key for the same content. 2xx acknowledges.
 */
export function webhookSink(options: WebhookOptions): Sink {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    name: sinkName(options.url),
    batchSize: options.batchSize ?? 100,
    ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}),
    async deliver(batch, device, signal): Promise<SinkAnswer> {
      const first = batch[0];
      const last = batch[batch.length - 1];
      if (!first || !last) return { kind: 'ack' };
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const both = AbortSignal.any([signal, timeout]);
        // A provider that never answers must not stall the sink (nor phone.stop()).
        const creds = options.credentials ? await settleBy(options.credentials(), both) : undefined;
        const r = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `${device}:${first.seq}-${last.seq}`,
            ...(creds ? { authorization: `Basic ${base64(`${creds.username}:${creds.password}`)}` } : {}),
          },
          body: JSON.stringify({ device, events: batch.map(deliveredEvent) }),
          signal: both,
          credentials: 'omit',
          redirect: 'error',
        });
        await r.body?.cancel().catch(() => undefined);
        if (r.ok) return { kind: 'ack' };
        const after = retryAfterMs(r.headers.get('retry-after'));
        if (r.status >= 500 || RETRYABLE_4XX.has(r.status))
          return {
            kind: 'retry',
            reason: `webhook answered ${r.status}`,
            ...(after !== undefined ? { afterMs: after } : {}),
          };
        return { kind: 'reject', reason: `webhook answered ${r.status}` };
      } catch (e) {
        const reason = timeout.aborted
          ? `webhook did not answer within ${timeoutMs} ms`
          : `webhook unreachable`;
        return {
          kind: 'retry',
          reason: e instanceof Error && !timeout.aborted ? `${reason}: ${e.message}`.slice(0, 200) : reason,
        };
      }
    },
  };
}
