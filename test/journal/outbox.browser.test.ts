// The outbox against real receivers: the cache service's reference receiver (POST /events) and a
// scripted HTTP server (429, 400), with the browser's own IndexedDB behind the journal.
import { expect } from '@open-wc/testing';
import type { CallControl } from '../../src/core/call-control.ts';
import type { EventDraft } from '../../src/core/events.ts';
import { PhoneCore } from '../../src/core/phone-core.ts';
import { createStamper } from '../../src/core/stamper.ts';
import { connectJournal } from '../../src/journal/connect-journal.ts';
import { Journal } from '../../src/journal/journal.ts';
import { startOutbox, type SinkState } from '../../src/journal/outbox.ts';
import { webhookSink } from '../../src/journal/webhook-sink.ts';
import { cacheInfo, scriptCache } from '../e2e/cache.ts';
import { waitFor } from '../e2e/wait.ts';

const names: string[] = [];
async function phoneWithJournal() {
  const name = `cti-outbox-test-${Date.now()}-${names.length}`;
  names.push(name);
  const journal = await Journal.open(name);
  const core = new PhoneCore({
    stamper: createStamper({
      now: () => Date.now(),
      uuid: () => crypto.randomUUID(),
      firstSeq: await journal.nextSeq(),
    }),
    control: {} as CallControl,
  });
  const errors: string[] = [];
  core.subscribe((_s, e) => void (e.type === 'error' && errors.push(e.code)));
  const publish = (d: EventDraft) => core.publish(d);
  const writer = connectJournal({ subscribe: (l) => core.subscribe(l), publish }, journal);
  /** What the outbox reported, per sink, in order. */
  const reports: SinkState[] = [];
  const report = (_sink: string, state: SinkState) => void reports.push(state);
  return { journal, core, writer, errors, reports, report };
}

/** `count` events (a multiple of 3): calls that ring and are cancelled (offer, disconnect, idle). */
const produce = (core: PhoneCore, count: number) => {
  for (let i = 0; i < count / 3; i++) {
    const callId = `c${i}`;
    core.publish({ type: 'offer', callId, from: { number: '2000' }, to: { number: '1001' } });
    core.publish({ type: 'disconnect', callId, reason: 'cancelled' });
  }
};

describe('outbox', () => {
  after(() => names.forEach((n) => indexedDB.deleteDatabase(n)));

  it('delivers every event once, in order, to the reference receiver', async () => {
    const info = await cacheInfo();
    const p = await phoneWithJournal();
    produce(p.core, 300);
    await p.writer.flushed();
    const sink = webhookSink({
      url: `${info.url}/events`,
      credentials: async () => ({ username: info.username, password: info.password }),
      batchSize: 64,
    });
    const outbox = startOutbox(p.journal, [sink], { report: p.report });
    await waitFor(async () => (await p.journal.pending(sink.name)) === 0, { what: 'the outbox drained' });
    await outbox.stop();
    const r = await fetch(`${info.url}/events?device=${p.journal.deviceId}&limit=1000`, {
      headers: { authorization: `Basic ${btoa(`${info.username}:${info.password}`)}` },
    });
    const got = ((await r.json()) as { events: { id: string; seq: number }[] }).events;
    const mine = (await p.journal.read(0, 1000)).records;
    expect(mine.length, 'the journal holds them').to.equal(300);
    expect(got.map((e) => e.seq)).to.deep.equal(mine.map((m) => m.seq));
    expect(got.map((e) => e.id)).to.deep.equal(mine.map((m) => m.event.id));
    expect(p.errors).to.deep.equal([]);
  });

  it('retries a 429 (Retry-After honoured) until the receiver takes the batch', async () => {
    const url = await scriptCache({ status: 429, body: '{}', contentType: 'application/json' });
    const p = await phoneWithJournal();
    produce(p.core, 6);
    await p.writer.flushed();
    const sink = webhookSink({ url: `${url}/events` });
    const outbox = startOutbox(p.journal, [sink], { report: p.report, baseMs: 20, maxMs: 100 });
    await waitFor(() => p.reports.some((r) => r.state === 'retrying'), { what: 'a retry reported' });
    expect(await p.journal.pending(sink.name), 'nothing acknowledged yet').to.equal(6);
    await scriptCache({ status: 200, body: '{}' });
    await waitFor(async () => (await p.journal.pending(sink.name)) === 0, {
      what: 'delivered after the 429s',
    });
    await outbox.stop();
  });

  it('keeps what a receiver refuses for good (400) as dead letters, one event at a time', async () => {
    const url = await scriptCache({ status: 400, body: '{"error":"invalid"}' });
    const p = await phoneWithJournal();
    produce(p.core, 3);
    await p.writer.flushed();
    const sink = webhookSink({ url: `${url}/events` });
    const outbox = startOutbox(p.journal, [sink], { report: p.report, baseMs: 20 });
    await waitFor(async () => (await p.journal.pending(sink.name)) === 0, { what: 'all dead-lettered' });
    await outbox.stop();
    const dead = await p.journal.deadLetters(sink.name);
    expect(dead.map((d) => d.seq)).to.deep.equal([1, 2, 3]);
    expect(p.errors, 'a sink refusing is reported to the status, not as events').to.deep.equal([]);
    expect(dead[0]?.reason).to.contain('400');
    const refusals = p.reports.filter((r) => r.state === 'delivering' && r.lastError?.includes('refused'));
    expect(refusals.length, 'each refusal reported once').to.equal(3);
    await scriptCache({ status: 200, body: 'not json' });
  });
});
