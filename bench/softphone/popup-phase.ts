// The popup figures, in one callee page (widget 1002 + bare UA 1008) rung by the peers page's 1001:
// the popup alone, the popup with the INVITE's header data, then (the widget remounted with the
// cache configured) the popup with the cache's data, the cache service running in this process.
import type { BareUaOptions, WidgetOptions } from '../page/protocol.ts';
import { withTimeout } from '../page/until.ts';
import type { Bed } from './bed.ts';
import type { BenchPage } from './browser.ts';
import { benchCachePopup, type CachePopupResult } from './cache-popup.ts';
import { startBenchCache } from './cache-service.ts';
import { benchHeaderPopup, type HeaderPopupResult } from './header-popup.ts';
import { benchPopup, type PopupResult } from './popup.ts';

export interface PopupFigures {
  readonly popup: PopupResult;
  readonly headerPopup: HeaderPopupResult;
  readonly cachePopup: CachePopupResult;
}

export interface PopupPhaseOptions {
  readonly widget: (user: string) => WidgetOptions;
  readonly bareUa: (user: string) => BareUaOptions;
  readonly calls: number;
  readonly warmup: number;
  readonly log: (line: string) => void;
}

const CALLER = '1001';
const CALLEE = '1002';
const BARE_CALLEE = '1008';
const UNMOUNT_MS = 10_000;
/** A call takes ~0.1 s; past this budget something hangs, and the run fails saying so. */
const phaseBudgetMs = (calls: number): number => 120_000 + 3 * calls * 2_000;

export function benchPopups(bed: Bed, peers: BenchPage, o: PopupPhaseOptions): Promise<PopupFigures> {
  const calls = o.calls + o.warmup;
  return withTimeout(
    popupFigures(bed, peers, o),
    phaseBudgetMs(calls),
    `the popup figures (${calls} calls each)`,
  );
}

async function popupFigures(bed: Bed, peers: BenchPage, o: PopupPhaseOptions): Promise<PopupFigures> {
  const { calls, warmup, log } = o;
  const callee = await bed.page('callee');
  try {
    await callee.run('mountWidget', o.widget(CALLEE));
    await callee.run('createBareUa', o.bareUa(BARE_CALLEE));
    const roles = { caller: CALLER, callee: CALLEE, bareCallee: BARE_CALLEE, calls, warmup };
    log(`popup latency: ${calls} calls (+${warmup} warm-up)`);
    const popup = await benchPopup(callee, peers, roles);
    log(`popup with X-Call-Data + User-to-User: ${calls} calls (+${warmup} warm-up)`);
    const headerPopup = await benchHeaderPopup(callee, peers, roles);

    log(`popup with cache data (cache service on loopback): ${calls} calls (+${warmup} warm-up)`);
    const cache = await startBenchCache({ pool: CALLEE, pageOrigin: bed.pageOrigin });
    try {
      await callee.run('unmountWidget', UNMOUNT_MS);
      await callee.run('mountWidget', { ...o.widget(CALLEE), cache: cache.access });
      const cachePopup = await benchCachePopup(callee, peers, cache, {
        caller: CALLER,
        callee: CALLEE,
        domain: bed.domain,
        calls,
        warmup,
      });
      return { popup, headerPopup, cachePopup };
    } finally {
      await cache.close();
    }
  } finally {
    await callee.close();
  }
}
