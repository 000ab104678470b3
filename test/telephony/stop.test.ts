import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inboundCall } from './inbound-call.ts';
import { header, is, registered, registerOk, scriptedPhone, settled } from './harness.ts';

const pendingTimeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const FAST_MS = 1000; // the waits being cut short default to 10 s

describe('stop() ends every wait and timer at once', () => {
  it('during a pending REGISTER: settles at once, reports no failure, leaves no timer', async () => {
    const baseline = pendingTimeouts();
    const p = scriptedPhone();
    void p.phone.start();
    await p.wire.next('REGISTER'); // never answered; registerAnswerMs is the default 10 s
    const t0 = performance.now();
    await p.phone.stop();
    assert.ok(performance.now() - t0 < FAST_MS, `stop() took ${performance.now() - t0} ms`);
    await settled();
    assert.equal(pendingTimeouts(), baseline);
    assert.equal(p.wake.subscriptions, 0);
    assert.deepEqual(p.events.slice(-2), [
      { type: 'registration', state: 'unregistered' },
      { type: 'transport', state: 'disconnected' },
    ]);
    assert.equal(p.events.filter((e) => e.type === 'registration' && e.state === 'failed').length, 0);
  });

  it('during a pending re-INVITE: hold settles refused at once, leaves no timer', async () => {
    const baseline = pendingTimeouts();
    const p = await inboundCall();
    const { far } = p;
    const offer = { callId: p.callId };
    const hold = p.phone.hold(offer.callId, true);
    await p.wire.next((m) => m.method === 'INVITE' && header(m, 'call-id') === far.callId); // never answered
    const t0 = performance.now();
    await p.phone.stop();
    const result = await hold;
    assert.ok(performance.now() - t0 < FAST_MS, `stop() took ${performance.now() - t0} ms`);
    assert.equal(result.ok, false);
    await p.wire.next('BYE');
    await settled();
    assert.equal(pendingTimeouts(), baseline);
  });

  it('while registered: un-REGISTERs (expires=0) and waits for the answer, not longer', async () => {
    const p = scriptedPhone({}, { unregisterAnswerMs: 5_000 });
    await registered(p);
    const stopping = p.phone.stop();
    const unregister = await p.wire.next('REGISTER');
    assert.match(header(unregister, 'contact'), /expires=0/);
    const t0 = performance.now();
    registerOk(p.wire, unregister, 0);
    await stopping;
    assert.ok(performance.now() - t0 < FAST_MS);
    assert.equal(p.wire.transport?.isConnected(), false);
  });
});

describe('the injected wake source', () => {
  it('reconnects at once when the network comes back, without waiting for the backoff', async () => {
    const p = scriptedPhone({ reconnectBaseMs: 10_000, reconnectMaxMs: 60_000 });
    await registered(p);
    p.wire.drop();
    const down = await p.event(is('transport', (e) => e.state === 'disconnected'));
    assert.ok((down.retryInMs ?? 0) >= 5_000);
    p.wake.goOnline();
    registerOk(p.wire, await p.wire.next('REGISTER', 1_000));
    assert.equal(p.wire.connects, 2);
    await p.phone.stop();
  });
});
