// `npx tsx bench/profile.ts [popup|memory] [calls]`: evidence behind the bench figures, against an
// unminified build of the embed bundle (same code, readable names).
// - popup: the popup bench under a Chrome trace of the callee page (CPU samples + main-thread slices),
//   broken down over the INVITE → popup windows (all, and the slowest tenth); the trace is written
//   to .tmp/popup-trace.json for chrome://tracing.
// - memory: heap snapshots of the widget's page before any call, after a quarter of the calls and
//   after all of them, diffed by constructor: what the JS heap growth is made of.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EstablishTiming } from './page/protocol.ts';
import { startBed, type Bed } from './softphone/bed.ts';
import { heapGrowth, heapSummary, perCallObjects } from './softphone/heap-snapshot.ts';
import { buildEmbedUnminified } from './softphone/build.ts';
import { benchPopup } from './softphone/popup.ts';
import { breakdown, markWindows, parseTrace, top } from './softphone/trace-analysis.ts';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const mode = process.argv[2] === 'memory' ? 'memory' : 'popup';
const calls = Math.min(400, Math.max(10, Number(process.argv[3] ?? (mode === 'memory' ? 200 : 60)) || 60));

const SETTLE_MS = 35_000;
const bareUa = (bed: Bed, u: string, autoAnswer = false) => ({
  user: u,
  password: `pw${u}`,
  wsUrl: bed.wsUrl,
  domain: bed.domain,
  autoAnswer,
  sipDefaults: false,
});

async function profileMemory(bed: Bed): Promise<string[]> {
  const peer = await bed.page('peer');
  await peer.run('createBareUa', bareUa(bed, '1003', true));
  const page = await bed.page('widget');
  await page.run('mountWidget', { user: '1007', password: 'pw1007', wsUrl: bed.wsUrl, domain: bed.domain });
  const cdp = await page.cdp();
  const call = async (): Promise<void> => {
    await page.call(EstablishTiming, 'widgetEstablish', '1003', 10_000);
    await peer.call(z.undefined(), 'bareIdle', '1003', 10_000);
  };
  await page.run('clearFrames');
  const s0 = await heapSummary(cdp);
  const quarter = Math.round(calls / 4);
  for (let i = 0; i < quarter; i++) await call();
  await page.run('clearFrames');
  const s1 = await heapSummary(cdp);
  for (let i = quarter; i < calls; i++) await call();
  await page.run('clearFrames');
  const s2 = await heapSummary(cdp);
  // sip.js keeps each accepted INVITE client transaction (and through it the dialog, session, SDH and
  // our CallSession) for Timer M, 64 × T1 = 32 s (RFC 6026): look again once that has passed.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const s3 = await heapSummary(cdp);
  return [
    `widget heap snapshot growth, before any call → after ${calls} calls:`,
    ...heapGrowth(s0, s2, 15),
    '',
    `after ${quarter} calls → after ${calls} calls (steady state):`,
    ...heapGrowth(s1, s2, 15),
    '',
    `per-call objects still alive after ${calls} calls (0 or a handful when nothing leaks):`,
    ...perCallObjects(s2),
    '',
    `${SETTLE_MS / 1000} s later (Timer M has expired), growth since before any call:`,
    ...heapGrowth(s0, s3, 8),
    'per-call objects still alive:',
    ...perCallObjects(s3),
  ];
}

async function profilePopup(bed: Bed): Promise<string[]> {
  const user = (u: string) => bareUa(bed, u);
  const caller = await bed.page('caller');
  await caller.run('createBareUa', user('1001'));
  const callee = await bed.page('callee');
  await callee.run('mountWidget', { user: '1002', password: 'pw1002', wsUrl: bed.wsUrl, domain: bed.domain });
  await callee.run('createBareUa', user('1008'));
  await callee.run('setMarks', true);
  await bed.browser.startTracing(callee.page, { categories: CATEGORIES });
  const result = await benchPopup(callee, caller, {
    caller: '1001',
    callee: '1002',
    bareCallee: '1008',
    calls,
    warmup: 3,
  });
  const trace = (await bed.browser.stopTracing()).toString('utf8');
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(path.join(ROOT, '.tmp/popup-trace.json'), trace);

  const events = parseTrace(trace);
  const marked = markWindows(events);
  if (!marked) throw new Error('no bench marks in the trace');
  const { thread, windows } = marked;
  const slowest = [...windows]
    .sort((a, b) => b.end - b.start - (a.end - a.start))
    .slice(0, Math.max(1, Math.round(windows.length / 10)));
  const lines = [
    `popup (traced, unminified widget): p50 ${result.total.p50.toFixed(1)} ms, p95 ${result.total.p95.toFixed(1)} ms, max ${result.total.max.toFixed(1)} ms over ${result.total.n} calls`,
    `  halves p50/p95: INVITE→offer ${result.toOffer.p50.toFixed(1)}/${result.toOffer.p95.toFixed(1)} ms, offer→popup ${result.offerToPopup.p50.toFixed(1)}/${result.offerToPopup.p95.toFixed(1)} ms; bare sip.js onInvite ${result.bareOnInvite.p50.toFixed(1)}/${result.bareOnInvite.p95.toFixed(1)} ms`,
  ];
  for (const [label, ws] of [
    ['all windows', windows],
    ['slowest tenth', slowest],
  ] as const) {
    const b = breakdown(events, thread, ws);
    lines.push(
      '',
      `${label}: ${b.windows} windows, ${b.windowMs.toFixed(1)} ms in total (warm-up included)`,
      ' CPU samples, self time:',
    );
    lines.push(
      ...top(b.cpu, 18, b.windowMs),
      ' main-thread slices, inclusive:',
      ...top(b.slices, 14, b.windowMs),
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const buildDir = mkdtempSync(path.join(tmpdir(), 'cti-bench-profile-'));
  const bed = await startBed(await buildEmbedUnminified(buildDir));
  try {
    const lines = mode === 'memory' ? await profileMemory(bed) : await profilePopup(bed);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await bed.close();
    rmSync(buildDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`profile failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
