import { Invitation, Inviter, UserAgent, type Referral, type Session, type URI } from 'sip.js';
import { sipDomain, type PhoneConfig } from '../config.ts';
import { MAX_LINES } from '../core/commands.ts';
import type { EventDraft, Party } from '../core/events.ts';
import { err, ok } from '../core/result.ts';
import { CallSession } from './call-session.ts';
import { Connection } from './connection.ts';
import { offersAudio } from './media.ts';
import { cleanText } from '../core/dial-string.ts';
import { telephonyContext, type TelephonyContext, type TelephonyPlatform } from './platform.ts';
import { referAcceptable, referTargetOf } from './refer-policy.ts';
import { toSipUri } from './sip-target.ts';
import { userAgentOptions } from './ua-options.ts';
import type { MediaStats, Telephony, TelephonyResult } from './telephony.ts';
import { startTransfer } from './transfer.ts';
import { encodeAttachment, readInvite, type CallDataPort } from './call-data-port.ts';
import type { Attachment, TransferOptions } from '../core/call-control.ts';

const audioOnly = { constraints: { audio: true, video: false } };
const noCall = (callId: string) =>
  err({ code: 'no-such-call' as const, message: `No call ${callId}`, callId });
const sipError = (message: string, callId: string) => err({ code: 'sip-error' as const, message, callId });

/** The sip.js adapter: the only module (with its helpers) that imports sip.js. */
export class SipTelephony implements Telephony {
  onEvent: (draft: EventDraft) => void = () => undefined;
  private readonly connection: Connection;
  private readonly calls = new Map<string, CallSession>();
  private readonly local: Party;
  /** Aborted by stop(): every timer and pending wait of the adapter ends with it. */
  private readonly life = new AbortController();
  private readonly ctx: TelephonyContext;

  /** `platform` replaces the browser's transport, media and wake-ups (tests run in Node with it). */
  constructor(
    private readonly config: PhoneConfig,
    platform: TelephonyPlatform = {},
    /** The call-data codec (src/calldata's, from the root): reads INVITEs, encodes attachments. */
    private readonly callData?: CallDataPort,
  ) {
    this.ctx = telephonyContext(platform, this.life.signal);
    const uri = UserAgent.makeURI(config.aor);
    if (!uri) throw new Error('invalid AOR'); // unreachable: the config schema checked it
    this.local = {
      number: uri.user ?? '',
      ...(config.displayName ? { displayName: config.displayName } : {}),
    };
    const delegate = { onInvite: (invitation: Invitation) => this.onInvite(invitation) };
    const options = userAgentOptions(config, uri, platform, delegate, (d) => this.onEvent(d));
    this.connection = new Connection(config, options, this.ctx, (d) => {
      this.onEvent(d);
      if (d.type === 'transport' && d.state === 'disconnected') this.dropUnansweredCalls();
    });
  }

  start(): Promise<void> {
    return this.connection.start();
  }

  /** Ends every wait and timer at once, hangs up, unregisters (briefly bounded) and disconnects. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.life.abort();
      await Promise.all([...this.calls.values()].map((c) => c.hangup().catch(() => undefined)));
      await this.connection.stop();
    })();
    return this.stopping;
  }

  private stopping: Promise<void> | undefined;

  dial(target: string, attach?: Attachment): TelephonyResult<{ callId: string }> {
    const uri = toSipUri(target, sipDomain(this.config));
    const target$ = uri ? UserAgent.makeURI(uri) : undefined;
    if (!target$) return err({ code: 'invalid-target', message: `Cannot call "${target.slice(0, 64)}"` });
    const headers = encodeAttachment(this.callData, attach);
    if (!headers.ok) return err({ code: 'invalid-command', message: headers.error });
    const to = { number: cleanText(target$.user) ?? '', uri: target$.toString() };
    const call = this.placeCall(target$, to, headers.value);
    return ok({ callId: call.callId });
  }

  /** Creates an outgoing call, reports `dial` and sends the INVITE (with call-data headers, encoded). */
  private placeCall(target: URI, to: Party, extraHeaders: string[] = []): CallSession {
    const inviter = new Inviter(this.connection.ua, target, {
      sessionDescriptionHandlerOptions: audioOnly,
      ...(extraHeaders.length > 0 ? { extraHeaders } : {}),
    });
    const call = this.track(inviter);
    this.onEvent({ type: 'dial', callId: call.callId, from: this.local, to });
    inviter
      .invite({
        requestDelegate: {
          onProgress: (r) => {
            if (r.message.statusCode === 180 || r.message.statusCode === 183)
              this.onEvent({ type: 'alert', callId: call.callId });
          },
          onReject: (r) => call.reportFailure(r.message.statusCode ?? 500, r.message.reasonPhrase ?? ''),
        },
      })
      .catch((e: unknown) => call.reportFailure(500, e instanceof Error ? e.message : 'INVITE failed'));
    return call;
  }

