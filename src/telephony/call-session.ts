import { Invitation, Inviter, SessionState, type Session } from 'sip.js';
import type { DisconnectReason, EventDraft } from '../core/events.ts';
import {
  mediaStats,
  peerConnectionOf,
  playRemoteAudio,
  setMicrophoneEnabled,
  setSending,
  stopRemoteAudio,
} from './media.ts';
import { childController, deadline } from './deadline.ts';
import { sendInfoDtmf } from './dtmf.ts';
import type { TelephonyContext, TelephonyTimings } from './platform.ts';
import type { MediaStats } from './telephony.ts';

/**
 * One call: translates a sip.js Session's life into core events and carries out call commands.
 * It remembers why the call is ending locally (hang-up, reject, transfer) so that the
 * Terminated state is reported with the right reason exactly once.
 */
export class CallSession {
  private connected = false;
  private ended = false;
  private localEnd: DisconnectReason | undefined;
  private failed = false;
  private audio: HTMLAudioElement | undefined;
  /** Work to undo when the call ends (timers, listeners). */
  private readonly cleanups: (() => void)[] = [];
  /** Aborted when the call ends or the phone stops: every wait on this call ends with it. */
  private readonly life: AbortController;
  readonly timings: TelephonyTimings;
  /** Who waits for the ACK of our 200 (inbound calls); undefined once it came. */
  private ackWaiters: (() => void)[] | undefined;

  constructor(
    readonly callId: string,
    readonly session: Session,
    ctx: TelephonyContext,
    private readonly emit: (draft: EventDraft) => void,
    private readonly onGone: (callId: string) => void,
  ) {
    this.life = childController(ctx.signal);
    this.timings = ctx.timings;
    if (session instanceof Invitation) this.ackWaiters = [];
    session.stateChange.addListener((s) => this.onState(s));
  }

  get signal(): AbortSignal {
    return this.life.signal;
  }

  get isInbound(): boolean {
    return this.session instanceof Invitation;
  }

  get isAnswered(): boolean {
    return this.connected;
  }

  get isOver(): boolean {
    return this.ended;
  }

  /**
   * Resolves true once the far end has acknowledged our answer (at once for outgoing calls), false
   * if it does not within reinviteTimeoutMs: an in-dialog request sent before the ACK (re-INVITE,
   * REFER) can reach a far end that has not confirmed the dialog yet.
   */
  acknowledged(): Promise<boolean> {
    return deadline(this.timings.reinviteTimeoutMs, false, this.signal, (answer) => {
      if (this.ackWaiters) this.ackWaiters.push(() => answer(true));
      else answer(true);
    });
  }

  /** For the session delegate: the ACK of our answer (or of a re-INVITE) arrived. */
  onAck(): void {
    for (const w of this.ackWaiters?.splice(0) ?? []) w();
    this.ackWaiters = undefined;
  }

  onEnd(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  /** Ends the call locally without waiting for the far end (e.g. the transport is gone). */
  abandon(reason: DisconnectReason): void {
    this.markEnding(reason);
    try {
      void this.session.dispose().catch(() => undefined); // sends CANCEL/480/BYE if it still can
    } catch {
      // a dead transport may throw synchronously: the call is over for us either way
    }
    this.finish();
  }

  private onState(s: SessionState): void {
    if (s === SessionState.Established && !this.connected) {
      this.connected = true;
      this.audio = playRemoteAudio(this.session);
      this.watchMedia();
      this.emit({ type: 'connect', callId: this.callId });
    }
    // sip.js enters Terminated before it hands a final rejection (486, 404…) to our request
    // delegate: wait one microtask so reportFailure() can claim the ending first.
    if (s === SessionState.Terminated) queueMicrotask(() => this.finish());
  }

  /** A call whose media path has failed for good is over, even if no BYE can reach us. */
  private watchMedia(): void {
    const pc = peerConnectionOf(this.session);
    if (!pc) return;
    const check = () => {
      if (pc.connectionState === 'failed') this.abandon('media-lost');
    };
    pc.addEventListener('connectionstatechange', check);
    this.onEnd(() => pc.removeEventListener('connectionstatechange', check));
  }

  /** Reports the end of the call once, with the best-known reason. */
  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    stopRemoteAudio(this.audio);
    this.audio = undefined;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.life.abort();
    if (!this.failed) {
      const reason =
        this.localEnd ?? (this.connected ? 'remote-hangup' : this.isInbound ? 'cancelled' : 'remote-hangup');
      this.emit({ type: 'disconnect', callId: this.callId, reason });
    }
    this.onGone(this.callId);
  }

