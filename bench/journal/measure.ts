// The journal's figures (issue 8): the IndexedDB and drain benches in their own page, then the
// popup with the journal on and off in the softphone's test bed. Used by bench/run.ts and run.ts.
import type { BareUaOptions, WidgetOptions } from '../page/protocol.ts';
import { startBed } from '../softphone/bed.ts';
import type { DrainResult } from './drain.ts';
import type { AppendResult, StrictResult } from './idb.ts';
import { idbPhase, type IdbCounts } from './idb-phase.ts';
import { benchPopupJournal, type PopupJournalResult } from './popup-journal.ts';

export const JOURNAL_BENCHES = ['append', 'strict', 'drain', 'popup'] as const;
export type JournalBench = (typeof JOURNAL_BENCHES)[number];

export interface JournalFigures {
  readonly quick: boolean;
  readonly append?: AppendResult;
  readonly strict?: StrictResult;
  readonly drain?: DrainResult;
  readonly popup?: PopupJournalResult;
}

export interface JournalBenchOptions {
  /** The embed bundle bench/run.ts measures (dist/embed/cti-softphone.js). */
  readonly widgetBundle: string;
  /** Few samples: a smoke run, not figures to quote. */
  readonly quick: boolean;
  readonly only?: ReadonlySet<JournalBench>;
  readonly log: (line: string) => void;
}

const counts = (quick: boolean) =>
  quick
    ? {
        append: { rounds: 2, events: 2_000, batch: 50 },
        strict: { samples: 50, warmup: 10 },
        drain: { rounds: 1, events: 10_000, batchSize: 100 },
        popup: { calls: 10, warmup: 2 },
      }
    : {
        append: { rounds: 5, events: 10_000, batch: 50 },
        strict: { samples: 300, warmup: 30 },
        drain: { rounds: 3, events: 10_000, batchSize: 100 },
        popup: { calls: 100, warmup: 5 },
      };

const password = (user: string): string => `pw${user}`; // test/e2e/kamailio.cfg provisions 1001..1009

export async function measureJournal(o: JournalBenchOptions): Promise<JournalFigures> {
  const run = (b: JournalBench): boolean => o.only === undefined || o.only.has(b);
  const c = counts(o.quick);
  const idb: IdbCounts = {
    ...(run('append') ? { append: c.append } : {}),
    ...(run('strict') ? { strict: c.strict } : {}),
    ...(run('drain') ? { drain: c.drain } : {}),
  };
  const figures = Object.keys(idb).length > 0 ? await idbPhase(idb, o.log) : {};
  if (!run('popup')) return { quick: o.quick, ...figures };

  o.log(`popup, journal on vs off: ${c.popup.calls} calls each (+${c.popup.warmup} warm-up), alternating`);
  const bed = await startBed(o.widgetBundle);
  try {
    const { wsUrl, domain } = bed;
    const widget = (user: string): WidgetOptions => ({ user, password: password(user), wsUrl, domain });
    const bareUa = (user: string): BareUaOptions => ({
      ...widget(user),
      autoAnswer: false,
      sipDefaults: false,
    });
    const popup = await benchPopupJournal(bed, { widget, bareUa, ...c.popup });
    return { quick: o.quick, ...figures, popup };
  } finally {
    await bed.close();
  }
}
