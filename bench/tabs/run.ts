// `npx tsx bench/tabs/run.ts` (builds the working tree's script tag into a temporary directory; `--dist` loads dist/embed's, from `npm run build`, instead): leader fail-over of
// one phone across tabs (issue 9 item 11), alone. `--json` prints JSON; `--quick` few rounds.
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startLoadBed, WIDGET_BUNDLE } from '../embed/bed.ts';
import { table } from '../softphone/report.ts';
import { benchFailover, type FailoverResult } from './measure.ts';
import { failoverRows } from './report.ts';

export const tabsCounts = (quick: boolean) => ({ rounds: quick ? 3 : 15, tabs: 3 });

/** The whole bench in its own bed (bench/run.ts calls this too). */
export async function measureFailover(o: {
  quick: boolean;
  log: (line: string) => void;
  /** The script-tag build to load (bench/run.ts: dist/embed's); default: the working tree's, built now. */
  widgetBundle?: string;
}): Promise<FailoverResult> {
  const bed = await startLoadBed(o.widgetBundle);
  try {
    return await benchFailover(bed, { ...tabsCounts(o.quick), log: o.log });
  } finally {
    await bed.close();
  }
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const load1Before = loadavg()[0] ?? 0;
  const log = (line: string): void => void process.stderr.write(`[bench:tabs] ${line}\n`);
  const result = await measureFailover({
    quick: args.has('--quick'),
    log,
    ...(args.has('--dist') ? { widgetBundle: WIDGET_BUNDLE } : {}),
  });
  const rows = failoverRows(result);
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
