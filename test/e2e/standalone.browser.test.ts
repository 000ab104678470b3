// The standalone tab (src/standalone, demo/phone.html): a tel:/sip: link opens it with ?dial=,
// it asks once registered and dials a real peer through Kamailio on the agent's Call; it asks
// the browser to send it phone links with the right URL template; and a tab opened by a link
// while the phone tab is open hands its number over the BroadcastChannel instead of registering.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.ts';
import type { CtiSoftphone } from '../../src/element.ts';
import { linkTemplate } from '../../src/standalone/dial-link.ts';
import { registerPhoneLinks } from '../../src/standalone/phone-links.ts';
import { startPhoneTab, type PhoneTab, type PhoneTabStatus } from '../../src/standalone/phone-tab.ts';
import { handoffName } from '../../src/standalone/tab-handoff.ts';
import { cleanupE2e, createPeer, kamailioInfo, observeFor, passwordOf, waitFor } from './helpers.ts';
import { waitForRegistrations } from './helpers.ts';

const USER = '1005';
const PEER = '1008';
const PAGE = `${location.origin}/demo/phone.html`;

const tabs: PhoneTab[] = [];
const phones: CtiSoftphone[] = [];

/** This test page as the phone tab of `key`: its phone is a <cti-softphone> of USER on Kamailio. */
async function phoneTab(key: string, url: string) {
  const { wsUrl, domain } = await kamailioInfo();
  const statuses: PhoneTabStatus[] = [];
  const forgotten: string[] = [];
  const tab = startPhoneTab({
    key,
    url,
    mount: () => {
      const el = document.createElement('cti-softphone');
      el.config = {
        server: wsUrl,
        aor: `sip:${USER}@${domain}`,
        password: passwordOf(USER),
        journal: { enabled: false },
      };
      phones.push(el);
      return document.body.appendChild(el);
    },
    onStatus: (s) => statuses.push(s),
    forgetDial: (u) => forgotten.push(u),
  });
  tabs.push(tab);
  const el = await tab.ready;
  if (!el) throw new Error('this page did not become the phone tab');
  const shadow = () => el.shadowRoot ?? document.createDocumentFragment();
  const asked = (number: string) =>
    waitFor(() => statuses.some((s) => s.kind === 'offer' && s.number === number && s.asked), {
      what: () => `the tab to ask about ${number} (statuses: ${JSON.stringify(statuses)})`,
    });
  return { el, statuses, forgotten, shadow, asked };
}

describe('the standalone tab', () => {
  afterEach(async () => {
    tabs.splice(0).forEach((t) => t.stop());
    await Promise.all(phones.splice(0).map((el) => (el.remove(), el.phone?.stop())));
    await cleanupE2e();
  });

  it('opened with ?dial= asks once registered, and dials a real peer on the agent’s Call', async () => {
    const peer = await createPeer(PEER);
    const tab = await phoneTab(`test-${crypto.randomUUID()}`, `${PAGE}?user=${USER}&dial=tel%3A${PEER}`);
    expect(tab.forgotten, 'the URL loses its dial (a reload never dials again)').to.deep.equal([
      `${PAGE}?user=${USER}`,
    ]);
    expect(tab.statuses[0]).to.deep.equal({ kind: 'phone' });
    expect(tab.statuses[1]).to.deep.equal({ kind: 'offer', number: PEER, asked: false });
    await tab.asked(PEER);
    expect(tab.el.phone?.state.registration.state).to.equal('registered');
    const prompt = await waitFor(() => tab.shadow().querySelector('[part~="dial-confirm"]'), {
      what: 'Call …?',
    });
    expect(prompt.textContent?.trim()).to.equal(`Call ${PEER}?`);
    expect(tab.shadow().querySelector<HTMLInputElement>('#number')?.value).to.equal(PEER);
    await observeFor(500);
    expect(peer.invitations.length, 'nothing is dialled before the agent confirms').to.equal(0);
    tab.shadow().querySelector<HTMLButtonElement>('[part~="call-button"]')?.click();
    const invitation = await peer.nextInvitation(20_000);
    expect(invitation.remoteIdentity.uri.user).to.equal(USER);
  });

  it('a link that is no number is shown, never dialled', async () => {
    const tab = await phoneTab(
      `test-${crypto.randomUUID()}`,
      `${PAGE}?dial=${encodeURIComponent('tel:call-me')}`,
    );
    await waitFor(() => tab.shadow().querySelector('[part~="error"]'), { what: 'the error in the widget' });
    expect(tab.statuses.some((s) => s.kind === 'offer')).to.equal(false);
    expect(tab.el.phone?.state.calls).to.deep.equal([]);
  });

  it('asks the browser for tel: and sip: links with its own URL and dial=%s', () => {
    const calls: string[][] = [];
    const spy = (scheme: string, url: string) => void calls.push([scheme, url]);
    Object.defineProperty(navigator, 'registerProtocolHandler', { value: spy, configurable: true });
    try {
      const result = registerPhoneLinks(linkTemplate(`${PAGE}?user=${USER}&dial=tel%3A1002#top`));
      expect(result).to.deep.equal({ ok: true, value: ['tel', 'sip'] });
    } finally {
      Reflect.deleteProperty(navigator, 'registerProtocolHandler');
    }
    const template = `${PAGE}?user=${USER}&dial=%s`;
    expect(calls).to.deep.equal([
      ['tel', template],
      ['sip', template],
    ]);
    // Chromium's own accepts the template (same origin, %s); another origin is an error value.
    expect(registerPhoneLinks(template).ok).to.equal(true);
    const refused = registerPhoneLinks('https://example.com/phone?dial=%s');
    expect(refused.ok).to.equal(false);
  });

  it('a tab a link opens hands its number to the open phone tab, which asks and dials it', async () => {
    const peer = await createPeer(PEER);
    // demo/phone.html?user=1005's key: its phone is sip:1005@localhost.
    const key = `sip:${USER}@localhost`;
    const tab = await phoneTab(key, `${PAGE}?user=${USER}`);
    await waitForRegistrations([USER, PEER]);
    const seen: unknown[] = [];
    const channel = new BroadcastChannel(handoffName(key));
    channel.onmessage = (e: MessageEvent<unknown>) => void seen.push(e.data);
    const opened = (await executeServerCommand('page-open', {
      url: `${PAGE}?user=${USER}&dial=tel%3A${PEER}`,
    })) as { id: string };
    try {
      await tab.asked(PEER);
      const kinds = seen.map((m) => (m as { kind?: unknown }).kind);
      expect(kinds).to.deep.equal(['dial', 'taken']);
      expect(seen[0]).to.include({ raw: `tel:${PEER}` });
      tab.shadow().querySelector<HTMLButtonElement>('[part~="call-button"]')?.click();
      await peer.nextInvitation(20_000);
      await waitForRegistrations([USER, PEER]); // the new tab never started a phone of its own
    } finally {
      channel.close();
      await executeServerCommand('page-close', { id: opened.id });
    }
  });
});
