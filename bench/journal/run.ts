// `npx tsx bench/journal/run.ts [append|strict|drain|popup ...] [--quick] [--json]`: the journal's
// figures alone (all four unless some are named), each beside its same-run baseline. `popup`
// needs the embed bundle: run `npm run build` first. `npm run bench` runs them all after the softphone's.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { table } from '../softphone/report.ts';
import { JOURNAL_BENCHES, measureJournal, type JournalBench } from './measure.ts';
import { journalRows } from './report.ts';

const WIDGET_BUNDLE = fileURLToPath(new URL('../../dist/embed/cti-softphone.js', import.meta.url));
const args = process.argv.slice(2);
const isBench = (a: string): a is JournalBench => (JOURNAL_BENCHES as readonly string[]).includes(a);
const named = args.filter(isBench);
const unknown = args.filter((a) => !isBench(a) && a !== '--quick' && a !== '--json');
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<number> {
  if (unknown.length > 0)
    throw new Error(`unknown argument(s) ${unknown.join(' ')}; benches: ${JOURNAL_BENCHES.join(' ')}`);
  const only = named.length > 0 ? new Set(named) : undefined;
  if ((only === undefined || only.has('popup')) && !existsSync(WIDGET_BUNDLE))
    throw new Error(`${WIDGET_BUNDLE} is missing: run \`npm run build\` first (or leave out popup)`);
  const load1Before = loadavg()[0] ?? 0;
  const figures = await measureJournal({
    widgetBundle: WIDGET_BUNDLE,
    quick: args.includes('--quick'),
    log,
    ...(only ? { only } : {}),
  });
  const rows = journalRows(figures);
  const host = { cpus: availableParallelism(), load1Before, load1After: loadavg()[0] ?? 0 };
  const context = `${host.cpus} CPUs, 1-min load ${host.load1Before.toFixed(1)} → ${host.load1After.toFixed(1)}`;
  const json = args.includes('--json');
  process.stdout.write(
    json ? `${JSON.stringify({ host, figures, rows }, null, 2)}\n` : `${table(rows, context)}\n`,
  );
  return 0; // a missed goal is a figure to report, not a failed run (as in bench/run.ts)
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `journal bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
