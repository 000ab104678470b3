// Click-to-call in Chromium: the one delegated listener on the document, through a view with a
// FakePhone (any config) and through real <cti-softphone> elements (the wiring, two widgets).
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.ts';
import type { ClickToCallConfig } from '../../src/config.ts';
import type { PhoneCommand } from '../../src/core/commands.ts';
import { connectClickToCall } from '../../src/host/click-to-call.ts';
import type { CtiSoftphoneView } from '../../src/ui/softphone-view.ts';
import { FakePhone } from '../ui/fake-phone.ts';
import { mount, q, root, settle, text } from '../ui/helpers.ts';

const defaults: ClickToCallConfig = { enabled: true, confirm: false, maxExtensionDigits: 6 };
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A view wired as the element wires it (host adapter, then click-to-call with `config`). */
async function widget(config: Partial<ClickToCallConfig> = {}, registered = true) {
  const mounted = await mount({ registered });
  cleanups.push(connectClickToCall(mounted.el, { ...defaults, ...config }));
  return mounted;
}

/** Appends `markup` to the page (after load, as a single-page CRM does); removed after the test. */
function page(markup: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = markup;
  document.body.append(div);
  cleanups.push(() => div.remove());
  return div;
}

/** The one element matching `selector` under `parent`; throws if there is none. */
function find(parent: ParentNode, selector: string): Element {
  const found = parent.querySelector(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

/**
 * Clicks `target` and answers whether click-to-call prevented the click's default. A listener on
 * the window (after the document's) records it, then prevents it anyway: the test page never
 * navigates to a tel: handler.
 */
function click(target: Element, init: MouseEventInit = {}): boolean {
  let prevented = false;
  const guard = (e: Event) => ((prevented = e.defaultPrevented), e.preventDefault());
  window.addEventListener('click', guard);
  try {
    target.dispatchEvent(
      new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, ...init }),
    );
  } finally {
    window.removeEventListener('click', guard);
  }
  return prevented;
}

const dials = (phone: FakePhone) => phone.commands.filter((c) => c.type === 'dial').map((c) => c.target);
const dialled = (phone: FakePhone, n = 1) =>
  waitUntil(() => dials(phone).length >= n, 'the dial', { timeout: 5000 });
/** Lets a click that was handled reach the phone (the parser loads, the widget dials). */
const tick = () => new Promise((r) => setTimeout(r, 50));

