/**
 * The demo pages' pure logic: the caller page's form → call data (demo/caller-data.ts), and the
 * CRM page's lookup hook against its contact table (demo/crm-contacts.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FORM, cacheValue, prepareCall } from '../../demo/caller-data.ts';
import { CONTACTS, contactLookup, contactRowId, delay, findContact } from '../../demo/crm-contacts.ts';
import type { CrmLookupCall } from '../../src/calldata/crm-lookup.ts';
import { runCrmLookup } from '../../src/calldata/crm-lookup.ts';
import { encodeCallDataHeaders } from '../../src/calldata/headers-encode.ts';

const PAGE = 'http://localhost:5173/demo/crm.html';
const call = (number: string, ani?: string): CrmLookupCall => ({
  callId: 'c1',
  from: { number },
  to: { number: '1001' },
  ...(ani === undefined ? {} : { ani }),
});

describe('caller page: the form becomes call data', () => {
  it('sends the prefilled fields, trimmed, and the UUI apart', () => {
    const prepared = prepareCall({ ...DEFAULT_FORM, customer: '  Maria Garcia ' });
    assert.ok(prepared.ok);
    assert.equal(prepared.value.target, '1001');
    assert.deepEqual(prepared.value.data, {
      customer: 'Maria Garcia',
      account: 'ACC-20417',
      reason: 'Disputed invoice INV-88231 (charged twice)',
      priority: 'high',
      language: 'es-US',
      ivrPath: 'Main menu > Billing > Speak to an agent',
    });
    assert.deepEqual(prepared.value.uui, { data: 'case=CS-88231;verified=pin' });
    // What the widget puts on the wire for it: both headers, printable ASCII.
    const lines = encodeCallDataHeaders(prepared.value);
    assert.ok(lines.ok);
    assert.equal(lines.value.length, 2);
  });

  it('leaves empty fields out, and stores the UUI as one more field in the cache', () => {
    const prepared = prepareCall({ ...DEFAULT_FORM, language: ' ', uui: '' });
    assert.ok(prepared.ok);
    assert.equal('language' in prepared.value.data, false);
    assert.equal(prepared.value.uui, undefined);
    assert.deepEqual(cacheValue(prepared.value), prepared.value.data);
    const withUui = prepareCall(DEFAULT_FORM);
    assert.ok(withUui.ok);
    assert.equal(cacheValue(withUui.value)['userToUser'], 'case=CS-88231;verified=pin');
  });

  it('refuses a bad form with a message naming each field, never throwing', () => {
    const bad = prepareCall({
      ...DEFAULT_FORM,
      target: '1001@evil',
      priority: 'asap',
      account: 'x'.repeat(41),
    });
    assert.equal(bad.ok, false);
    const message = bad.ok ? '' : bad.error;
    for (const field of ['target', 'priority', 'account']) assert.match(message, new RegExp(field));
    assert.equal(prepareCall(undefined).ok, false);
    assert.equal(prepareCall({ target: '1001' }).ok, false);
  });
});

describe('CRM page: the lookup hook against its contacts', () => {
  const lookup = contactLookup(CONTACTS, { pageUrl: `${PAGE}#contact-1002` });
  const signal = new AbortController().signal;

  it("finds the caller by ANI, else by the From user, whatever the number's format", () => {
    assert.equal(findContact(CONTACTS, call('anonymous', '1009'))?.name, 'Maria Garcia');
    assert.equal(findContact(CONTACTS, call('1003'))?.name, 'Grace Hopper');
    assert.equal(findContact(CONTACTS, call('1009', '2000')), undefined, 'the ANI wins over From');
    const ada = CONTACTS.find((c) => c.phone === '1002') ?? assert.fail('no contact 1002');
    const formatted = [{ ...ada, phone: '+1 (555) 010-1002' }];
    assert.equal(findContact(formatted, call('15550101002'))?.name, 'Ada Lovelace');
    assert.equal(findContact(CONTACTS, call('')), undefined);
  });

  it("answers a name, the contact's fields and a link to its row on this page", async () => {
    assert.deepEqual(await lookup(call('1009', '1009'), { signal }), {
      name: 'Maria Garcia',
      fields: { company: 'Garcia Logistics', tier: 'Gold', accountOwner: 'R. Patel' },
      record: { url: `${PAGE}#contact-1009`, label: 'Maria Garcia in Acme CRM' },
    });
    const maria = CONTACTS.find((c) => c.phone === '1009');
    assert.equal(maria && contactRowId(maria), 'contact-1009');
  });

  it('resolves an unknown number to no data', async () => {
    assert.equal(await lookup(call('5550000'), { signal }), undefined);
    assert.deepEqual(await runCrmLookup(lookup, call('5550000'), 1000, signal), { status: 'none' });
  });

  it("passes the widget's own checks (runCrmLookup) with a record URL it accepts", async () => {
    const outcome = await runCrmLookup(lookup, call('1009'), 1000, signal);
    assert.equal(outcome.status, 'ok');
  });

  it('honours the abort signal: an aborted lookup stops waiting at once and answers nothing', async () => {
    const slow = contactLookup(CONTACTS, { pageUrl: PAGE, latencyMs: 10_000 });
    const aborter = new AbortController();
    const started = Date.now();
    const pending = slow(call('1009'), { signal: aborter.signal });
    aborter.abort();
    await assert.rejects(Promise.resolve(pending));
    assert.ok(Date.now() - started < 1000);
    const already = AbortSignal.abort();
    await assert.rejects(Promise.resolve(slow(call('1009'), { signal: already })));
    await assert.rejects(delay(0, already));
  });
});
