// Screen pop with call data, end to end: real widgets and sip.js peers through the run's Kamailio,
// the real cache service (cache-plugin.mjs), real Chromium.
import { expect } from '@open-wc/testing';
import type { Invitation } from 'sip.js';
import { lookupCache } from '../../src/calldata/cache-client.ts';
import { mergeCallData } from '../../src/core/call-data-view.ts';
import type { PhoneEvent } from '../../src/core/events.ts';
import { cacheConfig, cacheInfo } from './cache.ts';
import { cleanupE2e, createPeer, waitFor } from './helpers.ts';
import { lastEnded, mountWidget, shadow, unmountWidgets, waitRegistered, type Widget } from './widget.ts';

let alerted = false;
window.alert = () => void (alerted = true);

async function registered(user: string, extra = {}): Promise<Widget> {
  const w = await mountWidget(user, extra);
  await waitRegistered(w);
  return w;
}

const popupText = (w: Widget) =>
  shadow(w).querySelector('[part~="popup"]')?.textContent?.replace(/\s+/g, ' ') ?? '';
const fieldTexts = (w: Widget) =>
  [...shadow(w).querySelectorAll('[part~="popup"] .field')].map(
    (f) =>
      `${f.querySelector('dt')?.textContent?.trim() ?? ''}=${f.querySelector('dd')?.textContent?.trim() ?? ''}`,
  );
