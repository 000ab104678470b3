import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EventDraft } from '../../src/core/events.ts';
import { inboundCall } from './inbound-call.ts';
import { header, is, registered, scriptedPhone, settled } from './harness.ts';
import { cseqMethod } from './sip-message.ts';

const callEvents = (events: EventDraft[]) => events.filter((e) => 'callId' in e);

describe('calls over a scripted transport', () => {
  it('a 486 to our INVITE reports exactly dial then fail 486, never a disconnect', async () => {
    const p = scriptedPhone();
    await registered(p);
    const dialled = p.phone.dial('2000');
    assert.ok(dialled.ok);
    const invite = await p.wire.next('INVITE');
    assert.equal(invite.requestUri, 'sip:2000@example.com');
    p.wire.reply(invite, 100, 'Trying');
    p.wire.reply(invite, 486, 'Busy Here');
    await p.wire.next('ACK');
    await p.event(is('fail'));
    await settled();
    await settled();
    const events = callEvents(p.events);
    assert.deepEqual(
      events.map((e) => e.type),
      ['dial', 'fail'],
    );
    assert.deepEqual(events[1], {
      type: 'fail',
      callId: dialled.ok ? dialled.value.callId : '',
      code: 486,
      cause: 'Busy Here',
    });
    await p.phone.stop();
    assert.equal(callEvents(p.events).length, 2);
  });

  it('an inbound call is offered, answered with our SDP and connected', async () => {
    const p = await inboundCall();
    assert.deepEqual(
      callEvents(p.events).map((e) => e.type),
      ['offer', 'connect'],
    );
    await p.phone.stop();
  });

  it('a second hang-up while the first is under way waits for it: one BYE, both settle, one disconnect', async () => {
    const p = await inboundCall();
    const first = p.phone.hangup(p.callId);
    const second = p.phone.hangup(p.callId);
    const bye = await p.wire.next((m) => m.method === 'BYE');
    p.wire.reply(bye, 200, 'OK');
    assert.deepEqual(await Promise.all([first, second]), [
      { ok: true, value: undefined },
      { ok: true, value: undefined },
    ]);
    await p.event(is('disconnect'));
    await settled();
    assert.equal(
      p.wire.count((m) => m.method === 'BYE'),
      1,
    );
    assert.equal(callEvents(p.events).filter((e) => e.type === 'disconnect').length, 1);
    await Promise.all([p.phone.stop(), p.phone.stop()]);
  });

  it('a REFER to our own domain is accepted with 202 and a new INVITE goes to the target', async () => {
    const p = await inboundCall();
    const response = await p.far.refer('sip:2000@example.com');
    assert.equal(response.status, 202);
    const invite = await p.wire.next((m) => m.method === 'INVITE' && m.requestUri === 'sip:2000@example.com');
    assert.notEqual(header(invite, 'call-id'), p.far.callId);
    await p.event(is('dial', (e) => e.callId !== p.callId));
    await p.phone.stop();
  });

  it('a REFER to another domain is refused and nothing is dialled', async () => {
    const p = await inboundCall();
    const response = await p.far.refer('sip:2000@evil.example.net');
    assert.ok(response.status !== undefined && response.status >= 400, `got ${response.status}`);
    await settled();
    await settled();
    assert.equal(
      p.wire.count((m) => m.method === 'INVITE'),
      0,
    );
    assert.equal(p.events.filter((e) => e.type === 'dial').length, 0);
    await p.phone.stop();
  });

  it('hold right after answering waits for the ACK; an unanswered re-INVITE gives up after reinviteTimeoutMs, the call stays up', async () => {
    const p = await inboundCall({ reinviteTimeoutMs: 150 });
    const { far } = p;
    const offer = { callId: p.callId };
    const hold = p.phone.hold(offer.callId, true);
    const reinvite = await p.wire.next((m) => m.method === 'INVITE' && cseqMethod(m) === 'INVITE');
    assert.equal(header(reinvite, 'call-id'), far.callId);
    const result = await hold;
    assert.equal(result.ok, false);
    assert.equal(
      p.events.filter((e) => e.type === 'hold' || e.type === 'disconnect').length,
      0,
      JSON.stringify(p.events),
    );
    await p.phone.stop();
  });
});
