import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { screenPopTemplateProblem, screenPopUrl, type ScreenPopCall } from '../../src/calldata/screen-pop.ts';
import { SCREEN_POP_LABEL } from '../../src/calldata/lookups.ts';
import { parsePhoneConfig } from '../../src/config.ts';
import { mergeCallData } from '../../src/core/call-data-view.ts';
import { answerOf, offer, phoneWith } from './lookup-phone.ts';

const call: ScreenPopCall = {
  callId: 'abc@host',
  from: { number: '2000' },
  to: { number: '1001' },
  dnis: '5551234560',
  ani: '+4930123',
  data: { account: 'AC 42/7', nested: { x: 1 } },
};

describe('screen-pop URL template', () => {
  it('fills each placeholder, percent-encoded', () => {
    const t = 'https://crm.example/pop?ani={ani}&dnis={dnis}&id={callId}&acct={data.account}&n={data.nested}';
    assert.equal(
      screenPopUrl(t, call),
      'https://crm.example/pop?ani=%2B4930123&dnis=5551234560&id=abc%40host&acct=AC%2042%2F7&n=',
    );
    const { ani: _ani, dnis: _dnis, ...bare } = call;
    assert.equal(screenPopUrl('https://crm.example/c/{ani}/{dnis}', bare), 'https://crm.example/c/2000/1001');
  });

  it('refuses templates with unknown placeholders or that are not http(s) URLs', () => {
    assert.equal(screenPopTemplateProblem('https://crm.example/?p={ani}'), undefined);
    assert.match(
      screenPopTemplateProblem('https://crm.example/?p={phone}') ?? '',
      /unknown placeholder \{phone\}/,
    );
    assert.match(screenPopTemplateProblem('javascript:alert({ani})') ?? '', /http/);
    assert.match(screenPopTemplateProblem('{ani}') ?? '', /http/);
    const config = parsePhoneConfig({
      server: 'wss://pbx.example/ws',
      aor: 'sip:1001@pbx.example',
      crm: { screenPopUrl: 'https://crm.example/?q={name}' },
    });
    assert.equal(config.ok, false);
    if (!config.ok) assert.match(config.error.issues.join('\n'), /crm\.screenPopUrl: unknown placeholder/);
  });

  it('never lets a caller-controlled value change the scheme, host or path of the URL', () => {
    const t = 'https://crm.example/contacts?phone={ani}&acct={data.account}';
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ maxLength: 300 }),
        (ani, acct) => {
          const url = screenPopUrl(t, { ...call, ani, data: { account: acct } });
          if (url === undefined) return; // a lone surrogate cannot be percent-encoded: no link at all
          const parsed = new URL(url);
          assert.equal(parsed.origin, 'https://crm.example');
          assert.equal(parsed.pathname, '/contacts');
          assert.deepEqual([...parsed.searchParams.keys()], ['phone', 'acct']);
          assert.equal(parsed.searchParams.get('phone'), ani);
          assert.equal(parsed.searchParams.get('acct'), acct);
        },
      ),
    );
  });
});

describe('screen-pop link as the CRM source', () => {
  const template = 'https://crm.example/contacts?phone={ani}';
  const link = { url: 'https://crm.example/contacts?phone=2000', label: SCREEN_POP_LABEL };

  it('with no lookup hook: the link, at once', async () => {
    const p = phoneWith({ crm: { timeoutMs: 1_000, screenPopUrl: template } });
    p.core.publish(offer({ sources: ['headers', 'crm'] }));
    const answer = await p.next(answerOf('crm'));
    assert.deepEqual(answer.type === 'calldata' && [answer.status, answer.record], ['ok', link]);
    assert.deepEqual(mergeCallData(p.core.state.calls[0]?.callData).record, link);
    p.dispose();
  });

  it("the hook's own record wins; the link fills in when it gives none, or fails", async () => {
    const own = { url: 'https://crm.example/contacts/77', label: 'Ann Smith' };
    const cases = [
      { lookup: () => ({ name: 'Ann', record: own }), status: 'ok', record: own },
      { lookup: () => ({ name: 'Ann' }), status: 'ok', record: link },
      { lookup: () => null, status: 'none', record: link },
      { lookup: () => Promise.reject(new Error('down')), status: 'unavailable', record: link },
    ];
    for (const c of cases) {
      const p = phoneWith({ crm: { lookup: c.lookup, timeoutMs: 1_000, screenPopUrl: template } });
      p.core.publish(offer({ sources: ['headers', 'crm'] }));
      const answer = await p.next(answerOf('crm'));
      assert.deepEqual(answer.type === 'calldata' && [answer.status, answer.record], [c.status, c.record]);
      p.dispose();
    }
  });
});
