// Session-level steps for e2e tests: wait for a state, hold/resume by re-INVITE, hang up.
import { Inviter, SessionState } from 'sip.js';
import type { Session, Web } from 'sip.js';
import { peerConnectionOf } from './media.ts';
import { waitFor } from './wait.ts';

/** Waits for `state`; fails at once (with the last state) if the session terminates first. */
export async function waitForSessionState(
  session: Session,
  state: SessionState,
  timeout = 10_000,
): Promise<void> {
  await waitFor(
    () => {
      if (session.state === state) return true;
      if (session.state === SessionState.Terminated) throw new Error(`session ${session.id} terminated`);
      return false;
    },
    { timeout, what: () => `session ${session.id} to be ${state} (is ${session.state})` },
  );
}

export const waitForEstablished = (session: Session, timeout?: number): Promise<void> =>
  waitForSessionState(session, SessionState.Established, timeout);

export const waitForTerminated = (session: Session, timeout?: number): Promise<void> =>
  waitFor(() => session.state === SessionState.Terminated, {
    timeout: timeout ?? 10_000,
    what: () => `session ${session.id} to terminate (is ${session.state})`,
  }).then(() => undefined);

// Audio senders emptied by setHold, to refill on resume.
const silenced = new WeakMap<Session, { sender: RTCRtpSender; track: MediaStreamTrack }>();

/**
 * Puts the call on hold (or resumes it) with a re-INVITE; resolves when it is answered 2xx.
 * sip.js offers a=sendonly, the far end answers recvonly, so the holder stops receiving. sendonly would
 * still let the holder's microphone reach the held party, so by default (`silence`) the holder's audio
 * sender is also emptied (replaceTrack(null) stops RTP; a disabled track would keep sending) and refilled on resume.
 */
export async function setHold(session: Session, hold: boolean, { silence = true } = {}): Promise<void> {
  if (!hold) await restoreSender(session);
  const options: Web.SessionDescriptionHandlerOptions = { hold };
  session.sessionDescriptionHandlerOptionsReInvite = options;
  await new Promise<void>((resolve, reject) => {
    session
      .invite({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: ({ message }) =>
            reject(new Error(`re-INVITE (hold=${hold}) rejected: ${message.statusCode ?? '?'}`)),
        },
      })
      .catch(reject);
  });
  if (hold && silence) await silenceSender(session);
}

async function silenceSender(session: Session): Promise<void> {
  const sender = peerConnectionOf(session)
    ?.getSenders()
    .find((candidate) => candidate.track?.kind === 'audio');
  if (!sender?.track) return;
  silenced.set(session, { sender, track: sender.track });
  await sender.replaceTrack(null);
}

async function restoreSender(session: Session): Promise<void> {
  const saved = silenced.get(session);
  silenced.delete(session);
  if (saved && !saved.sender.track) await saved.sender.replaceTrack(saved.track);
}

/** Hangs up: BYE when established, CANCEL for an outgoing call still ringing. */
export async function hangUp(session: Session): Promise<void> {
  if (session.state === SessionState.Established) {
    await session.bye();
  } else if (session instanceof Inviter && session.state !== SessionState.Terminated) {
    await session.cancel();
  }
}
