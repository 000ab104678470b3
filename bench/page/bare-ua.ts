// A bare sip.js 0.21 UserAgent + Registerer, as an integrator would write it without our widget: the
// far end (auto-answer), the popup bench's caller, and the baseline for INVITE → Established.
import { Inviter, Registerer, RegistererState, SessionState, UserAgent } from 'sip.js';
import type { Session, UserAgentOptions } from 'sip.js';
import { frameTimes } from './probes.ts';
import type { BareUaOptions, EstablishTiming } from './protocol.ts';
import { until, withTimeout } from './until.ts';

export interface BareUa {
  readonly user: string;
  /** Calls `target`, waits for Established, hangs up and waits until the session is terminated. */
  establish(target: string, timeoutMs: number): Promise<EstablishTiming>;
  /** Sends an INVITE to `target` (with `extraHeaders`, verbatim) and returns at once (the popup bench's caller). */
  ring(target: string, extraHeaders?: readonly string[]): void;
  /** Last incoming INVITE: its frame in the socket listener → sip.js's onInvite, in ms. */
  inviteDelay(): number;
  /** Resolves once none of this UA's sessions is alive. */
  idle(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

const audioOnly = { constraints: { audio: true, video: false } };

export async function createBareUa(o: BareUaOptions): Promise<BareUa> {
  const uri = UserAgent.makeURI(`sip:${o.user}@${o.domain}`);
  if (!uri) throw new Error(`bad AOR for ${o.user}`);
  const sessions = new Set<Session>();
  let lastInvite: { callId: string; at: number } | undefined;
  const track = (s: Session): void => {
    sessions.add(s);
    s.stateChange.addListener((state) => {
      if (state === SessionState.Terminated) sessions.delete(s);
    });
  };
  const options: UserAgentOptions = {
    uri,
    authorizationUsername: o.user,
    authorizationPassword: o.password,
    transportOptions: { server: o.wsUrl },
    logLevel: 'error',
    delegate: {
      onInvite(invitation) {
        lastInvite = { callId: invitation.request.callId, at: performance.now() };
        track(invitation);
        if (o.autoAnswer)
          invitation.accept({ sessionDescriptionHandlerOptions: audioOnly }).catch(() => undefined);
        else invitation.reject({ statusCode: 486 }).catch(() => undefined);
      },
    },
    // `sipDefaults`: leave sip.js's defaults (Google STUN, 5 s ICE gathering timeout) as they are.
    ...(o.sipDefaults
      ? {}
      : {
          sessionDescriptionHandlerFactoryOptions: {
            peerConnectionConfiguration: { iceServers: [] },
            iceGatheringTimeout: 500,
          },
        }),
  };
  const ua = new UserAgent(options);
  const registerer = new Registerer(ua, { expires: 600 });
  await ua.start();
  await registerer.register();
  await until(() => registerer.state === RegistererState.Registered, 10_000, `${o.user} registered`);

  const invite = (target: string, extraHeaders: readonly string[] = []): Inviter => {
    const targetUri = UserAgent.makeURI(`sip:${target}@${o.domain}`);
    if (!targetUri) throw new Error(`bad target ${target}`);
    const inviter = new Inviter(ua, targetUri, {
      sessionDescriptionHandlerOptions: audioOnly,
      extraHeaders: [...extraHeaders],
    });
    track(inviter);
    return inviter;
  };

  return {
    user: o.user,
    async establish(target, timeoutMs) {
      const start = performance.now();
      const inviter = invite(target);
      let establishedAt = 0;
      const established = new Promise<void>((resolve, reject) => {
        inviter.stateChange.addListener((state) => {
          if (state === SessionState.Established) {
            establishedAt = performance.now();
            resolve();
          } else if (state === SessionState.Terminated)
            reject(new Error(`${o.user} → ${target} ended before Established`));
        });
      });
      await inviter.invite();
      await withTimeout(established, timeoutMs, `${o.user} → ${target} Established`);
      const f = frameTimes(inviter.request.callId);
      await inviter.bye();
      await until(() => inviter.state === SessionState.Terminated, timeoutMs, `${o.user}'s call terminated`);
      return { totalMs: establishedAt - start, ...phases(start, f.inviteSent, f.okReceived, establishedAt) };
    },
    ring(target, extraHeaders) {
      void invite(target, extraHeaders)
        .invite()
        .catch(() => undefined);
    },
    inviteDelay() {
      const received = lastInvite && frameTimes(lastInvite.callId).inviteReceived;
      if (!lastInvite || received === undefined) throw new Error(`${o.user} has no recorded INVITE`);
      return lastInvite.at - received;
    },
    idle: (timeoutMs) => until(() => sessions.size === 0, timeoutMs, `${o.user} idle`),
    async stop() {
      await Promise.all([...sessions].map((s) => s.dispose().catch(() => undefined)));
      await registerer.unregister().catch(() => undefined);
      await ua.stop();
    },
  };
}

/** Splits API call → Established into: until the INVITE is sent, until 200 OK arrives, until Established. */
export function phases(
  start: number,
  sent: number | undefined,
  ok: number | undefined,
  end: number,
): Omit<EstablishTiming, 'totalMs'> {
  if (sent === undefined || ok === undefined) return {};
  return { toInviteSentMs: sent - start, toOkMs: ok - sent, afterOkMs: end - ok };
}
