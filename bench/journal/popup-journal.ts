// Figure: INVITE frame → incoming popup in the DOM with the journal on (every event in IndexedDB,
// delivered by a webhook sink to the cache service's receiver) against the same widget with the
// journal off, in the same run: two callee pages rung alternately, the same number of calls each.
import type { Page } from 'playwright-core';
import { z } from 'zod';
import type { CtiSoftphone } from '../../src/element.ts';
import { PopupTiming, type BareUaOptions, type WidgetOptions } from '../page/protocol.ts';
import type { Bed } from '../softphone/bed.ts';
import type { BenchPage } from '../softphone/browser.ts';
import { startBenchCache } from '../softphone/cache-service.ts';
import { summarize, type Summary } from '../softphone/stats.ts';

export interface PopupJournalSide {
  readonly total: Summary;
  readonly toOffer: Summary;
  readonly offerToPopup: Summary;
}

export interface PopupJournalResult {
  readonly on: PopupJournalSide;
  readonly off: PopupJournalSide;
  readonly warmup: number;
  /** The journal-on widget's webhook sink: events acknowledged by the receiver, and still pending. */
  readonly delivered: number;
  readonly pending: number;
}

const CALLER = '1001';
const ON = '1002';
const OFF = '1008';
const STEP_MS = 10_000;

const side = (t: readonly PopupTiming[]): PopupJournalSide => ({
  total: summarize(t.map((x) => x.totalMs)),
  toOffer: summarize(t.map((x) => x.toOfferMs)),
  offerToPopup: summarize(t.map((x) => x.offerToPopupMs)),
});

/** One call as bench/softphone/popup.ts rings it: the widget shows the popup, then rejects. */
async function popupOnce(callee: BenchPage, caller: BenchPage, user: string): Promise<PopupTiming> {
  await callee.run('clearFrames');
  await callee.run('armPopup', STEP_MS);
  await caller.run('ring', CALLER, user);
  const t = await callee.call(PopupTiming, 'popupResult', STEP_MS);
  await caller.call(z.undefined(), 'bareIdle', CALLER, STEP_MS);
  return t;
}

const JournalSeen = z.object({
  state: z.string(),
  sinks: z.array(z.object({ lastAckSeq: z.number(), pending: z.number() })),
});

/** The widget's own view of its journal (getStatus), to show the journal really ran. */
async function journalStatus(page: Page): Promise<z.infer<typeof JournalSeen>> {
  const status = await page.evaluate(async () => {
    const el = document.querySelector<CtiSoftphone>('cti-softphone');
    return (await el?.getStatus())?.journal;
  });
  return JournalSeen.parse(status);
}

export async function benchPopupJournal(
  bed: Bed,
  o: {
    widget: (user: string) => WidgetOptions;
    bareUa: (user: string) => BareUaOptions;
    calls: number;
    warmup: number;
  },
): Promise<PopupJournalResult> {
  const cache = await startBenchCache({ pool: ON, pageOrigin: bed.pageOrigin });
  const pages: BenchPage[] = [];
  const open = async (label: string) => {
    const page = await bed.page(label);
    pages.push(page);
    return page;
  };
  try {
    const caller = await open('journal-caller');
    await caller.run('createBareUa', o.bareUa(CALLER));
    const on = await open('journal-on');
    await on.run('mountWidget', { ...o.widget(ON), journal: { enabled: true, webhook: cache.access } });
    const off = await open('journal-off');
    await off.run('mountWidget', { ...o.widget(OFF), journal: { enabled: false } });
    const timings = { on: [] as PopupTiming[], off: [] as PopupTiming[] };
    for (let i = 0; i < o.warmup + o.calls; i++) {
      // Which goes first alternates, so neither always follows the other's call.
      const order = i % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      for (const which of order) {
        const t = await popupOnce(which === 'on' ? on : off, caller, which === 'on' ? ON : OFF);
        if (i >= o.warmup) timings[which].push(t);
      }
    }
    const [onJournal, offJournal] = await Promise.all([journalStatus(on.page), journalStatus(off.page)]);
    if (onJournal.state !== 'ok' || offJournal.state !== 'off')
      throw new Error(`journal states: on-widget ${onJournal.state}, off-widget ${offJournal.state}`);
    await Promise.all([on.run('unmountWidget', STEP_MS), off.run('unmountWidget', STEP_MS)]);
    return {
      on: side(timings.on),
      off: side(timings.off),
      warmup: o.warmup,
      delivered: onJournal.sinks[0]?.lastAckSeq ?? 0,
      pending: onJournal.sinks[0]?.pending ?? 0,
    };
  } finally {
    for (const page of pages.reverse()) await page.close();
    await cache.close();
  }
}
