// The webhook sink against a scripted HTTP server (test/e2e/cache-plugin.mjs) answering 500, 429 with
// Retry-After, nothing at all, and 400; what the server received is checked too.
import { expect } from '@open-wc/testing';
import { startOutbox } from '../../src/journal/outbox.ts';
import { webhookSink } from '../../src/journal/webhook-sink.ts';
import { scriptCache, scriptedRequests, type ScriptedRequest } from '../e2e/cache.ts';
import { waitFor } from '../e2e/wait.ts';
import { produce, seqsUpTo } from './fixtures/events.ts';
import { deleteJournals, idsOf, phoneWithJournal } from './fixtures/harness.ts';

const posts = async (): Promise<ScriptedRequest[]> =>
  (await scriptedRequests()).filter((r) => r.method === 'POST');
const bodyIds = (r: ScriptedRequest | undefined): string[] =>
  (JSON.parse(r?.body ?? '{"events":[]}') as { events: { id: string }[] }).events.map((e) => e.id);

async function setUp(prefix: string, events: number, timeoutMs = 10_000) {
  const p = await phoneWithJournal(prefix);
  const published = produce(p.core, events);
  await p.writer.flushed();
  const url = await scriptCache({ status: 200, body: '{}' }); // only for its URL; each test scripts next
  const sink = webhookSink({ url: `${url}/events`, timeoutMs });
  const retrying = () => p.reports.filter((r) => r.state === 'retrying');
  const key = (from: number, to: number) => `${p.journal.deviceId}:${from}-${to}`;
  return { ...p, published, sink, retrying, key };
}

