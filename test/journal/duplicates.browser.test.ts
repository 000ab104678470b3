// At-least-once delivery meets the receiver's deduplication: the same events delivered twice (an
// acknowledgement lost before the cursor moved) are stored and counted once by the reference receiver.
import { expect } from '@open-wc/testing';
import { z } from 'zod';
import { Journal } from '../../src/journal/journal.ts';
import { startOutbox, type SinkState } from '../../src/journal/outbox.ts';
import { cursorKey } from '../../src/journal/records.ts';
import { deliveredEvent } from '../../src/journal/sink.ts';
import { webhookSink } from '../../src/journal/webhook-sink.ts';
import { cacheInfo } from '../e2e/cache.ts';
import { waitFor } from '../e2e/wait.ts';
import { produce, seqsUpTo } from './fixtures/events.ts';
import {
  credentialsOf,
  deleteJournals,
  idsOf,
  phoneWithJournal,
  postEvents,
  rawWrite,
  receiverEvents,
  recording,
} from './fixtures/harness.ts';

const Outcome = z.strictObject({ stored: z.array(z.string()), duplicates: z.array(z.string()) });

describe('outbox: a delivery made twice', () => {
  after(deleteJournals);

  it('is stored once: the receiver answers the second one as duplicates, and the outbox takes that as an ack', async function () {
    this.timeout(60_000);
    const info = await cacheInfo();
    const p = await phoneWithJournal('duplicates');
    const published = produce(p.core, 30);
    await p.writer.flushed();
    const webhook = webhookSink({
      url: `${info.url}/events`,
      credentials: credentialsOf(info),
      batchSize: 8,
    });
    const first = startOutbox(p.journal, [webhook], { report: p.report });
    await waitFor(async () => (await p.journal.pending(webhook.name)) === 0, { what: 'the first delivery' });
    await first.stop();
    await p.writer.dispose();
    await p.journal.close();
    const device = p.journal.deviceId;
    expect((await receiverEvents(info, device)).map((e) => e.id)).to.deep.equal(idsOf(published));

    // The page died between the receiver's 200 and the cursor's write: the cursor is back at 0.
    await rawWrite(p.journal.name, ['meta'], (tx) => tx.objectStore('meta').put(0, cursorKey(webhook.name)));
    const again = await Journal.open(p.journal.name);
    expect([again.deviceId, await again.pending(webhook.name)], 'same device, all pending').to.deep.equal([
      device,
      30,
    ]);
    const { sink, attempts } = recording(webhook);
    const reports: SinkState[] = [];
    const second = startOutbox(again, [sink], { report: (_n, s) => void reports.push(s) });
    await waitFor(async () => (await again.pending(webhook.name)) === 0, { what: 'the second delivery' });
    await second.stop();

    expect(
      attempts.map((a) => a.seqs),
      'every batch sent again, once',
    ).to.deep.equal([seqsUpTo(8), seqsUpTo(16, 9), seqsUpTo(24, 17), seqsUpTo(30, 25)]);
    expect(
      attempts.every((a) => a.answer.kind === 'ack'),
      'a duplicate is acknowledged',
    ).to.equal(true);
    expect(reports.some((r) => r.state === 'retrying' || r.lastError !== undefined)).to.equal(false);
    expect(await again.deadLetters(webhook.name), 'no dead letters').to.deep.equal([]);
    const got = await receiverEvents(info, device, 7);
    expect(
      got.map((e) => e.seq),
      'each seq once, in order',
    ).to.deep.equal(seqsUpTo(30));
    expect(
      got.map((e) => e.id),
      'each id once',
    ).to.deep.equal(idsOf(published));

    // What the receiver answers a duplicate delivery: nothing stored, every id a duplicate.
    const records = (await again.read(0, 100)).records;
    const batch = records.slice(0, 5).map(deliveredEvent);
    const answer = await postEvents(info, device, batch);
    expect(answer.status).to.equal(200);
    expect(Outcome.parse(answer.body)).to.deep.equal({ stored: [], duplicates: batch.map((e) => e.id) });

    // Old and new ids mixed, and one id twice in the same batch: only the new one is stored, once.
    const last = records.at(-1);
    if (!last) throw new Error('the journal is empty');
    const fresh = { ...deliveredEvent(last), id: crypto.randomUUID(), seq: 31 };
    const mixed = await postEvents(info, device, [deliveredEvent(last), fresh, fresh]);
    expect(Outcome.parse(mixed.body)).to.deep.equal({
      stored: [fresh.id],
      duplicates: [last.event.id, fresh.id],
    });
    const held = await receiverEvents(info, device);
    expect(held.map((e) => e.seq)).to.deep.equal(seqsUpTo(31));
    expect(new Set(held.map((e) => e.id)).size, 'ids unique at the receiver').to.equal(31);
    await again.close();
  });
});