  private onInvite(invitation: Invitation): void {
    const body = invitation.request.body;
    if (body && !offersAudio(body)) {
      void invitation.reject({ statusCode: 488 }).catch(() => undefined);
      return;
    }
    if (this.calls.size >= MAX_LINES) {
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    const call = this.track(invitation);
    const remote = invitation.remoteIdentity;
    const displayName = cleanText(remote.displayName);
    const from: Party = { number: cleanText(remote.uri.user) ?? '', ...(displayName ? { displayName } : {}) };
    const { offer, problems } = readInvite(this.callData, invitation);
    this.onEvent({ type: 'offer', callId: call.callId, from, to: this.local, ...offer });
    for (const p of problems) {
      const message = `${p.header}: ${p.message}`.slice(0, 500);
      this.onEvent({ type: 'error', code: 'calldata-header', message, callId: call.callId });
    }
  }

  private track(session: Session): CallSession {
    const sipCallId =
      session instanceof Inviter ? session.request.callId : (session as Invitation).request.callId;
    const callId = sipCallId.length <= 128 && !this.calls.has(sipCallId) ? sipCallId : crypto.randomUUID();
    const call = new CallSession(
      callId,
      session,
      this.ctx,
      (d) => this.onEvent(d),
      (id) => this.calls.delete(id),
    );
    session.delegate = { onRefer: (referral) => this.onRefer(referral), onAck: () => call.onAck() };
    this.calls.set(callId, call);
    return call;
  }

  /** We are being transferred: call the target if the policy allows; the transferor hangs up on us. */
  private onRefer(referral: Referral): void {
    const target = referTargetOf(referral);
    if (!target || !referAcceptable(target, sipDomain(this.config), this.calls.size)) {
      void referral.reject().catch(() => undefined);
      return;
    }
    referral.accept().then(
      () => void this.placeCall(target, { number: cleanText(target.user) ?? '' }),
      () => undefined,
    );
  }

  /**
   * Without a transport an unanswered call can be neither answered nor cancelled by the far end
   * (its CANCEL cannot reach us): end it now instead of letting the popup ring forever.
   * Answered calls stay: their media does not go through the signalling socket.
   */
  private dropUnansweredCalls(): void {
    for (const call of this.calls.values()) {
      if (!call.isAnswered) call.abandon('transport-lost');
    }
  }

  async answer(callId: string): Promise<TelephonyResult> {
    const call = this.calls.get(callId);
    if (!call || !(call.session instanceof Invitation)) return noCall(callId);
    try {
      await call.session.accept({ sessionDescriptionHandlerOptions: audioOnly });
      return ok(undefined);
    } catch (e) {
      return err({
        code: 'media-error',
        message: e instanceof Error ? e.message : 'Could not answer',
        callId,
      });
    }
  }

  reject(callId: string, code?: 486 | 603): Promise<TelephonyResult> {
    return this.act(callId, (c) => c.reject(code ?? this.config.rejectCode));
  }

  hangup(callId: string): Promise<TelephonyResult> {
    return this.act(callId, (c) => c.hangup());
  }

  async hold(callId: string, hold: boolean): Promise<TelephonyResult> {
    const call = this.calls.get(callId);
    if (!call) return noCall(callId);
    if (!(await call.setHold(hold)))
      return sipError(hold ? 'Hold was refused' : 'Resume was refused', callId);
    if (!call.isOver) this.onEvent({ type: hold ? 'hold' : 'retrieve', callId });
    return ok(undefined);
  }

  mute(callId: string, muted: boolean): TelephonyResult {
    const call = this.calls.get(callId);
    if (!call) return noCall(callId);
    if (!call.setMuted(muted)) return err({ code: 'media-error', message: 'No media to mute', callId });
    this.onEvent({ type: 'mute', callId, muted });
    return ok(undefined);
  }

  async sendDtmf(callId: string, digits: string): Promise<TelephonyResult> {
    const call = this.calls.get(callId);
    if (!call) return noCall(callId);
    if (!(await call.sendDtmf(digits, this.config.dtmf))) return sipError('DTMF was not sent', callId);
    if (!call.isOver) this.onEvent({ type: 'dtmf', callId, digits });
    return ok(undefined);
  }

  async transfer(callId: string, target: string, options?: TransferOptions): Promise<TelephonyResult> {
    const call = this.calls.get(callId);
    if (!call) return noCall(callId);
    const uri = toSipUri(target, sipDomain(this.config));
    const referTo = uri ? UserAgent.makeURI(uri) : undefined;
    if (!referTo)
      return err({ code: 'invalid-target', message: `Cannot transfer to "${target.slice(0, 64)}"`, callId });
    const headers = encodeAttachment(this.callData, options);
    if (!headers.ok) return err({ code: 'invalid-command', message: headers.error, callId });
    return startTransfer(call, referTo, (d) => this.onEvent(d), headers.value);
  }

  async mediaStats(callId: string): Promise<MediaStats | undefined> {
    return this.calls.get(callId)?.stats();
  }

  private async act(callId: string, f: (c: CallSession) => Promise<void>): Promise<TelephonyResult> {
    const call = this.calls.get(callId);
    if (!call) return noCall(callId);
    try {
      await f(call);
      return ok(undefined);
    } catch (e) {
      return sipError(e instanceof Error ? e.message : 'SIP request failed', callId);
    }
  }
}
