// A plain sip.js 0.21 peer (UserAgent + Registerer) on the run's Kamailio, for e2e tests that need a far end
// the widget can call or be called by. Every peer is remembered so disposeAllPeers() can clean up.
import { Inviter, Registerer, RegistererState, SessionState, UserAgent } from 'sip.js';
import type { Invitation, Session } from 'sip.js';
import { kamailioInfo, passwordOf } from './kamailio.ts';
import { waitFor, withTimeout } from './wait.ts';

export interface PeerOptions {
  /** Digest password; default `pw<user>` (the provisioned one). */
  readonly password?: string;
  /** Register right away and fail if that does not work (default true). */
  readonly register?: boolean;
  /** Accept every incoming INVITE at once (default false). */
  readonly autoAnswer?: boolean;
  readonly displayName?: string;
}

/** Outcome of one REGISTER: a rejection carries the final status (403 for a wrong password). */
export type RegisterResult = { ok: true } | { ok: false; error: { status: number; reason: string } };

export interface Peer {
  readonly user: string;
  /** sip:<user>@<domain> */
  readonly aor: string;
  readonly ua: UserAgent;
  readonly registerer: Registerer;
  /** Every session of this peer, outgoing and incoming, in creation order. */
  readonly sessions: readonly Session[];
  /** Incoming INVITEs, in arrival order. */
  readonly invitations: readonly Invitation[];
  /** Sends one REGISTER and resolves with its final outcome (after the digest round trip). */
  register(): Promise<RegisterResult>;
  /** Calls `target` (a user such as "1002"); resolves once the INVITE is sent. */
  call(target: string, options?: { readonly extraHeaders?: readonly string[] }): Promise<Inviter>;
  /** Resolves with the next incoming INVITE not returned before. */
  nextInvitation(timeout?: number): Promise<Invitation>;
  /** Ends every session, unregisters, stops the UserAgent; never throws, bounded in time. */
  dispose(): Promise<void>;
}

const peers = new Set<Peer>();
const REGISTER_TIMEOUT_MS = 10_000;
const CLEANUP_STEP_MS = 3_000;

/** Creates a peer for `user` (1001..1009) on the run's Kamailio; by default registered before it resolves. */
export async function createPeer(user: string, options: PeerOptions = {}): Promise<Peer> {
  const { wsUrl, domain } = await kamailioInfo();
  const aor = `sip:${user}@${domain}`;
  const uri = UserAgent.makeURI(aor);
  if (!uri) throw new Error(`bad AOR ${aor}`);
  const sessions: Session[] = [];
  const invitations: Invitation[] = [];
  let consumed = 0;
  const ua = new UserAgent({
    uri,
    displayName: options.displayName ?? user,
    authorizationUsername: user,
    authorizationPassword: options.password ?? passwordOf(user),
    transportOptions: { server: wsUrl },
    logLevel: 'error',
    // No STUN server and a short gathering timeout: everything is on loopback (NOTES.md).
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: [] },
      iceGatheringTimeout: 500,
    },
    delegate: {
      onInvite(invitation) {
        sessions.push(invitation);
        invitations.push(invitation);
        if (options.autoAnswer) invitation.accept().catch(() => undefined);
      },
    },
  });
  const registerer = new Registerer(ua, { expires: 300 });

  const register = (): Promise<RegisterResult> =>
    withTimeout(
      new Promise<RegisterResult>((resolve) => {
        registerer
          .register({
            requestDelegate: {
              onAccept: () => resolve({ ok: true }),
              onReject: ({ message }) =>
                resolve({
                  ok: false,
                  error: { status: message.statusCode ?? 0, reason: message.reasonPhrase ?? '' },
                }),
            },
          })
          .catch((error: unknown) => resolve({ ok: false, error: { status: 0, reason: String(error) } }));
      }),
      REGISTER_TIMEOUT_MS,
      `REGISTER of ${user}`,
    );

  const peer: Peer = {
    user,
    aor,
    ua,
    registerer,
    sessions,
    invitations,
    register,
    async call(target, { extraHeaders = [] } = {}) {
      const targetUri = UserAgent.makeURI(`sip:${target}@${domain}`);
      if (!targetUri) throw new Error(`bad target ${target}`);
      const inviter = new Inviter(ua, targetUri, { extraHeaders: [...extraHeaders] });
      sessions.push(inviter);
      await inviter.invite();
      return inviter;
    },
    async nextInvitation(timeout = 10_000) {
      const invitation = await waitFor(() => invitations[consumed], {
        timeout,
        what: `an INVITE at ${user}`,
      });
      consumed += 1;
      return invitation;
    },
    async dispose() {
      peers.delete(peer);
      await Promise.all(sessions.map((session) => bounded(disposeSession(session))));
      if (registerer.state === RegistererState.Registered && ua.isConnected()) {
        await bounded(
          registerer.unregister().then(() => waitFor(() => registerer.state !== RegistererState.Registered)),
        );
      }
      await bounded(registerer.dispose());
      await bounded(ua.stop());
    },
  };
  peers.add(peer);
  await ua.start();
  if (options.register ?? true) {
    const result = await register();
    if (!result.ok)
      throw new Error(`${user} failed to register: ${result.error.status} ${result.error.reason}`);
    await waitFor(() => registerer.state === RegistererState.Registered, { what: `${user} Registered` });
  }
  return peer;
}

/** Ends a session whatever its state: CANCEL, reject, BYE (sip.js Session.dispose closes the media first). */
function disposeSession(session: Session): Promise<void> {
  return session.state === SessionState.Terminated ? Promise.resolve() : session.dispose();
}

/** Cleanup must not hang on a dead transport: each step gets CLEANUP_STEP_MS, failures are ignored. */
async function bounded(step: Promise<unknown>): Promise<void> {
  await withTimeout(step, CLEANUP_STEP_MS, 'cleanup step').catch(() => undefined);
}

/** Disposes every peer created by createPeer that is still alive. */
export async function disposeAllPeers(): Promise<void> {
  await Promise.all([...peers].map((peer) => peer.dispose()));
}
