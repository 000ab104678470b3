// The journal's store against the browser's own IndexedDB (headless Chromium).
import { expect } from '@open-wc/testing';
import type { CallControl } from '../../src/core/call-control.ts';
import type { PhoneEvent } from '../../src/core/events.ts';
import { PhoneCore } from '../../src/core/phone-core.ts';
import { createStamper } from '../../src/core/stamper.ts';
import { connectJournal } from '../../src/journal/connect-journal.ts';
import { Journal } from '../../src/journal/journal.ts';

let n = 0;
const freshName = () => `cti-journal-test-${Date.now()}-${n++}`;
const names: string[] = [];
async function openFresh(): Promise<Journal> {
  const name = freshName();
  names.push(name);
  return Journal.open(name);
}

function core(firstSeq: number) {
  return new PhoneCore({
    stamper: createStamper({ now: () => Date.now(), uuid: () => crypto.randomUUID(), firstSeq }),
    control: {} as CallControl,
  });
}

const offer = (callId: string) =>
  ({ type: 'offer', callId, from: { number: '2000' }, to: { number: '1001' } }) as const;

/** Stamped events from a real core (the journal stores what the phone publishes). */
function events(count: number): PhoneEvent[] {
  const c = core(1);
  const out: PhoneEvent[] = [];
  c.subscribe((_s, e) => out.push(e));
  for (let i = 0; i < count; i++) c.publish({ type: 'dtmf', callId: 'none', digits: '1' });
  c.publish(offer('c1'));
  return out.slice(0, count);
}

describe('journal store (IndexedDB)', () => {
  after(async () => {
    for (const name of names) indexedDB.deleteDatabase(name);
  });

  it('keeps events under a gapless seq that continues after the database is reopened', async () => {
    const first = await openFresh();
    expect(await first.nextSeq()).to.equal(1);
    const batch = events(3);
    expect(await first.append(batch, 'strict')).to.deep.equal([1, 2, 3]);
    const device = first.deviceId;
    await first.close();
    const again = await Journal.open(first.name);
    expect([again.deviceId, await again.nextSeq()]).to.deep.equal([device, 4]);
    expect(await again.append(events(2), 'relaxed')).to.deep.equal([4, 5]);
    const read = await again.read(0, 100);
    expect(read.records.map((r) => r.seq)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(read.records[0]?.event).to.deep.equal(batch[0]);
    await again.close();
  });

  it('never shares or skips a seq between two connections writing at once (two tabs)', async () => {
    const a = await openFresh();
    const b = await Journal.open(a.name);
    const writes = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a : b).append(events(1 + (i % 3)), 'strict'),
    );
    const seqs = (await Promise.all(writes)).flat().sort((x, y) => x - y);
    expect(seqs).to.deep.equal(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect((await a.read(0, 1000)).records.length).to.equal(seqs.length);
    await Promise.all([a.close(), b.close()]);
  });

  it('quarantines a record that does not parse, and reads on past it', async () => {
    const j = await openFresh();
    await j.append(events(3), 'strict');
    await j.close();
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(j.name);
      open.onsuccess = () => {
        const tx = open.result.transaction('events', 'readwrite');
        tx.objectStore('events').put({ v: 1, seq: 2, callId: '', event: { type: 'nonsense' } });
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
    const reopened = await Journal.open(j.name);
    const read = await reopened.read(0, 10);
    expect([read.records.map((r) => r.seq), read.quarantined]).to.deep.equal([[1, 3], 1]);
    expect((await reopened.read(0, 10)).quarantined, 'moved out of the events, not lost').to.equal(0);
    await reopened.close();
  });

  it('lets another tab upgrade the schema instead of blocking it', async () => {
    const j = await openFresh();
    await j.append(events(1), 'strict');
    const upgraded = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(j.name, 2);
      open.onblocked = () => reject(new Error('blocked by the journal'));
      open.onsuccess = () => (resolve(open.result.version), open.result.close());
      open.onerror = () => reject(open.error);
    });
    expect(upgraded).to.equal(2);
  });
});

describe('connectJournal', () => {
  it('commits the stream in order: state changes at once, high-volume events in a batch', async () => {
    const j = await openFresh();
    const c = core(await j.nextSeq());
    const writer = connectJournal({ subscribe: (l) => c.subscribe(l), publish: (d) => c.publish(d) }, j);
    c.publish(offer('c1'));
    c.publish({ type: 'connect', callId: 'c1' });
    c.publish({ type: 'dtmf', callId: 'c1', digits: '12' });
    c.publish({ type: 'disconnect', callId: 'c1', reason: 'remote-hangup' });
    await writer.flushed();
    const read = await j.read(0, 100);
    expect(read.records.map((r) => r.event.type)).to.deep.equal([
      'offer',
      'connect',
      'dtmf',
      'disconnect',
      'idle',
    ]);
    expect(
      read.records.map((r) => r.event.seq),
      'the phone seq is the journal seq',
    ).to.deep.equal(read.records.map((r) => r.seq));
    expect((await j.callEvents('c1')).map((r) => r.event.type)).to.deep.equal([
      'offer',
      'connect',
      'dtmf',
      'disconnect',
    ]);
    await writer.dispose();
    await j.close();
  });
});
