// The journal's rows for the bench report (bench/softphone/report.ts's format): figure, measured,
// goal, the same run's baseline, verdict.
import type { Row } from '../softphone/report.ts';
import type { Summary } from '../softphone/stats.ts';
import type { JournalFigures } from './measure.ts';

const GOAL_EVENTS_PER_S = 5_000;
const GOAL_STRICT_P95_MS = 10;
const GOAL_DRAIN_MS = 5_000;
const GOAL_DRAIN_EVENTS = 10_000;
/** With the journal on, the popup's p50 and p95 may exceed the journal-off widget's by this. */
const GOAL_POPUP_OVER_MS = 1;

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const s = (v: number): string => `${(v / 1000).toFixed(2)} s`;
const perS = (v: number): string => `${Math.round(v).toLocaleString('en-US')} events/s`;
const dist = (x: Summary): string => `p50 ${ms(x.p50)}, p95 ${ms(x.p95)}, max ${ms(x.max)}`;
const signed = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(1)} ms`;

export function journalRows(f: JournalFigures): Row[] {
  const rows: Row[] = [];
  const { append: a, strict, drain: d, popup: p } = f;
  if (a)
    rows.push({
      figure: `journal append, ${a.batch} events per relaxed append (n=${a.journal.rates.length} × ${a.eventsPerTrial} each)`,
      measured: `median ${perS(a.journal.median)} (trials: ${a.journal.rates.map((r) => Math.round(r)).join(', ')})`,
      goal: `≥ ${perS(GOAL_EVENTS_PER_S)}`,
      baseline: `raw idb puts of the same records, one transaction per batch: median ${perS(a.raw.median)} (journal at ${((a.journal.median / a.raw.median) * 100).toFixed(0)}% of it)`,
      met: a.journal.median >= GOAL_EVENTS_PER_S,
    });
  if (strict)
    rows.push({
      figure: `journal strict commit of one state-changing event (n=${strict.journal.n})`,
      measured: dist(strict.journal),
      goal: `p95 ≤ ${ms(GOAL_STRICT_P95_MS)} (on-disk profile)`,
      baseline: `raw idb single put, durability strict, interleaved: ${dist(strict.raw)}`,
      met: strict.journal.p95 <= GOAL_STRICT_P95_MS,
    });
  if (d)
    rows.push({
      figure: `journal drain of ${d.events.toLocaleString('en-US')} queued events to POST /events (n=${d.journal.ms.length} each)`,
      measured: `median ${s(d.journal.median)}: requests ${s(d.journal.split.requests)}, journal cursor ${s(d.journal.split.cursor)} + read ${s(d.journal.split.read)} + advance ${s(d.journal.split.advance)} (${d.journal.requests} requests of ${d.batchSize} events, ${d.journal.retries} retries; trials ${d.journal.ms.map(s).join(', ')})`,
      goal: `≤ ${s(GOAL_DRAIN_MS)} for ${GOAL_DRAIN_EVENTS.toLocaleString('en-US')} (cache service on loopback, memory store)`,
      baseline: `fetch loop POSTing the same batches: median ${s(d.fetch.median)} (trials ${d.fetch.ms.map(s).join(', ')})`,
      met: d.events >= GOAL_DRAIN_EVENTS && d.journal.median <= GOAL_DRAIN_MS,
    });
  if (p) {
    const p50 = p.on.total.p50 - p.off.total.p50;
    const p95 = p.on.total.p95 - p.off.total.p95;
    rows.push({
      figure: `INVITE frame → popup, journal on (n=${p.on.total.n} each, alternating)`,
      measured: `${dist(p.on.total)}: ${signed(p50)} at p50, ${signed(p95)} at p95 (INVITE→offer p50 ${ms(p.on.toOffer.p50)}, offer→popup ${ms(p.on.offerToPopup.p50)}; ${p.delivered} events delivered, ${p.pending} pending)`,
      goal: `p50 and p95 ≤ journal off + ${ms(GOAL_POPUP_OVER_MS)}`,
      baseline: `the same widget, journal off: ${dist(p.off.total)} (INVITE→offer p50 ${ms(p.off.toOffer.p50)}, offer→popup ${ms(p.off.offerToPopup.p50)})`,
      met: p50 <= GOAL_POPUP_OVER_MS && p95 <= GOAL_POPUP_OVER_MS,
    });
  }
  return rows;
}
