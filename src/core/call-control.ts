import type { CallDataObject } from './call-data.ts';
import type { CommandError } from './commands.ts';
import type { Result } from './result.ts';

/** What an adapter answers to one action: the core adds the command's name. */
export type ControlResult<T = undefined> = Result<T, Omit<CommandError, 'command'>>;

/** Call data to send with an outgoing INVITE or a REFER. */
export interface Attachment {
  readonly data?: CallDataObject;
  readonly uui?: { readonly data: string; readonly purpose?: string; readonly content?: string };
}

/** How to transfer: by REFER with the data in headers, or through seed 000's cache. */
export interface TransferOptions extends Attachment {
  readonly via?: 'sip' | 'cache';
  readonly pool?: string;
  /** The caller's number, as the cache keys the data (the core fills it from the call). */
  readonly ani?: string;
}

/**
 * The port through which the core acts on calls. The telephony adapter implements it; the core
 * calls it only after a command passed its checks and the call-waiting policy.
 */
export interface CallControl {
  dial(target: string, attach?: Attachment): ControlResult<{ readonly callId: string }>;
  answer(callId: string): Promise<ControlResult>;
  /** `code` defaults to the configured rejectCode. */
  reject(callId: string, code?: 486 | 603): Promise<ControlResult>;
  hangup(callId: string): Promise<ControlResult>;
  hold(callId: string, hold: boolean): Promise<ControlResult>;
  mute(callId: string, muted: boolean): ControlResult;
  sendDtmf(callId: string, digits: string): Promise<ControlResult>;
  transfer(callId: string, target: string, options?: TransferOptions): Promise<ControlResult>;
}
