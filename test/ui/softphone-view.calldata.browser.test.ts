import { expect } from '@open-wc/testing';
import { count, mount, q, root, settle, text } from './helpers.ts';

let alerted = false;
window.alert = () => void (alerted = true);

const fields = (el: Element) =>
  [...root(el).querySelectorAll('[part~="popup"] .field')].map(
    (f) =>
      `${text(f.querySelector('dt'))}=${text(f.querySelector('dd'))}@${f.getAttribute('data-source') ?? '?'}`,
  );

describe('cti-softphone view: call data in the popup', () => {
  it('pops at once with the INVITE’s data and a quiet marker while lookups run, then fills in', async () => {
    const { el, phone } = await mount();
    phone.emit({
      type: 'offer',
      callId: 'in-1',
      from: { number: '2000', displayName: 'Ann' },
      to: { number: '1002' },
      data: { reason: 'billing' },
      uui: [{ data: 'case=123', encoding: 'hex', purpose: 'call' }],
      dnis: '5551234568',
      ani: '2000',
      sources: ['headers', 'cache', 'crm'],
    });
    await settle(el);
    expect(fields(el)).to.deep.equal(['reason=billing@headers', 'User-to-User=case=123@headers']);
    expect(text(q(el, '[part~="call-data-status"]'))).to.equal('Looking up caller…');
    phone.emit({
      type: 'calldata',
      callId: 'in-1',
      source: 'cache',
      status: 'ok',
      data: { reason: 'renewal', tier: 'gold' },
    });
    phone.emit({
      type: 'calldata',
      callId: 'in-1',
      source: 'crm',
      status: 'ok',
      name: 'Ann Smith',
      record: { url: 'https://crm.example/c/7', label: 'Open Ann Smith' },
    });
    await settle(el);
    expect(fields(el)).to.deep.equal([
      'reason=billing@headers',
      'tier=gold@cache',
      'User-to-User=case=123@headers',
    ]);
    expect(text(q(el, '[part~="caller-name"]'))).to.equal('Ann Smith');
    const link = q<HTMLAnchorElement>(el, '[part~="record-link"]');
    expect([link.href, link.target, link.rel, text(link)]).to.deep.equal([
      'https://crm.example/c/7',
      '_blank',
      'noopener noreferrer',
      'Open Ann Smith',
    ]);
    expect(count(el, '[part~="call-data-status"]')).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('marks a lookup that gave up as "data unavailable", keeping what it has', async () => {
    const { el, phone } = await mount();
    phone.emit({
      type: 'offer',
      callId: 'in-1',
      from: { number: '2000' },
      to: { number: '1002' },
      sources: ['headers', 'cache'],
      dnis: '5551234568',
      ani: '2000',
    });
    phone.emit({
      type: 'calldata',
      callId: 'in-1',
      source: 'cache',
      status: 'unavailable',
      reason: 'timeout',
    });
    await settle(el);
    const status = q(el, '[part~="call-data-status"]');
    expect([text(status), status.getAttribute('data-status')]).to.deep.equal([
      'Transfer data unavailable',
      'unavailable',
    ]);
    expect(text(q(el, '[part~="caller-number"]'))).to.equal('2000');
    expect(count(el, '#answer')).to.equal(1);
  });

  it('renders hostile values as text, clipped, with the full value in the tooltip', async () => {
    const { el, phone } = await mount();
    const long = 'L'.repeat(5_000);
    phone.emit({
      type: 'offer',
      callId: 'in-1',
      from: { number: '2000' },
      to: { number: '1002' },
      data: { note: '<img src=x onerror=alert(1)><script>alert(2)</script>', long, nested: { a: [1, 'b'] } },
    });
    await settle(el);
    expect(count(el, '[part~="popup"] img, [part~="popup"] script')).to.equal(0);
    const values = [...root(el).querySelectorAll('[part~="call-data-value"]')];
    expect(text(values[0])).to.equal('<img src=x onerror=alert(1)><script>alert(2)</script>');
    expect(text(values[1]).length).to.equal(160);
    expect(values[1]?.getAttribute('title')).to.equal(`${long} (from call)`);
    expect(text(values[2])).to.equal('{"a":[1,"b"]}');
    expect(alerted).to.equal(false);
  });
});
