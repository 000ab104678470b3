// The script tag as a CRM writes it, on a plain page (embed-frame.ts: an iframe holding only the
// CRM's tags): a floating phone that registers and rings, one global, no long task of its own,
// harmless twice, a central config from data-config-url, and a card that minimises and restores.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { VERSION } from '../../src/version.ts';
import { cleanupE2e, createPeer, kamailioInfo, observeFor, passwordOf, waitFor } from './helpers.ts';
import { waitForRegistrations, withTimeout } from './helpers.ts';
import {
  baselineKeys,
  chunksFetched,
  CREDENTIALS_FN,
  embedUrl,
  floatingCard,
  mountedPhone,
  plainPage,
  removePage,
  removePages,
  scriptTag,
  type PlainPage,
} from './embed-frame.ts';
import { watchLongWork, type LongWork } from './embed-long-work.ts';

const USER = '1006';
const CALLER = '1007';
/**
 * Globals the bundled libraries set on any page that loads them (Lit's version markers and its
 * property metadata map, zod's shared config): not the phone's own, listed so that one more fails.
 */
const LIBRARY_GLOBALS = [
  '__zod_globalConfig',
  'litElementVersions',
  'litHtmlVersions',
  'litPropertyMetadata',
  'reactiveElementVersions',
];

async function tag(data: Record<string, string> = {}): Promise<string> {
  const [base, { wsUrl, domain }] = await Promise.all([embedUrl(), kamailioInfo()]);
  return scriptTag(`${base}cti-softphone.js`, {
    server: wsUrl,
    aor: `sip:${USER}@${domain}`,
    credentials: CREDENTIALS_FN,
    ...data,
  });
}

const ready = (page: PlainPage) =>
  withTimeout(
    waitFor(() => page.window.CtiSoftphone, { what: 'window.CtiSoftphone' }).then((g) => g.ready),
    10_000,
    'window.CtiSoftphone.ready',
  );

const shadowOf = (el: Element): ShadowRoot => {
  if (!el.shadowRoot) throw new Error(`<${el.localName}> has no shadow root`);
  return el.shadowRoot;
};

async function ringsFrom(caller: string, page: PlainPage): Promise<void> {
  const el = await mountedPhone(page);
  const peer = await createPeer(caller);
  await peer.call(USER);
  await waitFor(() => el.phone?.state.calls.some((c) => c.state === 'ringing-in'), {
    what: `${USER} ringing on the plain page`,
  });
  await waitFor(() => shadowOf(el).querySelector('[part~="popup"]'), { what: 'the incoming-call popup' });
}

describe('the script tag on a plain page: the floating phone', () => {
  afterEach(async () => {
    await removePages();
    await cleanupE2e();
  });

  it('registers and rings in a floating card, adds window.CtiSoftphone only, with no long task of its own', async () => {
    const before = await baselineKeys();
    const origin = new URL(await embedUrl()).origin;
    // Long tasks are wall time: on this shared 2-core machine a 20 ms task of the page's can be
    // stretched past 50 ms by other processes. So up to three loads, each on a new page, and the
    // best must have none; a task that really takes over 50 ms fails all three.
    const attempts: string[] = [];
    let page: PlainPage | undefined;
    let long: LongWork | undefined;
    for (let i = 0; i < 3 && (!long || long.frameTasksOver50ms.length > 0); i++) {
      if (page) {
        await removePage(page);
        await waitForRegistrations([]);
      }
      const work = watchLongWork(origin);
      page = await plainPage(USER, await tag());
      const el = await ready(page);
      expect(el?.localName).to.equal('cti-softphone');
      expect(el?.parentElement).to.equal(await floatingCard(page));
      await waitForRegistrations([USER]);
      await observeFor(300); // the registration's last renders and the journal's chunk
      long = work.stop();
      attempts.push(`load ${i + 1}: ${long.describe()}`);
    }
    console.log(`script-tag load: ${attempts.join(' | ')}`);
    if (!page || !long) throw new Error('no load');
    // No task of the plain page's took over 50 ms from the tag to registered: the loader, the
    // module's evaluation, mounting, registering, the journal's chunk (each its own task).
    expect(long.frameTasksOver50ms, attempts.join(' | ')).to.deep.equal([]);

    expect(page.log.credentialCalls).to.be.greaterThan(0);
    expect(page.document.documentElement.outerHTML).not.to.contain(passwordOf(USER));
    const added = Object.keys(page.window).filter((k) => !before.includes(k));
    expect(added.sort()).to.deep.equal(['CtiSoftphone', ...LIBRARY_GLOBALS].sort());
    expect(page.window.CtiSoftphone?.version).to.equal(VERSION);
    // The card's title bar comes in a chunk; data-config-url's code only with the attribute.
    expect(chunksFetched(page)).to.include('floating-shell').and.not.include('embed-config');

    await ringsFrom(CALLER, page);
    expect(page.log.uncaught).to.deep.equal([]);
  });

  it('is harmless loaded twice: one phone, and a warning naming both versions', async () => {
    const script = await tag();
    const page = await plainPage(USER, script + script);
    await mountedPhone(page);
    await waitForRegistrations([USER]);
    await observeFor(500); // a second phone would be mounting by now
    expect(page.document.querySelectorAll('cti-softphone').length).to.equal(1);
    expect(page.document.querySelectorAll('cti-floating-phone').length).to.equal(1);
    expect(page.log.warnings).to.deep.equal([
      `cti-softphone ${VERSION}: ignored, ${VERSION} is already on this page`,
    ]);
    expect(page.log.uncaught).to.deep.equal([]);
  });

  it('minimises and restores from the keyboard, remembers it for the session, and an incoming call restores it', async () => {
    const first = await plainPage(USER, await tag());
    const card = await floatingCard(first);
    // Registered before the page goes: a phone stopped while its REGISTER is in flight leaves the
    // binding at the registrar (the 200 comes back to a closed socket).
    await waitForRegistrations([USER]);
    const toggle = shadowOf(card).querySelector<HTMLButtonElement>('[part="toggle"]');
    const body = shadowOf(card).querySelector<HTMLElement>('#body');
    if (!toggle || !body) throw new Error('no toggle or body in the card');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => card.hasAttribute('minimised'), { what: 'the card minimised by Enter' });
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(toggle.getAttribute('aria-label')).to.equal('Restore phone');
    expect(body.hidden).to.equal(true);
    expect(body.getBoundingClientRect().height).to.equal(0);
    await sendKeys({ press: 'Space' });
    await waitFor(() => !card.hasAttribute('minimised'), { what: 'the card restored by Space' });
    expect(body.getBoundingClientRect().height).to.be.greaterThan(100);
    toggle.click();
    await waitFor(() => card.hasAttribute('minimised'), { what: 'the card minimised by a click' });
    expect(sessionStorage.getItem('cti-softphone-minimised')).to.equal('1'); // the frame's is this tab's
    await removePage(first);
    await waitForRegistrations([]);

    const second = await plainPage(USER, await tag());
    const again = await floatingCard(second);
    expect(again.hasAttribute('minimised'), 'the next page of the session starts minimised').to.equal(true);
    await waitForRegistrations([USER]); // minimised, the phone still registers
    await ringsFrom(CALLER, second);
    await waitFor(() => !again.hasAttribute('minimised'), { what: 'the incoming call to restore the card' });
    expect(second.log.uncaught).to.deep.equal([]);
  });
});
