// `npx tsx bench/embed/run.ts` (builds the working tree's script tag into a temporary directory; `--dist` loads dist/embed's, from `npm run build`, instead): the script tag's
// load figures (issue 9 item 11) beside bare sip.js, alone. `--json` prints JSON; `--quick` few loads.
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { table } from '../softphone/report.ts';
import { startLoadBed, WIDGET_BUNDLE } from './bed.ts';
import { benchEmbedLoad, type EmbedLoadResult } from './measure.ts';
import { embedLoadRows } from './report.ts';

export const embedCounts = (quick: boolean) =>
  quick ? { samples: 4, warmup: 1 } : { samples: 20, warmup: 2 };

/** The whole bench in its own bed (bench/run.ts calls this too). */
export async function measureEmbedLoad(o: {
  quick: boolean;
  log: (line: string) => void;
  /** The script-tag build to load (bench/run.ts: dist/embed's); default: the working tree's, built now. */
  widgetBundle?: string;
}): Promise<EmbedLoadResult> {
  const bed = await startLoadBed(o.widgetBundle);
  try {
    return await benchEmbedLoad(bed, { ...embedCounts(o.quick), log: o.log });
  } finally {
    await bed.close();
  }
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const load1Before = loadavg()[0] ?? 0;
  const log = (line: string): void => void process.stderr.write(`[bench:embed] ${line}\n`);
  const result = await measureEmbedLoad({
    quick: args.has('--quick'),
    log,
    ...(args.has('--dist') ? { widgetBundle: WIDGET_BUNDLE } : {}),
  });
  const rows = embedLoadRows(result);
  const context = `${availableParallelism()} CPUs, 1-min load ${load1Before.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`;
  process.stdout.write(
    args.has('--json') ? `${JSON.stringify({ result, rows }, null, 2)}\n` : `${table(rows, context)}\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
