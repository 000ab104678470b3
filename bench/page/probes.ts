// In-page instrumentation, installed before the widget's script loads: every WebSocket records when
// INVITE frames leave and arrive and when final INVITE responses arrive (keyed by SIP Call-ID), and
// every RTCPeerConnection is remembered weakly so the bench can count the ones still open.

export interface FrameTimes {
  /** performance.now() when an INVITE with this Call-ID was first handed to WebSocket.send. */
  inviteSent?: number;
  /** performance.now() in the socket's first 'message' listener, for the first INVITE received. */
  inviteReceived?: number;
  /** performance.now() when the first 200 OK to an INVITE arrived. */
  okReceived?: number;
}

const frames = new Map<string, FrameTimes>();
const peerConnections: WeakRef<RTCPeerConnection>[] = [];
/** ICE server URLs of the newest RTCPeerConnection: shows which configuration really reached WebRTC. */
let lastIceServerUrls: string[] = [];
// Bounded: the bench clears this between trials; never keep more than this many Call-IDs.
const MAX_TRACKED_CALLS = 1_000;

/** Profiling only (bench/profile.ts): user-timing marks, which land in a Chrome trace on its clock. */
let marks = false;
export function setMarks(on: boolean): void {
  marks = on;
  performance.clearMarks();
}
export function mark(name: string): void {
  if (marks) performance.mark(name);
}

const callIdOf = (text: string): string | undefined => /^(?:Call-ID|i)\s*:\s*(\S+)/im.exec(text)?.[1];

function note(text: string, field: keyof FrameTimes, at: number): void {
  const callId = callIdOf(text);
  if (callId === undefined) return;
  const entry = frames.get(callId) ?? {};
  if (entry[field] === undefined) entry[field] = at;
  if (frames.size >= MAX_TRACKED_CALLS && !frames.has(callId)) frames.clear();
  frames.set(callId, entry);
}

function onFrame(event: MessageEvent): void {
  const at = performance.now();
  if (typeof event.data !== 'string') return;
  if (event.data.startsWith('INVITE ')) {
    mark('bench:invite');
    note(event.data, 'inviteReceived', at);
  } else if (event.data.startsWith('SIP/2.0 200') && /^CSeq\s*:\s*\d+\s+INVITE\s*$/im.test(event.data))
    note(event.data, 'okReceived', at);
}

/** Replaces WebSocket and RTCPeerConnection by recording subclasses. Call once, before any other script. */
export function installProbes(): void {
  const NativeWebSocket = window.WebSocket;
  class ProbedWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Registered in the constructor, so it is this socket's first 'message' listener.
      this.addEventListener('message', onFrame);
    }

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string' && data.startsWith('INVITE ')) note(data, 'inviteSent', performance.now());
      super.send(data);
    }
  }
  window.WebSocket = ProbedWebSocket;

  const NativePeerConnection = window.RTCPeerConnection;
  class ProbedPeerConnection extends NativePeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      lastIceServerUrls = (configuration?.iceServers ?? []).flatMap((s) =>
        typeof s.urls === 'string' ? [s.urls] : s.urls,
      );
      // Weak: holding the connections would keep them alive and distort the heap figure.
      peerConnections.push(new WeakRef(this));
    }
  }
  window.RTCPeerConnection = ProbedPeerConnection;
}

export function frameTimes(callId: string): FrameTimes {
  return { ...frames.get(callId) };
}

export function clearFrameTimes(): void {
  frames.clear();
  // The cache figure reads the widget's fetch from resource timing, whose buffer fills at 250.
  performance.clearResourceTimings();
}

/** Peer connections created so far, and those neither closed nor garbage-collected. */
export function peerConnectionCounts(): { created: number; live: number; lastIceServerUrls: string[] } {
  let live = 0;
  for (const ref of peerConnections) {
    const pc = ref.deref();
    if (pc && (pc.connectionState !== 'closed' || pc.signalingState !== 'closed')) live += 1;
  }
  return { created: peerConnections.length, live, lastIceServerUrls };
}
