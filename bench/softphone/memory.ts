// Figure 4: JS heap growth and live RTCPeerConnections after 200 calls in a row, for the widget and,
// as the baseline, for a bare sip.js UA in a page of its own.
import { z } from 'zod';
import { EstablishTiming, PeerConnectionCounts } from '../page/protocol.ts';
import type { BenchPage } from './browser.ts';

export interface MemoryResult {
  readonly calls: number;
  readonly heapBeforeBytes: number;
  readonly heapAfterBytes: number;
  /** Used heap after GC every `calls / 4` calls (first entry: before any call): a leak keeps climbing. */
  readonly heapCurveBytes: readonly number[];
  readonly peerConnections: PeerConnectionCounts;
  /** Date.now() when the last call had ended. */
  readonly endedAt: number;
}

/** The same page again once SETTLE_MS have passed since its last call. */
export interface SettledMemory extends MemoryResult {
  readonly heapSettledBytes: number;
  readonly peerConnectionsSettled: PeerConnectionCounts;
}

/**
 * sip.js keeps every accepted INVITE transaction, and through it the dialog, session, media handler
 * and our CallSession, for Timer M = 64 × T1 = 32 s (RFC 6026); heap snapshots (bench/profile.ts
 * memory) show those are the only per-call objects left right after a call. So the heap is read
 * again once that timer has expired for the last call.
 */
export const SETTLE_MS = 35_000;

const STEP_MS = 10_000;
const HeapUsage = z.object({ usedSize: z.number(), totalSize: z.number() });

/**
 * Forces a full GC through CDP (twice: finalizers may free more) and reads the used JS heap. Also
 * used on the answering page between runs: Chromium refuses a 500th RTCPeerConnection in a page
 * until closed ones are garbage-collected ("Cannot create so many PeerConnections").
 */
export async function heapAfterGc(page: BenchPage): Promise<number> {
  const cdp = await page.cdp();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return HeapUsage.parse(await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}

/** `dialer` is 'widget' (the page's <cti-softphone>) or the user of a bare UA in the page. */
export async function benchMemory(
  page: BenchPage,
  calleePage: BenchPage,
  o: { dialer: 'widget' | { bare: string }; callee: string; calls: number },
): Promise<MemoryResult> {
  const { dialer } = o;
  await page.run('clearFrames');
  const heapBeforeBytes = await heapAfterGc(page);
  const heapCurveBytes = [heapBeforeBytes];
  const every = Math.max(1, Math.round(o.calls / 4));
  for (let i = 0; i < o.calls; i++) {
    if (dialer === 'widget') await page.call(EstablishTiming, 'widgetEstablish', o.callee, STEP_MS);
    else await page.call(EstablishTiming, 'bareEstablish', dialer.bare, o.callee, STEP_MS);
    await calleePage.call(z.undefined(), 'bareIdle', o.callee, STEP_MS);
    if ((i + 1) % every === 0 && i + 1 < o.calls) {
      await page.run('clearFrames');
      heapCurveBytes.push(await heapAfterGc(page));
    }
  }
  await page.run('clearFrames');
  const heapAfterBytes = await heapAfterGc(page);
  heapCurveBytes.push(heapAfterBytes);
  const peerConnections = await page.call(PeerConnectionCounts, 'peerConnections');
  return {
    calls: o.calls,
    heapBeforeBytes,
    heapAfterBytes,
    heapCurveBytes,
    peerConnections,
    endedAt: Date.now(),
  };
}

export async function settle(page: BenchPage, r: MemoryResult): Promise<SettledMemory> {
  const wait = r.endedAt + SETTLE_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  await page.run('clearFrames');
  const heapSettledBytes = await heapAfterGc(page);
  const peerConnectionsSettled = await page.call(PeerConnectionCounts, 'peerConnections');
  return { ...r, heapSettledBytes, peerConnectionsSettled };
}
