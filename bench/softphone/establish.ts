// Figure 3: API call → established, our widget vs a bare sip.js UA, same Kamailio, same auto-answering
// callee, interleaved (ABBA order so neither side always runs right after the other's hang-up).
import { z } from 'zod';
import { EstablishTiming, PeerConnectionCounts } from '../page/protocol.ts';
import type { BenchPage } from './browser.ts';
import { median, summarize, type Summary } from './stats.ts';

export interface Phases {
  readonly toInviteSentP50: number;
  readonly toOkP50: number;
  readonly afterOkP50: number;
}

export interface EstablishResult {
  readonly widget: Summary & Phases;
  readonly bare: Summary & Phases;
  /** One call of a bare UA left with sip.js defaults (Google STUN, 5 s gathering), or why not. */
  readonly bareDefaults:
    { ok: true; ms: number; phases: EstablishTiming; iceServers: string[] } | { ok: false; error: string };
}

const STEP_MS = 10_000;
const DEFAULTS_MS = 20_000;

function withPhases(ts: readonly EstablishTiming[]): Summary & Phases {
  const p = (pick: (t: EstablishTiming) => number | undefined): number =>
    median(ts.map(pick).filter((v): v is number => v !== undefined));
  return {
    ...summarize(ts.map((t) => t.totalMs)),
    toInviteSentP50: p((t) => t.toInviteSentMs),
    toOkP50: p((t) => t.toOkMs),
    afterOkP50: p((t) => t.afterOkMs),
  };
}

export async function benchEstablish(
  dialPage: BenchPage,
  calleePage: BenchPage,
  o: { bare: string; bareDefaults: string; callee: string; calls: number; warmup: number },
): Promise<EstablishResult> {
  const widget: EstablishTiming[] = [];
  const bare: EstablishTiming[] = [];
  const idle = () => calleePage.call(z.undefined(), 'bareIdle', o.callee, STEP_MS);
  const one = async (side: 'widget' | 'bare'): Promise<EstablishTiming> => {
    await dialPage.run('clearFrames');
    const t =
      side === 'widget'
        ? await dialPage.call(EstablishTiming, 'widgetEstablish', o.callee, STEP_MS)
        : await dialPage.call(EstablishTiming, 'bareEstablish', o.bare, o.callee, STEP_MS);
    await idle();
    return t;
  };
  for (let i = 0; i < o.warmup + o.calls; i++) {
    const order = i % 2 === 0 ? (['widget', 'bare'] as const) : (['bare', 'widget'] as const);
    for (const side of order) {
      const t = await one(side);
      if (i >= o.warmup) (side === 'widget' ? widget : bare).push(t);
    }
  }
  let bareDefaults: EstablishResult['bareDefaults'];
  try {
    const t = await dialPage.call(EstablishTiming, 'bareEstablish', o.bareDefaults, o.callee, DEFAULTS_MS);
    const { lastIceServerUrls } = await dialPage.call(PeerConnectionCounts, 'peerConnections');
    await idle();
    bareDefaults = { ok: true, ms: t.totalMs, phases: t, iceServers: lastIceServerUrls };
  } catch (e) {
    bareDefaults = { ok: false, error: e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e) };
  }
  return { widget: withPhases(widget), bare: withPhases(bare), bareDefaults };
}