describe('webhook sink: a receiver in trouble', () => {
  after(async () => {
    deleteJournals();
    await scriptCache({ status: 200, body: 'not json' });
  });

  it('retries a 500 with the same batch and key, then delivers once it answers 200', async function () {
    this.timeout(60_000);
    const p = await setUp('webhook-500', 6);
    await scriptCache({ status: 500, body: '{"error":"internal_error"}' });
    const outbox = startOutbox(p.journal, [p.sink], { report: p.report, baseMs: 20, maxMs: 200 });
    try {
      await waitFor(() => p.retrying().length >= 3, { what: '3 retries', timeout: 20_000 });
      expect(p.retrying()[0]?.lastError).to.equal('webhook answered 500');
      expect(await p.journal.pending(p.sink.name), 'nothing acknowledged').to.equal(6);
      const refused = await posts();
      expect(refused.length).to.be.at.least(3);
      expect(new Set(refused.map((r) => r.idempotencyKey)), 'one batch, one key').to.deep.equal(
        new Set([p.key(1, 6)]),
      );
      expect(
        refused.every((r) => r.body === refused[0]?.body),
        'the same body each time',
      ).to.equal(true);

      await scriptCache({ status: 200, body: '{}' });
      await waitFor(async () => (await p.journal.pending(p.sink.name)) === 0, {
        what: 'delivered after the 500s',
      });
      const taken = await posts();
      expect(
        taken.map((r) => r.idempotencyKey),
        'sent once more, then done',
      ).to.deep.equal([p.key(1, 6)]);
      expect(bodyIds(taken[0])).to.deep.equal(idsOf(p.published));
      expect(await p.journal.deadLetters(p.sink.name)).to.deep.equal([]);
    } finally {
      await outbox.stop();
    }
  });

  it('waits what Retry-After says after a 429 (not its own short backoff)', async function () {
    this.timeout(60_000);
    const RETRY_AFTER_S = 2;
    const p = await setUp('webhook-429', 3);
    await scriptCache({ status: 429, body: '{}', headers: { 'Retry-After': String(RETRY_AFTER_S) } });
    const outbox = startOutbox(p.journal, [p.sink], { report: p.report, baseMs: 20, maxMs: 100 });
    try {
      await waitFor(() => p.retrying().length >= 2, { what: 'two 429s', timeout: 30_000 });
      const [first, second] = p.retrying();
      if (!first || !second) throw new Error('two retrying reports');
      expect(first.lastError).to.equal('webhook answered 429');
      const promised = (first.retryAt ?? 0) - first.seenAt;
      expect(promised, 'retryAt is Retry-After from now').to.be.within(
        RETRY_AFTER_S * 1000 - 50,
        RETRY_AFTER_S * 1000 + 50,
      );
      const waited = second.seenAt - first.seenAt;
      expect(waited, 'the next attempt came after Retry-After').to.be.within(
        RETRY_AFTER_S * 1000 - 30,
        RETRY_AFTER_S * 1000 + 8_000,
      );
      const [a, b] = await posts();
      if (!a || !b) throw new Error('two requests at the scripted server');
      expect(b.at - a.at, 'as seen by the server').to.be.at.least(RETRY_AFTER_S * 1000 - 50);
      expect(await p.journal.pending(p.sink.name)).to.equal(3);

      await scriptCache({ status: 200, body: '{}' });
      await waitFor(async () => (await p.journal.pending(p.sink.name)) === 0, {
        what: 'delivered after the 429s',
        timeout: 30_000,
      });
    } finally {
      await outbox.stop();
    }
  });

  it('gives up on a receiver that never answers after timeoutMs, retries, and delivers once it answers', async function () {
    this.timeout(60_000);
    const p = await setUp('webhook-hang', 3, 300);
    await scriptCache({ status: 200, body: '{}', hang: true });
    const outbox = startOutbox(p.journal, [p.sink], { report: p.report, baseMs: 20, maxMs: 100 });
    try {
      await waitFor(() => p.retrying().length >= 2, { what: 'two timeouts', timeout: 30_000 });
      expect(p.retrying().map((r) => r.lastError)).to.include('webhook did not answer within 300 ms');
      expect((await posts()).length, 'each attempt reached the server').to.be.at.least(2);
      expect(await p.journal.pending(p.sink.name)).to.equal(3);

      await scriptCache({ status: 200, body: '{}' });
      await waitFor(async () => (await p.journal.pending(p.sink.name)) === 0, {
        what: 'delivered once it answered',
      });
      expect(bodyIds((await posts()).at(-1))).to.deep.equal(idsOf(p.published));
    } finally {
      await outbox.stop();
    }
  });

  it('keeps what a 400 refuses as dead letters, and replays them once the receiver takes them', async function () {
    this.timeout(60_000);
    const p = await setUp('webhook-400', 3);
    await scriptCache({ status: 400, body: '{"error":"invalid"}' });
    const outbox = startOutbox(p.journal, [p.sink], { report: p.report, baseMs: 20 });
    try {
      await waitFor(async () => (await p.journal.pending(p.sink.name)) === 0, { what: 'all dead-lettered' });
      const dead = await p.journal.deadLetters(p.sink.name);
      expect(dead.map((d) => d.seq)).to.deep.equal(seqsUpTo(3));
      expect(dead.every((d) => d.reason === 'webhook answered 400')).to.equal(true);
      expect(
        (await posts()).map((r) => r.idempotencyKey),
        'the batch, then one event at a time',
      ).to.deep.equal([p.key(1, 3), p.key(1, 1), p.key(2, 2), p.key(3, 3)]);
      expect(await outbox.replay(p.sink.name), 'still refused: kept').to.deep.equal({
        delivered: 0,
        left: 3,
      });
      expect((await p.journal.counts(p.sink.name)).dead).to.equal(3);

      await scriptCache({ status: 200, body: '{}' });
      expect(await outbox.replay(p.sink.name)).to.deep.equal({ delivered: 3, left: 0 });
      expect(await p.journal.deadLetters(p.sink.name), 'the list is empty').to.deep.equal([]);
      const replayed = await posts();
      expect(replayed.map((r) => r.idempotencyKey)).to.deep.equal([p.key(1, 1), p.key(2, 2), p.key(3, 3)]);
      expect(replayed.flatMap(bodyIds), 'each event delivered once, in order').to.deep.equal(
        idsOf(p.published),
      );
      expect(p.errors).to.deep.equal([]);
    } finally {
      await outbox.stop();
    }
  });
});
