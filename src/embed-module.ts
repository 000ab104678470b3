import type { PhoneConfigInput } from './config.ts';
import { defineSoftphone } from './define.ts';
import type { CtiSoftphone } from './element.ts';

/**
 * The script tag's module (dist/embed/cti-softphone.mjs), loaded by the classic script
 * `cti-softphone.js` (src/embed.ts) with the script's data-* attributes. Everything needed to
 * register and ring is in this module and its static imports; the rest (the journal's database
 * code, the call history, the floating card's title bar, data-config-url's fetch and checks) is in
 * chunks loaded on first use.
 */
type Data = Readonly<Record<string, string | undefined>>;

/** A new task: the host page gets the main thread between the module's steps (no long task). */
const yieldToPage = () => new Promise((resolve) => setTimeout(resolve));

/** The tag's own fields (they win over data-config-url's). */
function fromAttributes(d: Data): Record<string, unknown> {
  // The password is never read from an attribute: a global async function names the credentials.
  const provider = d['credentials']
    ? (window as unknown as Record<string, unknown>)[d['credentials']]
    : undefined;
  const fields = {
    server: d['server'],
    aor: d['aor'],
    authorizationUsername: d['username'],
    displayName: d['displayName'],
    credentials: typeof provider === 'function' ? provider : undefined,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v));
}

/**
 * `<cti-floating-phone>` at the end of the body. Its title bar and minimise button come in a
 * chunk; the phone inside registers (and rings) meanwhile, shown once the card is defined.
 */
function floatingCard(): HTMLElement {
  const card = document.createElement('cti-floating-phone');
  card.hidden = true;
  const shown = () => (card.hidden = false);
  import('./ui/floating-shell.ts').then((m) => m.defineFloatingPhone()).then(shown, shown);
  return document.body.appendChild(card);
}

/**
 * Mounts one phone: in `data-mount` if given, else floating at the bottom right. Resolves to the
 * `<cti-softphone>`, or undefined if none was mounted. Never throws: an invalid config is the
 * element's `cti-config-error`; data-config-url's problems are reported the same way (and on
 * the console, and in the floating card).
 */
export async function mountFromScript(d: Data): Promise<CtiSoftphone | undefined> {
  try {
    await yieldToPage(); // evaluating this module was one task, mounting the phone is another
    defineSoftphone();
    const own = fromAttributes(d);
    const url = d['configUrl'];
    if (!url && !own['server'] && !own['aor']) return undefined; // the page sets it up itself
    const remote =
      url && import('./embed-config.ts').then(async (m) => ({ m, r: await m.configFromUrl(url, own) }));
    if (document.readyState === 'loading')
      await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
    const host = d['mount'] ? document.querySelector(d['mount']) : null;
    const parent = host ?? floatingCard();
    let config = own as PhoneConfigInput;
    if (remote) {
      const { m, r } = await remote;
      if (!r.ok) return void m.reportConfigError(parent, r.error);
      config = r.value;
    }
    const el = document.createElement('cti-softphone');
    el.config = config;
    parent.append(el);
    return el;
  } catch (e) {
    console.error('cti-softphone: could not mount', e);
    return undefined;
  }
}
