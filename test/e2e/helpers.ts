// Shared helpers for browser e2e tests against the run's real Kamailio (started by kamailio-plugin.mjs).
// Typical test:
//   afterEach(cleanupE2e);
//   const caller = await createPeer('1001');               // registered sip.js peer
//   const callee = await createPeer('1002', { autoAnswer: true });
//   const call = await caller.call('1002', { extraHeaders: ['X-Call-Data: abc'] });
//   await waitForEstablished(call); await waitForAudio(call);
import './peer-connections.ts'; // side effect: counts RTCPeerConnections from page start
import { kamailioInfo, startKamailio, waitForRegistrations } from './kamailio.ts';
import { detachAllAudio } from './media.ts';
import { disposeAllPeers } from './peer.ts';
import { openPeerConnections } from './peer-connections.ts';
import { waitFor } from './wait.ts';

export * from './calls.ts';
export * from './kamailio.ts';
export * from './media.ts';
export * from './peer.ts';
export * from './peer-connections.ts';
export * from './wait.ts';

/**
 * For afterEach: disposes every sip.js peer, removes attached <audio>, restarts Kamailio if a test stopped
 * it, then asserts that nothing is left: no RTCPeerConnection open, no AOR registered.
 * A widget test should remove its elements first (fixtureCleanup) so their connections close too.
 */
export async function cleanupE2e(): Promise<void> {
  await disposeAllPeers();
  detachAllAudio();
  if (!(await kamailioInfo()).running) await startKamailio();
  await waitFor(() => openPeerConnections().length === 0, {
    timeout: 5_000,
    what: () => `all RTCPeerConnections closed (${openPeerConnections().length} open)`,
  });
  await waitForRegistrations([], 5_000);
}
