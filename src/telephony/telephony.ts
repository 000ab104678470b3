import type { CallControl, ControlResult } from '../core/call-control.ts';
import type { EventDraft } from '../core/events.ts';

export type TelephonyResult<T = undefined> = ControlResult<T>;

export interface MediaStats {
  readonly inboundBytes: number;
  readonly outboundBytes: number;
  readonly inboundPackets: number;
  /** Sum of squared audio levels received × seconds (WebRTC `totalAudioEnergy`): grows only while the far end is audible. */
  readonly inboundAudioEnergy: number;
}

/**
 * The telephony adapter as the composition root sees it: the core's CallControl port, plus the
 * event drafts it reports through `onEvent` and its own life (start, stop, media counters).
 */
export interface Telephony extends CallControl {
  onEvent: (draft: EventDraft) => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  mediaStats(callId: string): Promise<MediaStats | undefined>;
}
