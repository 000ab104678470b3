import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CorePhone } from '../src/phone.ts';
import type { EventDraft, PhoneEvent } from '../src/core/events.ts';
import { ok } from '../src/core/result.ts';
import type { Telephony, TelephonyResult } from '../src/telephony/telephony.ts';

/** A scripted adapter: records what it was asked and reports events like the sip.js adapter would. */
class ScriptedTelephony implements Telephony {
  onEvent: (draft: EventDraft) => void = () => undefined;
  readonly calls: string[] = [];
  private n = 0;
  async start() {
    this.onEvent({ type: 'transport', state: 'connected' });
    this.onEvent({ type: 'registration', state: 'registered' });
  }
  async stop() {}
  dial(target: string): TelephonyResult<{ callId: string }> {
    const callId = `out${++this.n}`;
    this.calls.push(`dial ${target}`);
    this.onEvent({ type: 'dial', callId, from: { number: '1001' }, to: { number: target } });
    return ok({ callId });
  }
  async answer(callId: string) {
    this.calls.push(`answer ${callId}`);
    this.onEvent({ type: 'connect', callId });
    return ok(undefined);
  }
  async reject(callId: string, code?: number) {
    this.calls.push(`reject ${callId} ${code ?? 'default'}`);
    return ok(undefined);
  }
  async hangup(callId: string) {
    this.calls.push(`hangup ${callId}`);
    return ok(undefined);
  }
  async hold(callId: string, hold: boolean) {
    this.calls.push(`${hold ? 'hold' : 'resume'} ${callId}`);
    this.onEvent({ type: hold ? 'hold' : 'retrieve', callId });
    return ok(undefined);
  }
  mute(callId: string, muted: boolean) {
    this.onEvent({ type: 'mute', callId, muted });
    return ok(undefined);
  }
  async sendDtmf() {
    return ok(undefined);
  }
  async transfer() {
    return ok(undefined);
  }
  async mediaStats() {
    return undefined;
  }
  ring(callId: string, from = '2000') {
    this.onEvent({ type: 'offer', callId, from: { number: from }, to: { number: '1001' } });
  }
}

async function started() {
  const t = new ScriptedTelephony();
  const phone = new CorePhone(t);
  const events: PhoneEvent[] = [];
  phone.subscribe((_s, e) => events.push(e));
  await phone.start();
  return { t, phone, events };
}

describe('CorePhone', () => {
  it('checks commands against the core before the adapter acts', async () => {
    const { t, phone } = await started();
    const r = await phone.hold('nope');
    assert.deepEqual(r.ok ? 'ok' : [r.error.code, r.error.command], ['no-such-call', 'hold']);
    t.ring('a');
    const wrong = await phone.resume('a');
    assert.equal(wrong.ok ? 'ok' : wrong.error.code, 'invalid-state');
    assert.deepEqual(t.calls, [], 'the adapter was never asked');
  });

  it('holds the active call before answering a waiting one (call waiting) and swaps', async () => {
    const { t, phone } = await started();
    t.ring('a');
    await phone.answer('a');
    t.ring('b');
    await phone.answer('b');
    assert.deepEqual(t.calls, ['answer a', 'hold a', 'answer b']);
    assert.deepEqual(phone.state.calls.map((c) => c.state), ['held', 'connected']);
    assert.ok((await phone.swap()).ok);
    assert.deepEqual(phone.state.calls.map((c) => c.state), ['connected', 'held']);
  });

  it('resuming a held call holds the connected one first: never two live calls', async () => {
    const { t, phone } = await started();
    t.ring('a');
    await phone.answer('a');
    t.ring('b');
    await phone.answer('b');
    t.calls.length = 0;
    assert.ok((await phone.resume('a')).ok);
    assert.deepEqual(t.calls, ['hold b', 'resume a']);
    assert.deepEqual(phone.state.calls.map((c) => c.state), ['connected', 'held']);
  });

  it('turns an adapter that throws into a typed error, not an exception', async () => {
    const { t, phone } = await started();
    t.ring('a');
    t.answer = async () => {
      throw new Error('getUserMedia exploded');
    };
    const r = await phone.answer('a');
    assert.deepEqual(r.ok ? 'ok' : [r.error.code, r.error.command, r.error.message], ['sip-error', 'answer', 'getUserMedia exploded']);
  });

  it('stamps events with increasing seq and reports adapter events the model refuses as error events', async () => {
    const { t, events } = await started();
    t.onEvent({ type: 'connect', callId: 'ghost' });
    const last = events.at(-1);
    assert.equal(last?.type, 'error');
    const seqs = events.map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y));
    assert.equal(new Set(events.map((e) => e.id)).size, events.length);
  });

  it('isolates a listener that throws', async () => {
    const t = new ScriptedTelephony();
    const phone = new CorePhone(t);
    const seen: string[] = [];
    phone.subscribe(() => {
      throw new Error('host bug');
    });
    phone.subscribe((_s, e) => seen.push(e.type));
    const original = console.error;
    console.error = () => undefined;
    try {
      await phone.start();
    } finally {
      console.error = original;
    }
    assert.deepEqual(seen, ['transport', 'registration']);
  });

  it('passes no reject code so the adapter uses the configured one', async () => {
    const { t, phone } = await started();
    t.ring('a');
    await phone.reject('a');
    await phone.reject('a', 603);
    assert.deepEqual(t.calls, ['reject a default', 'reject a 603']);
  });
});
