// What a CRM's side can do wrong besides answering badly: credentials refused (401/403), a
// credentials provider or host callback that never answers, a plain-JS callback returning nothing;
// and dead letters that must stay replayable after pruning took the events they came from.
import { expect } from '@open-wc/testing';
import { startOutbox } from '../../src/journal/outbox.ts';
import { pruneJournal } from '../../src/journal/prune.ts';
import { callbackSink, type EventsCallback } from '../../src/journal/sink.ts';
import { webhookSink } from '../../src/journal/webhook-sink.ts';
import { scriptCache } from '../e2e/cache.ts';
import { waitFor } from '../e2e/wait.ts';
import { produce } from './fixtures/events.ts';
import { deleteJournals, phoneWithJournal } from './fixtures/harness.ts';

async function setUp(prefix: string, events: number) {
  const p = await phoneWithJournal(prefix);
  const published = produce(p.core, events);
  await p.writer.flushed();
  const retrying = () => p.reports.filter((r) => r.state === 'retrying');
  return { ...p, published, retrying };
}
const fast = { baseMs: 20, maxMs: 100 };

describe('sinks: trouble on the CRM side', () => {
  after(async () => {
    deleteJournals();
    await scriptCache({ status: 200, body: 'not json' });
  });

  for (const status of [401, 403]) {
    it(`retries a ${status} (credentials, not events: never dead letters)`, async function () {
      this.timeout(60_000);
      const p = await setUp(`webhook-${status}`, 6);
      const url = await scriptCache({ status, body: '{"error":"unauthorized"}' });
      const sink = webhookSink({
        url: `${url}/events`,
        credentials: async () => ({ username: 'u', password: 'p' }),
      });
      const outbox = startOutbox(p.journal, [sink], { report: p.report, ...fast });
      try {
        await waitFor(() => p.retrying().length >= 3, { what: `retries after ${status}` });
        expect(p.retrying()[0]?.lastError).to.equal(`webhook answered ${status}`);
        expect(await p.journal.deadLetters(sink.name)).to.deep.equal([]);
        await scriptCache({ status: 200, body: '{}' });
        await waitFor(async () => (await p.journal.pending(sink.name)) === 0, { what: 'delivered' });
        expect(await p.journal.deadLetters(sink.name)).to.deep.equal([]);
      } finally {
        await outbox.stop();
      }
    });
  }

  it('gives up waiting on a credentials provider that never answers, retries, and stops cleanly', async () => {
    const p = await setUp('webhook-creds-hang', 3);
    const url = await scriptCache({ status: 200, body: '{}' });
    let asked = 0;
    let answer = false;
    const credentials = () => {
      asked++;
      return answer ? Promise.resolve({ username: 'u', password: 'p' }) : new Promise<never>(() => undefined);
    };
    const sink = webhookSink({ url: `${url}/events`, credentials, timeoutMs: 200 });
    const outbox = startOutbox(p.journal, [sink], { report: p.report, ...fast });
    try {
      await waitFor(() => p.retrying().length >= 2, { what: 'retries past the silent provider' });
      expect(p.retrying()[0]?.lastError).to.contain('did not answer within 200 ms');
      answer = true;
      await waitFor(async () => (await p.journal.pending(sink.name)) === 0, { what: 'delivered' });
      expect(asked).to.be.at.least(3);
    } finally {
      await outbox.stop();
    }
  });

  it('takes a host callback that returns nothing as done, and retries one that never answers', async () => {
    const p = await setUp('callback', 6);
    const got: number[] = [];
    let stuck = true;
    // A host written in plain JS: no promise at all when it is done, a forgotten one when stuck.
    const plain = ((events: readonly { seq: number }[]) => {
      if (stuck) return new Promise(() => undefined);
      got.push(...events.map((e) => e.seq));
      return undefined;
    }) as unknown as EventsCallback;
    const sink = callbackSink('host', plain, 50, 200);
    const outbox = startOutbox(p.journal, [sink], { report: p.report, ...fast });
    try {
      await waitFor(() => p.retrying().length >= 2, { what: 'retries past the stuck callback' });
      expect(p.retrying()[0]?.lastError).to.equal('the callback did not answer within 200 ms');
      stuck = false;
      await waitFor(async () => (await p.journal.pending('host')) === 0, { what: 'delivered' });
      expect(got).to.deep.equal(p.published.map((e) => e.seq));
    } finally {
      await outbox.stop();
    }
  });

  it('keeps a dead letter replayable after pruning removed its event', async () => {
    const p = await setUp('dead-pruned', 3);
    const url = await scriptCache({ status: 422, body: '{}' });
    const sink = webhookSink({ url: `${url}/events` });
    const outbox = startOutbox(p.journal, [sink], { report: p.report, ...fast });
    try {
      await waitFor(async () => (await p.journal.deadLetters(sink.name)).length === 3, {
        what: '3 dead letters',
      });
      const gone = await pruneJournal(p.journal, [sink.name], { maxAgeMs: 0, maxEvents: 0 }, 'all');
      expect(gone, 'dead-lettered events count as acknowledged: pruned').to.equal(3);
      expect((await p.journal.read(0, 10)).records).to.deep.equal([]);
      await scriptCache({ status: 200, body: '{}' });
      expect(await outbox.replay(sink.name)).to.deep.equal({ delivered: 3, left: 0 });
      expect(await p.journal.deadLetters(sink.name)).to.deep.equal([]);
    } finally {
      await outbox.stop();
    }
  });
});
