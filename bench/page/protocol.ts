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

export const WidgetOptions = z.object({
  user: z.string(),
  password: z.string(),
  wsUrl: z.string(),
  domain: z.string(),
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

export const PeerConnectionCounts = z.object({
  created: z.number().int(),
  live: z.number().int(),
  lastIceServerUrls: z.array(z.string()),
});
export type PeerConnectionCounts = z.infer<typeof PeerConnectionCounts>;

export interface BenchApi {
  /** Loads the production widget bundle (after the probes) and mounts a registered <cti-softphone>. */
  mountWidget(o: WidgetOptions): Promise<void>;
  createBareUa(o: BareUaOptions): Promise<void>;
  /** Callee side: start watching for the next popup. */
  armPopup(timeoutMs: number): void;
  /** Callee side: the armed popup's timing; then rejects the call and waits until the widget is idle. */
  popupResult(timeoutMs: number): Promise<PopupTiming>;
  /** Caller side: `user` (a bare UA) sends an INVITE to `target`. */
  ring(user: string, target: string): void;
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
  /** Forgets the INVITE frame timings recorded so far (keeps the probe's memory flat). */
  clearFrames(): void;
}

declare global {
  interface Window {
    benchApi?: BenchApi;
  }
}
