/**
 * The demo CRM page's outbox in headless Chromium, against `npm start`'s parts (startSandbox): the
 * page's phone journals its events and delivers them to the sandbox's switchable sink; the panel
 * shows them pending while the receiver is offline, drained once it is back, and dead letters
 * (replayed with the panel's button) while it refuses. Each step's events come from an agent
 * action: click-to-call on a contact whose number does not exist (dial, then fail 404).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../test/e2e/chromium-flags.mjs';
import { startSandbox, type Sandbox, type Stop } from '../../src/sandbox/sandbox.ts';
import type { SinkMode } from '../../src/sandbox/sink-api.ts';
import { requireBinary } from '../server/helpers/binaries.ts';

const CHROMIUM = '/usr/bin/chromium';
const WAIT = { timeout: 15_000 };

type Row = Record<'state' | 'pending' | 'delivered' | 'received' | 'dead' | 'error', string>;
type WidgetApi = {
  readonly phone?: { readonly state: { registration: { state: string }; calls: readonly unknown[] } };
};

const FIELDS = ['state', 'pending', 'delivered', 'received', 'dead', 'error'] as const;

/** The webhook sink's row of the panel, as text (no named function inside: tsx would wrap it in __name). */
async function sinkRow(page: Page): Promise<Row | undefined> {
  const cells = await page.evaluate(
    (fields) =>
      fields.map(
        (field) =>
          document
            .querySelector(
              `#outbox-sinks tr[data-sink^="webhook:"] [data-field="${field}"]${field === 'dead' ? ' span' : ''}`,
            )
            ?.textContent?.trim() ?? null,
      ),
    [...FIELDS],
  );
  if (cells.some((c) => c === null)) return undefined;
  return Object.fromEntries(FIELDS.map((f, i) => [f, cells[i] ?? ''])) as Row;
}

/** Polls the panel until `test` holds; fails with the last row seen. */
async function rowUntil(page: Page, what: string, test: (row: Row) => boolean): Promise<Row> {
  const deadline = Date.now() + WAIT.timeout;
  let last: Row | undefined;
  while (Date.now() < deadline) {
    last = await sinkRow(page);
    if (last && test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return assert.fail(`the outbox never showed ${what}; last: ${JSON.stringify(last)}`);
}

const count = (text: string): number => Number(/^\d+/.exec(text)?.[0] ?? NaN);
/** Everything acknowledged is at the receiver, and nothing is waiting. */
const drained = (row: Row) =>
  row.pending === '0' && count(row.delivered) > 0 && count(row.received) === count(row.delivered);

describe('npm start: the demo CRM page outbox, with the receiver switched off and on, in Chromium', () => {
  const stops: Stop[] = [];
  let sandbox: Sandbox;
  let browser: Browser;
  let crm: Page;
  const pageErrors: string[] = [];
  const sinkAuth: (string | undefined)[] = [];

  const switchTo = async (mode: SinkMode) => {
    await crm.click(`#sink-switch input[value="${mode}"]`);
    await crm.locator(`#sink-switch[data-mode="${mode}"]:enabled`).waitFor(WAIT);
    assert.equal(sandbox.sink.mode(), mode);
  };
  /** Click-to-call 1999 (no such extension): the phone journals a dial and a fail. */
  const dialNobody = async () => {
    await crm.click('#contacts a[href="tel:1999"]');
    await crm.locator('#log li', { hasText: 'cti-fail' }).first().waitFor(WAIT);
    await crm.waitForFunction(
      () => (document.querySelector('cti-softphone') as WidgetApi | null)?.phone?.state.calls.length === 0,
      undefined,
      WAIT,
    );
    await crm.click('#clear-log');
  };

  before(async () => {
    requireBinary(CHROMIUM, 'apt-get install -y chromium');
    const env = { CTI_SANDBOX_SIP_PORT: '0', CTI_SANDBOX_WEB_PORT: '0', CTI_CACHE_PORT: '0' };
    sandbox = await startSandbox({ ...env, CTI_CACHE_LOG_LEVEL: 'silent' }, stops);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS] });
    crm = await browser.newPage();
    crm.on('pageerror', (e) => pageErrors.push(e.message));
    crm.on('request', (r) => {
      if (new URL(r.url()).pathname === '/sandbox/events') sinkAuth.push(r.headers()['authorization']);
    });
    await crm.goto(`http://localhost:${sandbox.web.port}/demo/crm.html`);
    await crm.waitForFunction(
      () =>
        (document.querySelector('cti-softphone') as WidgetApi | null)?.phone?.state.registration.state ===
        'registered',
      undefined,
      WAIT,
    );
  });
  after(async () => {
    await browser?.close();
    for (const { stop } of stops.reverse()) await stop();
  });

  it('online: the registration events are delivered, and the receiver holds every acknowledged one', async () => {
    const row = await rowUntil(crm, 'the first events delivered', drained);
    assert.equal(row.state, 'idle');
    assert.equal(row.dead, '0');
    assert.match(await crm.locator('#outbox-journal [data-field="device"]').innerText(), /^[0-9a-f-]{36}$/);
    assert.match(await crm.locator('#outbox-journal [data-field="storage"]').innerText(), /persist/);
    assert.equal(await crm.locator('#sink-switch[data-mode="online"]').count(), 1);
  });

  it('offline: the events of a call stay pending, retried each second; back online, they drain to 0', async () => {
    const before = await rowUntil(crm, 'a drained outbox', drained);
    await switchTo('offline');
    await dialNobody();
    const stuck = await rowUntil(
      crm,
      'pending events, retrying',
      (r) => count(r.pending) >= 2 && r.state === 'retrying',
    );
    assert.match(stuck.error, /webhook answered 503 \(next try /);
    assert.equal(stuck.delivered, before.delivered, 'nothing acknowledged while offline');
    assert.equal(count(stuck.received), count(before.received), 'nothing reached the receiver');

    await switchTo('online');
    const after = await rowUntil(crm, 'the pending events drained', (r) => drained(r) && r.state === 'idle');
    assert.ok(count(after.delivered) >= count(before.delivered) + count(stuck.pending));
  });

  it('refusing: the events become dead letters; back online, Replay delivers them', async () => {
    const before = await rowUntil(crm, 'a drained outbox', drained);
    await switchTo('refusing');
    await dialNobody();
    const refused = await rowUntil(crm, 'dead letters', (r) => count(r.dead) >= 2 && r.pending === '0');
    assert.match(refused.error, /refused for good: webhook answered 422/);
    assert.equal(count(refused.received), count(before.received), 'the receiver has none of them');
    assert.ok(count(refused.delivered) > count(before.delivered), 'the cursor moved past them');

    await switchTo('online');
    const replay = crm.locator('#outbox-sinks [data-action="replay"]');
    assert.equal(await replay.isEnabled(), true);
    await replay.click();
    const replayed = await rowUntil(crm, 'no dead letter left', (r) => r.dead === '0' && drained(r));
    assert.equal(count(replayed.received), count(replayed.delivered));
    await crm.locator('#log li', { hasText: `"delivered":${refused.dead}` }).waitFor(WAIT);
    assert.equal(await replay.isDisabled(), true);
  });

  it('the page never held the receiver credentials, and nothing threw', () => {
    assert.ok(sinkAuth.length > 0, 'the page talked to /sandbox/events');
    assert.deepEqual(new Set(sinkAuth), new Set([undefined]));
    assert.deepEqual(pageErrors, []);
  });
});
