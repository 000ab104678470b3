import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../src/define.ts';
import type { PhoneCommand } from '../src/core/commands.ts';
import type { CtiSoftphone } from '../src/element.ts';
import { FakePhone } from './ui/fake-phone.ts';

// A closed loopback port: a phone built from this config exists and keeps retrying, and no
// traffic leaves the machine. (Registration itself is tested against Kamailio in test/e2e/.)
const unreachable = { server: 'ws://127.0.0.1:9', aor: 'sip:1001@example.com', password: 'x' };

describe('<cti-softphone> element', () => {
  it('raises cti-config-error naming each bad field, never a secret, and builds no phone', async () => {
    const el = await fixture<CtiSoftphone>(html`<cti-softphone></cti-softphone>`);
    const failed = oneEvent(el, 'cti-config-error');
    el.config = { server: 'http://pbx.example.com', aor: 'not-a-uri', password: 'hunter2-secret' };
    const event = await failed;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.issues.map((i: string) => i.split(':')[0])).to.deep.equal(['server', 'aor']);
    expect(JSON.stringify(event.detail)).to.not.contain('hunter2');
    expect(el.phone).to.equal(undefined);
  });

  it('stops the phone of a config that turned invalid, and dispatches its first event', async () => {
    const el = document.createElement('cti-softphone');
    const transport: string[] = [];
    el.addEventListener('cti-transport', (e) => transport.push(`${e.detail.seq}:${e.detail.state}`));
    el.config = unreachable;
    document.body.append(el);
    await el.updateComplete;
    const first = el.phone;
    if (!first) throw new Error('no phone');
    await waitUntil(() => first.state.transport.retryInMs !== undefined, 'the phone to retry', {
      timeout: 10_000,
    });
    // seq comes from the journal (per browser, across phones): consecutive, whatever came before.
    const [a, b] = transport.slice(0, 2).map((t) => t.split(':'));
    expect([a?.[1], b?.[1]], 'the host hears the phone from its first event on').to.deep.equal([
      'connecting',
      'disconnected',
    ]);
    expect(Number(b?.[0]) - Number(a?.[0])).to.equal(1);
    const failed = oneEvent(el, 'cti-config-error');
    el.config = { ...unreachable, iceGatheringTimeoutMs: 5 };
    expect((await failed).detail.issues[0]).to.match(/^iceGatheringTimeoutMs: /);
    await el.updateComplete;
    expect(el.phone).to.equal(undefined);
    // Stopped by the swap (not by this test): a stopped phone says disconnected with no retry pending,
    // and the host still heard it (its link lives until the stop is over).
    await waitUntil(() => first.state.transport.retryInMs === undefined, 'the old phone to stop', {
      timeout: 10_000,
    });
    expect(first.state.transport.state).to.equal('disconnected');
    await waitUntil(
      () => transport.at(-1)?.endsWith(':disconnected') && transport.length >= 3,
      'the stop to reach the host',
    );
    el.remove();
  });

  it('starts a phone configured while detached when it is attached again', async () => {
    const el = await fixture<CtiSoftphone>(html`<cti-softphone></cti-softphone>`);
    const parent = el.parentElement;
    el.remove();
    el.config = unreachable;
    await el.updateComplete;
    const phone = el.phone;
    if (!phone) throw new Error('no phone');
    expect(phone.state.lastSeq, 'not started while detached').to.equal(-1);
    const started = oneEvent(el, 'cti-transport');
    parent?.append(el);
    expect((await started).detail.state).to.equal('connecting');
    el.remove();
  });

  it('wires the host adapter to a phone the host assigns: its events and the veto', async () => {
    const el = await fixture<CtiSoftphone>(html`<cti-softphone></cti-softphone>`);
    const phone = new FakePhone();
    el.phone = phone;
    await el.updateComplete;
    const order: string[] = [];
    el.addEventListener('cti-offer', (e) => order.push(`offer ${e.detail.callId}`));
    el.addEventListener('cti-command-request', (e: CustomEvent<PhoneCommand>) => e.preventDefault());
    phone.register();
    phone.ringIn('in-1', '1001');
    expect(order).to.deep.equal(['offer in-1']);
    const r = await phone.answer('in-1');
    expect(r.ok ? 'ok' : r.error.code).to.equal('vetoed');
    expect(phone.commands).to.deep.equal([]);
    el.remove();
  });
});
