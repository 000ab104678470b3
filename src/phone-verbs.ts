import type { Attachment } from './core/call-control.ts';
import type { PhoneCommand } from './core/commands.ts';
import type { CommandResult } from './core/phone-core.ts';
import { err, ok } from './core/result.ts';
import type { TransferRequest } from './phone-api.ts';

/**
 * The command verbs of PhoneApi (`dial`, `answer`, …), each one `execute` of its command: a
 * phone implements `execute` and gets them all.
 */
export abstract class PhoneVerbs {
  abstract execute(command: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>>;

  dial = async (
    target: string,
    options: Attachment = {},
  ): Promise<CommandResult<{ readonly callId: string }>> => {
    const r = await this.execute({ type: 'dial', target, ...options });
    if (!r.ok) return r;
    // A dial that succeeds always names its call (the CallControl port returns it).
    return r.value.callId
      ? ok({ callId: r.value.callId })
      : err({ code: 'sip-error', message: 'No call was created', command: 'dial' });
  };
  answer = (callId: string) => this.#run({ type: 'answer', callId });
  reject = (callId: string, code?: 486 | 603) =>
    this.#run(code ? { type: 'reject', callId, code } : { type: 'reject', callId });
  hangup = (callId: string) => this.#run({ type: 'hangup', callId });
  hold = (callId: string) => this.#run({ type: 'hold', callId });
  resume = (callId: string) => this.#run({ type: 'resume', callId });
  mute = (callId: string, muted: boolean) => this.#run({ type: 'mute', callId, muted });
  sendDtmf = (callId: string, digits: string) => this.#run({ type: 'dtmf', callId, digits });
  transfer = (callId: string, target: string, options: TransferRequest = {}) =>
    this.#run({ type: 'transfer', callId, target, ...options });
  swap = () => this.#run({ type: 'swap' });

  async #run(cmd: PhoneCommand): Promise<CommandResult> {
    const r = await this.execute(cmd);
    return r.ok ? ok(undefined) : r;
  }
}
