// One phone across tabs, end to end (issue 9 item 8): three real tabs of one browser context (two
// fixture tabs opened through page-plugin.mjs, and this test page, the one in front) share agent
// 1007's phone. Kamailio's location table (JSON-RPC ul.dump) holds one contact; a call pops up in
// the visible tab only, is answered there and its audio flows in the leader tab; the leader closes,
// the next tab registers within 2 s, and the next call, or the one that was still ringing, rings there.
import { expect } from '@open-wc/testing';
import type { Inviter } from 'sip.js';
import type { TabbedPhone } from '../../src/tabbed-phone.ts';
import { AgentTabs, type AgentTab } from './fixtures/tabs-tabs.ts';
import { popupShown } from './fixtures/tabs-phone.messages.ts';
import {
  cleanupE2e,
  contactsOf,
  createPeer,
  openPeerConnections,
  waitFor,
  waitForAudio,
  waitForEstablished,
  type KamailioContact,
} from './helpers.ts';
import { deleteJournal } from './journal-tabs.ts';
import { mountWidget, shadow, unmountWidgets, type Widget } from './widget.ts';

const AGENT = '1007';
const CALLER = '1006';
const FAILOVER_BUDGET_MS = 2_000;

/** The one live contact of the agent, once Kamailio holds exactly one (waited for: a dead tab's goes within ~1 s). */
async function oneContact(what: string, timeout = 10_000): Promise<KamailioContact> {
  let seen: KamailioContact[] = [];
  return waitFor(
    async () => {
      seen = await contactsOf(AGENT);
      return seen.length === 1 ? seen[0] : undefined;
    },
    { timeout, what: () => `${what}: exactly one contact for ${AGENT} (seen ${JSON.stringify(seen)})` },
  );
}

/** Rings the agent from the caller; resolves once this page's popup shows it. */
async function ringHere(w: Widget, caller: Awaited<ReturnType<typeof createPeer>>): Promise<Inviter> {
  const inviter = await caller.call(AGENT);
  await waitFor(() => w.phone.state.calls.find((c) => c.state === 'ringing-in'), {
    what: 'the call rings here',
  });
  await waitFor(() => popupShown(w.el), { what: 'the popup on screen in the visible tab' });
  return inviter;
}

/** Answers with the popup's own button, in this (follower) tab. */
async function answerHere(w: Widget): Promise<string> {
  const answer = shadow(w).querySelector<HTMLButtonElement>('#answer');
  if (!answer) throw new Error('no Answer button');
  answer.click();
  const live = await waitFor(() => w.phone.state.calls.find((c) => c.state === 'connected'), {
    what: 'the call connected (seen here)',
  });
  return live.callId;
}

/** The leader tab that carries `callId`'s media receives audio. */
const audioInLeader = (leader: AgentTab, callId: string) =>
  leader.until(
    (r) => r.calls.some((c) => c.callId === callId && c.state === 'connected') && r.inboundBytes > 0,
    'audio received in the leader tab',
  );

