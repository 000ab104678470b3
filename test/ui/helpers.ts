import { fixture, html } from '@open-wc/testing';
import { CtiSoftphoneView } from '../../src/ui/softphone-view.ts';
import { FakePhone } from './fake-phone.ts';
import { connectHost } from '../../src/host/dom-events.ts';

// The lead's element registers `cti-softphone`; the bare view gets its own test-only name.
if (!customElements.get('cti-softphone-view')) customElements.define('cti-softphone-view', CtiSoftphoneView);

export interface Mounted {
  readonly el: CtiSoftphoneView;
  readonly phone: FakePhone;
}

/**
 * A view bound to a fresh FakePhone (registered unless told otherwise), with the host adapter
 * wired to it first, as the root (`<cti-softphone>`) does: `cti-*` events are dispatched on it.
 */
export async function mount(opts: { registered?: boolean; host?: boolean } = {}): Promise<Mounted> {
  const phone = new FakePhone();
  if (opts.registered ?? true) phone.register();
  if (opts.host ?? true) {
    const el = document.createElement('cti-softphone-view') as CtiSoftphoneView;
    hosts.push(connectHost(phone, el));
    el.phone = phone;
    return { el: await fixture<CtiSoftphoneView>(html`${el}`), phone };
  }
  const el = await fixture<CtiSoftphoneView>(html`<cti-softphone-view .phone=${phone}></cti-softphone-view>`);
  return { el, phone };
}

const hosts: (() => void)[] = [];
afterEach(() => {
  for (const disconnect of hosts.splice(0)) disconnect();
});

export function root(el: Element): ShadowRoot {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
}

/** The one element matching `selector` in the view's shadow root; throws if there is none. */
export function q<E extends Element = HTMLElement>(el: Element, selector: string): E {
  const found = root(el).querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export const text = (node: Element | null | undefined): string =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The `<name>` of each `part="button <name>-button"` in `container`, in order. */
export function buttonNames(container: Element): string[] {
  return [...container.querySelectorAll('button')].map((b) => {
    const parts = (b.getAttribute('part') ?? '').split(' ');
    return parts.find((p) => p.endsWith('-button'))?.replace(/-button$/, '') ?? '?';
  });
}

/** Lets the view render what the phone just emitted. */
export async function settle(el: CtiSoftphoneView): Promise<void> {
  await el.updateComplete;
}

/** How many elements match in the shadow root (assert on this: chai chokes on printing Lit DOM). */
export const count = (el: Element, selector: string): number => root(el).querySelectorAll(selector).length;
