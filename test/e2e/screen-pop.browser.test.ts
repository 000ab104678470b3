// The screen pop beyond the widget: the CRM record link and its tab opened on answer (real
// window.open), and the desktop notification while the page is hidden (the browser's real
// Notification API, permission granted through puppeteer). Real widget, Kamailio, sip.js caller.
import { expect } from '@open-wc/testing';
import { SCREEN_POP_TARGET } from '../../src/host/record-on-answer.ts';
import { cleanupE2e, createPeer, waitFor } from './helpers.ts';
import { grantPermission, hidePage, popupUrl, showPage } from './page.ts';
import { mountWidget, shadow, unmountWidgets, waitRegistered, type Widget } from './widget.ts';

const answerButton = (w: Widget) => shadow(w).querySelector<HTMLButtonElement>('#answer');

/** While the page is hidden: two calls ring on the desktop; a click focuses Answer; answering closes. */
async function ringsHidden(agent: Widget, shown: Notification[], closed: Notification[]): Promise<void> {
  await waitFor(() => document.visibilityState === 'hidden', { what: 'the page hidden' });
  const caller = await createPeer('1001');
  await caller.call('1002', { extraHeaders: ['X-Call-Data: {"reason":"billing"}'] });
  const ringing = await agent.call('ringing-in');
  const n = await waitFor(() => shown[0], { what: 'a desktop notification' });
  expect([n.title, n.body, n.requireInteraction]).to.deep.equal([
    'Incoming call: 1001',
    'reason: billing',
    true,
  ]);
  n.dispatchEvent(new Event('click'));
  await waitFor(() => shadow(agent).activeElement === answerButton(agent), { what: 'Answer focused' });
  await waitFor(() => closed.includes(n), { what: 'the clicked notification closed' });
  // A second call while hidden: answering it closes its notification.
  await agent.phone.reject(ringing.callId);
  await caller.call('1002');
  const second = await waitFor(() => shown[1], { what: 'a second notification' });
  const next = await agent.call('ringing-in');
  await agent.phone.answer(next.callId);
  await waitFor(() => closed.includes(second), { what: 'the notification closed on answer' });
}

describe('<cti-softphone> screen pop: CRM tab and desktop notification', () => {
  const RealNotification = window.Notification;
  afterEach(async () => {
    window.Notification = RealNotification;
    await showPage();
    await popupUrl(SCREEN_POP_TARGET, true);
    await unmountWidgets();
    await cleanupE2e();
  });

  it("offers the caller's CRM record as a link and opens it in the CRM tab on answer", async () => {
    const template = `${location.origin}/test/e2e/fixtures/crm-record.html?phone={ani}&acct={data.account}`;
    const agent = await mountWidget('1002', { crm: { screenPopUrl: template, openOnAnswer: true } });
    await waitRegistered(agent);
    const caller = await createPeer('1001');
    await caller.call('1002', { extraHeaders: ['X-Call-Data: {"account":"AC 7&x=1"}'] });
    await agent.call('ringing-in');
    const expected = `${location.origin}/test/e2e/fixtures/crm-record.html?phone=1001&acct=AC%207%26x%3D1`;
    const link = await waitFor(
      () => shadow(agent).querySelector<HTMLAnchorElement>('[part~="record-link"]'),
      {
        what: 'the record link',
      },
    );
    expect([link.href, link.textContent?.trim()]).to.deep.equal([expected, 'Open in CRM']);
    expect(await popupUrl(SCREEN_POP_TARGET), 'nothing opens while it rings').to.equal(null);
    answerButton(agent)?.click();
    await agent.call('connected');
    const opened = await waitFor(() => popupUrl(SCREEN_POP_TARGET), { what: 'the CRM tab' });
    expect(opened).to.equal(expected);
    const onLine = shadow(agent).querySelector<HTMLAnchorElement>('[part~="line"] [part~="record-link"]');
    expect(onLine?.href, 'the link stays on the answered line').to.equal(expected);
  });

  it('rings on the desktop while the page is hidden; a click brings the popup; answering closes it', async () => {
    await grantPermission('notifications');
    const shown: Notification[] = [];
    const closed: Notification[] = [];
    // The real API, watched: each notification the widget makes is recorded with its events.
    window.Notification = class extends RealNotification {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(this);
        this.addEventListener('close', () => closed.push(this));
      }
    };
    const agent = await mountWidget('1002');
    await waitRegistered(agent);
    expect(shadow(agent).querySelector('[part~="alerts-button"]'), 'permission already given').to.equal(null);
    // A failure while hidden must not stall the run (a hidden page gets no animation frames, which
    // the runner's reporting needs): the page is shown again before anything is reported.
    await hidePage();
    try {
      await ringsHidden(agent, shown, closed);
    } finally {
      await showPage();
    }
  });

  it('offers "Turn on call alerts" until the agent has chosen, and asks only on that click', async () => {
    const agent = await mountWidget('1002');
    let asked = 0;
    agent.el.notificationEnv = {
      ...agent.el.notificationEnv,
      permission: () => (asked > 0 ? 'granted' : 'default'),
      requestPermission: async () => (asked++, 'granted'),
    };
    agent.el.notifications = 'off';
    await agent.el.updateComplete;
    expect(shadow(agent).querySelector('[part~="alerts-button"]')).to.equal(null);
    agent.el.notifications = 'on';
    await agent.el.updateComplete;
    expect(asked, 'never at load').to.equal(0);
    shadow(agent).querySelector<HTMLButtonElement>('[part~="alerts-button"]')?.click();
    await waitFor(() => shadow(agent).querySelector('[part~="alerts-button"]') === null, {
      what: 'the button gone once granted',
    });
    expect(asked).to.equal(1);
  });
});