describe('one phone across tabs (Kamailio, three real tabs)', () => {
  let tabs: AgentTabs | undefined;
  const journals: string[] = [];

  afterEach(async () => {
    await unmountWidgets();
    await tabs?.dispose();
    tabs = undefined;
    await cleanupE2e();
    for (const j of journals.splice(0)) await deleteJournal(j).catch(() => undefined);
  });

  /** Two fixture tabs (the first leads), then this page's widget (a follower, and the visible tab). */
  async function threeTabs(): Promise<{ first: AgentTab; second: AgentTab; here: Widget }> {
    const journal = `tabs-e2e-${crypto.randomUUID()}`;
    journals.push(journal);
    tabs = new AgentTabs(AGENT, journal);
    const first = await tabs.open();
    await first.until((r) => r.role === 'leader' && r.registration === 'registered', 'leads, registered');
    const second = await tabs.open();
    await second.until((r) => r.role === 'follower' && r.registration === 'registered', 'follows');
    const here = await mountWidget(AGENT, { tabs: { enabled: true }, journal: { name: journal } });
    const phone = here.phone as TabbedPhone;
    await waitFor(() => phone.tabs.role === 'follower' && phone.state.registration.state === 'registered', {
      what: 'this page follows, registered',
    });
    expect(document.visibilityState, 'this page is the tab in front').to.equal('visible');
    expect(first.last()?.visibility, 'the fixture tabs are behind it').to.equal('hidden');
    return { first, second, here };
  }

  it('three tabs: one registration, one popup; the leader closes, the next tab registers within 2 s and rings', async function () {
    this.timeout(90_000);
    const { first, second, here } = await threeTabs();
    const contact = await oneContact('three tabs open');

    // A call: one popup, in the tab the agent looks at; answered there, the audio in the leader tab.
    const caller = await createPeer(CALLER);
    const inviter = await ringHere(here, caller);
    const background = await Promise.all(
      [first, second].map((t) => t.until((r) => r.calls[0]?.state === 'ringing-in', 'sees the call ring')),
    );
    expect(
      background.map((r) => r.popup),
      'no popup in the tabs behind',
    ).to.deep.equal([false, false]);
    const callId = await answerHere(here);
    await waitForEstablished(inviter);
    await waitForAudio(inviter, { label: `${CALLER} (audio from the leader tab)` });
    await audioInLeader(first, callId);
    expect(openPeerConnections().length, "this page's only media is the caller's").to.equal(1);
    expect((await here.phone.mediaStats(callId))?.inboundBytes ?? 0, 'asked of the leader').to.be.above(0);
    await here.phone.hangup(callId);
    await waitFor(() => here.phone.state.calls.length === 0, { what: 'the call ended here' });
    await first.until((r) => r.calls.length === 0, 'the call ended in the leader');

    // The leader tab closes: the next one in line registers.
    const closing = performance.now();
    await tabs?.close(first);
    const gone = performance.now();
    const next = await waitFor(
      async () => (await contactsOf(AGENT)).find((c) => c.address !== contact.address),
      { timeout: 10_000, interval: 10, what: 'a new contact for the agent' },
    );
    const registered = performance.now();
    const failover = registered - gone;
    console.log(
      `tabs e2e: leader tab closed in ${(gone - closing).toFixed(0)} ms; the next tab registered ` +
        `${failover.toFixed(0)} ms after it was gone (${(registered - closing).toFixed(0)} ms after the close began)`,
    );
    expect(failover, 'failover (tab gone -> new contact at Kamailio)').to.be.below(FAILOVER_BUDGET_MS);
    const leader = await second.until((r) => r.role === 'leader' && r.registration === 'registered', 'leads');
    expect(leader.page).to.equal(second.page);
    expect((await oneContact('after the handover')).address).to.equal(next.address);

    // The next call rings in the visible tab again, through the new leader.
    const again = await ringHere(here, caller);
    const callId2 = await answerHere(here);
    await waitForEstablished(again);
    await waitForAudio(again, { label: `${CALLER} (audio from the new leader)` });
    await audioInLeader(second, callId2);
  });

  it('a call still ringing when the leader closes rings again in the next tab (the registrar forks it there)', async function () {
    this.timeout(90_000);
    const { first, second, here } = await threeTabs();
    await oneContact('three tabs open');
    const caller = await createPeer(CALLER);
    const inviter = await ringHere(here, caller);
    const ringing = here.phone.state.calls[0]?.callId;

    await tabs?.close(first);
    await second.until((r) => r.role === 'leader' && r.registration === 'registered', 'leads', 5_000);
    // The old leader's session died with its tab: that ringing ends here as interrupted, and the
    // INVITE still pending at Kamailio gets a branch to the new contact (tsilo): it rings again.
    const end = await waitFor(() => here.phone.state.recent.find((c) => c.callId === ringing), {
      what: 'the old ringing ended',
    });
    expect(end.endReason).to.equal('interrupted');
    await waitFor(
      () => here.phone.state.calls.find((c) => c.callId === ringing && c.state === 'ringing-in'),
      {
        what: 'the same call (same Call-ID) ringing again',
      },
    );
    await waitFor(() => popupShown(here.el), { what: 'the popup back on screen' });
    await answerHere(here);
    await waitForEstablished(inviter);
    await waitForAudio(inviter, { label: `${CALLER} (audio from the new leader)` });
    await audioInLeader(second, ringing ?? '');
    await oneContact('after the handover');
  });
});
