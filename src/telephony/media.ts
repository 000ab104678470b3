import { Web, type Session } from 'sip.js';
import type { MediaStats } from './telephony.ts';

/** The WebRTC handler, or undefined for an injected one (tests in Node): media is then not ours to touch. */
const webHandlerOf = (session: Session): Web.SessionDescriptionHandler | undefined => {
  const sdh = session.sessionDescriptionHandler;
  return sdh instanceof Web.SessionDescriptionHandler ? sdh : undefined;
};

export const peerConnectionOf = (session: Session): RTCPeerConnection | undefined =>
  webHandlerOf(session)?.peerConnection;

/** Plays the far end's audio; the element lives outside the DOM, so the host page is untouched. */
export function playRemoteAudio(session: Session): HTMLAudioElement | undefined {
  const sdh = webHandlerOf(session);
  if (!sdh) return undefined;
  const audio = new Audio();
  audio.autoplay = true;
  audio.srcObject = sdh.remoteMediaStream;
  audio.play().catch(() => {
    /* autoplay may be blocked until the agent interacts with the page; the stream still flows */
  });
  return audio;
}

export function stopRemoteAudio(audio: HTMLAudioElement | undefined): void {
  if (!audio) return;
  audio.pause();
  audio.srcObject = null;
}

/**
 * Mute disables the microphone track (silence is sent); the far end sees no renegotiation.
 * It acts on the local stream's tracks, not the senders', so a mute set while held (when the
 * sender has no track) still holds after resume re-attaches the same track.
 */
export function setMicrophoneEnabled(session: Session, enabled: boolean): boolean {
  const sdh = webHandlerOf(session);
  const tracks = sdh?.localMediaStream.getAudioTracks() ?? [];
  for (const track of tracks) track.enabled = enabled;
  return tracks.length > 0;
}

/**
 * While held nothing is sent at all (the held party must not hear the agent), so the audio
 * sender's track is detached and re-attached on resume.
 */
export async function setSending(session: Session, sending: boolean): Promise<void> {
  const sdh = webHandlerOf(session);
  const pc = sdh?.peerConnection;
  if (!sdh || !pc) return;
  const track = sdh.localMediaStream.getAudioTracks()[0] ?? null;
  await Promise.all(
    pc
      .getTransceivers()
      .filter((t) => t.receiver.track.kind === 'audio')
      .map((t) => t.sender.replaceTrack(sending ? track : null)),
  );
}

export async function mediaStats(session: Session): Promise<MediaStats | undefined> {
  const pc = peerConnectionOf(session);
  if (!pc) return undefined;
  const report = await pc.getStats();
  let inboundBytes = 0;
  let outboundBytes = 0;
  let inboundPackets = 0;
  let inboundAudioEnergy = 0;
  report.forEach((s: RtpStats) => {
    if (s.kind !== 'audio') return;
    if (s.type === 'inbound-rtp') {
      inboundBytes += s.bytesReceived ?? 0;
      inboundPackets += s.packetsReceived ?? 0;
      inboundAudioEnergy += s.totalAudioEnergy ?? 0;
    }
    if (s.type === 'outbound-rtp') outboundBytes += s.bytesSent ?? 0;
  });
  return { inboundBytes, outboundBytes, inboundPackets, inboundAudioEnergy };
}

interface RtpStats {
  type?: string;
  kind?: string;
  bytesReceived?: number;
  bytesSent?: number;
  packetsReceived?: number;
  totalAudioEnergy?: number;
}

/** RFC 4566: an offer we can answer must carry an audio m-line. */
export const offersAudio = (sdp: string | undefined): boolean =>
  sdp !== undefined && /^m=audio [1-9]/m.test(sdp);
