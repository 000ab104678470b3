// The tabs' fail-over figure as a bench row (figure, measured, goal, baseline, verdict).
import type { Row } from '../softphone/report.ts';
import type { FailoverResult } from './measure.ts';

const ms = (v: number): string => `${v.toFixed(0)} ms`;
const GOAL_FAILOVER_P95 = 2_000;

export function failoverRows(r: FailoverResult): Row[] {
  const { toEvent: e, toContact: c, fromCloseStart: s, singleTab: b } = r;
  const worst = Math.max(e.p95, c.p95);
  return [
    {
      figure: `leader tab closed → next tab registered (${r.tabs} tabs, n=${e.n})`,
      measured: `p50 ${ms(e.p50)}, p95 ${ms(e.p95)}, max ${ms(e.max)} (its cti-registration as leader); Kamailio's new contact p50 ${ms(c.p50)}, p95 ${ms(c.p95)}; from the close's start p95 ${ms(s.p95)}`,
      goal: `p95 ≤ ${GOAL_FAILOVER_P95} ms (both ends)`,
      baseline: `one fresh tab alone, navigation start → registered: p50 ${ms(b.p50)}, p95 ${ms(b.p95)} (n=${b.n})`,
      met: worst <= GOAL_FAILOVER_P95,
    },
  ];
}
