import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/define.ts';
import type { CtiSoftphone } from '../src/element.ts';

describe('<cti-softphone> config', () => {
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

  it('drops the phone of a config that turned invalid', async () => {
    const el = await fixture<CtiSoftphone>(html`<cti-softphone></cti-softphone>`);
    // A closed loopback port: the phone exists and keeps retrying, no network leaves the machine.
    el.config = { server: 'ws://127.0.0.1:9', aor: 'sip:1001@example.com', password: 'x' };
    await el.updateComplete;
    const first = el.phone;
    expect(first).to.not.equal(undefined);
    const failed = oneEvent(el, 'cti-config-error');
    el.config = { server: 'ws://127.0.0.1:9', aor: 'sip:1001@example.com', iceGatheringTimeoutMs: 5 };
    expect((await failed).detail.issues[0]).to.match(/^iceGatheringTimeoutMs: /);
    await el.updateComplete;
    expect(el.phone).to.equal(undefined);
    await first?.stop(); // already stopped by the swap: stop() is idempotent
    expect(first?.state.registration.state).to.equal('unregistered');
    el.remove();
  });
});
