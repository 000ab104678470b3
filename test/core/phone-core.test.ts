import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallControl } from '../../src/core/call-control.ts';
import type { PhoneCommand } from '../../src/core/commands.ts';
import type { EventDraft, PhoneEvent } from '../../src/core/events.ts';
import { PhoneCore } from '../../src/core/phone-core.ts';
import { ok } from '../../src/core/result.ts';
import { createStamper } from '../../src/core/stamper.ts';

/** A CallControl that only records what it was asked. */
function recorder(): CallControl & { readonly asked: string[] } {
  const asked: string[] = [];
  const done = async (s: string) => (asked.push(s), ok(undefined));
  return {
    asked,
    dial: (t) => (asked.push(`dial ${t}`), ok({ callId: 'out' })),
    answer: (id) => done(`answer ${id}`),
    reject: (id, code) => done(`reject ${id} ${code ?? '-'}`),
    hangup: (id) => done(`hangup ${id}`),
    hold: (id, hold) => done(`${hold ? 'hold' : 'resume'} ${id}`),
    mute: (id, m) => (asked.push(`mute ${id} ${m}`), ok(undefined)),
    sendDtmf: (id, d) => done(`dtmf ${id} ${d}`),
    transfer: (id, t) => done(`transfer ${id} ${t}`),
  };
}

function core(firstSeq = 0, control: CallControl = recorder()) {
  let t = 1_000;
  const stamper = createStamper({ now: () => (t += 10), uuid: () => crypto.randomUUID(), firstSeq });
  const errors: unknown[] = [];
  const c = new PhoneCore({ stamper, control, onListenerError: (e) => errors.push(e) });
  const events: PhoneEvent[] = [];
  c.subscribe((_s, e) => events.push(e));
  return { c, events, errors, stamper };
}

const offer = (callId: string): EventDraft => ({
  type: 'offer',
  callId,
  from: { number: '1' },
  to: { number: '2' },
});
const seqs = (events: readonly PhoneEvent[]) => events.map((e) => `${e.seq}:${e.type}`);

describe('PhoneCore: publish', () => {
  it('tells every listener every event in the same order, even when a listener publishes', () => {
    const { c } = core();
    const seenByJournal: string[] = [];
    c.subscribe((_state, e) => {
      // An adapter that reports the next event from inside a listener (as one does when a host
      // handler answers in its `cti-offer` listener and the answer completes at once).
      if (e.type === 'offer') c.publish({ type: 'connect', callId: e.callId });
    });
    c.subscribe((state, e) => seenByJournal.push(`${e.seq}:${e.type}:${state.calls[0]?.state ?? '-'}`));
    c.publish(offer('a'));
    assert.deepEqual(seenByJournal, ['0:offer:ringing-in', '1:connect:connected']);
  });

  it('starts seq where it is told and stamps the schema version, id and time', () => {
    const { c, events } = core(41);
    c.publish({ type: 'registration', state: 'registered' });
    const [e] = events;
    assert.deepEqual([e?.seq, e?.v, e?.at, typeof e?.id], [41, 1, 1_010, 'string']);
    assert.equal(c.state.lastSeq, 41);
  });

  it('turns a draft that breaks the schema into an error event, with no gap in seq and lastSeq on it', () => {
    const { c, events } = core();
    c.publish({ type: 'registration', state: 'registered' });
    c.publish({ type: 'offer', callId: 'a', from: { number: 'x'.repeat(300) }, to: { number: '2' } });
    c.publish({ type: 'registration', state: 'unregistered' });
    assert.deepEqual(seqs(events), ['0:registration', '1:error', '2:registration']);
    const error = events[1];
    assert.equal(error?.type === 'error' && error.code, 'invalid-event');
    assert.match(error?.type === 'error' ? error.message : '', /^offer: bad from\.number/);
    assert.equal(c.state.calls.length, 0);
  });

  it('reports an event the call model refuses as an error in its place, and lastSeq follows errors', () => {
    const { c, events } = core();
    c.publish({ type: 'connect', callId: 'ghost' });
    assert.deepEqual(seqs(events), ['0:error']);
    assert.equal(events[0]?.type === 'error' && events[0].code, 'unknown-call');
    assert.equal(c.state.lastSeq, 0);
  });

  it('publishes seed 003’s idle right after the last live call ends, before anything a listener adds', () => {
    const { c, events } = core();
    c.subscribe((_s, e) => {
      if (e.type === 'disconnect' && e.callId === 'a') c.publish(offer('c'));
    });
    c.publish(offer('a'));
    c.publish(offer('b'));
    c.publish({ type: 'disconnect', callId: 'b', reason: 'remote-hangup' });
    c.publish({ type: 'disconnect', callId: 'a', reason: 'remote-hangup' });
    assert.deepEqual(seqs(events), [
      '0:offer',
      '1:offer',
      '2:disconnect',
      '3:disconnect',
      '4:idle',
      '5:offer',
    ]);
  });

  it('refuses an idle from an adapter: only the core says when the phone is idle', () => {
    const { c, events } = core();
    c.publish(offer('a'));
    c.publish({ type: 'fail', callId: 'a', code: 486, cause: 'Busy' });
    c.publish({ type: 'idle' } as unknown as EventDraft);
    assert.deepEqual(seqs(events), ['0:offer', '1:fail', '2:idle', '3:error']);
  });

  it('keeps the callId on the error that replaces a refused call event', () => {
    const { c, events } = core();
    c.publish({ type: 'hold', callId: 'ghost' });
    assert.equal(events[0]?.type === 'error' && events[0].callId, 'ghost');
  });

  it('keeps going when a listener throws', () => {
    const { c, errors } = core();
    const seen: string[] = [];
    c.subscribe(() => {
      throw new Error('host bug');
    });
    c.subscribe((_st, e) => seen.push(e.type));
    c.publish({ type: 'registration', state: 'registered' });
    assert.deepEqual([seen, errors.length], [['registration'], 1]);
  });
});

