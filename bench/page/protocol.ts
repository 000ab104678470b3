// What the bench page (browser) and bench/run.ts (Node) exchange through page.evaluate: the page's
// API on `window.benchApi`, and zod schemas the Node side parses every answer with.
import { z } from 'zod';

export const BareUaOptions = z.object({
  user: z.string(),
  password: z.string(),
  wsUrl: z.string(),
  domain: z.string(),
  autoAnswer: z.boolean(),
  /** Keep sip.js's defaults (Google STUN, 5 s ICE gathering) instead of iceServers [] + 500 ms. */
  sipDefaults: z.boolean(),
});
export type BareUaOptions = z.infer<typeof BareUaOptions>;

/** The run's call-data cache service (src/server/) as the page reaches it, with its Basic credentials. */
export const CacheAccess = z.object({
  url: z.string(),
  username: z.string(),
  password: z.string(),
});
export type CacheAccess = z.infer<typeof CacheAccess>;

export const WidgetOptions = z.object({
  user: z.string(),
  password: z.string(),
  wsUrl: z.string(),
  domain: z.string(),
  /** Configure the widget's `cache` (its credentials provider answers with these). */
  cache: CacheAccess.optional(),
  /** The widget's `journal` (default: the widget's own, enabled); `webhook`: the cache's receiver. */
  journal: z.object({ enabled: z.boolean(), webhook: CacheAccess.optional() }).optional(),
});
export type WidgetOptions = z.infer<typeof WidgetOptions>;

/** One call from the API call to Established/'connected', split at INVITE sent and 200 OK received. */
export const EstablishTiming = z.object({
  totalMs: z.number(),
  toInviteSentMs: z.number().optional(),
  toOkMs: z.number().optional(),
  afterOkMs: z.number().optional(),
});
export type EstablishTiming = z.infer<typeof EstablishTiming>;

/** INVITE frame in the callee's socket listener → 'offer' event from the phone → popup in the shadow DOM. */
export const PopupTiming = z.object({
  totalMs: z.number(),
  toOfferMs: z.number(),
  offerToPopupMs: z.number(),
});
export type PopupTiming = z.infer<typeof PopupTiming>;

/** Call-data fields a popup must show: each key with its on-screen text, all from `source`. */
export const ExpectedFields = z.object({
  source: z.enum(['headers', 'cache']),
  fields: z.record(z.string(), z.string()),
});
export type ExpectedFields = z.infer<typeof ExpectedFields>;

/**
 * INVITE frame in the callee's socket listener → every expected field in the shadow DOM, with the
 * steps between: the phone's 'offer', the popup element, and for cache data the widget's fetch
 * (resource timing) and the phone's 'calldata' event.
 */
export const FieldsTiming = z.object({
  totalMs: z.number(),
  toOfferMs: z.number(),
  toPopupMs: z.number(),
  /** offer → fetch started, fetch duration (preflight included), fetch end → 'calldata' event. */
  cache: z
    .object({ offerToFetchMs: z.number(), fetchMs: z.number(), fetchToCalldataMs: z.number() })
    .optional(),
  /** The last step: 'offer' (header data) or 'calldata' (cache data) → fields in the DOM. */
  eventToFieldsMs: z.number(),
});
export type FieldsTiming = z.infer<typeof FieldsTiming>;

/** A bare fetch GET of one cache entry from the page, as the widget sends it. */
export const CacheGetTiming = z.object({ ms: z.number(), status: z.number().int() });
export type CacheGetTiming = z.infer<typeof CacheGetTiming>;

export const PeerConnectionCounts = z.object({
  created: z.number().int(),
  live: z.number().int(),
  lastIceServerUrls: z.array(z.string()),
});
export type PeerConnectionCounts = z.infer<typeof PeerConnectionCounts>;

export interface BenchApi {
  /** Loads the production widget bundle (after the probes) and mounts a registered <cti-softphone>. */
  mountWidget(o: WidgetOptions): Promise<void>;
  /** Stops the widget's phone (it unregisters) and removes the element, so a new one can mount. */
  unmountWidget(timeoutMs: number): Promise<void>;
  createBareUa(o: BareUaOptions): Promise<void>;
  /** Callee side: start watching for the next popup. */
  armPopup(timeoutMs: number): void;
  /** Callee side: the armed popup's timing; then rejects the call and waits until the widget is idle. */
  popupResult(timeoutMs: number): Promise<PopupTiming>;
  /** Callee side: start watching for the next popup showing every `expected` field. */
  armFields(expected: ExpectedFields, timeoutMs: number): void;
  /** Callee side: the armed watch's timing; then rejects the call and waits until the widget is idle. */
  fieldsResult(timeoutMs: number): Promise<FieldsTiming>;
  /** Baseline: fetch GET `${cache.url}${path}` with the widget's headers; the round trip in ms. */
  cacheGet(cache: CacheAccess, path: string, timeoutMs: number): Promise<CacheGetTiming>;
  /** Caller side: `user` (a bare UA) sends an INVITE to `target`, with `extraHeaders` if given. */
  ring(user: string, target: string, extraHeaders?: readonly string[]): void;
  /** The widget dials, waits for 'connected', hangs up and waits until the call is gone. */
  widgetEstablish(target: string, timeoutMs: number): Promise<EstablishTiming>;
  /** The bare UA `user` does the same with an Inviter. */
  bareEstablish(user: string, target: string, timeoutMs: number): Promise<EstablishTiming>;
  bareIdle(user: string, timeoutMs: number): Promise<void>;
  /** The bare UA's last incoming INVITE: frame in its socket listener → sip.js onInvite, in ms. */
  bareInviteDelay(user: string): number;
  peerConnections(): PeerConnectionCounts;
  /** Profiling: performance.mark at INVITE receipt, 'offer' and popup (off by default). */
  setMarks(on: boolean): void;
  /** Forgets the INVITE frame timings and resource timings recorded so far (keeps memory flat). */
  clearFrames(): void;
}

declare global {
  interface Window {
    benchApi?: BenchApi;
  }
}
