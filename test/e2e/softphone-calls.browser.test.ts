// <cti-softphone> end to end: real widgets (sip.js adapter + core + Lit UI) on a real Kamailio,
// real WebRTC media between them (fake capture devices), asserted through getStats byte counters.
import { expect } from '@open-wc/testing';
import { cleanupE2e, waitFor } from './helpers.ts';
import {
  audioStaysFlat,
  connectCall,
  energyOver,
  lastEnded,
  mountWidget,
  shadow,
  unmountWidgets,
  waitForWidgetAudio,
  waitRegistered,
} from './widget.ts';

async function pair(a = '1001', b = '1002') {
  const [wa, wb] = await Promise.all([mountWidget(a), mountWidget(b)]);
  await Promise.all([waitRegistered(wa), waitRegistered(wb)]);
  return [wa, wb] as const;
}

describe('<cti-softphone> calls through Kamailio', () => {
  afterEach(async () => {
    await unmountWidgets();
    await cleanupE2e();
  });

  it('calls, rings with a popup, answers from the popup, and carries audio both ways', async () => {
    const [alice, bob] = await pair();
    const dialled = await alice.phone.dial('1002');
    expect(dialled.ok).to.equal(true);
    const ringing = await bob.call('ringing-in');
    expect(ringing.remote.number).to.equal('1001');
    expect(ringing.remote.displayName).to.equal('Agent 1001');
    await bob.el.updateComplete;
    const popup = shadow(bob).querySelector('[part~="popup"]');
    expect(popup?.textContent).to.contain('1001');
    shadow(bob).querySelector<HTMLButtonElement>('#answer')?.click();
    const [a, b] = await Promise.all([alice.call('connected'), bob.call('connected')]);
    await Promise.all([waitForWidgetAudio(alice, a.callId), waitForWidgetAudio(bob, b.callId)]);
    expect(await bob.phone.hangup(b.callId)).to.deep.equal({ ok: true, value: undefined });
    expect((await lastEnded(alice, a.callId)).endReason).to.equal('remote-hangup');
    expect((await lastEnded(bob, b.callId)).endReason).to.equal('local-hangup');
  });

  it('calls the other way and the caller hangs up', async () => {
    const [alice, bob] = await pair();
    await bob.phone.dial('1001');
    const offer = await alice.call('ringing-in');
    await alice.phone.answer(offer.callId);
    const b = await bob.call('connected');
    await Promise.all([waitForWidgetAudio(alice, offer.callId), waitForWidgetAudio(bob, b.callId)]);
    await bob.phone.hangup(b.callId);
    expect((await lastEnded(alice, offer.callId)).endReason).to.equal('remote-hangup');
  });

  it('rejects with 486 and the caller sees a failed call', async () => {
    const [alice, bob] = await pair();
    await alice.phone.dial('1002');
    const offer = await bob.call('ringing-in');
    const a = alice.phone.state.calls[0];
    expect(await bob.phone.reject(offer.callId)).to.deep.equal({ ok: true, value: undefined });
    expect((await lastEnded(bob, offer.callId)).endReason).to.equal('rejected');
    const failed = await lastEnded(alice, a?.callId ?? '');
    expect([failed.endReason, failed.failCode]).to.deep.equal(['failed', 486]);
  });

  it('lets the caller cancel a ringing call', async () => {
    const [alice, bob] = await pair();
    const dialled = await alice.phone.dial('1002');
    const offer = await bob.call('ringing-in');
    if (!dialled.ok) throw new Error('dial failed');
    await alice.call('ringing-out');
    await alice.phone.hangup(dialled.value.callId);
    expect((await lastEnded(bob, offer.callId)).endReason).to.equal('cancelled');
    expect((await lastEnded(alice, dialled.value.callId)).endReason).to.equal('cancelled');
  });

  it('cancels a call hung up while still dialling: the far end never rings', async () => {
    const [alice, bob] = await pair();
    const dialled = await alice.phone.dial('1002');
    if (!dialled.ok) throw new Error('dial failed');
    expect(alice.phone.state.calls[0]?.state).to.equal('dialing');
    expect((await alice.phone.hangup(dialled.value.callId)).ok).to.equal(true);
    expect((await lastEnded(alice, dialled.value.callId)).endReason).to.equal('cancelled');
    // Proof that nothing left: a second call over the same socket and proxy arrives after the first
    // INVITE would have, so when it rings it must be the only call bob has ever seen.
    const second = await alice.phone.dial('1002');
    if (!second.ok) throw new Error('second dial failed');
    const ringing = await bob.call('ringing-in');
    expect(ringing.callId).to.equal(second.value.callId);
    expect(bob.phone.state.calls.length + bob.phone.state.recent.length).to.equal(1);
  });

  it('keeps a mute set while held after resume', async () => {
    const [alice, bob] = await pair();
    const { ac, bc } = await connectCall(alice, bob);
    const a = { callId: ac };
    const offer = { callId: bc };
    await waitForWidgetAudio(alice, a.callId);
    const audible = await energyOver(alice, a.callId);
    await bob.phone.hold(offer.callId);
    expect((await bob.phone.mute(offer.callId, true)).ok).to.equal(true);
    await bob.phone.resume(offer.callId);
    await waitForWidgetAudio(bob, offer.callId);
    const muted = await energyOver(alice, a.callId);
    expect(muted, `silence after resume while muted (${muted} vs ${audible})`).to.be.below(audible / 100);
  });

  it('holds with no media either way, resumes with audio again, and mutes', async () => {
    const [alice, bob] = await pair();
    const { ac, bc } = await connectCall(alice, bob);
    const a = { callId: ac };
    const offer = { callId: bc };
    await waitForWidgetAudio(bob, offer.callId);
    expect((await bob.phone.hold(offer.callId)).ok).to.equal(true);
    expect(bob.phone.state.calls[0]?.state).to.equal('held');
    expect(await audioStaysFlat(bob, offer.callId), 'holder receives nothing').to.equal(true);
    expect(await audioStaysFlat(alice, a.callId), 'held party hears nothing').to.equal(true);
    expect((await bob.phone.resume(offer.callId)).ok).to.equal(true);
    await Promise.all([waitForWidgetAudio(alice, a.callId), waitForWidgetAudio(bob, offer.callId)]);
    // Mute: no renegotiation; the far end hears silence (no audio energy), and hears again after unmute.
    const audible = await energyOver(alice, a.callId);
    expect(audible, 'alice hears bob before mute').to.be.above(0);
    expect((await bob.phone.mute(offer.callId, true)).ok).to.equal(true);
    expect(bob.phone.state.calls[0]?.muted).to.equal(true);
    await bob.el.updateComplete;
    expect(shadow(bob).querySelector('[part~="mute-button"]')?.getAttribute('aria-pressed')).to.equal('true');
    // Audio already in flight when mute took effect still arrives: wait (bounded) for a silent window.
    await waitFor(async () => (await energyOver(alice, a.callId)) < audible / 100, {
      timeout: 10_000,
      what: () => `alice to hear silence while bob is muted (${audible} before)`,
    });
    expect((await bob.phone.mute(offer.callId, false)).ok).to.equal(true);
    await waitFor(async () => (await energyOver(alice, a.callId, 500)) > 0, {
      what: 'alice hears bob again after unmute',
    });
    // Resume is refused on a call that is not held: a typed error, nothing thrown.
    const wrong = await alice.phone.resume(a.callId);
    expect(wrong.ok).to.equal(false);
    if (!wrong.ok) expect(wrong.error.code).to.equal('invalid-state');
  });
});
