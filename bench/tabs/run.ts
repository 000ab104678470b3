// `npx tsx bench/tabs/run.ts` (builds the working tree's script tag into a temporary directory; `--dist` loads dist/embed's, from `npm run build`, instead): leader fail-over of
// one phone across tabs (issue 9 item 11), alone. `--json` prints JSON; `--quick` few rounds.
import { runAlone, type BenchOptions } from '../embed/alone.ts';
import { startLoadBed } from '../embed/bed.ts';
import { benchFailover, type FailoverResult } from './measure.ts';
import { failoverRows } from './report.ts';

export const tabsCounts = (quick: boolean) => ({ rounds: quick ? 3 : 15, tabs: 3 });

/** The whole bench in its own bed (bench/run.ts calls this too). */
export async function measureFailover(o: BenchOptions): Promise<FailoverResult> {
  const bed = await startLoadBed(o.widgetBundle);
  try {
    return await benchFailover(bed, { ...tabsCounts(o.quick), log: o.log });
  } finally {
    await bed.close();
  }
}

runAlone(import.meta.url, 'tabs', measureFailover, failoverRows);
