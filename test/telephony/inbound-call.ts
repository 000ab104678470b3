import assert from 'node:assert/strict';
import type { TelephonyTimings } from '../../src/telephony/platform.ts';
import { FarEnd } from './far-end.ts';
import { header, is, registerOk, scriptedPhone } from './harness.ts';
import { uriOf } from './sip-message.ts';

/** A registered phone with one answered inbound call from a scripted far end. */
export async function inboundCall(timings: Partial<TelephonyTimings> = {}) {
  const p = scriptedPhone({}, timings);
  void p.phone.start();
  const register = await p.wire.next('REGISTER');
  registerOk(p.wire, register);
  await p.event(is('registration', (e) => e.state === 'registered'));
  const far = new FarEnd(p.wire, uriOf(header(register, 'contact')));
  far.invite();
  const offer = await p.event(is('offer'));
  const answered = await p.phone.answer(offer.callId);
  assert.ok(answered.ok);
  await far.ackAnswer();
  await p.event(is('connect'));
  return { ...p, far, callId: offer.callId };
}
