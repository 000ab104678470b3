import { z } from 'zod/mini';
import { parsePhoneConfig, type ConfigError, type PhoneConfigInput } from './config.ts';
import { err, ok, type Result } from './core/result.ts';
import { defineSoftphone } from './define.ts';
import type { CtiSoftphone } from './element.ts';

/**
 * The script tag's module (dist/embed/cti-softphone.mjs), loaded by the classic script
 * `cti-softphone.js` (src/embed.ts) with the script's data-* attributes. Everything needed to
 * register and ring is in this module and its static imports; the rest (the journal's database
 * code, the call history, the floating card's title bar) is in chunks loaded on first use.
 */
type Data = Readonly<Record<string, string | undefined>>;

/** A new task: the host page gets the main thread between the module's steps (no long task). */
const yieldToPage = () => new Promise((resolve) => setTimeout(resolve));

/** `data-config-url`'s JSON: an object of phone config fields (checked with the rest), no secret. */
const remoteConfig = z
  .custom<Record<string, unknown>>((v) => !!v && typeof v === 'object' && !Array.isArray(v), 'not an object')
  .check(z.refine((o) => !('password' in o || 'credentials' in o), 'no secrets here: use data-credentials'));

/** The central config: fetched, parsed as JSON, checked; the problem names the URL. */
async function fetchConfig(url: string): Promise<Result<Record<string, unknown>, string>> {
  let problem: unknown;
  try {
    const response = await fetch(new URL(url, document.baseURI), { signal: AbortSignal.timeout(10_000) });
    const checked = response.ok && remoteConfig.safeParse(await response.json());
    if (checked && checked.success) return ok(checked.data);
    problem = checked ? checked.error.issues[0]?.message : `HTTP ${response.status}`;
  } catch (e) {
    problem = e instanceof Error ? e.message : e;
  }
  return err(`data-config-url ${url}: ${String(problem)}`);
}

/** The tag's own fields, which win over the central config's. */
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
 * `<cti-softphone>`, or undefined if none was mounted: a bad config is reported as
 * `cti-config-error` (and on the console, and in the floating card), never thrown.
 */
export async function mountFromScript(d: Data): Promise<CtiSoftphone | undefined> {
  try {
    await yieldToPage(); // evaluating this module was one task, mounting the phone is another
    defineSoftphone();
    const remote = d['configUrl'] ? await fetchConfig(d['configUrl']) : ok({});
    const input: Record<string, unknown> = { ...(remote.ok ? remote.value : {}), ...fromAttributes(d) };
    if (remote.ok && !input['server'] && !input['aor']) return undefined; // the page sets it up itself
    const checked = remote.ok ? parsePhoneConfig(input) : err({ issues: [remote.error] });
    if (document.readyState === 'loading')
      await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
    const host = d['mount'] ? document.querySelector(d['mount']) : null;
    const parent = host ?? floatingCard();
    if (!checked.ok) {
      const detail: ConfigError = { code: 'invalid-config', issues: checked.error.issues };
      console.error(`cti-softphone: invalid config: ${detail.issues.join('; ')}`);
      if (!host) Object.assign(parent, { error: 'The phone could not start: its configuration is invalid.' });
      parent.dispatchEvent(new CustomEvent('cti-config-error', { detail, bubbles: true, composed: true }));
      return undefined;
    }
    const el = document.createElement('cti-softphone');
    el.config = input as PhoneConfigInput;
    parent.append(el);
    return el;
  } catch (e) {
    console.error('cti-softphone: could not mount', e);
    return undefined;
  }
}
