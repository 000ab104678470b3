/**
 * The first minute of a new user, end to end in headless Chromium: `npm start`'s parts (startSandbox,
 * as main.ts runs them), demo/crm.html (agent 1001) and demo/caller.html (1009) in two browser
 * contexts; each of the caller page's buttons must make the CRM page's popup ring with the form's
 * data (from the headers, then from the cache) merged with the CRM hook's, each field from its source.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../test/e2e/chromium-flags.mjs';
import { startSandbox, type Sandbox, type Stop } from '../../src/sandbox/sandbox.ts';
import { requireBinary } from '../server/helpers/binaries.ts';

const CHROMIUM = '/usr/bin/chromium';
const WAIT = { timeout: 15_000 };

/** The part of the element's public API these tests read (`el.phone`, README "Methods"). */
type WidgetApi = {
  readonly phone?: {
    readonly state: { registration: { state: string }; calls: readonly { callId: string }[] };
    hangup(callId: string): Promise<unknown>;
  };
};

/** Resolves once the page's widget is registered. */
async function registered(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (document.querySelector('cti-softphone') as WidgetApi | null)?.phone?.state.registration.state ===
      'registered',
    undefined,
    WAIT,
  );
}

/** The popup's fields, `key=value@source`, as the widget renders them (open shadow root). */
function popupFields(page: Page): Promise<string[]> {
  return page
    .locator('cti-softphone [part="call-data"] .field')
    .evaluateAll((fields) =>
      fields.map(
        (f) =>
          `${f.querySelector('dt')?.textContent?.trim()}=${f.querySelector('dd')?.textContent?.trim()}@${f.getAttribute('data-source')}`,
      ),
    );
}

async function hangUpEverything(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const phone = (document.querySelector('cti-softphone') as WidgetApi | null)?.phone;
    for (const call of phone?.state.calls ?? []) await phone?.hangup(call.callId);
  });
}

describe('npm start: a screen pop with data from the caller page, in Chromium', () => {
  const stops: Stop[] = [];
  let sandbox: Sandbox;
  let browser: Browser;
  let crm: Page;
  let caller: Page;
  const pageErrors: string[] = [];

  before(async () => {
    requireBinary(CHROMIUM, 'apt-get install -y chromium');
    const env = { CTI_SANDBOX_SIP_PORT: '0', CTI_SANDBOX_WEB_PORT: '0', CTI_CACHE_PORT: '0' };
    sandbox = await startSandbox({ ...env, CTI_CACHE_LOG_LEVEL: 'silent' }, stops);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS] });
    // Two contexts, as two tabs of two people: each page has its own renderer and storage.
    [crm, caller] = await Promise.all([browser.newPage(), browser.newPage()]);
    for (const page of [crm, caller]) page.on('pageerror', (e) => pageErrors.push(e.message));
    const web = `http://localhost:${sandbox.web.port}`;
    await crm.goto(`${web}/demo/crm.html`);
    await caller.goto(`${web}/demo/caller.html`);
    await Promise.all([registered(crm), registered(caller)]);
  });
  after(async () => {
    await browser?.close();
    for (const { stop } of stops.reverse()) await stop();
  });

  it('tells both pages the cache runs', async () => {
    assert.match(
      (await crm.locator('#cache-note').textContent()) ?? '',
      /^Call-data cache \(seed 000\): http/,
    );
    assert.equal(await caller.locator('#call-cache').isEnabled(), true);
  });

  const company = 'company=Garcia Logistics@crm';
  for (const [mode, button, source] of [
    ['SIP headers', '#call-headers', 'headers'],
    ['the cache (seed 000)', '#call-cache', 'cache'],
  ] as const) {
    it(`with ${mode}: the popup shows the form's fields from ${source} and the CRM's`, async () => {
      await caller.click(button);
      const data = crm.locator('cti-softphone [part="call-data"]');
      await data.filter({ hasText: 'ACC-20417' }).waitFor(WAIT);
      await data.filter({ hasText: 'Garcia Logistics' }).waitFor(WAIT);
      const fields = await popupFields(crm);
      for (const expected of [`customer=Maria Garcia@${source}`, `account=ACC-20417@${source}`, company])
        assert.ok(fields.includes(expected), `${expected} in ${fields.join(', ')}`);
      const name = await crm.locator('cti-softphone [part="caller-name"]').textContent();
      assert.equal(name?.trim(), 'Maria Garcia');
      if (source === 'cache') {
        const log = await caller.locator('#status').innerText();
        assert.match(log, /gave DNIS 5551234568/);
        assert.match(log, /dialling 5551234568/);
      }
      await hangUpEverything(caller);
      await crm.locator('cti-softphone [part~="popup"]').waitFor({ state: 'detached', ...WAIT });
    });
  }

  it("the popup's record link shows the contact's row in the page, not in a new tab", async () => {
    await caller.click('#call-headers');
    const link = crm.locator('cti-softphone [part="record-link"]');
    await link.waitFor(WAIT);
    await link.click();
    await crm.waitForFunction(() => location.hash === '#contact-1009', undefined, WAIT);
    assert.equal(crm.context().pages().length, 1, 'no second CRM tab (it would register 1001 again)');
    assert.equal(await crm.locator('tr:target td').first().textContent(), 'Maria Garcia');
    await hangUpEverything(caller);
  });

  it('the phone page (index.html) registers too, links the caller page and says the cache runs', async () => {
    const phone = await browser.newPage();
    phone.on('pageerror', (e) => pageErrors.push(e.message));
    await phone.goto(`http://localhost:${sandbox.web.port}/?user=1002`);
    await registered(phone);
    assert.equal(await phone.locator('nav a[href="/demo/caller.html"]').count(), 1);
    await phone.locator('.hint', { hasText: 'Call-data cache (seed 000)' }).waitFor(WAIT);
    await phone.context().close();
  });

  it('refuses a bad form on the caller page with a message, and no page threw', async () => {
    await caller.fill('#f-target', '10x1');
    await caller.click('#call-headers');
    await caller.locator('#status li.error', { hasText: 'target: an extension or number' }).waitFor(WAIT);
    assert.deepEqual(pageErrors, []);
  });
});
