// Audio facts about a sip.js session, read from its RTCPeerConnection: RTP bytes in/out (getStats),
// waiting for audio to flow or to stop, and playing the remote audio in the page.
import { Web } from 'sip.js';
import type { Session } from 'sip.js';
import { z } from 'zod';
import { observeFor, waitFor } from './wait.ts';

const InboundAudio = z.object({
  type: z.literal('inbound-rtp'),
  kind: z.literal('audio'),
  bytesReceived: z.number(),
});
const OutboundAudio = z.object({
  type: z.literal('outbound-rtp'),
  kind: z.literal('audio'),
  bytesSent: z.number(),
});

/** The session's RTCPeerConnection, or undefined before the offer/answer or after it was closed. */
export function peerConnectionOf(session: Session): RTCPeerConnection | undefined {
  const handler = session.sessionDescriptionHandler;
  return handler instanceof Web.SessionDescriptionHandler ? handler.peerConnection : undefined;
}

function requirePeerConnection(session: Session): RTCPeerConnection {
  const pc = peerConnectionOf(session);
  if (!pc) throw new Error(`session ${session.id} has no RTCPeerConnection (state ${session.state})`);
  return pc;
}

async function sumStats(session: Session, pick: (stat: unknown) => number): Promise<number> {
  const report = await requirePeerConnection(session).getStats();
  let total = 0;
  report.forEach((stat: unknown) => (total += pick(stat)));
  return total;
}

/** RTP audio payload bytes received so far (getStats `inbound-rtp`, kind audio, `bytesReceived`). */
export function inboundAudioBytes(session: Session): Promise<number> {
  return sumStats(session, (stat) => InboundAudio.safeParse(stat).data?.bytesReceived ?? 0);
}

/** RTP audio payload bytes sent so far (getStats `outbound-rtp`, kind audio, `bytesSent`). */
export function outboundAudioBytes(session: Session): Promise<number> {
  return sumStats(session, (stat) => OutboundAudio.safeParse(stat).data?.bytesSent ?? 0);
}

export interface AudioWaitOptions {
  readonly timeout?: number;
  /** Names the session in failure messages, e.g. "1002". */
  readonly label?: string;
}

/** Waits until the session's inbound audio bytes grow past their current value; resolves with the new count. */
export async function waitForAudio(
  session: Session,
  { timeout = 10_000, label = session.id }: AudioWaitOptions = {},
): Promise<number> {
  const start = await inboundAudioBytes(session);
  let last = start;
  return waitFor(
    async () => {
      last = await inboundAudioBytes(session);
      return last > start ? last : 0;
    },
    { timeout, what: () => `inbound audio at ${label} to grow beyond ${start} bytes (now ${last})` },
  );
}

/**
 * Waits until the session's inbound audio bytes stay constant over a `window` ms (default 600; Opus sends a
 * packet every 20 ms, so a live stream always grows in that time). Resolves with the frozen count.
 */
export async function waitForAudioToStop(
  session: Session,
  {
    timeout = 10_000,
    label = session.id,
    window = 600,
  }: AudioWaitOptions & { readonly window?: number } = {},
): Promise<number> {
  let before = 0;
  let after = 0;
  await waitFor(
    async () => {
      before = await inboundAudioBytes(session);
      await observeFor(window);
      after = await inboundAudioBytes(session);
      return after === before;
    },
    {
      timeout,
      interval: 0,
      what: () => `inbound audio at ${label} to stop (grew ${before} → ${after} in ${window} ms)`,
    },
  );
  return after;
}

const audioElements = new Set<HTMLAudioElement>();

/** Plays the session's remote audio in an <audio> element appended to the page (removed by detachAllAudio). */
export function attachRemoteAudio(session: Session): HTMLAudioElement {
  const stream = new MediaStream();
  for (const receiver of requirePeerConnection(session).getReceivers()) {
    if (receiver.track.kind === 'audio') stream.addTrack(receiver.track);
  }
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.srcObject = stream;
  document.body.append(audio);
  audioElements.add(audio);
  return audio;
}

/** Removes every <audio> element made by attachRemoteAudio. */
export function detachAllAudio(): void {
  for (const audio of audioElements) {
    audio.srcObject = null;
    audio.remove();
  }
  audioElements.clear();
}
