// Figure: INVITE frame at the callee's WebSocket → the call's cache entry shown in the popup (fields
// with data-source="cache"), the cache service on loopback. Before each call the bench stores the
// entry for DNIS:ANI (seed 000's POST; the pool is the callee's extension, so the DNIS rings it) and
// the caller sends a P-Asserted-Identity with that ANI. Baseline, same page, after each call: a bare
// fetch GET of another fresh entry (a new URL, so CORS preflight included, as for the widget).
import { z } from 'zod';
import { CacheGetTiming, FieldsTiming, type CacheAccess } from '../page/protocol.ts';
import type { BenchPage } from './browser.ts';
import type { BenchCache } from './cache-service.ts';
import { cacheCallData, callerNumber, expectCache } from './call-data.ts';
import { summarize, type Summary } from './stats.ts';

export interface CachePopupResult {
  readonly total: Summary;
  readonly toOffer: Summary;
  readonly toPopup: Summary;
  readonly offerToFetch: Summary;
  readonly fetch: Summary;
  readonly fetchToCalldata: Summary;
  readonly calldataToFields: Summary;
  readonly bareGet: Summary;
  readonly warmup: number;
}

const STEP_MS = 10_000;

const entryPath = (dnis: string, ani: string): string =>
  `/cticache/DNIS-ANI/${dnis}:${encodeURIComponent(ani)}`;

/** Stores `ani`'s entry and checks that the pool gave the callee's number. */
async function seed(cache: BenchCache, ani: string, value: Record<string, string>, callee: string) {
  const dnis = await cache.store(ani, value);
  if (dnis !== callee) throw new Error(`the cache gave DNIS ${dnis}, not the callee's ${callee}`);
  return dnis;
}

export async function benchCachePopup(
  calleePage: BenchPage,
  callerPage: BenchPage,
  cache: BenchCache,
  o: { caller: string; callee: string; domain: string; calls: number; warmup: number },
): Promise<CachePopupResult> {
  const timings: FieldsTiming[] = [];
  const gets: number[] = [];
  const access: CacheAccess = cache.access;
  for (let i = 0; i < o.warmup + o.calls; i++) {
    const value = cacheCallData(i);
    const ani = callerNumber(1, i);
    const dnis = await seed(cache, ani, value, o.callee);
    const baselineAni = callerNumber(2, i);
    await seed(cache, baselineAni, value, o.callee);

    await calleePage.run('clearFrames');
    await calleePage.run('armFields', expectCache(value), STEP_MS);
    await callerPage.run('ring', o.caller, dnis, [`P-Asserted-Identity: <sip:${ani}@${o.domain}>`]);
    const t = await calleePage.call(FieldsTiming, 'fieldsResult', STEP_MS);
    await callerPage.call(z.undefined(), 'bareIdle', o.caller, STEP_MS);
    if (!t.cache) throw new Error(`call ${i}: the popup showed cache fields without a cache lookup event`);

    const get = await calleePage.call(
      CacheGetTiming,
      'cacheGet',
      access,
      entryPath(dnis, baselineAni),
      STEP_MS,
    );
    if (get.status !== 200) throw new Error(`baseline GET answered ${get.status}`);
    if (i >= o.warmup) {
      timings.push(t);
      gets.push(get.ms);
    }
  }
  const of = (pick: (t: FieldsTiming) => number): Summary => summarize(timings.map(pick));
  return {
    total: of((t) => t.totalMs),
    toOffer: of((t) => t.toOfferMs),
    toPopup: of((t) => t.toPopupMs),
    offerToFetch: of((t) => t.cache?.offerToFetchMs ?? Number.NaN),
    fetch: of((t) => t.cache?.fetchMs ?? Number.NaN),
    fetchToCalldata: of((t) => t.cache?.fetchToCalldataMs ?? Number.NaN),
    calldataToFields: of((t) => t.eventToFieldsMs),
    bareGet: summarize(gets),
    warmup: o.warmup,
  };
}
