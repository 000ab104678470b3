// A record that does not parse, written straight into the journal's database with the raw IndexedDB
// API (a bug of an older version, a disk error, another tool): the phone starts anyway, sets it aside
// with why, says so once, and delivers the rest.
import { expect } from '@open-wc/testing';
import { Journal } from '../../src/journal/journal.ts';
import { waitFor } from '../e2e/wait.ts';
import { newCore, produce, seqsUpTo } from './fixtures/events.ts';
import { deleteJournals, freshName, idsOf, rawAll, rawWrite } from './fixtures/harness.ts';
import { phoneWithJournalPart, type Host } from './fixtures/journal-phone.ts';

const GARBAGE = { seq: 3, v: 7, callId: 42, event: 'not an event', junk: [1, 2, 3] };

describe('journal: a record that does not parse', () => {
  after(deleteJournals);

  it('is quarantined with its reason at start-up, said once, and the outbox delivers the rest', async function () {
    this.timeout(60_000);
    const name = freshName('quarantine');
    const journal = await Journal.open(name);
    const written = produce(newCore(1).core, 5, 'early');
    expect(await journal.append(written, 'strict')).to.deep.equal(seqsUpTo(5));
    await journal.close();
    // Seq 3 replaced by garbage; a garbage live-call entry and a garbage cursor in the meta store too.
    await rawWrite(name, ['events', 'meta'], (tx) => {
      tx.objectStore('events').put(GARBAGE);
      tx.objectStore('meta').put({ owner: 17 }, 'live:ghost');
      tx.objectStore('meta').put('garbage', 'cursor:host');
    });

    const host: Host = { open: true, got: [] };
    const p = await phoneWithJournalPart('quarantine', host, name);
    try {
      await waitFor(() => p.errors().length > 1, { what: 'two error events' });
      await waitFor(async () => (await p.sinkStatus()).pending === 0, { what: 'the rest delivered' });
      // The live-call entry is found first (start-up reconciliation), the event when read.
      const [entry, said] = p.errors();
      expect([entry?.code, said?.code]).to.deep.equal(['journal-quarantine', 'journal-quarantine']);
      expect(entry?.message).to.contain('a live-calls entry that did not parse');
      expect(said?.message).to.contain('1 journal record(s) did not parse');

      expect(host.got.slice(0, 4), 'the outbox skipped seq 3').to.deep.equal([1, 2, 4, 5]);
      expect(host.got, 'then the error events themselves, journaled as 6 and 7').to.deep.equal([
        1, 2, 4, 5, 6, 7,
      ]);
      const status = await p.part.status();
      expect([status.state, status.quarantined]).to.deep.equal(['ok', 2]);

      const quarantine = await rawAll(name, 'quarantine');
      expect(quarantine.length).to.equal(2);
      const [ghost, kept] = quarantine as { store: string; key: unknown; raw: unknown; reason: unknown }[];
      expect([ghost?.store, ghost?.key, ghost?.raw]).to.deep.equal(['meta', 'live:ghost', { owner: 17 }]);
      expect([kept?.store, kept?.key, kept?.raw], 'kept as found, under its key').to.deep.equal([
        'events',
        3,
        GARBAGE,
      ]);
      expect(kept?.reason).to.be.a('string').and.not.equal('');
      expect(said?.message, 'the error says why').to.contain(String(kept?.reason));

      const records = await Journal.open(name).then(async (j) => {
        const read = await j.read(0, 100);
        await j.close();
        return read;
      });
      expect(records.quarantined, 'moved out of the events, not read again').to.equal(0);
      expect(records.records.map((r) => r.event.id)).to.deep.equal([
        ...idsOf(written.filter((e) => e.seq !== 3)),
        entry?.id,
        said?.id,
      ]);
      expect(p.errors().length, 'each said once').to.equal(2);
    } finally {
      await p.part.stop();
    }

    // Started again: nothing left to set aside, nothing said.
    const again = await phoneWithJournalPart('quarantine', { open: true, got: [] }, name);
    try {
      const status = await again.part.status();
      expect([status.state, status.quarantined, status.nextSeq]).to.deep.equal(['ok', 2, 8]);
      expect(again.errors()).to.deep.equal([]);
    } finally {
      await again.part.stop();
    }
  });
});
