// Figure: INVITE frame at the callee's WebSocket → popup showing the INVITE's call data (X-Call-Data
// fields and User-to-User) in the callee's shadow DOM. Baseline, interleaved in the same page: the
// same INVITE, same headers, to a bare sip.js UA: INVITE frame → onInvite.
import { z } from 'zod';
import { FieldsTiming } from '../page/protocol.ts';
import type { BenchPage } from './browser.ts';
import { headerCallData } from './call-data.ts';
import { summarize, type Summary } from './stats.ts';

export interface HeaderPopupResult {
  readonly total: Summary;
  readonly toOffer: Summary;
  /** 'offer' → every field in the DOM. */
  readonly offerToFields: Summary;
  readonly bareOnInvite: Summary;
  readonly warmup: number;
}

const STEP_MS = 10_000;

/**
 * `caller` (a bare UA in `callerPage`) rings the widget `callee` in `calleePage` with call-data
 * headers; the widget rejects once the fields are shown. Then the same headers to `bareCallee`
 * (a bare UA in the callee page, rejecting with 486). Repeat.
 */
export async function benchHeaderPopup(
  calleePage: BenchPage,
  callerPage: BenchPage,
  o: { caller: string; callee: string; bareCallee: string; calls: number; warmup: number },
): Promise<HeaderPopupResult> {
  const timings: FieldsTiming[] = [];
  const bare: number[] = [];
  const callerIdle = () => callerPage.call(z.undefined(), 'bareIdle', o.caller, STEP_MS);
  for (let i = 0; i < o.warmup + o.calls; i++) {
    const { extraHeaders, expected } = headerCallData(i);
    await calleePage.run('clearFrames');
    await calleePage.run('armFields', expected, STEP_MS);
    await callerPage.run('ring', o.caller, o.callee, extraHeaders);
    const t = await calleePage.call(FieldsTiming, 'fieldsResult', STEP_MS);
    await callerIdle();

    await callerPage.run('ring', o.caller, o.bareCallee, extraHeaders);
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
    offerToFields: summarize(timings.map((t) => t.eventToFieldsMs)),
    bareOnInvite: summarize(bare),
    warmup: o.warmup,
  };
}
