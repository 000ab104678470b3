import { expect, oneEvent } from '@open-wc/testing';
import type { CommandError, PhoneCommand } from '../../src/core/commands.ts';
import { phoneEventTypes } from '../../src/core/events.ts';
import { connectHost } from '../../src/host/dom-events.ts';
import { FakePhone } from '../ui/fake-phone.ts';
import { count, mount, q, settle, text } from '../ui/helpers.ts';

describe('host adapter: DOM events and the command veto', () => {
  it('re-dispatches every phone event as a bubbling, composed cti-* event on the element', async () => {
    const { el, phone } = await mount();
    const seen: string[] = [];
    const record = (e: Event) => seen.push(e.type);
    const types = ['cti-offer', 'cti-connect', 'cti-disconnect', 'cti-idle', 'cti-registration'];
    for (const t of types) document.addEventListener(t, record);
    try {
      const offer = oneEvent(document, 'cti-offer');
      phone.ringIn('in-1', '1001', 'Alice');
      const event = await offer;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.target === el, 'target is the element').to.equal(true);
      expect(event.detail.from.displayName).to.equal('Alice');
      expect([event.detail.v, event.detail.seq]).to.deep.equal([1, 1]);
      phone.emit({ type: 'connect', callId: 'in-1' });
      phone.emit({ type: 'disconnect', callId: 'in-1', reason: 'remote-hangup' });
      phone.emit({ type: 'registration', state: 'unregistered' });
      expect(seen).to.deep.equal(types);
    } finally {
      for (const t of types) document.removeEventListener(t, record);
    }
  });

  it('dispatches each event once per phone event, in the phone’s order, and stops when disconnected', async () => {
    const phone = new FakePhone();
    const target = new EventTarget();
    const seen: number[] = [];
    for (const type of phoneEventTypes)
      target.addEventListener(`cti-${type}`, (e) =>
        seen.push((e as CustomEvent<{ seq: number }>).detail.seq),
      );
    const disconnect = connectHost(phone, target);
    phone.register();
    phone.ringIn('a', '1001');
    disconnect();
    phone.emit({ type: 'connect', callId: 'a' });
    expect(seen).to.deep.equal([0, 1]);
  });

  it('shows a failed command with role="alert" and dispatches cti-command-error, without throwing', async () => {
    const { el, phone } = await mount({ registered: false });
    q<HTMLInputElement>(el, '#number').value = '1003';
    q(el, '#number').dispatchEvent(new Event('input'));
    const failed = oneEvent(el, 'cti-command-error');
    q<HTMLButtonElement>(el, '[part~="call-button"]').click();
    const event = await failed;
    expect(event.detail.code).to.equal('not-registered');
    expect(event.bubbles && event.composed).to.equal(true);
    await settle(el);
    const alert = q(el, '[role="alert"]');
    expect(text(alert)).to.contain('The phone is not registered');
    expect(phone.commands).to.deep.equal([]);
    q<HTMLButtonElement>(el, '[part~="dismiss-button"]').click();
    await settle(el);
    expect(count(el, '[role="alert"]')).to.equal(0);
  });

  it('lets the host veto a command from the view through the cancelable cti-command-request', async () => {
    const { el, phone } = await mount();
    phone.ringIn('in-1', '1001');
    await settle(el);
    const requests: PhoneCommand[] = [];
    const veto = (e: CustomEvent<PhoneCommand>) => {
      requests.push(e.detail);
      e.preventDefault();
    };
    el.addEventListener('cti-command-request', veto);
    q<HTMLButtonElement>(el, '#answer').click();
    await settle(el);
    expect(requests).to.deep.equal([{ type: 'answer', callId: 'in-1' }]);
    expect(phone.commands).to.deep.equal([]);
    expect(count(el, '[role="alert"]'), 'a veto is the host’s decision, not an error to show').to.equal(0);
    el.removeEventListener('cti-command-request', veto);
    const connected = oneEvent(el, 'cti-connect');
    q<HTMLButtonElement>(el, '#answer').click();
    await connected;
    expect(phone.commands).to.deep.equal([{ type: 'answer', callId: 'in-1' }]);
  });

  it('runs the veto for commands sent through the JS API too, and reports their refusals', async () => {
    const { el, phone } = await mount();
    const errors: CommandError[] = [];
    el.addEventListener('cti-command-error', (e) => errors.push(e.detail));
    const veto = (e: CustomEvent<PhoneCommand>) => {
      if (e.detail.type === 'dial' && e.detail.target.startsWith('900')) e.preventDefault();
    };
    el.addEventListener('cti-command-request', veto);
    const vetoed = await phone.dial('9001234');
    expect(vetoed.ok ? 'ok' : vetoed.error.code).to.equal('vetoed');
    expect(phone.commands).to.deep.equal([]);
    const allowed = await phone.dial('1003');
    expect(allowed.ok).to.equal(true);
    expect(phone.commands).to.deep.equal([{ type: 'dial', target: '1003' }]);
    const refused = await phone.hold('no-such');
    expect(refused.ok ? 'ok' : refused.error.code).to.equal('no-such-call');
    expect(errors.map((e) => [e.code, e.command])).to.deep.equal([['no-such-call', 'hold']]);
  });

  it('answers a malformed command from an untyped host with invalid-command, reported as an event', async () => {
    const { el, phone } = await mount();
    const failed = oneEvent(el, 'cti-command-error');
    const r = await phone.execute(JSON.parse('{"type":"dial","target":42}') as PhoneCommand);
    expect(r.ok ? 'ok' : [r.error.code, r.error.command]).to.deep.equal(['invalid-command', 'unknown']);
    expect((await failed).detail.code).to.equal('invalid-command');
    expect(phone.commands).to.deep.equal([]);
  });
});