const hex = (s: string) =>
  [...new TextEncoder().encode(s)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Every event of a widget's phone from now on. */
function record(w: Widget): PhoneEvent[] {
  const events: PhoneEvent[] = [];
  w.phone.subscribe((_s, e) => events.push(e));
  return events;
}

describe('<cti-softphone> screen pop with call data', () => {
  afterEach(async () => {
    await unmountWidgets();
    await cleanupE2e();
    expect(alerted, 'no caller data ran as script').to.equal(false);
  });

  it('shows X-Call-Data and User-to-User from the INVITE in the popup, as text', async () => {
    const agent = await registered('1002');
    const caller = await createPeer('1001');
    const data = { reason: 'billing', note: '<img src=x onerror=alert(1)>' };
    await caller.call('1002', {
      extraHeaders: [
        `X-Call-Data: ${JSON.stringify(data)}`,
        `User-to-User: ${hex('case=123')};encoding=hex;purpose=call`,
      ],
    });
    const ringing = await agent.call('ringing-in');
    expect(ringing.callData?.headers).to.deep.equal(data);
    await agent.el.updateComplete;
    expect(fieldTexts(agent)).to.deep.equal([
      'reason=billing',
      'note=<img src=x onerror=alert(1)>',
      'User-to-User=case=123',
    ]);
    expect(shadow(agent).querySelectorAll('[part~="popup"] img').length).to.equal(0);
  });

  it('rings and answers whatever hostile data the headers carry, dropping what is unsafe', async () => {
    const agent = await registered('1002');
    const events = record(agent);
    const caller = await createPeer('1001');
    const deep = `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`;
    await caller.call('1002', {
      extraHeaders: [
        `X-Call-Data: ${deep}`,
        `User-to-User: abc;encoding=hex`,
        `X-Call-Data: {"second":"copy"}`,
      ],
    });
    const ringing = await agent.call('ringing-in');
    expect(mergeCallData(ringing.callData).fields).to.deep.equal([]);
    const problems = events
      .filter((e) => e.type === 'error')
      .map((e) => (e.type === 'error' ? e.message : ''));
    expect(problems.some((m) => m.includes('X-Call-Data'))).to.equal(true);
    expect(problems.some((m) => m.includes('User-to-User'))).to.equal(true);
    expect((await agent.phone.answer(ringing.callId)).ok).to.equal(true);
    await agent.call('connected');
  });

  it('sends call data with dial(): a plain sip.js peer receives it byte for byte', async () => {
    const agent = await registered('1001');
    const far = await createPeer('1002');
    const data = { case: 'H-1', note: 'Grüße\u2028<b>' };
    const dialled = await agent.phone.dial('1002', { data, uui: { data: 'case=123', purpose: 'call' } });
    expect(dialled.ok).to.equal(true);
    const invitation: Invitation = await far.nextInvitation();
    const sent = invitation.request.getHeader('X-Call-Data') ?? '';
    expect(JSON.parse(sent)).to.deep.equal(data);
    expect(/[\r\n\u2028]/.test(sent)).to.equal(false);
    expect(invitation.request.getHeader('User-to-User')).to.equal(
      `${hex('case=123')};encoding=hex;purpose=call`,
    );
    await invitation.reject();
  });

  it("seed 000's transfer: A stores the data in the cache, B pops it by DNIS:ANI and consumes it", async () => {
    const cache = await cacheConfig({ consume: true });
    const [caller, a, b] = await Promise.all([
      registered('1001'),
      registered('1002', { cache }),
      registered('1003', { cache }),
    ]);
    const dialled = await caller.phone.dial('1002');
    if (!dialled.ok) throw new Error('dial failed');
    const offer = await a.call('ringing-in');
    await a.phone.answer(offer.callId);
    await a.call('connected');
    const data = { reason: 'billing', account: 'H-1' };
    const moved = await a.phone.transfer(offer.callId, 'the 1003 team', {
      via: 'cache',
      pool: 'agent1003',
      data,
    });
    expect(moved.ok, moved.ok ? '' : moved.error.message).to.equal(true);
    const atB = await b.call('ringing-in');
    expect([atB.callData?.dnis, atB.callData?.ani]).to.deep.equal(['1003', '1001']);
    await waitFor(() => b.phone.state.calls[0]?.callData?.lookups.cache, { what: 'B’s cache lookup' });
    await b.el.updateComplete;
    expect(fieldTexts(b)).to.deep.equal(['reason=billing', 'account=H-1']);
    expect((await lastEnded(a, offer.callId)).endReason).to.equal('transferred');
    const again = await lookupCache(
      cache,
      { dnis: '1003', ani: '1001' },
      false,
      new AbortController().signal,
    );
    expect(again.status, 'consumed by B').to.equal('none');
  });

  it('pops within 100 ms with the caller when the cache hangs, then marks it "data unavailable"', async () => {
    const hung = await cacheConfig({ url: (await cacheInfo()).hungUrl, timeoutMs: 500 });
    const agent = await registered('1002', { cache: hung });
    const caller = await createPeer('1001');
    await caller.call('1002');
    const ringing = await agent.call('ringing-in');
    await agent.el.updateComplete;
    const offerAt = agent.phone.state.calls[0]?.startedAt ?? 0;
    expect(Date.now() - offerAt, 'popup on screen soon after the offer').to.be.below(100);
    expect(popupText(agent)).to.contain('1001').and.to.contain('Looking up caller…');
    await waitFor(() => popupText(agent).includes('Transfer data unavailable'), {
      what: 'the unavailable marker',
    });
    expect(agent.phone.state.calls[0]?.callId).to.equal(ringing.callId);
  });

  it('keeps the popup when the CRM hook throws, rejects or never settles', async () => {
    const hooks = [
      () => {
        throw new Error('boom');
      },
      () => Promise.reject(new Error('nope')),
      () => new Promise(() => undefined),
    ];
    for (const lookup of hooks) {
      const agent = await registered('1002', { crm: { lookup, timeoutMs: 300 } });
      const caller = await createPeer('1001');
      await caller.call('1002');
      const ringing = await agent.call('ringing-in');
      await waitFor(() => popupText(agent).includes('CRM data unavailable'), { what: 'the CRM marker' });
      expect((await agent.phone.answer(ringing.callId)).ok).to.equal(true);
      await agent.call('connected');
      await unmountWidgets();
      await cleanupE2e();
    }
  });
});
