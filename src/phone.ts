import { parsePhoneConfig, type PhoneConfigInput } from './config.ts';
import { checkCommand, type CommandError, type PhoneCommand } from './core/commands.ts';
import { activeCall, type PhoneState } from './core/phone-state.ts';
import { PhoneStore } from './core/phone-store.ts';
import { err, ok, type Result } from './core/result.ts';
import { createStamper } from './core/stamper.ts';
import type { CommandResult, PhoneApi, PhoneListener } from './phone-api.ts';
import { SipTelephony } from './telephony/sip-telephony.ts';
import type { MediaStats, Telephony, TelephonyResult } from './telephony/telephony.ts';

export interface Phone extends PhoneApi {
  /** Audio counters of a call's media path (call-quality display, tests, diagnostics). */
  mediaStats(callId: string): Promise<MediaStats | undefined>;
}

/**
 * The composition root: validates config, wires the sip.js adapter to the pure core, and checks
 * every command against the core's state before the adapter acts.
 */
export function createPhone(input: PhoneConfigInput): Result<Phone, { code: 'invalid-config'; issues: readonly string[] }> {
  const config = parsePhoneConfig(input);
  if (!config.ok) return config;
  try {
    return ok(new CorePhone(new SipTelephony(config.value)));
  } catch (e) {
    // sip.js's URI parser is stricter than our schema's regex for a few exotic AORs.
    return err({ code: 'invalid-config', issues: [`aor: ${e instanceof Error ? e.message : 'not accepted by the SIP stack'}`] });
  }
}

export class CorePhone implements Phone {
  private readonly store = new PhoneStore(
    createStamper({ now: () => Date.now(), uuid: () => crypto.randomUUID() }),
    (e) => console.error('cti-softphone: a listener threw', e),
  );

  constructor(private readonly telephony: Telephony) {
    telephony.onEvent = (draft) => this.store.publish(draft);
  }

  get state(): PhoneState {
    return this.store.state;
  }

  subscribe(listener: PhoneListener): () => void {
    return this.store.subscribe(listener);
  }

  start(): Promise<void> {
    return this.telephony.start();
  }

  stop(): Promise<void> {
    return this.telephony.stop();
  }

  async execute(cmd: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>> {
    const checked = checkCommand(this.state, cmd);
    if (!checked.ok) return checked;
    try {
      const r = await this.perform(cmd);
      if (!r.ok) return err({ ...r.error, command: cmd.type });
      return ok(r.value ?? {});
    } catch (e) {
      // sip.js or WebRTC threw where we did not expect it: still a value, never an exception.
      return err({ code: 'sip-error', message: e instanceof Error ? e.message.slice(0, 200) : 'Command failed', command: cmd.type });
    }
  }

  /** Adapter errors lack the command's name; execute() adds it. */
  private async perform(cmd: PhoneCommand): Promise<Result<{ readonly callId: string } | undefined, Omit<CommandError, 'command'>>> {
    switch (cmd.type) {
      case 'dial': {
        const held = await this.holdActive();
        return held.ok ? this.telephony.dial(cmd.target) : held;
      }
      case 'answer': {
        const held = await this.holdActive();
        return held.ok ? await this.telephony.answer(cmd.callId) : held;
      }
      case 'reject':
        return await this.telephony.reject(cmd.callId, cmd.code);
      case 'hangup':
        return await this.telephony.hangup(cmd.callId);
      case 'hold':
        return await this.telephony.hold(cmd.callId, true);
      case 'resume':
        return await this.resumeExclusively(cmd.callId);
      case 'mute':
        return this.telephony.mute(cmd.callId, cmd.muted);
      case 'dtmf':
        return await this.telephony.sendDtmf(cmd.callId, cmd.digits);
      case 'transfer':
        return await this.telephony.transfer(cmd.callId, cmd.target);
      case 'swap': {
        const held = this.state.calls.find((c) => c.state === 'held'); // checkCommand made sure there is one
        return held ? await this.resumeExclusively(held.callId) : err({ code: 'invalid-state', message: 'No held call' });
      }
    }
  }

  /** Call waiting: the connected call is held before another is answered, dialled or resumed. */
  private async holdActive(): Promise<TelephonyResult> {
    const active = activeCall(this.state);
    return active ? this.telephony.hold(active.callId, true) : ok(undefined);
  }

  /** Only one call is ever live: resuming one (or swapping to it) holds the other first. */
  private async resumeExclusively(callId: string): Promise<TelephonyResult> {
    const held = await this.holdActive();
    return held.ok ? this.telephony.hold(callId, false) : held;
  }

  dial = async (target: string) => {
    const r = await this.execute({ type: 'dial', target });
    return r.ok ? ok({ callId: r.value?.callId ?? '' }) : r;
  };
  answer = (callId: string) => this.run({ type: 'answer', callId });
  reject = (callId: string, code?: 486 | 603) => this.run(code ? { type: 'reject', callId, code } : { type: 'reject', callId });
  hangup = (callId: string) => this.run({ type: 'hangup', callId });
  hold = (callId: string) => this.run({ type: 'hold', callId });
  resume = (callId: string) => this.run({ type: 'resume', callId });
  mute = (callId: string, muted: boolean) => this.run({ type: 'mute', callId, muted });
  sendDtmf = (callId: string, digits: string) => this.run({ type: 'dtmf', callId, digits });
  transfer = (callId: string, target: string) => this.run({ type: 'transfer', callId, target });
  swap = () => this.run({ type: 'swap' });

  private async run(cmd: PhoneCommand): Promise<CommandResult> {
    const r = await this.execute(cmd);
    return r.ok ? ok(undefined) : r;
  }

  mediaStats(callId: string): Promise<MediaStats | undefined> {
    return this.telephony.mediaStats(callId);
  }
}
