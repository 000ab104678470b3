import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { buttonNames, count, mount, q, root, settle, text } from './helpers.ts';

describe('cti-softphone view: lines, timer, accessibility', () => {
  it('ticks the call timer each second while connected', async () => {
    const { el, phone } = await mount();
    phone.connectIncoming('in-1', '1001');
    await settle(el);
    const timer = () => text(root(el).querySelector('[part~="timer"]'));
    expect(timer()).to.equal('0:00');
    // The timer reads the phone's clock: move it, and the next tick (a 1 s interval) shows it.
    phone.clock += 65_000;
    await waitUntil(() => timer() === '1:05', `the timer did not tick (shows ${timer()})`, {
      timeout: 10_000,
      interval: 50,
    });
  });

  it('shows two lines and a Swap button when one of them is held', async () => {
    const { el, phone } = await mount();
    phone.connectIncoming('in-1', '1001', 'Alice');
    phone.emit({ type: 'hold', callId: 'in-1' });
    phone.ringIn('in-2', '1003', 'Carol');
    await settle(el);
    // The second call rings in the popup while the first stays on its line.
    expect(root(el).querySelectorAll('[part~="line"]').length).to.equal(1);
    expect(count(el, '[part~="swap-button"]')).to.equal(0);
    q<HTMLButtonElement>(el, '#answer').click();
    await settle(el);
    const lines = [...root(el).querySelectorAll('[part~="line"]')];
    expect(lines.map((l) => text(l.querySelector('[part~="party"]')))).to.deep.equal([
      'Alice (1001)',
      'Carol (1003)',
    ]);
    expect(lines.map((l) => l.getAttribute('data-state'))).to.deep.equal(['held', 'connected']);
    const retrieved = oneEvent(el, 'cti-retrieve');
    q<HTMLButtonElement>(el, '[part~="swap-button"]').click();
    await retrieved;
    await settle(el);
    // Swap is the core's policy: hold the connected call, then resume the held one.
    expect(phone.commands.slice(-2)).to.deep.equal([
      { type: 'hold', callId: 'in-2' },
      { type: 'resume', callId: 'in-1' },
    ]);
    const after = [...root(el).querySelectorAll('[part~="line"]')].map((l) => l.getAttribute('data-state'));
    expect(after).to.deep.equal(['connected', 'held']);
    expect(buttonNames(q(el, '[part~="line"][data-state="held"] [part~="controls"]'))).to.deep.equal([
      'resume',
      'mute',
      'transfer',
      'hangup',
    ]);
  });

  it('notes a failed outgoing call', async () => {
    const { el, phone } = await mount();
    phone.emit({ type: 'dial', callId: 'c1', from: { number: '1002' }, to: { number: '1099' } });
    phone.emit({ type: 'fail', callId: 'c1', code: 404, cause: 'Not Found' });
    await settle(el);
    expect(text(q(el, '[part~="last-call"]'))).to.equal('Call with 1099 failed: Not Found (404)');
  });

  it('is accessible when idle, ringing, connected and with two lines', async () => {
    const { el, phone } = await mount();
    await expect(el).to.be.accessible();
    phone.ringIn('in-1', '1001', 'Alice');
    await settle(el);
    await expect(el).to.be.accessible();
    phone.emit({ type: 'connect', callId: 'in-1' });
    await settle(el);
    q<HTMLButtonElement>(el, '[part~="transfer-button"]').click();
    await settle(el);
    await expect(el).to.be.accessible();
    phone.emit({ type: 'hold', callId: 'in-1' });
    phone.ringIn('in-2', '1003', 'Carol');
    await settle(el);
    await expect(el).to.be.accessible();
    phone.emit({ type: 'connect', callId: 'in-2' });
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('is accessible with a failed registration and a command error', async () => {
    const { el, phone } = await mount({ registered: false });
    phone.emit({ type: 'registration', state: 'failed', reason: '401 Unauthorized' });
    q<HTMLButtonElement>(el, '[part~="call-button"]').click();
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'no alert', { timeout: 5000 });
    await expect(el).to.be.accessible();
  });
});
