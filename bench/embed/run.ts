// `npx tsx bench/embed/run.ts` (builds the working tree's script tag into a temporary directory; `--dist` loads dist/embed's, from `npm run build`, instead): the script tag's
// load figures (issue 9 item 11) beside bare sip.js, alone. `--json` prints JSON; `--quick` few loads.
import { runAlone, type BenchOptions } from './alone.ts';
import { startLoadBed } from './bed.ts';
import { benchEmbedLoad, type EmbedLoadResult } from './measure.ts';
import { embedLoadRows } from './report.ts';

export const embedCounts = (quick: boolean) =>
  quick ? { samples: 4, warmup: 1 } : { samples: 20, warmup: 2 };

/** The whole bench in its own bed (bench/run.ts calls this too). */
export async function measureEmbedLoad(o: BenchOptions): Promise<EmbedLoadResult> {
  const bed = await startLoadBed(o.widgetBundle);
  try {
    return await benchEmbedLoad(bed, { ...embedCounts(o.quick), log: o.log });
  } finally {
    await bed.close();
  }
}

runAlone(import.meta.url, 'embed', measureEmbedLoad, embedLoadRows);
