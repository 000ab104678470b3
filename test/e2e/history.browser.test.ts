// The call history as an agent sees it: real calls through Kamailio, journaled in the browser's own
// IndexedDB, listed by the widget (History), and a call back that really rings the far end.
import { expect } from '@open-wc/testing';
import type { CtiCallHistory } from '../../src/ui/call-history.ts';
import { cleanupE2e, createPeer, waitFor } from './helpers.ts';
import { mountWidget, unmountWidgets, waitRegistered } from './widget.ts';

const journals: string[] = [];
const shadowOf = (el: Element) => {
  if (!el.shadowRoot) throw new Error(`${el.localName} has no shadow root`);
  return el.shadowRoot;
};

describe('call history', () => {
  afterEach(async () => {
    await unmountWidgets();
    await cleanupE2e();
  });
  after(() => journals.splice(0).forEach((n) => indexedDB.deleteDatabase(n)));

  it('lists an answered and a missed call from the journal, and calls back from the list', async function () {
    this.timeout(90_000);
    const name = `cti-history-e2e-${crypto.randomUUID()}`;
    journals.push(name);
    const w = await mountWidget('1007', { journal: { name } });
    await waitRegistered(w);
    const peer = await createPeer('1008');

    await peer.call('1007');
    const answered = await w.call('ringing-in');
    await w.phone.answer(answered.callId);
    await w.call('connected');
    await w.phone.hangup(answered.callId);
    const missed = await peer.call('1007');
    await w.call('ringing-in');
    await missed.cancel();

    const history = await waitFor(
      () =>
        w.el.history?.length === 2 && w.el.history.every((r) => r.outcome !== 'live')
          ? w.el.history
          : undefined,
      { what: 'two ended calls in the widget’s history', timeout: 20_000 },
    );
    expect(history.map((r) => [r.number, r.direction, r.outcome])).to.deep.equal([
      ['1008', 'inbound', 'missed'],
      ['1008', 'inbound', 'answered'],
    ]);
    expect(history[1]?.callId).to.equal(answered.callId);
    expect(await w.phone.history(10), 'the phone reads the same records').to.deep.equal(history);

    // The agent opens History and presses Call on the first row: 1008 rings.
    const button = await waitFor(
      () => shadowOf(w.el).querySelector<HTMLButtonElement>('[part~="history-button"]'),
      {
        what: 'the History button',
      },
    );
    button.click();
    const list = await waitFor(() => shadowOf(w.el).querySelector<CtiCallHistory>('cti-call-history'), {
      what: 'the history list',
    });
    await customElements.whenDefined('cti-call-history'); // loaded on first show
    await list.updateComplete;
    const rows = shadowOf(list).querySelectorAll('[part~="history-row"]');
    expect([...rows].map((r) => r.getAttribute('data-outcome'))).to.deep.equal(['missed', 'answered']);
    shadowOf(list).querySelector<HTMLButtonElement>('[part~="call-back-button"]')?.click();
    const invitation = await peer.nextInvitation(20_000);
    expect(invitation.remoteIdentity.uri.user).to.equal('1007');
    const dialled = await w.call('ringing-out');
    expect(dialled.remote.number).to.equal('1008');
  });
});
