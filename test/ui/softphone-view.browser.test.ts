import { expect, oneEvent } from '@open-wc/testing';
import { FakePhone } from './fake-phone.ts';
import { buttonNames, count, mount, q, settle, text } from './helpers.ts';

// Were a hostile payload ever parsed as HTML, its onerror=alert(1) would block the page (and the
// run) until the timeout: record the call instead, for the rest of this page's life.
let alerted = false;
window.alert = () => void (alerted = true);

describe('cti-softphone view: status, popup, controls', () => {
  it('renders the registration and transport status', async () => {
    const { el, phone } = await mount({ registered: false });
    const status = () => text(q(el, '[part~="status"]'));
    expect(q(el, '[part~="status"]').getAttribute('role')).to.equal('status');
    expect(status()).to.equal('Not registered');
    phone.emit({ type: 'registration', state: 'registering' });
    await settle(el);
    expect(status()).to.equal('Registering…');
    phone.emit({ type: 'registration', state: 'registered' });
    await settle(el);
    expect(status()).to.equal('Registered');
    phone.emit({ type: 'registration', state: 'failed', reason: '403 Forbidden' });
    await settle(el);
    expect(status()).to.equal('Registration failed: 403 Forbidden');
    phone.emit({ type: 'transport', state: 'disconnected', attempt: 2, retryInMs: 4000 });
    await settle(el);
    expect(status()).to.equal('Connection lost, reconnecting in 4 s');
    el.phone = undefined;
    await settle(el);
    expect(status()).to.equal('Not configured');
  });

  it('shows an incoming-call popup with number and display name, and announces it', async () => {
    const { el, phone } = await mount();
    const live = q(el, '[aria-live="assertive"]');
    expect(text(live)).to.equal('');
    phone.ringIn('in-1', '+4930123456', 'Alice Smith');
    await settle(el);
    const popup = q(el, '[part~="popup"]');
    expect(popup.getAttribute('role')).to.equal('alertdialog');
    expect(text(q(el, `#${popup.getAttribute('aria-labelledby') ?? ''}`))).to.equal('Incoming call');
    expect(text(q(el, '[part~="caller-name"]'))).to.equal('Alice Smith');
    expect(text(q(el, '[part~="caller-number"]'))).to.equal('+4930123456');
    expect(buttonNames(popup)).to.deep.equal(['answer', 'reject']);
    expect(text(live)).to.equal('Incoming call from Alice Smith +4930123456');
    phone.emit({ type: 'disconnect', callId: 'in-1', reason: 'cancelled' });
    await settle(el);
    expect(count(el, '[part~="popup"]')).to.equal(0);
    expect(text(live)).to.equal('');
  });

  it('renders a hostile display name as text, never as HTML', async () => {
    const { el, phone } = await mount();
    alerted = false;
    const hostile = '<img src=x onerror=alert(1)>';
    phone.ringIn('in-1', '<b>1001</b>', hostile);
    await settle(el);
    expect(count(el, 'img')).to.equal(0);
    expect(count(el, 'b')).to.equal(0);
    expect(text(q(el, '[part~="caller-name"]'))).to.equal(hostile);
    expect(text(q(el, '[part~="caller-number"]'))).to.equal('<b>1001</b>');
    phone.emit({ type: 'connect', callId: 'in-1' });
    await settle(el);
    expect(count(el, 'img')).to.equal(0);
    expect(text(q(el, '[part~="party"]'))).to.equal(`${hostile} (<b>1001</b>)`);
    expect(alerted).to.equal(false);
  });

  it('shows exactly the controls each call state allows', async () => {
    const { el, phone } = await mount();
    const controls = () => buttonNames(q(el, '[part~="line"] [part~="controls"]'));
    phone.emit({ type: 'dial', callId: 'c1', from: { number: '1002' }, to: { number: '1003' } });
    await settle(el);
    expect(controls()).to.deep.equal(['hangup']);
    phone.emit({ type: 'alert', callId: 'c1' });
    await settle(el);
    expect(controls()).to.deep.equal(['hangup']);
    phone.emit({ type: 'connect', callId: 'c1' });
    await settle(el);
    expect(controls()).to.deep.equal(['hold', 'mute', 'transfer', 'hangup']);
    phone.emit({ type: 'hold', callId: 'c1' });
    await settle(el);
    expect(controls()).to.deep.equal(['resume', 'mute', 'transfer', 'hangup']);
    phone.emit({ type: 'transfer', callId: 'c1', phase: 'requested', target: '1004', kind: 'blind' });
    await settle(el);
    expect(controls()).to.deep.equal(['mute', 'hangup']);
    expect(text(q(el, '[part~="call-state"]'))).to.equal('Transferring to 1004…');
    phone.emit({ type: 'disconnect', callId: 'c1', reason: 'transferred' });
    await settle(el);
    expect(count(el, '[part~="line"]')).to.equal(0);
  });

  it('toggles mute with aria-pressed', async () => {
    const { el, phone } = await mount();
    phone.connectIncoming('in-1', '1001');
    await settle(el);
    const mute = () => q<HTMLButtonElement>(el, '[part~="mute-button"]');
    expect(mute().getAttribute('aria-pressed')).to.equal('false');
    let muted = oneEvent(el, 'cti-mute');
    mute().click();
    await muted;
    await settle(el);
    expect(phone.commands.at(-1)).to.deep.equal({ type: 'mute', callId: 'in-1', muted: true });
    expect(mute().getAttribute('aria-pressed')).to.equal('true');
    muted = oneEvent(el, 'cti-mute');
    mute().click();
    await muted;
    await settle(el);
    expect(mute().getAttribute('aria-pressed')).to.equal('false');
  });

  it('unsubscribes when the phone changes or the element leaves the DOM', async () => {
    const { el, phone } = await mount({ host: false });
    expect(phone.listenerCount).to.equal(1);
    const other = new FakePhone();
    other.ringIn('x', '1009');
    el.phone = other;
    await settle(el);
    expect([phone.listenerCount, other.listenerCount]).to.deep.equal([0, 1]);
    expect(text(q(el, '[part~="caller-number"]'))).to.equal('1009');
    el.remove();
    expect(other.listenerCount).to.equal(0);
    document.body.append(el);
    expect(other.listenerCount).to.equal(1);
  });
});
