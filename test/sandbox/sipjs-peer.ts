/**
 * A real sip.js 0.21.2 UserAgent running in Node against the sandbox server,
 * with `ws` as the WebSocket and a fake SessionDescriptionHandler (static SDP),
 * so the test exercises sip.js's own parser and transaction/dialog layers.
 */
import { WebSocket } from 'ws';
import { Registerer, RegistererState, SessionState, UserAgent } from 'sip.js';
import type { Invitation, Session, UserAgentDelegate } from 'sip.js';
import { fixedSdpFactory } from '../telephony/fake-media.ts';

// sip.js's transport calls `new WebSocket(url, 'sip')`; Node 20 has no global one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export interface Peer {
  readonly ua: UserAgent;
  readonly registerer: Registerer;
  /** Invitations received, in order. */
  readonly invitations: Invitation[];
  nextInvitation(): Promise<Invitation>;
  stop(): Promise<void>;
}

export async function startPeer(
  server: string,
  user: string,
  password: string,
  delegate: UserAgentDelegate = {},
): Promise<Peer> {
  const invitations: Invitation[] = [];
  const waiting: ((i: Invitation) => void)[] = [];
  const uri = UserAgent.makeURI(`sip:${user}@localhost`);
  if (!uri) throw new Error('bad AOR');
  const ua = new UserAgent({
    uri,
    authorizationUsername: user,
    authorizationPassword: password,
    transportOptions: { server },
    logBuiltinEnabled: false,
    sessionDescriptionHandlerFactory: fixedSdpFactory,
    delegate: {
      ...delegate,
      onInvite: (invitation) => {
        const waiter = waiting.shift();
        if (waiter) waiter(invitation);
        else invitations.push(invitation);
      },
    },
  });
  await ua.start();
  const registerer = new Registerer(ua);
  return {
    ua,
    registerer,
    invitations,
    nextInvitation: () => {
      const queued = invitations.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiting.push(resolve));
    },
    stop: async () => {
      if (registerer.state === RegistererState.Registered)
        await registerer.unregister().catch(() => undefined);
      await ua.stop();
    },
  };
}

/** Resolve when the registerer reaches `state` (or reject on a timeout). */
export function registererReaches(
  registerer: Registerer,
  state: RegistererState,
  timeoutMs = 5000,
): Promise<void> {
  return reach(
    registerer.state,
    state,
    (fn) => registerer.stateChange.addListener(fn),
    timeoutMs,
    'registerer',
  );
}

export function sessionReaches(session: Session, state: SessionState, timeoutMs = 5000): Promise<void> {
  return reach(session.state, state, (fn) => session.stateChange.addListener(fn), timeoutMs, 'session');
}

function reach<S>(
  current: S,
  wanted: S,
  listen: (fn: (s: S) => void) => void,
  timeoutMs: number,
  what: string,
): Promise<void> {
  if (current === wanted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not reach ${String(wanted)} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    listen((state) => {
      if (state === wanted) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

export { SessionState, RegistererState };
