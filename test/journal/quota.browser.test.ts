// A full disk under the journal (QuotaExceededError), injected into the page's own IndexedDB: every
// put into the events store throws QuotaExceededError while the "disk" is full (as a real full disk
// fails the write), and deletes may free it. The phone runs the journal as it does in production.
import { expect } from '@open-wc/testing';
import { Journal } from '../../src/journal/journal.ts';
import { waitFor } from '../e2e/wait.ts';
import { produce, seqsUpTo } from './fixtures/events.ts';
import { deleteJournals, idsOf } from './fixtures/harness.ts';
import { phoneWithJournalPart, type Host } from './fixtures/journal-phone.ts';

interface Disk {
  /** Puts into the events store fail with QuotaExceededError. */
  full: boolean;
  /** A delete from the events store (pruning) frees the disk. */
  freeOnDelete: boolean;
  /** How many puts were refused. */
  refused: number;
}

const proto = IDBObjectStore.prototype;
const realPut = proto.put;
const realDelete = proto.delete;
const restoreDisk = () => {
  proto.put = realPut;
  proto.delete = realDelete;
};

function injectDisk(): Disk {
  const disk: Disk = { full: false, freeOnDelete: false, refused: 0 };
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (disk.full && this.name === 'events') {
      disk.refused++;
      throw new DOMException('the disk is full (injected by the test)', 'QuotaExceededError');
    }
    return realPut.apply(this, args);
  };
  proto.delete = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['delete']>) {
    if (disk.freeOnDelete && this.name === 'events') disk.full = false;
    return realDelete.apply(this, args);
  };
  return disk;
}

const readAll = async (name: string) => {
  const reader = await Journal.open(name);
  try {
    return (await reader.read(0, 10_000)).records;
  } finally {
    await reader.close();
  }
};

describe('journal: the disk is full', () => {
  afterEach(restoreDisk);
  after(deleteJournals);

  it('makes room by pruning acknowledged events first: the write then succeeds, nothing unacknowledged goes', async function () {
    this.timeout(60_000);
    const host: Host = { open: true, got: [] };
    const p = await phoneWithJournalPart('quota-prune', host);
    try {
      produce(p.core, 30, 'acked');
      await waitFor(async () => (await p.sinkStatus()).lastAckSeq === 30, { what: 'the host took 1..30' });
      host.open = false;
      const unacked = produce(p.core, 12, 'unacked');
      await waitFor(async () => (await p.part.status()).nextSeq === 43, { what: '31..42 written' });

      const disk = injectDisk();
      disk.full = true;
      disk.freeOnDelete = true;
      const later = produce(p.core, 6, 'later');
      await waitFor(async () => (await p.part.status()).nextSeq === 49, {
        what: 'written once room was made',
      });

      expect(disk.refused, 'refused once, then written after pruning').to.equal(1);
      const records = await readAll(p.name);
      expect(
        records.map((r) => r.seq),
        'acknowledged 1..30 pruned, unacknowledged kept',
      ).to.deep.equal(seqsUpTo(48, 31));
      expect(records.map((r) => r.event.id)).to.deep.equal(idsOf([...unacked, ...later]));
      expect(p.errors(), 'room was made: nothing to say').to.deep.equal([]);
      const status = await p.part.status();
      expect([status.state, status.backlog, (await p.sinkStatus()).pending]).to.deep.equal(['ok', 0, 18]);
    } finally {
      restoreDisk();
      await p.part.stop();
    }
  });

  it('with nothing to prune: says journal-full once per streak, keeps events in memory, writes them in order once it can', async function () {
    this.timeout(90_000);
    const host: Host = { open: false, got: [] }; // nothing is ever acknowledged: nothing to prune
    const p = await phoneWithJournalPart('quota-full', host);
    const disk = injectDisk();
    try {
      disk.full = true;
      produce(p.core, 9, 'a');
      expect(p.core.state.lastSeq, 'the phone kept working: publish returned, the state moved on').to.equal(
        9,
      );
      await waitFor(() => p.errors().length > 0, { what: 'an error event' });
      const [full] = p.errors();
      expect(full?.code).to.equal('journal-full');
      expect(full?.message).to.contain('kept in memory').and.to.contain('QuotaExceededError');
      // (polled: while an attempt is in flight its batch is not counted in the backlog)
      const failing = await waitFor(
        async () => {
          const s = await p.part.status();
          return s.state === 'failing' && s.backlog === 10 && s;
        },
        { what: 'the status failing with 9 events and the error in memory' },
      );
      expect(failing.error).to.contain('QuotaExceededError');

      // It keeps trying (every second, making room each time) and says nothing more.
      const refused = disk.refused;
      await waitFor(() => disk.refused >= refused + 4, { what: 'two more attempts', timeout: 20_000 });
      produce(p.core, 4, 'b');
      await waitFor(() => disk.refused >= refused + 6, {
        what: 'an attempt with the new events',
        timeout: 20_000,
      });
      expect(
        p.errors().map((e) => e.code),
        'once per streak',
      ).to.deep.equal(['journal-full']);
      await waitFor(async () => (await p.part.status()).backlog === 14, { what: '14 events in memory' });
      expect(await readAll(p.name), 'nothing reached the disk').to.deep.equal([]);

      disk.full = false;
      await waitFor(async () => (await p.part.status()).nextSeq === 15, { what: 'the backlog written' });
      let records = await readAll(p.name);
      expect(
        records.map((r) => r.seq),
        'no gap',
      ).to.deep.equal(seqsUpTo(14));
      expect(
        records.map((r) => r.event.id),
        'in the order the phone published',
      ).to.deep.equal(idsOf(p.events));
      const ok = await p.part.status();
      expect([ok.state, ok.backlog]).to.deep.equal(['ok', 0]);

      // A second streak is said again, once.
      disk.full = true;
      produce(p.core, 3, 'c');
      await waitFor(() => p.errors().length === 2, { what: 'the second streak said' });
      const again = disk.refused;
      await waitFor(() => disk.refused >= again + 2, { what: 'a retry', timeout: 20_000 });
      disk.full = false;
      await waitFor(async () => (await p.part.status()).nextSeq === 19, {
        what: 'the second backlog written',
      });
      records = await readAll(p.name);
      expect(records.map((r) => r.seq)).to.deep.equal(seqsUpTo(18));
      expect(records.map((r) => r.event.id)).to.deep.equal(idsOf(p.events));
      expect(p.errors().map((e) => e.code)).to.deep.equal(['journal-full', 'journal-full']);
    } finally {
      restoreDisk();
      await p.part.stop();
    }
  });
});
