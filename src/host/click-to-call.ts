import type { ClickToCallConfig } from '../config.ts';
import type { requestDial } from './dial-request.ts';

/**
 * Click-to-call: one delegated `click` listener per document (bubble phase, so the page's own
 * handlers run first and a click they prevented is theirs) dials `tel:`, `sip:`, `sips:` and
 * `callto:` links and `[data-cti-dial]` elements, wherever and whenever they were added (open
 * shadow roots too: the click's composed path is read). Left to the browser: modifier and
 * non-primary clicks, anything under `[data-cti-no-dial]`, clicks inside a widget, and every
 * click while no widget that installed it is on the page. With several widgets, the first to
 * install it that is still on the page handles the click.
 *
 * A handled click never navigates (its default is prevented at once, so no OS tel: handler
 * opens). The rest is dial-request.ts's, loaded with the parser on the first click: the number
 * is parsed, offered to the host as a cancelable `cti-request-dial` (it may rewrite
 * `detail.number`), then given to the widget, which dials it through the phone's command path
 * (or asks "Call <number>?" first) and shows any error there, e.g. not registered.
 */

/** What click-to-call needs of the element that handles a click (`<cti-softphone>`). */
export interface ClickToCallHost extends HTMLElement {
  /** Puts `number` in the dial input; dials it through the command path, or asks first (`confirm`). */
  offerDial(number: string, confirm: boolean): void;
  /** Shows what was clicked and why it cannot be dialled. */
  showDialError(text: string, message: string): void;
}

interface Claim {
  readonly host: ClickToCallHost;
  readonly config: ClickToCallConfig;
}

const claims = new WeakMap<Document, Claim[]>();
const DIAL_HREF = /^\s*(tel|sips?|callto):/i;
/** A click on one of these (inside a `[data-cti-dial]` row, say) is the control's, not the row's. */
const CONTROLS = new Set(['button', 'input', 'select', 'textarea', 'label', 'summary']);

/** Installs click-to-call for `host` (the first claimant per document adds the listener); returns the uninstall. */
export function connectClickToCall(host: ClickToCallHost, config: ClickToCallConfig): () => void {
  if (!config.enabled) return () => undefined;
  const doc = host.ownerDocument;
  let list = claims.get(doc);
  if (!list) {
    claims.set(doc, (list = []));
    doc.addEventListener('click', onClick);
  }
  const claim: Claim = { host, config };
  list.push(claim);
  return () => {
    if (!list.includes(claim)) return;
    list.splice(list.indexOf(claim), 1);
    if (list.length > 0) return;
    claims.delete(doc);
    doc.removeEventListener('click', onClick);
  };
}

function onClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  const list = claims.get(e.currentTarget as Document) ?? [];
  const claim = list.find((c) => c.host.isConnected);
  const path = e.composedPath();
  if (!claim || list.some((c) => path.includes(c.host))) return;
  const raw = dialTargetOf(path);
  if (raw === undefined) return;
  e.preventDefault();
  offer(claim, raw);
}

/** The value the click names: the nearest `[data-cti-dial]` or dial link, unless opted out. */
function dialTargetOf(path: readonly EventTarget[]): string | undefined {
  if (path.some((n) => n instanceof Element && n.hasAttribute('data-cti-no-dial'))) return undefined;
  for (const n of path) {
    if (!(n instanceof Element)) continue;
    const dial = n.getAttribute('data-cti-dial');
    if (dial !== null) return dial;
    const href = n.localName === 'a' || n.localName === 'area' ? n.getAttribute('href') : null;
    if (href !== null) return DIAL_HREF.test(href) ? href : undefined;
    if (CONTROLS.has(n.localName)) return undefined;
  }
  return undefined;
}

let loading: Promise<typeof requestDial> | undefined;

/** Hands the click to dial-request.ts, loaded with the parser on the first click (a failed load: on the next). */
function offer({ host, config }: Claim, raw: string): void {
  loading ??= import('./dial-request.ts').then(
    (m) => m.requestDial,
    (e: unknown) => ((loading = undefined), Promise.reject(e)),
  );
  loading.then(
    (requestDial) => requestDial(host, config, raw),
    () => host.showDialError(raw, 'The dialler did not load: try again'),
  );
}
