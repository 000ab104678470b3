import type { SessionDescriptionHandlerFactory, UserAgentOptions } from 'sip.js';
import { browserWakeSource, type WakeSource } from './environment.ts';

/** Bounds on waits the SIP stack itself leaves open (or bounds too loosely for an agent's phone). */
export interface TelephonyTimings {
  /** A REGISTER with no answer at all within this long means the socket is dead. */
  readonly registerAnswerMs: number;
  /** A re-INVITE answered with a 3xx never settles in sip.js 0.21: give up on it after this long. */
  readonly reinviteTimeoutMs: number;
  /** After a REFER was accepted, how long to wait for the final NOTIFY before hanging up anyway. */
  readonly notifyWaitMs: number;
  /** stop(): how long the un-REGISTER may take (a digest challenge included) before we disconnect anyway. */
  readonly unregisterAnswerMs: number;
}

export const defaultTimings: TelephonyTimings = {
  registerAnswerMs: 10_000,
  reinviteTimeoutMs: 10_000,
  notifyWaitMs: 10_000,
  unregisterAnswerMs: 2_000,
};

/**
 * What the adapter takes from its surroundings. Everything is optional: the defaults are the
 * browser's (sip.js's WebSocket transport and WebRTC session description handler, window and
 * document wake-ups); tests replace them with a scripted transport and a fixed-SDP handler.
 */
export interface TelephonyPlatform {
  readonly transportConstructor?: UserAgentOptions['transportConstructor'];
  readonly sessionDescriptionHandlerFactory?: SessionDescriptionHandlerFactory;
  readonly environment?: WakeSource;
  readonly timings?: Partial<TelephonyTimings>;
}

/** What the adapter's parts share: the resolved timings and wake source, and the phone's life. */
export interface TelephonyContext {
  readonly timings: TelephonyTimings;
  readonly environment: WakeSource;
  /** Aborted by SipTelephony.stop(): every wait and timer of the adapter ends with it. */
  readonly signal: AbortSignal;
}

export function telephonyContext(platform: TelephonyPlatform, signal: AbortSignal): TelephonyContext {
  return {
    timings: { ...defaultTimings, ...platform.timings },
    environment: platform.environment ?? browserWakeSource,
    signal,
  };
}
