// `npm run bench` (after `npm run build`): the softphone's figures against their goals, each with a
// baseline measured in the same run. `--json` prints JSON instead of the table; `--quick` runs few
// calls (a smoke run, not figures to quote). Then bench/cache/run.ts, if present, runs as a child.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { embedLoadRows } from './embed/report.ts';
import { measureEmbedLoad } from './embed/run.ts';
import { measureJournal } from './journal/measure.ts';
import { journalRows } from './journal/report.ts';
import { startBed } from './softphone/bed.ts';
import { buildBareSipBundle } from './softphone/build.ts';
import { bundleSize, describeEmbed, embedBundleSize } from './softphone/bundle-size.ts';
import { benchEstablish } from './softphone/establish.ts';
import { benchMemory, heapAfterGc, settle } from './softphone/memory.ts';
import { benchPopups } from './softphone/popup-phase.ts';
import { rows, table, type Figures } from './softphone/report.ts';
import { failoverRows } from './tabs/report.ts';
import { measureFailover } from './tabs/run.ts';

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');
const counts = quick
  ? { popup: 10, establish: 6, memory: 20, warmup: 2 }
  : { popup: 60, establish: 40, memory: 200, warmup: 3 };
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WIDGET_BUNDLE = `${ROOT}dist/embed/cti-softphone.js`;
const password = (user: string): string => `pw${user}`; // test/e2e/kamailio.cfg provisions 1001..1009

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

async function measure(): Promise<Figures> {
  if (!existsSync(WIDGET_BUNDLE))
    throw new Error(`${WIDGET_BUNDLE} is missing: run \`npm run build\` first (npm run bench does)`);
  const bed = await startBed(WIDGET_BUNDLE);
  try {
    log('bundle sizes');
    const bundle = {
      widget: embedBundleSize(WIDGET_BUNDLE),
      bareSip: bundleSize(await buildBareSipBundle(bed.tmpDir)),
    };
    log(describeEmbed(bundle.widget));
    const { wsUrl, domain } = bed;
    const bareUa = (user: string, autoAnswer = false, sipDefaults = false) => ({
      user,
      password: password(user),
      wsUrl,
      domain,
      autoAnswer,
      sipDefaults,
    });
    const widget = (user: string) => ({ user, password: password(user), wsUrl, domain });

    // Far ends: 1001 rings the popup callees, 1003 answers every call at once.
    const peers = await bed.page('peers');
    await peers.run('createBareUa', bareUa('1001'));
    await peers.run('createBareUa', bareUa('1003', true));

    const popups = await benchPopups(bed, peers, {
      widget,
      bareUa: (user) => bareUa(user),
      calls: counts.popup,
      warmup: counts.warmup,
      log,
    });

    log(
      `dial → established: ${counts.establish} calls each (+${counts.warmup} warm-up), then 1 with sip.js defaults`,
    );
    const dialers = await bed.page('dialers');
    await dialers.run('mountWidget', widget('1004'));
    await dialers.run('createBareUa', bareUa('1005'));
    await dialers.run('createBareUa', bareUa('1006', false, true));
    const establish = await benchEstablish(dialers, peers, {
      bare: '1005',
      bareDefaults: '1006',
      callee: '1003',
      calls: counts.establish,
      warmup: counts.warmup,
    });
    await dialers.close();

    log(
      `memory: ${counts.memory} calls by the widget, then by a bare sip.js UA (the widget settles meanwhile)`,
    );
    await heapAfterGc(peers);
    const widgetPage = await bed.page('memory-widget');
    await widgetPage.run('mountWidget', widget('1007'));
    const widgetRun = await benchMemory(widgetPage, peers, {
      dialer: 'widget',
      callee: '1003',
      calls: counts.memory,
    });
    await heapAfterGc(peers);
    const barePage = await bed.page('memory-bare');
    await barePage.run('createBareUa', bareUa('1009'));
    const bareRun = await benchMemory(barePage, peers, {
      dialer: { bare: '1009' },
      callee: '1003',
      calls: counts.memory,
    });
    const widgetMemory = await settle(widgetPage, widgetRun);
    const bareMemory = await settle(barePage, bareRun);
    await Promise.all([widgetPage.close(), barePage.close()]);
    await peers.close();
    return { bundle, ...popups, establish, memory: { widget: widgetMemory, bare: bareMemory } };
  } finally {
    await bed.close();
  }
}

/** bench/cache/run.ts belongs to the cache service's engineer: run it as is and pass its output through. */
function runCacheBench(): number {
  if (!existsSync(`${ROOT}bench/cache/run.ts`)) return 0;
  log('bench/cache/run.ts');
  const child = spawnSync('npx', ['tsx', 'bench/cache/run.ts', ...(json ? ['--json'] : [])], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return child.status ?? 1;
}

async function main(): Promise<number> {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const figures = await measure();
  // The journal's benches (issue 8) bring their own page and test bed: bench/journal/measure.ts.
  const journal = await measureJournal({ widgetBundle: WIDGET_BUNDLE, quick, log });
  // Issue 9 item 11: the script tag's load and the tabs' fail-over, each in its own bed (bench/embed/, bench/tabs/).
  const embedLoad = await measureEmbedLoad({ widgetBundle: WIDGET_BUNDLE, quick, log });
  const failover = await measureFailover({ widgetBundle: WIDGET_BUNDLE, quick, log });
  const all = [
    ...rows(figures),
    ...journalRows(journal),
    ...embedLoadRows(embedLoad),
    ...failoverRows(failover),
  ];
  // Latency figures depend on what else runs on the machine: say how busy it was.
  const host = { cpus: availableParallelism(), load1Before: loadBefore, load1After: loadavg()[0] ?? 0 };
  const context = `${host.cpus} CPUs, 1-min load ${host.load1Before.toFixed(1)} → ${host.load1After.toFixed(1)}`;
  process.stdout.write(
    json
      ? `${JSON.stringify({ quick, host, figures, journal, embedLoad, failover, rows: all }, null, 2)}\n`
      : `${table(all, context)}\n`,
  );
  log(
    `softphone bench took ${((Date.now() - started) / 1000).toFixed(0)} s${quick ? ' (--quick: too few calls to quote)' : ''}`,
  );
  return runCacheBench();
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
