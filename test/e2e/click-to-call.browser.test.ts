// Click-to-call end to end: a CRM page adds a tel: link after load; the agent clicks it, the
// widget asks "Call …?", the agent presses Call, and a real peer rings through Kamailio.
import { expect } from '@open-wc/testing';
import type { PhoneCommand } from '../../src/core/commands.ts';
import { cleanupE2e, createPeer, waitFor } from './helpers.ts';
import { mountWidget, shadow, unmountWidgets, waitRegistered } from './widget.ts';

describe('click-to-call through Kamailio', () => {
  const added: Element[] = [];
  afterEach(async () => {
    added.splice(0).forEach((el) => el.remove());
    await unmountWidgets();
    await cleanupE2e();
  });

  it('a tel: link added after load dials the far end once the agent confirms', async () => {
    const w = await mountWidget('1007', { clickToCall: { confirm: true, defaultCountry: 'DE' } });
    const peer = await createPeer('1008');
    await waitRegistered(w);
    const requests: string[] = [];
    const commands: PhoneCommand[] = [];
    w.el.addEventListener('cti-request-dial', (e) => requests.push(`${e.detail.source}:${e.detail.number}`));
    w.el.addEventListener('cti-command-request', (e) => commands.push(e.detail));
    // The CRM renders a contact row long after the widget started.
    await new Promise((r) => setTimeout(r, 200));
    const row = document.createElement('p');
    row.innerHTML = 'Bob Example, <a href="tel:1008">1008</a>';
    document.body.append(row);
    added.push(row);
    const link = row.querySelector('a');
    if (!link) throw new Error('no link');
    link.click();
    const call = await waitFor(() => shadow(w).querySelector<HTMLButtonElement>('[part~="call-button"]'), {
      what: 'the widget',
    });
    await waitFor(() => shadow(w).querySelector('[part~="dial-confirm"]'), { what: 'the "Call …?" prompt' });
    expect(shadow(w).querySelector('[part~="dial-confirm"]')?.textContent?.trim()).to.equal('Call 1008?');
    expect(w.phone.state.calls.length, 'nothing dialled before the agent confirms').to.equal(0);
    call.click();
    const invitation = await peer.nextInvitation(20_000);
    expect(invitation.remoteIdentity.uri.user).to.equal('1007');
    const dialled = await w.call('ringing-out');
    expect(dialled.remote.number).to.equal('1008');
    expect(requests).to.deep.equal(['click:1008']);
    expect(commands).to.deep.equal([{ type: 'dial', target: '1008' }]);
  });
});
