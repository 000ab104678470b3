// A scripted telephony adapter for the tabs' node tests: records what it was asked, reports what
// the sip.js adapter would, and can ring.
import type { EventDraft } from '../../src/core/events.ts';
import { ok } from '../../src/core/result.ts';
import type { Telephony, TelephonyResult } from '../../src/telephony/telephony.ts';

export class ScriptedTelephony implements Telephony {
  onEvent: (draft: EventDraft) => void = () => undefined;
  readonly asked: string[] = [];
  started = false;
  stopped = false;
  #n = 0;
  constructor(readonly name: string) {}
  async start() {
    this.started = true;
    this.onEvent({ type: 'transport', state: 'connected' });
    this.onEvent({ type: 'registration', state: 'registered' });
  }
  async stop() {
    this.stopped = true;
    this.onEvent({ type: 'registration', state: 'unregistered' });
  }
  dial(target: string): TelephonyResult<{ callId: string }> {
    const callId = `${this.name}-out${++this.#n}`;
    this.asked.push(`dial ${target}`);
    this.onEvent({ type: 'dial', callId, from: { number: '1001' }, to: { number: target } });
    return ok({ callId });
  }
  async answer(callId: string) {
    this.asked.push(`answer ${callId}`);
    this.onEvent({ type: 'connect', callId });
    return ok(undefined);
  }
  async reject(callId: string) {
    this.asked.push(`reject ${callId}`);
    this.onEvent({ type: 'disconnect', callId, reason: 'rejected' });
    return ok(undefined);
  }
  async hangup(callId: string) {
    this.asked.push(`hangup ${callId}`);
    this.onEvent({ type: 'disconnect', callId, reason: 'local-hangup' });
    return ok(undefined);
  }
  async hold(callId: string, hold: boolean) {
    this.asked.push(`${hold ? 'hold' : 'resume'} ${callId}`);
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
  async mediaStats(callId: string) {
    return { inboundBytes: callId.length, outboundBytes: 0, inboundPackets: 0, inboundAudioEnergy: 0 };
  }
  ring(callId: string, from = '2000') {
    this.onEvent({ type: 'offer', callId, from: { number: from }, to: { number: '1001' } });
  }
}