describe('PhoneCore: ingest', () => {
  const leader = () => {
    const { c, events } = core(100);
    c.publish({ type: 'registration', state: 'registered' });
    c.publish(offer('a'));
    return events;
  };

  it('takes events stamped elsewhere, with their own seq, reduced like the rest', () => {
    const stream = leader();
    const { c: follower, events } = core();
    for (const e of stream) assert.deepEqual(follower.ingest(e), { ok: true, value: undefined });
    assert.deepEqual(events, stream);
    assert.deepEqual([follower.state.lastSeq, follower.state.calls[0]?.state], [101, 'ringing-in']);
  });

  it('refuses a duplicate or older event, a malformed one and one the model does not allow', () => {
    const stream = leader();
    const { c: follower, events } = core();
    for (const e of stream) follower.ingest(e);
    const again = follower.ingest(stream[0]);
    assert.deepEqual(again.ok ? 'ok' : again.error, { code: 'stale-event', seq: 100, lastSeq: 101 });
    const bad = follower.ingest({ ...stream[1], seq: 200, v: 99 });
    assert.equal(bad.ok ? 'ok' : bad.error.code, 'invalid-event');
    const r = follower.ingest({
      id: crypto.randomUUID(),
      v: 1,
      seq: 201,
      at: 5,
      type: 'connect',
      callId: 'ghost',
    });
    assert.equal(r.ok ? 'ok' : r.error.code, 'unknown-call');
    assert.equal(events.length, 2, 'nothing refused reached a listener');
    assert.equal(follower.state.lastSeq, 101);
  });

  it('queues an event ingested from inside a listener: every listener sees one order, with its state', () => {
    const stream = leader();
    const { c: follower, events } = core();
    const later: string[] = [];
    follower.subscribe((_s, e) => {
      if (e.seq === 100 && stream[1]) follower.ingest(stream[1]);
    });
    // Subscribed after the one that ingests: it must still see 100 before 101.
    follower.subscribe((state, e) => later.push(`${e.seq}:${state.calls.length}`));
    follower.ingest(stream[0]);
    assert.deepEqual(seqs(events), ['100:registration', '101:offer']);
    assert.deepEqual(later, ['100:0', '101:1']);
  });

  it('queues a publish made while an ingested event is being told behind it', () => {
    const stream = leader();
    const { c: follower } = core();
    const seen: string[] = [];
    follower.subscribe((_s, e) => {
      if (e.type === 'offer') follower.publish({ type: 'error', code: 'x', message: 'from a listener' });
    });
    follower.subscribe((_s, e) => seen.push(`${e.seq}:${e.type}`));
    for (const e of stream) follower.ingest(e);
    assert.deepEqual(seen, ['100:registration', '101:offer', '102:error']);
  });

  it('numbers local events after ingested ones (one sequence), and refuses ingesting behind local ones', () => {
    const stream = leader();
    const { c: follower, events } = core();
    for (const e of stream) follower.ingest(e);
    follower.publish({ type: 'registration', state: 'unregistered' });
    assert.deepEqual(seqs(events).slice(-1), ['102:registration']);
    assert.equal(follower.state.lastSeq, 102);
    const { c: local } = core();
    local.publish({ type: 'registration', state: 'registered' });
    local.publish({ type: 'registration', state: 'unregistered' });
    const behind = local.ingest({ ...stream[0], seq: 1 });
    assert.equal(behind.ok ? 'ok' : behind.error.code, 'stale-event');
  });

  it('never derives idle from ingested events: the leader’s stream carries its own', () => {
    const { c: leaderCore, events: stream } = core();
    leaderCore.publish(offer('a'));
    leaderCore.publish({ type: 'disconnect', callId: 'a', reason: 'cancelled' });
    assert.deepEqual(seqs(stream), ['0:offer', '1:disconnect', '2:idle']);
    const { c: follower, events } = core();
    for (const e of stream) assert.ok(follower.ingest(e).ok);
    assert.deepEqual(seqs(events), ['0:offer', '1:disconnect', '2:idle']);
  });
});

