// Counts the page's live RTCPeerConnections, whoever created them (sip.js peers or the widget), so a
// test can assert that a call left nothing open. Installed by importing this module (helpers.ts does).

const created = new Set<RTCPeerConnection>();
let installed = false;

/** Replaces window.RTCPeerConnection by a subclass that records every instance. Idempotent. */
export function trackPeerConnections(): void {
  if (installed) return;
  installed = true;
  const Native = window.RTCPeerConnection;
  class TrackedPeerConnection extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      created.add(this);
    }
  }
  window.RTCPeerConnection = TrackedPeerConnection;
}

/** Peer connections created since tracking started and not closed yet. */
export function openPeerConnections(): RTCPeerConnection[] {
  for (const pc of created) {
    if (pc.signalingState === 'closed') created.delete(pc);
  }
  return [...created];
}

trackPeerConnections();
