// Turns the measured figures into rows (figure, measured, goal, baseline, verdict) and prints them
// as a table, or as JSON with --json.
import type { BundleSize } from './bundle-size.ts';
import type { CachePopupResult } from './cache-popup.ts';
import type { EstablishResult } from './establish.ts';
import type { HeaderPopupResult } from './header-popup.ts';
import { SETTLE_MS, type MemoryResult, type SettledMemory } from './memory.ts';
import type { PopupResult } from './popup.ts';

export interface Figures {
  readonly bundle: { readonly widget: BundleSize; readonly bareSip: BundleSize };
  readonly popup: PopupResult;
  readonly headerPopup: HeaderPopupResult;
  readonly cachePopup: CachePopupResult;
  readonly establish: EstablishResult;
  readonly memory: { readonly widget: SettledMemory; readonly bare: SettledMemory };
}

export interface Row {
  readonly figure: string;
  readonly measured: string;
  readonly goal: string;
  readonly baseline: string;
  readonly met: boolean;
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const curve = (m: MemoryResult): string =>
  m.heapCurveBytes.map((b) => (b / 1024 / 1024).toFixed(2)).join(' → ') + ' MB';
const ms = (v: number): string => `${v.toFixed(1)} ms`;
const GOAL_GZIP = 90 * 1024;
const GOAL_POPUP_P95 = 16;
const GOAL_HEADER_POPUP_P95 = 10;
/** The header popup's p95 may exceed the same run's bare sip.js p95 by at most this. */
const GOAL_HEADER_OVER_BARE = 3;
const GOAL_CACHE_POPUP_P95 = 25;
const GOAL_RATIO = 1.1;
const GOAL_HEAP = 2 * 1024 * 1024;

export function rows(f: Figures): Row[] {
  const { bundle, popup, headerPopup: hp, cachePopup: cp, establish: e, memory } = f;
  const overBare = hp.total.p95 - hp.bareOnInvite.p95;
  const split = (x: { p50: number; p95: number }): string => `${ms(x.p50)}/${ms(x.p95)}`;
  const ratio = e.widget.p50 / e.bare.p50;
  const growth = (m: MemoryResult): number => m.heapAfterBytes - m.heapBeforeBytes;
  const settled = (m: SettledMemory): number => m.heapSettledBytes - m.heapBeforeBytes;
  const defaults = e.bareDefaults.ok
    ? `; sip.js defaults (1 call, iceServers [${e.bareDefaults.iceServers.join(' ')}]): ${ms(e.bareDefaults.ms)}`
    : `; sip.js defaults: skipped (${e.bareDefaults.error})`;
  return [
    {
      figure: 'embed bundle (cti-softphone.js)',
      measured: `${kib(bundle.widget.gzipBytes)} gzip-9, ${kib(bundle.widget.minifiedBytes)} min`,
      goal: '≤ 90 KiB gzip',
      baseline: `bare sip.js UA+Registerer+Inviter: ${kib(bundle.bareSip.gzipBytes)} gzip, ${kib(bundle.bareSip.minifiedBytes)} min (widget adds ${kib(bundle.widget.gzipBytes - bundle.bareSip.gzipBytes)} gzip)`,
      met: bundle.widget.gzipBytes <= GOAL_GZIP,
    },
    {
      figure: `INVITE frame → popup in DOM (n=${popup.total.n})`,
      measured: `p50 ${ms(popup.total.p50)}, p95 ${ms(popup.total.p95)}, max ${ms(popup.total.max)} (INVITE→offer event p50/p95 ${ms(popup.toOffer.p50)}/${ms(popup.toOffer.p95)}, offer→popup ${ms(popup.offerToPopup.p50)}/${ms(popup.offerToPopup.p95)})`,
      goal: `p95 ≤ ${GOAL_POPUP_P95} ms`,
      baseline: `bare sip.js INVITE frame → onInvite: p50 ${ms(popup.bareOnInvite.p50)}, p95 ${ms(popup.bareOnInvite.p95)}`,
      met: popup.total.p95 <= GOAL_POPUP_P95,
    },
    {
      figure: `INVITE frame → popup with header data in DOM (n=${hp.total.n})`,
      measured: `p50 ${ms(hp.total.p50)}, p95 ${ms(hp.total.p95)}, max ${ms(hp.total.max)}; p95 ${ms(overBare)} over bare (p50/p95: INVITE→offer ${split(hp.toOffer)}, offer→fields ${split(hp.offerToFields)})`,
      goal: `p95 ≤ ${GOAL_HEADER_POPUP_P95} ms and ≤ bare sip.js p95 + ${GOAL_HEADER_OVER_BARE} ms (X-Call-Data, 4 fields + User-to-User hex)`,
      baseline: `bare sip.js, same INVITE and headers, INVITE frame → onInvite: p50 ${ms(hp.bareOnInvite.p50)}, p95 ${ms(hp.bareOnInvite.p95)}`,
      met: hp.total.p95 <= GOAL_HEADER_POPUP_P95 && overBare <= GOAL_HEADER_OVER_BARE,
    },
    {
      figure: `INVITE frame → cache data in popup DOM (n=${cp.total.n})`,
      measured: `p50 ${ms(cp.total.p50)}, p95 ${ms(cp.total.p95)}, max ${ms(cp.total.max)} (p50/p95: INVITE→offer ${split(cp.toOffer)}, →popup ${split(cp.toPopup)}; offer→fetch ${split(cp.offerToFetch)}, fetch ${split(cp.fetch)}, →calldata ${split(cp.fetchToCalldata)}, →fields ${split(cp.calldataToFields)})`,
      goal: `p95 ≤ ${GOAL_CACHE_POPUP_P95} ms (cache service on loopback, memory store)`,
      baseline: `bare fetch GET of a fresh entry from the same page (preflight included, as for the widget): p50 ${ms(cp.bareGet.p50)}, p95 ${ms(cp.bareGet.p95)}`,
      met: cp.total.p95 <= GOAL_CACHE_POPUP_P95,
    },
    {
      figure: `dial → established (n=${e.widget.n} each, interleaved)`,
      measured: `widget p50 ${ms(e.widget.p50)}, p95 ${ms(e.widget.p95)}; ratio of medians ${ratio.toFixed(3)} (p50 split →INVITE sent ${ms(e.widget.toInviteSentP50)}, →200 OK ${ms(e.widget.toOkP50)}, →connected ${ms(e.widget.afterOkP50)})`,
      goal: 'ratio ≤ 1.1',
      baseline: `bare sip.js (iceServers [], 500 ms): p50 ${ms(e.bare.p50)}, p95 ${ms(e.bare.p95)} (split ${ms(e.bare.toInviteSentP50)} / ${ms(e.bare.toOkP50)} / ${ms(e.bare.afterOkP50)})${defaults}`,
      met: ratio <= GOAL_RATIO,
    },
    {
      figure: `JS heap growth after ${memory.widget.calls} calls`,
      measured: `${mib(growth(memory.widget))} (after GC, every ${memory.widget.calls / 4} calls: ${curve(memory.widget)})`,
      goal: '≤ 2 MB',
      baseline: `bare sip.js UA, ${memory.bare.calls} calls: ${mib(growth(memory.bare))} (${curve(memory.bare)})`,
      met: growth(memory.widget) <= GOAL_HEAP,
    },
    {
      figure: `JS heap growth ${SETTLE_MS / 1000} s after the last call`,
      measured: `${mib(settled(memory.widget))} (sip.js Timer M, 32 s, has released the last calls' sessions)`,
      goal: '≤ 2 MB',
      baseline: `bare sip.js UA: ${mib(settled(memory.bare))}`,
      met: settled(memory.widget) <= GOAL_HEAP,
    },
    {
      figure: `live RTCPeerConnections after ${memory.widget.calls} calls`,
      measured: `${memory.widget.peerConnections.live} live (${memory.widget.peerConnections.created} created; ${memory.widget.peerConnectionsSettled.live} live ${SETTLE_MS / 1000} s later)`,
      goal: '0',
      baseline: `bare sip.js UA: ${memory.bare.peerConnections.live} live (${memory.bare.peerConnections.created} created)`,
      met: memory.widget.peerConnections.live === 0,
    },
  ];
}

/** A plain-text table: one block per figure, so long baselines stay readable in a terminal. */
export function table(all: readonly Row[], context: string): string {
  const width = Math.max(...all.map((r) => r.figure.length));
  const lines = all.flatMap((r) => [
    `${r.met ? 'MET   ' : 'MISSED'}  ${r.figure.padEnd(width)}  ${r.measured}`,
    `${' '.repeat(8 + width)}  goal ${r.goal}`,
    `${' '.repeat(8 + width)}  baseline ${r.baseline}`,
  ]);
  const met = all.filter((r) => r.met).length;
  return [`cti-softphone bench: ${met}/${all.length} goals met (${context})`, '', ...lines].join('\n');
}
