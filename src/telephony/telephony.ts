import type { CommandError } from '../core/commands.ts';
import type { EventDraft } from '../core/events.ts';
import type { Result } from '../core/result.ts';

export type TelephonyResult<T = undefined> = Result<T, Omit<CommandError, 'command'>>;

export interface MediaStats {
  readonly inboundBytes: number;
  readonly outboundBytes: number;
  readonly inboundPackets: number;
  /** Sum of squared audio levels received × seconds (WebRTC `totalAudioEnergy`): grows only while the far end is audible. */
  readonly inboundAudioEnergy: number;
}

/**
 * The telephony adapter as the composition root sees it. It reports what happens as event
 * drafts through `onEvent` and acts on commands the core has already checked.
 */
export interface Telephony {
  onEvent: (draft: EventDraft) => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  dial(target: string): TelephonyResult<{ readonly callId: string }>;
  answer(callId: string): Promise<TelephonyResult>;
  /** `code` defaults to the configured rejectCode. */
  reject(callId: string, code?: 486 | 603): Promise<TelephonyResult>;
  hangup(callId: string): Promise<TelephonyResult>;
  hold(callId: string, hold: boolean): Promise<TelephonyResult>;
  mute(callId: string, muted: boolean): TelephonyResult;
  sendDtmf(callId: string, digits: string): Promise<TelephonyResult>;
  transfer(callId: string, target: string): Promise<TelephonyResult>;
  mediaStats(callId: string): Promise<MediaStats | undefined>;
}
