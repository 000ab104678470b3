// <cti-softphone> itself, as a CRM page uses it: the phone it builds from `config`, what happens
// when the config changes or a framework moves the element, and the veto of commands from its JS API.
import { expect } from '@open-wc/testing';
import type { PhoneCommand } from '../../src/core/commands.ts';
import type { Phone } from '../../src/phone.ts';
import { cleanupE2e, createPeer, waitFor, waitForRegistrations } from './helpers.ts';
import { kamailioInfo, passwordOf } from './kamailio.ts';
import { mountWidget, unmountWidgets, waitRegistered } from './widget.ts';

describe('<cti-softphone> element', () => {
  afterEach(async () => {
    await unmountWidgets();
    await cleanupE2e();
  });

  it('swaps its phone when the config changes: the old one unregisters, the new one rings', async () => {
    const w = await mountWidget('1001');
    await waitRegistered(w);
    const { wsUrl, domain } = await kamailioInfo();
    const offers: string[] = [];
    w.el.addEventListener('cti-offer', (e) => offers.push(e.detail.to.number));
    w.el.config = {
      server: wsUrl,
      aor: `sip:1002@${domain}`,
      authorizationUsername: '1002',
      password: passwordOf('1002'),
    };
    await w.el.updateComplete;
    const next = w.el.phone as Phone;
    expect(next).to.not.equal(w.phone);
    await waitFor(() => next.state.registration.state === 'registered', { what: 'the new phone registered' });
    await waitFor(() => w.phone.state.registration.state === 'unregistered', {
      what: 'the old phone unregistered',
    });
    await waitForRegistrations(['1002']);
    const peer = await createPeer('1003');
    await peer.call('1002');
    await waitFor(() => next.state.calls.find((c) => c.state === 'ringing-in'), { what: '1002 rings' });
    expect(offers).to.deep.equal(['1002']);
  });

  it('keeps its phone when moved within one task, and stops it when removed', async () => {
    const w = await mountWidget('1004');
    await waitRegistered(w);
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    try {
      const offers: string[] = [];
      w.el.addEventListener('cti-offer', (e) => offers.push(e.detail.callId));
      elsewhere.append(w.el); // disconnect + connect in one task, as a CRM framework re-parenting does
      await new Promise((r) => setTimeout(r, 0)); // past the microtask in which the element decides
      expect(w.el.phone).to.equal(w.phone);
      // Proof that it still works: a call rings it, and its host events still reach the page.
      const peer = await createPeer('1005');
      await peer.call('1004');
      const ringing = await w.call('ringing-in');
      await waitFor(() => offers.length === 1, { what: 'cti-offer after the move' });
      expect(offers).to.deep.equal([ringing.callId]);
      w.el.remove();
      await waitFor(() => w.phone.state.registration.state === 'unregistered', {
        what: 'the removed element’s phone stopped',
      });
      await waitForRegistrations(['1005'], 10_000); // 1004 is gone; the peer that called stays
    } finally {
      elsewhere.remove();
    }
  });

  it('runs the host’s veto for commands from element.phone too, not only from its buttons', async () => {
    const w = await mountWidget('1006');
    await waitRegistered(w);
    const requests: PhoneCommand[] = [];
    w.el.addEventListener('cti-command-request', (e) => {
      requests.push(e.detail);
      if (e.detail.type === 'dial' && e.detail.target === '1007') e.preventDefault();
    });
    const errors: string[] = [];
    w.el.addEventListener('cti-command-error', (e) => errors.push(e.detail.code));
    const vetoed = await w.phone.dial('1007');
    expect(vetoed.ok ? 'ok' : vetoed.error.code).to.equal('vetoed');
    expect(w.phone.state.calls.length).to.equal(0);
    const refused = await w.phone.answer('nope');
    expect(refused.ok ? 'ok' : refused.error.code).to.equal('no-such-call');
    expect(requests).to.deep.equal([
      { type: 'dial', target: '1007' },
      { type: 'answer', callId: 'nope' },
    ]);
    expect(errors).to.deep.equal(['no-such-call']);
  });
});
