import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CorePhone, createPhone } from '../src/phone.ts';
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
    assert.deepEqual(
      phone.state.calls.map((c) => c.state),
      ['held', 'connected'],
    );
    assert.ok((await phone.swap()).ok);
    assert.deepEqual(
      phone.state.calls.map((c) => c.state),
      ['connected', 'held'],
    );
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
    assert.deepEqual(
      phone.state.calls.map((c) => c.state),
      ['connected', 'held'],
    );
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

  it('builds a phone from injected parts: any telephony adapter, seq starting where it is told, one clock', async () => {
    const t = new ScriptedTelephony();
    const r = createPhone(
      { server: 'ws://127.0.0.1:1', aor: 'sip:1001@example.com' },
      { telephony: () => t, firstSeq: 7, now: () => 42 },
    );
    assert.ok(r.ok);
    const events: PhoneEvent[] = [];
    r.value.subscribe((_s, e) => events.push(e));
    await r.value.start();
    assert.deepEqual(
      events.map((e) => [e.seq, e.at, e.type]),
      [
        [7, 42, 'transport'],
        [8, 42, 'registration'],
      ],
    );
    assert.equal(r.value.now(), 42);
    const bad = createPhone({ server: 'http://x', aor: 'sip:1001@example.com' }, { telephony: () => t });
    assert.deepEqual(bad.ok ? 'ok' : bad.error.issues, ['server: must be a ws:// or wss:// URL']);
    const thrown = createPhone(
      { server: 'ws://127.0.0.1:1', aor: 'sip:1001@example.com' },
      {
        telephony: () => {
          throw new Error('bad AOR');
        },
      },
    );
    assert.deepEqual(thrown.ok ? 'ok' : thrown.error.issues, ['aor: bad AOR']);
  });

  it('subscribes the adapters built from the config before anyone else, and disposes them on stop', async () => {
    const t = new ScriptedTelephony();
    const seen: string[] = [];
    let disposed = 0;
    const r = createPhone(
      { server: 'ws://127.0.0.1:1', aor: 'sip:1001@example.com' },
      {
        telephony: () => t,
        adapters: (config) => [
          (port) => {
            const off = port.subscribe((_s, e) => {
              seen.push(`adapter:${e.type}`);
              if (e.type === 'offer')
                port.publish({ type: 'calldata', callId: e.callId, source: 'crm', status: 'none' });
            });
            assert.equal(config.aor, 'sip:1001@example.com');
            return () => (off(), disposed++);
          },
        ],
      },
    );
    assert.ok(r.ok);
    r.value.subscribe((_s, e) => seen.push(`host:${e.type}`));
    await r.value.start();
    t.ring('a');
    assert.deepEqual(seen.slice(-4), ['adapter:offer', 'host:offer', 'adapter:calldata', 'host:calldata']);
    await r.value.stop();
    assert.equal(disposed, 1);
  });

  it('passes no reject code so the adapter uses the configured one', async () => {
    const { t, phone } = await started();
    t.ring('a');
    await phone.reject('a');
    await phone.reject('a', 603);
    assert.deepEqual(t.calls, ['reject a default', 'reject a 603']);
  });
});
