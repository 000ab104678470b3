// Proves the e2e bed itself with plain sip.js peers on the real Kamailio: registration, a call with a custom
// header and audio both ways, hold/resume by re-INVITE, BYE, a wrong password, Kamailio restarting.
import { expect } from '@open-wc/testing';
import {
  cleanupE2e,
  createPeer,
  hangUp,
  inboundAudioBytes,
  kamailioRegistrations,
  observeFor,
  setHold,
  startKamailio,
  stopKamailio,
  waitFor,
  waitForAudio,
  waitForAudioToStop,
  waitForEstablished,
  waitForRegistrations,
  waitForTerminated,
} from './helpers.ts';

describe('e2e bed: plain sip.js peers on Kamailio', () => {
  afterEach(cleanupE2e);

  it('registers 1001 and 1002', async () => {
    await createPeer('1001');
    await createPeer('1002');
    await waitForRegistrations(['1001', '1002']);
  });

  it('calls with a custom header, carries audio both ways, holds, resumes and hangs up', async () => {
    const caller = await createPeer('1001');
    const callee = await createPeer('1002', { autoAnswer: true });
    const call = await caller.call('1002', { extraHeaders: ['X-Call-Data: abc'] });
    const incoming = await callee.nextInvitation();
    expect(incoming.request.getHeader('X-Call-Data')).to.equal('abc');
    await Promise.all([waitForEstablished(call), waitForEstablished(incoming)]);

    // Audio both ways, and still growing after the first packets.
    for (let round = 0; round < 2; round++) {
      await Promise.all([waitForAudio(call, { label: '1001' }), waitForAudio(incoming, { label: '1002' })]);
    }
    expect(await inboundAudioBytes(call)).to.be.greaterThan(0);
    expect(await inboundAudioBytes(incoming)).to.be.greaterThan(0);

    // 1001 holds: sendonly offer, recvonly answer, and 1001's sender emptied: no audio either way.
    await setHold(call, true);
    const [frozenAtHolder, frozenAtHeld] = await Promise.all([
      waitForAudioToStop(call, { label: '1001 (holding)' }),
      waitForAudioToStop(incoming, { label: '1002 (held)' }),
    ]);
    await observeFor(1_000);
    expect(await inboundAudioBytes(call), 'no audio reaches 1001 while holding').to.equal(frozenAtHolder);
    expect(await inboundAudioBytes(incoming), 'no audio reaches 1002 while held').to.equal(frozenAtHeld);

    await setHold(call, false);
    await Promise.all([
      waitForAudio(call, { label: '1001 (resumed)' }),
      waitForAudio(incoming, { label: '1002 (resumed)' }),
    ]);

    await hangUp(call);
    await Promise.all([waitForTerminated(call), waitForTerminated(incoming)]);
  });

  it('rejects a wrong password with a clear failed registration', async () => {
    const peer = await createPeer('1003', { password: 'not-the-password', register: false });
    const result = await peer.register();
    expect(result.ok).to.equal(false);
    if (!result.ok) expect([401, 403]).to.include(result.error.status);
    expect(await kamailioRegistrations()).to.deep.equal([]);
  });

  it('registers again after Kamailio is stopped and started', async () => {
    const survivor = await createPeer('1001');
    await waitForRegistrations(['1001']);
    await stopKamailio();
    await waitFor(() => !survivor.ua.isConnected(), { what: '1001 transport to drop' });
    await startKamailio();
    expect(await kamailioRegistrations(), 'usrloc is in memory: a restart forgets everyone').to.deep.equal(
      [],
    );

    await survivor.ua.reconnect();
    const again = await survivor.register();
    expect(again).to.deep.equal({ ok: true });
    await createPeer('1002');
    await waitForRegistrations(['1001', '1002']);
  });
});
