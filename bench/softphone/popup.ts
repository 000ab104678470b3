// Figure 2: INVITE frame at the callee's WebSocket → incoming popup in the callee's shadow DOM.
// Baseline, interleaved in the same page: INVITE frame → onInvite of a bare sip.js UA (what sip.js
// alone costs before any widget code runs).
import { z } from 'zod';
import { PopupTiming } from '../page/protocol.ts';
import type { BenchPage } from './browser.ts';
import { summarize, type Summary } from './stats.ts';

export interface PopupResult {
  readonly total: Summary;
  /** The two halves: INVITE → the phone's 'offer' event, 'offer' → popup in the DOM. */
  readonly toOffer: Summary;
  readonly offerToPopup: Summary;
  readonly bareOnInvite: Summary;
  readonly warmup: number;
}

const STEP_MS = 10_000;

/**
 * `caller` (a bare UA in `callerPage`) rings the widget `callee` in `calleePage`, which rejects; then
 * rings `bareCallee` (a bare UA in the same callee page, rejecting with 486). Repeat.
 */
export async function benchPopup(
  calleePage: BenchPage,
  callerPage: BenchPage,
  o: { caller: string; callee: string; bareCallee: string; calls: number; warmup: number },
): Promise<PopupResult> {
  const timings: PopupTiming[] = [];
  const bare: number[] = [];
  const callerIdle = () => callerPage.call(z.undefined(), 'bareIdle', o.caller, STEP_MS);
  for (let i = 0; i < o.warmup + o.calls; i++) {
    await calleePage.run('clearFrames');
    await calleePage.run('armPopup', STEP_MS);
    await callerPage.run('ring', o.caller, o.callee);
    const t = await calleePage.call(PopupTiming, 'popupResult', STEP_MS);
    await callerIdle();

    await callerPage.run('ring', o.caller, o.bareCallee);
    await callerIdle();
    await calleePage.call(z.undefined(), 'bareIdle', o.bareCallee, STEP_MS);
    const b = await calleePage.call(z.number(), 'bareInviteDelay', o.bareCallee);
    if (i >= o.warmup) {
      timings.push(t);
      bare.push(b);
    }
  }
  return {
    total: summarize(timings.map((t) => t.totalMs)),
    toOffer: summarize(timings.map((t) => t.toOfferMs)),
    offerToPopup: summarize(timings.map((t) => t.offerToPopupMs)),
    bareOnInvite: summarize(bare),
    warmup: o.warmup,
  };
}
