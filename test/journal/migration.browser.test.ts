// The schema ladder against the browser's own IndexedDB: a database written by version 1 of the
// journal (built here with the raw API, exactly as db.ts's first step made it) is opened by the
// current code, and every record is still there; another tab upgrading never waits on us.
import { expect } from '@open-wc/testing';
import type { PhoneEvent } from '../../src/core/events.ts';
import { readHistory } from '../../src/journal/call-store.ts';
import { Journal } from '../../src/journal/journal.ts';

const names: string[] = [];
const fresh = () => {
  const name = `cti-migration-test-${crypto.randomUUID()}`;
  names.push(name);
  return name;
};
const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>(
    (resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))),
  );

let seq = 0;
const at = 1_760_000_000_000;
function stamped(draft: Record<string, unknown>): PhoneEvent {
  seq++;
  return { v: 1, id: crypto.randomUUID(), seq, at: at + seq * 1_000, ...draft } as PhoneEvent;
}

/** Version 1's layout (db.ts, `oldVersion < 1`), filled with what a v1 journal held. */
async function writeVersion1(name: string, events: readonly PhoneEvent[]) {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('events', { keyPath: 'seq' }).createIndex('by-call', ['callId', 'seq']);
    db.createObjectStore('meta');
    db.createObjectStore('quarantine', { autoIncrement: true });
    db.createObjectStore('dead', { keyPath: ['sink', 'seq'] });
  };
  const db = await request(open);
  const tx = db.transaction(['events', 'meta', 'dead'], 'readwrite');
  for (const e of events) {
    const callId = 'callId' in e ? e.callId : '';
    tx.objectStore('events').put({ v: 1, seq: e.seq, callId, event: e });
  }
  tx.objectStore('events').put({ v: 1, seq: 999, callId: 'x', event: { type: 'nonsense' } });
  tx.objectStore('meta').put(1000, 'next-seq');
  tx.objectStore('meta').put('device-v1', 'device-id');
  tx.objectStore('meta').put(3, 'cursor:webhook');
  tx.objectStore('dead').put({ sink: 'webhook', seq: 2, reason: 'HTTP 400', at });
  await new Promise((r) => (tx.oncomplete = r));
  db.close();
}

describe('journal schema migration', () => {
  after(() => names.forEach((n) => indexedDB.deleteDatabase(n)));

  it('opens a version 1 database keeping every record, and builds the history of its calls', async () => {
    const name = fresh();
    const from = { number: '2000', displayName: 'Ada' };
    const to = { number: '1001' };
    const v1 = [
      stamped({ type: 'registration', state: 'registered' }),
      stamped({ type: 'offer', callId: 'answered', from, to }),
      stamped({ type: 'connect', callId: 'answered' }),
      stamped({ type: 'disconnect', callId: 'answered', reason: 'remote-hangup' }),
      stamped({ type: 'offer', callId: 'missed', from: { number: '2001' }, to }),
      stamped({ type: 'disconnect', callId: 'missed', reason: 'cancelled' }),
    ];
    await writeVersion1(name, v1);
    const journal = await Journal.open(name);
    expect(journal.deviceId, 'the device id is kept').to.equal('device-v1');
    expect(await journal.nextSeq()).to.equal(1000);
    expect(await journal.cursor('webhook')).to.equal(3);
    expect((await journal.deadLetters('webhook')).map((d) => d.seq)).to.deep.equal([2]);
    const read = await journal.read(0, 100);
    expect(
      read.records.map((r) => r.event.id),
      'every event, in order',
    ).to.deep.equal(v1.map((e) => e.id));
    expect(read.quarantined, 'the record that never parsed is set aside, not lost').to.equal(1);
    const history = await readHistory(journal);
    expect(history.map((r) => [r.callId, r.outcome])).to.deep.equal([
      ['missed', 'missed'],
      ['answered', 'answered'],
    ]);
    expect(history[1]?.name).to.equal('Ada');
    expect(history[1]?.connectedAt).to.equal(v1[2]?.at);
    // Version 2 goes on from there: a new call joins the history in its own write.
    await journal.append(
      [stamped({ type: 'dial', callId: 'new', to: { number: '3000' }, from: to })],
      'strict',
    );
    expect((await readHistory(journal)).map((r) => [r.callId, r.outcome])[0]).to.deep.equal(['new', 'live']);
    await journal.close();
  });

  it('lets another tab upgrade at once (closes on blocking) and keeps working on the newer database', async () => {
    const journal = await Journal.open(fresh());
    await journal.append([stamped({ type: 'registration', state: 'registered' })], 'strict');
    const upgrade = indexedDB.open(journal.name, 99);
    let blocked = false;
    upgrade.onblocked = () => (blocked = true);
    upgrade.onupgradeneeded = () => upgrade.result.createObjectStore('from-the-future');
    const newer = await request(upgrade);
    expect(blocked, 'the upgrade never waited on our connection').to.equal(false);
    newer.close();
    const seqs = await journal.append([stamped({ type: 'registration', state: 'unregistered' })], 'strict');
    expect(seqs).to.deep.equal([2]);
    expect((await journal.read(0, 10)).records.map((r) => r.seq)).to.deep.equal([1, 2]);
    await journal.close();
  });
});
