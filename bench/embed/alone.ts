// Running one of the page benches (bench/embed, bench/tabs) alone, from its own run.ts: the same
// flags (`--quick`, `--json`, `--dist`), log prefix, host context line and exit codes for each.
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { table, type Row } from '../softphone/report.ts';
import { WIDGET_BUNDLE } from './bed.ts';

export interface BenchOptions {
  readonly quick: boolean;
  readonly log: (line: string) => void;
  /** The script-tag build to load (bench/run.ts: dist/embed's); default: the working tree's, built now. */
  readonly widgetBundle?: string;
}

/** Runs `measure` and prints its rows (or JSON), if `moduleUrl` is the script node was started with. */
export function runAlone<R>(
  moduleUrl: string,
  tag: string,
  measure: (o: BenchOptions) => Promise<R>,
  rowsOf: (result: R) => Row[],
): void {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  const main = async () => {
    const args = new Set(process.argv.slice(2));
    const load1Before = loadavg()[0] ?? 0;
    const log = (line: string): void => void process.stderr.write(`[bench:${tag}] ${line}\n`);
    const result = await measure({
      quick: args.has('--quick'),
      log,
      ...(args.has('--dist') ? { widgetBundle: WIDGET_BUNDLE } : {}),
    });
    const rows = rowsOf(result);
    const context = `${availableParallelism()} CPUs, 1-min load ${load1Before.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`;
    process.stdout.write(
      args.has('--json') ? `${JSON.stringify({ result, rows }, null, 2)}\n` : `${table(rows, context)}\n`,
    );
  };
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
