import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { phoneEventSchema } from '../../src/core/events.ts';
import type { FrameEvent } from '../../src/host/frame-messages.ts';
import { frameSink, type FrameSinkOptions, type JournalRecord } from '../../src/host/frame-sink.ts';

let nextSeq = 1;
const record = (draft: Record<string, unknown>): JournalRecord => {
  const seq = nextSeq++;
  const event = phoneEventSchema.parse({ ...draft, v: 1, id: crypto.randomUUID(), seq, at: 1_000 * seq });
  return { seq, callId: 'callId' in event ? (event.callId ?? '') : '', event };
};
const dial = () => record({ type: 'dial', callId: 'c1', from: { number: '1001' }, to: { number: '1002' } });
const alert = (callId = 'c1') => record({ type: 'alert', callId });
const at = <T>(list: readonly T[], i: number): T => {
  const item = list[i];
  if (item === undefined) throw new Error(`nothing at ${i}`);
  return item;
};

function harness(extra: Partial<FrameSinkOptions> = {}) {
  const posted: FrameEvent[] = [];
  const sink = frameSink({
    parentOrigin: 'https://crm.example.com',
    extension: '1001',
    post: (e) => (posted.push(e), true),
    ackTimeoutMs: 40,
    subscribed: true,
    ...extra,
  });
  const signal = new AbortController().signal;
  return { sink, posted, signal };
}
/** Resolves once `n` messages were posted (the sink posts synchronously after mapping). */
const posts = async (posted: readonly unknown[], n: number) => {
  while (posted.length < n) await new Promise((r) => setImmediate(r));
};

describe('frame sink: the iframe parent as a journal sink', () => {
  it('is named after the parent origin and posts each event, acknowledged by ids', async () => {
    const { sink, posted, signal } = harness();
    assert.equal(sink.name, 'frame:https://crm.example.com');
    const batch = [dial(), alert()];
    const answer = sink.deliver(batch, 'dev', signal);
    await posts(posted, 2);
    assert.deepEqual(
      posted.map((e) => [e.msgtype, e.eventtype, e.id, e.seq, e.device]),
      batch.map((r) => ['event', r.event.type, r.event.id, r.seq, 'dev']),
    );
    sink.acknowledge({ msgtype: 'ack', ids: [at(batch, 0).event.id] });
    sink.acknowledge({ msgtype: 'ack', ids: [at(batch, 1).event.id, crypto.randomUUID()] });
    assert.deepEqual(await answer, { kind: 'ack' });
    // The alert's calling/called come from the dial the sink saw in the same batch.
    const alerted = at(posted, 1);
    assert.deepEqual([alerted.eventtype, 'called' in alerted && alerted.called], ['alert', '1002']);
  });

  it('is acknowledged by a seq that covers the batch, not by one that covers part of it', async () => {
    const { sink, posted, signal } = harness();
    const batch = [dial(), alert()];
    const answer = sink.deliver(batch, 'dev', signal);
    await posts(posted, 2);
    sink.acknowledge({ msgtype: 'ack', seq: at(batch, 0).seq });
    const partial = await answer;
    assert.equal(partial.kind, 'retry');
    assert.match(partial.kind === 'retry' ? partial.reason : '', /1 of 2 events/);
    const again = sink.deliver(batch, 'dev', signal);
    await posts(posted, 4);
    sink.acknowledge({ msgtype: 'ack', seq: at(batch, 1).seq + 10 });
    assert.deepEqual(await again, { kind: 'ack' });
  });

  it('answers retry at once (afterMs 0) when the parent does not acknowledge within the timeout', async () => {
    const { sink, posted, signal } = harness();
    const answer = await sink.deliver([alert()], 'dev', signal);
    assert.deepEqual(answer, {
      kind: 'retry',
      reason: 'the parent did not acknowledge 1 of 1 events within 40 ms',
      afterMs: 0,
    });
    assert.equal(posted.length, 1);
  });

  it('posts nothing before the parent subscribes, and posts again at once when it (re)subscribes', async () => {
    const { sink, posted, signal } = harness({ subscribed: false, ackTimeoutMs: 10_000 });
    const r = alert();
    const first = await harness({ subscribed: false }).sink.deliver([r], 'dev', signal);
    assert.deepEqual(first, { kind: 'retry', reason: 'the parent has not subscribed', afterMs: 0 });
    const answer = sink.deliver([r], 'dev', signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(posted.length, 0);
    sink.subscribe();
    await posts(posted, 1);
    sink.subscribe(); // a new listener starts over: the same event again, at once
    await posts(posted, 2);
    assert.deepEqual([posted[0]?.id, posted[1]?.id], [r.event.id, r.event.id]);
    sink.acknowledge({ msgtype: 'ack', ids: [r.event.id] });
    assert.deepEqual(await answer, { kind: 'ack' });
  });

  it('stops waiting when the outbox stops, and never throws', async () => {
    const { sink } = harness({ ackTimeoutMs: 60_000 });
    const stop = new AbortController();
    const answer = sink.deliver([alert()], 'dev', stop.signal);
    stop.abort();
    assert.equal((await answer).kind, 'retry');
    const aborted = await sink.deliver([alert()], 'dev', stop.signal);
    assert.equal(aborted.kind, 'retry');
  });

  it('asks the host for the parties of a call it did not see begin; a throwing lookup only leaves them out', async () => {
    const { sink, posted, signal } = harness({
      lookupCall: (id) =>
        id === 'old' ? { direction: 'inbound', remote: '2000' } : Promise.reject(new Error('x')),
    });
    const batch = [alert('old'), alert('gone')];
    const answer = sink.deliver(batch, 'dev', signal);
    await posts(posted, 2);
    sink.acknowledge({ msgtype: 'ack', seq: at(batch, 1).seq });
    await answer;
    assert.deepEqual(
      posted.map((e) => ('calling' in e ? e.calling : undefined)),
      ['2000', undefined],
    );
  });

  it('rejects a batch holding an event with no valid frame form (a dead letter, not a retry forever)', async () => {
    const { sink, signal } = harness();
    const bad = record({ type: 'error', code: 'x', message: 'y' });
    const broken: JournalRecord = { ...bad, event: { ...bad.event, id: 'not-a-uuid' } };
    assert.deepEqual(await sink.deliver([broken], 'dev', signal), {
      kind: 'reject',
      reason: `event ${bad.seq} has no frame message form`,
    });
  });
});
