// Two tabs of the same origin writing to one journal at once: two same-origin iframes, each its own JS
// realm with its own Journal (its own IndexedDB connection), appending concurrently, strict and relaxed.
import { expect } from '@open-wc/testing';
import { Journal } from '../../src/journal/journal.ts';
import { withTimeout } from '../e2e/wait.ts';
import { seqsUpTo } from './fixtures/events.ts';
import { deleteJournals, freshName } from './fixtures/harness.ts';
import { openFrame, removeFrames } from './fixtures/frames.ts';
import type { JournalTab, TabWrite } from './fixtures/journal-tab.ts';

const PER_TAB = 500;
/** fixtures/journal-tab.html in an iframe on database `db`: another tab with its own Journal. */
const openTab = async (db: string, label: string): Promise<JournalTab> =>
  (await openFrame<JournalTab>('journal-tab.html', 'journalTab', label, { db })).api;

/** How often the writer changes along the seqs: 1 means one tab wrote all its events, then the other. */
const switches = (owners: readonly string[]) => owners.filter((o, i) => i > 0 && o !== owners[i - 1]).length;

describe('journal: two tabs writing at once', () => {
  after(() => {
    removeFrames();
    deleteJournals();
  });

  it(`gives ${2 * PER_TAB} events the seqs 1..${2 * PER_TAB}, each event once, none shared or skipped`, async function () {
    this.timeout(150_000);
    const name = freshName('two-tabs');
    const [a, b] = await Promise.all([openTab(name, 'a'), openTab(name, 'b')]);
    const [wa, wb] = await withTimeout(
      Promise.all([a.write(PER_TAB), b.write(PER_TAB)]),
      100_000,
      'both tabs committed their events',
    );
    await Promise.all([a.close(), b.close()]);

    const journal = await Journal.open(name);
    const { records, quarantined } = await journal.read(0, 10 * PER_TAB);
    expect(quarantined).to.equal(0);
    expect(
      records.map((r) => r.seq),
      'seq 1..1000, no gap, no duplicate',
    ).to.deep.equal(seqsUpTo(2 * PER_TAB));
    expect(
      records.every((r) => r.event.seq === r.seq),
      "each event carries its record's seq",
    ).to.equal(true);
    expect(await journal.nextSeq()).to.equal(2 * PER_TAB + 1);

    const stored = new Map(records.map((r) => [r.event.id, r.seq]));
    expect(stored.size, 'each event once').to.equal(2 * PER_TAB);
    const writes: [string, TabWrite][] = [
      ['a', wa],
      ['b', wb],
    ];
    for (const [label, w] of writes) {
      expect(w.ids.length).to.equal(PER_TAB);
      expect(
        w.ids.map((id) => stored.get(id)),
        `tab ${label}: every event stored under the seq it was told`,
      ).to.deep.equal([...w.seqs]);
      expect(
        w.seqs.every((s, i) => i === 0 || s > (w.seqs[i - 1] ?? 0)),
        `tab ${label}: its events in its own order`,
      ).to.equal(true);
      expect(new Set(w.durabilities), `tab ${label}: strict and relaxed writes`).to.deep.equal(
        new Set(['strict', 'relaxed']),
      );
    }
    const owner = new Map(writes.flatMap(([label, w]) => w.ids.map((id) => [id, label] as const)));
    const owners = records.map((r) => owner.get(r.event.id) ?? '?');
    expect(owners.includes('?'), 'only the two tabs wrote').to.equal(false);
    expect(switches(owners), 'the two tabs really wrote at the same time').to.be.greaterThan(10);
    await journal.close();
  });
});
