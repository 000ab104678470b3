// The figures measured in the journal bench page (on-disk Chromium profile): append throughput,
// strict commit latency, and the drain to the cache service's receiver (in this process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertPrerequisites } from '../../test/e2e/prerequisites.mjs';
import { startBenchCache } from '../softphone/cache-service.ts';
import { openJournalPage } from './browser.ts';
import { buildJournalPage } from './build.ts';
import { benchDrain, type DrainResult } from './drain.ts';
import { benchAppend, benchStrict, type AppendResult, type StrictResult } from './idb.ts';
import { servePage } from './server.ts';

export interface IdbCounts {
  readonly append?: { readonly rounds: number; readonly events: number; readonly batch: number };
  readonly strict?: { readonly samples: number; readonly warmup: number };
  readonly drain?: { readonly rounds: number; readonly events: number; readonly batchSize: number };
}

export interface IdbFigures {
  readonly append?: AppendResult;
  readonly strict?: StrictResult;
  readonly drain?: DrainResult;
}

/** Runs the benches `counts` names; the rest are left out of the figures. */
export async function idbPhase(counts: IdbCounts, log: (line: string) => void): Promise<IdbFigures> {
  const { chromium } = assertPrerequisites();
  const tmpDir = mkdtempSync(path.join(tmpdir(), 'cti-journal-bench-'));
  const cleanups: (() => Promise<unknown>)[] = [async () => rmSync(tmpDir, { recursive: true, force: true })];
  try {
    const server = await servePage(await buildJournalPage(tmpDir));
    cleanups.push(() => server.close());
    const page = await openJournalPage(chromium, server.url);
    cleanups.push(() => page.close());
    const figures: { -readonly [K in keyof IdbFigures]: IdbFigures[K] } = {};
    if (counts.append) {
      const { rounds, events, batch } = counts.append;
      log(`journal append: ${rounds} × ${events} events, ${batch} per relaxed append, vs raw idb puts`);
      figures.append = await benchAppend(page, counts.append);
    }
    if (counts.strict) {
      log(
        `journal strict commit: ${counts.strict.samples} samples (+${counts.strict.warmup}) vs raw strict put`,
      );
      figures.strict = await benchStrict(page, counts.strict);
    }
    if (counts.drain) {
      const { rounds, events, batchSize } = counts.drain;
      log(`journal drain: ${rounds} × ${events} events in batches of ${batchSize} vs a fetch loop`);
      const cache = await startBenchCache({ pool: '1002', pageOrigin: new URL(server.url).origin });
      cleanups.push(() => cache.close());
      figures.drain = await benchDrain(page, cache, counts.drain);
    }
    return figures;
  } finally {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((e: unknown) => process.stderr.write(`cleanup: ${String(e)}\n`));
  }
}