describe('click-to-call', () => {
  it('dials a tel: link added after load through the phone, and prevents the click’s default', async () => {
    const { phone } = await widget();
    const link = find(page('<a href="tel:+49 30 1234567">Call us</a>'), 'a');
    expect(click(link)).to.equal(true);
    await dialled(phone);
    expect(dials(phone)).to.deep.equal(['+49301234567']);
  });

  it('dials sip:, sips:, callto: and data-cti-dial targets, national numbers with the default country', async () => {
    const { phone } = await widget({ defaultCountry: 'DE' });
    const div = page(`<a href="sip:1002@pbx.example.com">a</a><a href="SIPS:1003@pbx.example.com">b</a>
      <a href="callto://030 1234567">c</a><table><tr data-cti-dial="(030) 765 4321"><td><span>Bob</span></td></tr></table>`);
    for (const el of div.querySelectorAll('a, span')) {
      expect(click(el)).to.equal(true);
      await dialled(phone, dials(phone).length + 1);
      phone.emit({ type: 'disconnect', callId: phone.state.calls[0]?.callId ?? '', reason: 'remote-hangup' });
    }
    expect(dials(phone)).to.deep.equal([
      'sip:1002@pbx.example.com',
      'SIPS:1003@pbx.example.com',
      '+49301234567',
      '+49307654321',
    ]);
  });

  it('leaves modifier and non-primary clicks, opted-out targets, other links and controls to the browser', async () => {
    const { phone } = await widget();
    const div = page(`<a id="plain" href="tel:1002">x</a>
      <div data-cti-no-dial><p><a id="under" href="tel:1002">x</a></p></div>
      <a id="own" data-cti-no-dial href="tel:1002">x</a><a id="web" href="https://example.com/">x</a>
      <a id="mail" href="mailto:a@example.com">x</a><a id="none">x</a>
      <div data-cti-dial="1002"><button id="edit" type="button">Edit</button></div>`);
    const plain = find(div, '#plain');
    for (const init of [
      { ctrlKey: true },
      { metaKey: true },
      { shiftKey: true },
      { altKey: true },
      { button: 1 },
    ])
      expect(click(plain, init), JSON.stringify(init)).to.equal(false);
    for (const id of ['under', 'own', 'web', 'mail', 'none', 'edit'])
      expect(click(find(div, `#${id}`)), id).to.equal(false);
    // A click the page already handled (its own listener prevented it) is the page's.
    plain.addEventListener('click', (e) => e.preventDefault(), { once: true });
    click(plain);
    await tick();
    expect(dials(phone)).to.deep.equal([]);
  });

  it('dials a link inside an open shadow root (the click’s composed path)', async () => {
    const { phone } = await widget();
    const host = find(page('<span></span>'), 'span');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<a href="tel:1004"><b>Call</b></a>';
    expect(click(find(shadow, 'b'))).to.equal(true);
    await dialled(phone);
    expect(dials(phone)).to.deep.equal(['1004']);
  });

  it('asks the host first (cti-request-dial): preventDefault() vetoes, detail.number rewrites', async () => {
    const { el, phone } = await widget();
    const link = find(page('<a href="tel:+4930123456">x</a>'), 'a');
    const requests: PhoneCommand[] = [];
    el.addEventListener('cti-command-request', (e) => requests.push(e.detail));
    const veto = oneEvent(document, 'cti-request-dial');
    el.addEventListener('cti-request-dial', (e) => e.preventDefault(), { once: true });
    expect(click(link)).to.equal(true, 'a vetoed dial is still not the OS handler’s');
    const vetoed = await veto;
    expect([vetoed.detail, vetoed.target === el, vetoed.cancelable, vetoed.composed]).to.deep.equal([
      { number: '+4930123456', source: 'click' },
      true,
      true,
      true,
    ]);
    await tick();
    expect(dials(phone)).to.deep.equal([]);
    el.addEventListener('cti-request-dial', (e) => (e.detail.number = ` 0${e.detail.number} `), {
      once: true,
    });
    click(link);
    await dialled(phone);
    expect(dials(phone)).to.deep.equal(['0+4930123456']);
    expect(requests).to.deep.equal([{ type: 'dial', target: '0+4930123456' }], 'the normal command path');
  });

  it('with confirm, shows "Call <number>?" with the number in the focused input; Call dials, Cancel does not', async () => {
    const { el, phone } = await widget({ confirm: true });
    const link = find(page('<a href="tel:+49-30-1234567">x</a>'), 'a');
    click(link);
    await waitUntil(() => root(el).querySelector('[part~="dial-confirm"]'), 'the prompt');
    await settle(el);
    expect(text(q(el, '[part~="dial-confirm"]'))).to.equal('Call +49301234567?');
    expect(q<HTMLInputElement>(el, '#number').value).to.equal('+49301234567');
    expect(root(el).activeElement?.id).to.equal('number');
    expect(q(el, '#number').getAttribute('aria-describedby')).to.equal('dial-confirm');
    await expect(el).to.be.accessible();
    expect(dials(phone)).to.deep.equal([]);
    q<HTMLButtonElement>(el, '[part~="cancel-button"]').click();
    await settle(el);
    expect(root(el).querySelector('[part~="dial-confirm"]')).to.equal(null);
    click(link);
    await waitUntil(() => root(el).querySelector('[part~="cancel-button"]'), 'the prompt again');
    q<HTMLButtonElement>(el, '[part~="call-button"]').click();
    await dialled(phone);
    expect(dials(phone)).to.deep.equal(['+49301234567']);
  });

  it('not registered or not a number: the widget shows the number and the error, the page stays', async () => {
    const { el, phone } = await widget({}, false);
    const div = page('<a href="tel:+4930123456">x</a><span data-cti-dial="call me maybe">y</span>');
    expect(click(find(div, 'a'))).to.equal(true);
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'the error');
    expect(text(q(el, '[role="alert"]'))).to.contain('not registered');
    expect(q<HTMLInputElement>(el, '#number').value).to.equal('+4930123456');
    phone.register();
    expect(click(find(div, 'span'))).to.equal(true);
    await waitUntil(
      () => text(root(el).querySelector('[role="alert"]')).includes('Not a phone number'),
      'error',
    );
    expect(q<HTMLInputElement>(el, '#number').value).to.equal('call me maybe');
    expect(dials(phone)).to.deep.equal([]);
  });

  it('disabled, or uninstalled: the click is the browser’s', async () => {
    const { el, phone } = await widget({ enabled: false });
    const link = find(page('<a href="tel:1002">x</a>'), 'a');
    expect(click(link)).to.equal(false);
    const uninstall = connectClickToCall(el, defaults);
    expect(click(link)).to.equal(true);
    uninstall();
    uninstall(); // twice is harmless
    expect(click(link)).to.equal(false);
    await dialled(phone);
    expect(dials(phone)).to.deep.equal(['1002']);
  });
});

describe('click-to-call in <cti-softphone>', () => {
  async function element(): Promise<{ el: CtiSoftphoneView; phone: FakePhone }> {
    const phone = new FakePhone();
    phone.register();
    const el = document.createElement('cti-softphone');
    el.phone = phone;
    document.body.append(el);
    cleanups.push(() => el.remove());
    await el.updateComplete;
    // The element takes links over once click-to-call's code has loaded (a lazy part).
    await import('../../src/host/click-to-call.ts');
    await new Promise((r) => setTimeout(r));
    return { el, phone };
  }

  it('every element installs it; with two, one listener: the first on the page dials, then the next', async () => {
    const first = await element();
    const second = await element();
    const link = find(page('<a href="tel:1002">x</a>'), 'a');
    expect(click(link)).to.equal(true);
    await dialled(first.phone);
    await tick();
    expect([dials(first.phone), dials(second.phone)]).to.deep.equal([['1002'], []]);
    first.el.remove();
    click(link);
    await dialled(second.phone);
    expect([dials(first.phone), dials(second.phone)]).to.deep.equal([['1002'], ['1002']]);
    second.el.remove();
    expect(click(link), 'no element on the page: the browser’s').to.equal(false);
  });

  it('leaves clicks inside the widget to the widget', async () => {
    const { el, phone } = await element();
    const own = find(root(el), '[part~="call-button"]');
    own.setAttribute('data-cti-dial', '1002'); // as if the widget showed a dial target of its own
    expect(click(own)).to.equal(false);
    await tick();
    expect(dials(phone)).to.deep.equal([]);
  });
});