describe('PhoneCore: commands', () => {
  const registered = () => {
    const control = recorder();
    const made = core(0, control);
    made.c.publish({ type: 'registration', state: 'registered' });
    return { ...made, asked: control.asked };
  };

  it('parses a command first: garbage from an untyped host is invalid-command, the adapter never asked', async () => {
    const { c, asked } = registered();
    for (const garbage of [
      null,
      42,
      { type: 'dial' },
      { type: 'dial', target: 7 },
      { type: 'format-disk' },
    ]) {
      const r = await c.execute(garbage as PhoneCommand);
      assert.equal(r.ok ? 'ok' : r.error.code, 'invalid-command', JSON.stringify(garbage));
    }
    assert.deepEqual(asked, []);
  });

  it('asks every gate, lets any one veto, and tells each how the command settled', async () => {
    const { c, asked } = registered();
    const settled: string[] = [];
    const offGate = c.intercept({
      request: (cmd) => cmd.type !== 'dial' || cmd.target !== '900',
      settled: (cmd, r) => settled.push(`${cmd?.type ?? '?'}:${r.ok ? 'ok' : r.error.code}`),
    });
    c.intercept({ request: () => true });
    assert.equal((await c.execute({ type: 'dial', target: '900' })).ok, false);
    assert.equal((await c.execute({ type: 'dial', target: '1003' })).ok, true);
    assert.equal((await c.execute({ type: 'hold', callId: 'nope' })).ok, false);
    offGate();
    assert.equal((await c.execute({ type: 'dial', target: '900' })).ok, true, 'the vetoing gate is gone');
    assert.deepEqual(asked, ['dial 1003', 'dial 900']);
    assert.deepEqual(settled, ['dial:vetoed', 'dial:ok', 'hold:no-such-call']);
  });

  it('holds the connected call before answering a waiting one, and swaps by hold-then-resume', async () => {
    const { c, asked } = registered();
    c.publish(offer('a'));
    c.publish({ type: 'connect', callId: 'a' });
    c.publish(offer('b'));
    // The recorder does not report the hold, so state still shows `a` connected after it.
    assert.equal((await c.execute({ type: 'answer', callId: 'b' })).ok, true);
    assert.deepEqual(asked, ['hold a', 'answer b']);
    c.publish({ type: 'hold', callId: 'a' });
    c.publish({ type: 'connect', callId: 'b' });
    asked.length = 0;
    assert.equal((await c.execute({ type: 'swap' })).ok, true);
    assert.deepEqual(asked, ['hold b', 'resume a']);
  });

  it('gives gates a frozen copy: a veto listener cannot change what runs', async () => {
    const { c, asked } = registered();
    c.intercept({
      request: (cmd) => {
        if (cmd.type === 'dial') (cmd as { target: unknown }).target = 42;
        return true;
      },
    });
    // The copy is frozen: the assignment throws inside the gate, which counts as "allowed", and is reported.
    const r = await c.execute({ type: 'dial', target: '1003' });
    assert.equal(r.ok, true);
    assert.deepEqual(asked, ['dial 1003']);
  });

  it('hands call data to the adapter with a dial and a transfer, adding the caller’s ANI for the cache', async () => {
    const control = recorder();
    const seen: unknown[] = [];
    control.dial = (t, attach) => (seen.push(['dial', t, attach]), { ok: true, value: { callId: 'out' } });
    control.transfer = async (id, t, options) => (
      seen.push(['transfer', id, t, options]),
      { ok: true, value: undefined }
    );
    const { c } = core(0, control);
    c.publish({ type: 'registration', state: 'registered' });
    const data = { reason: 'billing' };
    assert.ok(
      (await c.execute({ type: 'dial', target: '1003', data, uui: { data: 'case=1', purpose: 'call' } })).ok,
    );
    c.publish({ type: 'offer', callId: 'a', from: { number: '2000' }, to: { number: '1' }, ani: '+12000' });
    c.publish({ type: 'connect', callId: 'a' });
    assert.ok(
      (
        await c.execute({
          type: 'transfer',
          callId: 'a',
          target: 'billing',
          data,
          via: 'cache',
          pool: 'billing',
        })
      ).ok,
    );
    assert.deepEqual(seen, [
      ['dial', '1003', { data, uui: { data: 'case=1', purpose: 'call' } }],
      ['transfer', 'a', 'billing', { data, via: 'cache', pool: 'billing', ani: '+12000' }],
    ]);
    const bad = await c.execute({
      type: 'dial',
      target: '1',
      data: JSON.parse('{"__proto__":{"x":1}}') as never,
    });
    assert.equal(bad.ok ? 'ok' : bad.error.code, 'invalid-command');
  });

  it('turns an adapter that throws into a typed error', async () => {
    const control = recorder();
    control.answer = async () => {
      throw new Error('getUserMedia exploded');
    };
    const { c } = core(0, control);
    c.publish(offer('a'));
    const r = await c.execute({ type: 'answer', callId: 'a' });
    assert.deepEqual(r.ok ? 'ok' : [r.error.code, r.error.command, r.error.message], [
      'sip-error',
      'answer',
      'getUserMedia exploded',
    ]);
  });
});
