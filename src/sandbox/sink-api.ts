/**
 * The sandbox's switchable event sink, as the demo CRM page and the web server both see it
 * (sink-switch.ts serves it, demo/outbox-panel.ts reads it). The page's phone POSTs its journal
 * to SANDBOX_EVENTS_PATH, which forwards to the cache service's reference receiver (POST /events)
 * with the cache's credentials added server-side, unless the switch says otherwise:
 *
 * - `online`: forwarded; the receiver's answer comes back as it is.
 * - `offline`: 503 with `Retry-After: 1` (the receiver is down: the phone keeps its events and
 *   retries every second, so the page sees them pile up, then drain once back online).
 * - `refusing`: 422 (the receiver will never take them: the events become dead letters, which
 *   the page can replay once back online).
 *
 * GET SANDBOX_EVENTS_PATH reads the receiver back (GET /events) whatever the switch says.
 * Shared by Node and the browser, so it imports zod/mini only.
 */
import { z } from 'zod/mini';

export const SINK_SWITCH_PATH = '/sandbox/sink';
export const SANDBOX_EVENTS_PATH = '/sandbox/events';

export const sinkModes = ['online', 'offline', 'refusing'] as const;
export const sinkModeSchema = z.enum(sinkModes);
export type SinkMode = z.infer<typeof sinkModeSchema>;

/** The body of `POST /sandbox/sink` and of every answer of `/sandbox/sink`. */
export const sinkSwitchSchema = z.strictObject({ mode: sinkModeSchema });
export type SinkSwitchBody = z.infer<typeof sinkSwitchSchema>;

/** What the offline sink answers: retried every second. */
export const OFFLINE_STATUS = 503;
export const OFFLINE_RETRY_AFTER_S = 1;
/** What the refusing sink answers: a 4xx that means "never" (dead letters). */
export const REFUSING_STATUS = 422;

/** The most events one GET of the receiver returns (the reference receiver's own limit). */
export const RECEIVER_PAGE_LIMIT = 1000;

/** The part of `GET /events` a page reads: each event's seq and id. */
export const receiverPageSchema = z.object({
  events: z
    .array(z.looseObject({ id: z.string(), seq: z.number().check(z.int(), z.positive()) }))
    .check(z.maxLength(RECEIVER_PAGE_LIMIT)),
});
export type ReceiverPage = z.infer<typeof receiverPageSchema>;
