import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { installFrameBridge, type FrameBridgeOptions } from '../../src/host/frame-bridge.ts';
import type { FrameOutgoing } from '../../src/host/frame-messages.ts';
import { FakePhone } from '../ui/fake-phone.ts';

const CRM = 'https://crm.example.com';
const OTHER = 'https://other.example.com';

/** A window in an iframe, without a browser: the bridge's listener, its parent and what it posted. */
function framed(options: Partial<FrameBridgeOptions> = {}, ancestor?: string) {
  const listeners = new Set<(e: MessageEvent) => void>();
  const parent = { postMessage: () => undefined };
  const win = {
    parent,
    location: { ancestorOrigins: ancestor === undefined ? undefined : [ancestor] },
    addEventListener: (_type: string, l: (e: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_type: string, l: (e: MessageEvent) => void) => listeners.delete(l),
  } as unknown as Window;
  const sent: { message: FrameOutgoing; origin: string }[] = [];
  const phone = new FakePhone();
  const bridge = installFrameBridge({
    allowedOrigins: [CRM, 'https://crm2.example.com'],
    extension: '1002',
    phone: () => phone,
    window: win,
    post: (message, origin) => sent.push({ message, origin }),
    ...options,
  });
  const send = async (data: unknown, origin = CRM, source: unknown = parent) => {
    for (const l of listeners) l({ data, origin, source } as MessageEvent);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  const responses = () => sent.map((s) => s.message).filter((m) => m.msgtype === 'response');
  const last = () => responses().at(-1);
  return { bridge, phone, sent, send, responses, last, listeners };
}

describe('frame bridge: requests from the parent window', () => {
  it("says ready to each allowed origin, or only to the parent's when the browser tells it", () => {
    assert.deepEqual(
      framed().sent.map((s) => [s.message.msgtype, s.origin]),
      [
        ['ready', CRM],
        ['ready', 'https://crm2.example.com'],
      ],
    );
    assert.deepEqual(
      framed({}, CRM).sent.map((s) => s.origin),
      [CRM],
    );
    assert.deepEqual(framed({}, OTHER).sent, [], 'a parent not on the list hears nothing');
  });

  it('hears only the parent window on an allowed origin, pins that origin, answers only to it', async () => {
    const f = framed();
    f.sent.length = 0;
    await f.send({ id: '1', request: 'snapshot' }, OTHER);
    await f.send({ id: '2', request: 'snapshot' }, CRM, {});
    await f.send({ id: '3', request: 'snapshot' }, 'null');
    const opaque = framed({ allowedOrigins: ['null'] });
    await opaque.send({ id: 'n', request: 'snapshot' }, 'null');
    assert.deepEqual(opaque.sent, [], 'an opaque origin is never heard, even when listed');
    assert.equal(f.sent.length, 0);
    await f.send({ id: '4', request: 'snapshot' }, CRM);
    assert.equal(f.bridge.parentOrigin, CRM);
    await f.send({ id: '5', request: 'snapshot' }, 'https://crm2.example.com');
    assert.deepEqual(
      f.sent.map((s) => [s.message.msgtype === 'response' && s.message.id, s.origin]),
      [['4', CRM]],
    );
  });

  it('runs commands through the phone, so a veto holds, and answers with callid and ucid', async () => {
    const f = framed();
    f.phone.register();
    await f.send({ id: '1', request: 'makecall', extension: '1002', destination: '1003' });
    const call = f.phone.state.calls[0]?.callId;
    assert.deepEqual(f.last(), {
      v: 1,
      msgtype: 'response',
      id: '1',
      result: 'success',
      error: '',
      callid: call,
      ucid: call,
    });
    assert.deepEqual(f.phone.commands, [{ type: 'dial', target: '1003' }]);
    const stopVeto = f.phone.intercept({ request: () => false });
    await f.send({ id: '2', request: 'hangup' });
    assert.deepEqual(f.last(), {
      v: 1,
      msgtype: 'response',
      id: '2',
      result: 'failure',
      error: 'vetoed',
      message: 'The host vetoed the command',
    });
    stopVeto();
    await f.send({ id: '3', request: 'hold' });
    assert.deepEqual(f.last(), {
      v: 1,
      msgtype: 'response',
      id: '3',
      result: 'failure',
      error: 'no-call',
      message: 'no call to hold',
    });
  });

  it("answers answer and hangup with the call's id, as seed 003 answers answer", async () => {
    const f = framed();
    f.phone.register();
    f.phone.ringIn('in-1', '2000');
    await f.send({ id: 'a', request: 'answer' });
    assert.deepEqual(f.last(), {
      v: 1,
      msgtype: 'response',
      id: 'a',
      result: 'success',
      error: '',
      callid: 'in-1',
      ucid: 'in-1',
    });
    await f.send({ id: 'h', request: 'hangup', callid: 'in-1' });
    const hung = f.last();
    assert.equal(hung?.result === 'success' && hung.callid, 'in-1');
    assert.deepEqual(f.phone.commands, [
      { type: 'answer', callId: 'in-1' },
      { type: 'hangup', callId: 'in-1' },
    ]);
  });

  it('answers unknown, malformed, wrong-extension, setstate and not-ready requests with failure codes', async () => {
    const f = framed();
    const codes: unknown[] = [];
    for (const m of [
      { id: 'a', request: 'teleport' },
      { id: 'b', request: 'login', agentid: '1' },
      { id: 'c', request: 'makecall' },
      'hello',
      { id: 'd', request: 'hold', extension: '9999' },
      { id: 'e', request: 'setstate', state: 'aux' },
      { v: 9, id: 'f', request: 'hold' },
    ]) {
      await f.send(m);
      const r = f.last();
      codes.push(r?.result === 'failure' && [r.id, r.error]);
    }
    assert.deepEqual(codes, [
      ['a', 'unknown-request'],
      ['b', 'not-supported'],
      ['c', 'malformed'],
      [null, 'malformed'],
      ['d', 'wrong-extension'],
      ['e', 'not-supported'],
      ['f', 'unsupported-version'],
    ]);
    const early = framed({ phone: () => undefined });
    await early.send({ id: '1', request: 'answer' });
    assert.deepEqual(early.last()?.result === 'failure' && early.last(), {
      v: 1,
      msgtype: 'response',
      id: '1',
      result: 'failure',
      error: 'not-ready',
      message: 'the phone has no credentials yet',
    });
    await early.send({ id: '2', request: 'snapshot' });
    assert.equal(early.last()?.result, 'success', 'a snapshot is answered before the phone exists');
  });

  it('hands credentials, subscriptions and acknowledgements to the page; an ack is not answered', async () => {
    const seen: unknown[] = [];
    const f = framed({
      onCredentials: (c, origin) => (
        seen.push(['credentials', c, origin]),
        c.password === '' ? { code: 'invalid-config', message: 'no' } : undefined
      ),
      onSubscribe: (origin) => seen.push(['subscribe', origin]),
      onAck: (ack) => seen.push(['ack', ack.seq]),
    });
    await f.send({ id: '1', request: 'credentials', username: '1002', password: 'pw' });
    await f.send({ id: '2', request: 'credentials', username: '1002', password: '' });
    assert.equal(f.bridge.subscribed, false);
    await f.send({ id: '3', request: 'subscribe' });
    assert.equal(f.bridge.subscribed, true);
    const answered = f.responses().length;
    await f.send({ msgtype: 'ack', seq: 4 });
    assert.equal(f.responses().length, answered);
    assert.deepEqual(seen, [
      ['credentials', { username: '1002', password: 'pw' }, CRM],
      ['credentials', { username: '1002', password: '' }, CRM],
      ['subscribe', CRM],
      ['ack', 4],
    ]);
    assert.deepEqual(
      f.responses().map((r) => (r.result === 'failure' ? r.error : r.result)),
      ['success', 'invalid-config', 'success'],
    );
  });

  it('posts only schema-valid messages, and nothing before it knows the parent; stop() stops listening', async () => {
    const f = framed();
    f.sent.length = 0;
    assert.equal(f.bridge.post({ v: 1, msgtype: 'ready', extension: '1002' }), false, 'no parent origin yet');
    await f.send({ id: '1', request: 'snapshot' });
    assert.equal(f.bridge.post({ v: 1, msgtype: 'ready', extension: '1002' }), true);
    const bogus = { v: 1, msgtype: 'event', eventtype: 'hold', id: 'nope' } as unknown as FrameOutgoing;
    assert.equal(f.bridge.post(bogus), false);
    f.bridge.stop();
    assert.equal(f.listeners.size, 0);
  });
});
