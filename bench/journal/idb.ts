// The IndexedDB figures, driven from Node: batched append throughput and strict commit latency,
// each against raw idb writes of the same records in the same page, interleaved.
import { median, summarize, type Summary } from '../softphone/stats.ts';
import type { JournalPage } from './browser.ts';
import { AppendTrial, StrictSamples } from './page/protocol.ts';

export interface AppendResult {
  readonly batch: number;
  readonly eventsPerTrial: number;
  /** events/s of each timed trial, and their median. */
  readonly journal: { readonly rates: readonly number[]; readonly median: number };
  readonly raw: { readonly rates: readonly number[]; readonly median: number };
}

export interface StrictResult {
  readonly journal: Summary;
  readonly raw: Summary;
  readonly warmup: number;
}

const rate = (t: AppendTrial): number => (t.events / t.ms) * 1000;

/** `rounds` trials of each kind, alternating which goes first; one untimed trial of each before. */
export async function benchAppend(
  page: JournalPage,
  o: { rounds: number; events: number; batch: number },
): Promise<AppendResult> {
  const trial = (target: 'journal' | 'raw', events = o.events) =>
    page.call(AppendTrial, 'appendTrial', target, events, o.batch);
  await trial('journal', o.batch * 10);
  await trial('raw', o.batch * 10);
  const journal: number[] = [];
  const raw: number[] = [];
  for (let r = 0; r < o.rounds; r++) {
    if (r % 2 === 0) {
      journal.push(rate(await trial('journal')));
      raw.push(rate(await trial('raw')));
    } else {
      raw.push(rate(await trial('raw')));
      journal.push(rate(await trial('journal')));
    }
  }
  return {
    batch: o.batch,
    eventsPerTrial: o.events,
    journal: { rates: journal, median: median(journal) },
    raw: { rates: raw, median: median(raw) },
  };
}

export async function benchStrict(
  page: JournalPage,
  o: { samples: number; warmup: number },
): Promise<StrictResult> {
  const s = await page.call(StrictSamples, 'strictSamples', o.samples, o.warmup);
  return { journal: summarize(s.journal), raw: summarize(s.raw), warmup: o.warmup };
}
