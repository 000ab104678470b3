// The receiver goes away while the phone keeps producing: a real outage (a loopback proxy in front of
// the cache service's reference receiver closes its port, then listens again on the same one), checked
// at the receiver with GET /events page by page.
import { expect } from '@open-wc/testing';
import { startOutbox } from '../../src/journal/outbox.ts';
import { webhookSink } from '../../src/journal/webhook-sink.ts';
import { cacheInfo, proxyCache } from '../e2e/cache.ts';
import { waitFor } from '../e2e/wait.ts';
import { produce, seqsUpTo } from './fixtures/events.ts';
import {
  credentialsOf,
  deleteJournals,
  idsOf,
  phoneWithJournal,
  receiverEvents,
  recording,
} from './fixtures/harness.ts';

const EVENTS = 2_000;

describe('outbox: the receiver is down while the phone produces', () => {
  after(deleteJournals);
  // Never leave the receiver away for the next test, whatever happened.
  afterEach(() => proxyCache('up'));

  it(`keeps ${EVENTS} events while connections are refused, then delivers each once, in order`, async function () {
    this.timeout(150_000);
    const info = await cacheInfo();
    const proxyUrl = await proxyCache('down');
    const p = await phoneWithJournal('sink-down');
    const webhook = webhookSink({
      url: `${proxyUrl}/events`,
      credentials: credentialsOf(info),
      batchSize: 100,
      timeoutMs: 10_000,
    });
    const { sink, attempts } = recording(webhook);
    // No `online` event: only the backoff wakes the outbox (small, so the drain is quick).
    const outbox = startOutbox(p.journal, [sink], {
      report: p.report,
      baseMs: 50,
      maxMs: 400,
      onOnline: () => () => undefined,
    });
    try {
      const published = produce(p.core, EVENTS);
      await p.writer.flushed();

      await waitFor(() => p.reports.filter((r) => r.state === 'retrying').length >= 3, {
        what: 'the outbox retrying (3 times) while the receiver is down',
        timeout: 30_000,
      });
      expect(await p.journal.pending(sink.name), 'all journaled, none acknowledged').to.equal(EVENTS);
      const retrying = p.reports.filter((r) => r.state === 'retrying');
      expect(retrying[0]?.lastError, 'why').to.match(/^webhook unreachable/);
      expect(
        retrying.every((r) => typeof r.retryAt === 'number'),
        'each says when it tries again',
      ).to.equal(true);
      expect(
        attempts.some((a) => a.answer.kind === 'ack'),
        'nothing went through the closed port',
      ).to.equal(false);
      expect(await receiverEvents(info, p.journal.deviceId), 'the receiver has nothing yet').to.deep.equal(
        [],
      );

      await proxyCache('up');
      await waitFor(async () => (await p.journal.pending(sink.name)) === 0, {
        what: 'the outbox drained after the receiver came back',
        timeout: 90_000,
        interval: 100,
      });
      await outbox.stop();

      const got = await receiverEvents(info, p.journal.deviceId, 300);
      expect(got.length, 'each event once at the receiver').to.equal(EVENTS);
      expect(
        got.map((e) => e.seq),
        'seq 1..2000 in order',
      ).to.deep.equal(seqsUpTo(EVENTS));
      expect(
        got.map((e) => e.id),
        'the ids the phone published, in its order',
      ).to.deep.equal(idsOf(published));
      expect(got.map((e) => e.type)).to.deep.equal(published.map((e) => e.type));
      const acked = attempts.filter((a) => a.answer.kind === 'ack').flatMap((a) => a.seqs);
      expect(acked, 'no acknowledged event was sent again').to.deep.equal(seqsUpTo(EVENTS));
      expect(p.errors, 'a sink being down is not an error event').to.deep.equal([]);
    } finally {
      await outbox.stop();
      await p.writer.dispose();
      await p.journal.close();
    }
  });
});