  /** An outgoing call was refused by the far end or the network (4xx/5xx/6xx). */
  reportFailure(code: number, cause: string): void {
    if (this.ended || this.failed || this.localEnd) return; // e.g. the 487 after our own CANCEL
    this.failed = true;
    this.emit({ type: 'fail', callId: this.callId, code, cause: cause.slice(0, 200) });
  }

  markEnding(reason: DisconnectReason): void {
    this.localEnd ??= reason;
  }

  /** Ends the call the way its SIP state allows: CANCEL, reject, or BYE; nothing once it is ending. */
  hangup(): Promise<void> {
    // A second hang-up (a double click, stop() while one is under way) waits for the first:
    // sip.js's bye() called again on a terminating session never settles.
    this.hangingUp ??= this.endSession();
    return this.hangingUp;
  }

  private hangingUp: Promise<void> | undefined;

  private async endSession(): Promise<void> {
    const s = this.session;
    switch (s.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (s instanceof Inviter) {
          // Also before the INVITE left (media and ICE still being prepared): sip.js then never sends it.
          this.markEnding('cancelled');
          await s.cancel();
        } else if (s.state === SessionState.Initial) {
          this.markEnding('rejected');
          await (s as Invitation).reject({ statusCode: 486 });
        } else {
          // Accepted, ACK not yet in: sip.js's dispose() sends the BYE once it may.
          this.markEnding('local-hangup');
          await s.dispose();
        }
        return;
      case SessionState.Established:
        this.markEnding('local-hangup');
        await s.bye();
        return;
      default:
        return; // Terminating or Terminated: already on its way out
    }
  }

  async reject(code: 486 | 603): Promise<void> {
    this.markEnding('rejected');
    await (this.session as Invitation).reject({ statusCode: code });
  }

  /** Re-INVITE with a=sendonly (hold) or sendrecv (resume); resolves true when the far end accepted. */
  async setHold(hold: boolean): Promise<boolean> {
    const s = this.session;
    // sip.js would send the re-INVITE before the ACK of our 200 came, then take that ACK as
    // missing its answer and hang up with a BYE: wait for it.
    if (!(await this.acknowledged())) return false;
    const accepted = await deadline(this.timings.reinviteTimeoutMs, false, this.signal, (answer) => {
      s.invite({
        requestDelegate: { onAccept: () => answer(true), onReject: () => answer(false) },
        sessionDescriptionHandlerOptions: { hold } as typeof s.sessionDescriptionHandlerOptionsReInvite,
      }).catch(() => answer(false));
    });
    if (accepted && !this.ended) await setSending(s, !hold).catch(() => undefined);
    return accepted && !this.ended;
  }

  setMuted(muted: boolean): boolean {
    return setMicrophoneEnabled(this.session, !muted);
  }

  /** RFC 4733 through the RTCDTMFSender, or SIP INFO (application/dtmf-relay) one digit at a time. */
  sendDtmf(digits: string, mode: 'rfc4733' | 'info'): Promise<boolean> {
    if (mode === 'rfc4733')
      return Promise.resolve(this.session.sessionDescriptionHandler?.sendDtmf(digits) ?? false);
    return sendInfoDtmf(this.session, digits, this.signal);
  }

  stats(): Promise<MediaStats | undefined> {
    return mediaStats(this.session).catch(() => undefined);
  }
}
