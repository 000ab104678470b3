import { clickToCallOf } from '../config.ts';
import type { CtiSoftphone } from '../element.ts';
import { dialTarget } from '../host/dial-target.ts';
import { dialParam, withoutDial } from './dial-link.ts';
import { claimPhoneTab, handOff, serveHandoffs } from './tab-handoff.ts';

/**
 * The standalone tab: a full-size phone that `tel:` and `sip:` links open with `?dial=<link>`
 * (phone-links.ts registers it). One tab per agent is the phone tab (tab-handoff.ts): a tab a link
 * opens while there is one hands the number over, says so and tries to close; otherwise it waits
 * (and becomes the phone tab when that one closes). A number from a link is never dialled
 * unasked: once the phone is registered it is put in the widget's dial input with "Call <number>?"
 * (offerDial), and the agent's Call or Enter dials it, through the command path like any dial.
 */
export type PhoneTabStatus =
  /** Another tab is the phone tab: this one takes over when it closes. */
  | { readonly kind: 'waiting' }
  /** The number went to the phone tab (this tab has no phone). */
  | { readonly kind: 'handed-off'; readonly number: string }
  /** This tab is the phone tab. */
  | { readonly kind: 'phone' }
  /** A number from a link: waiting for the registration, then asked in the widget. */
  | { readonly kind: 'offer'; readonly number: string; readonly asked: boolean };

export interface PhoneTabOptions {
  /** The agent (e.g. the AOR): the tabs of one key share one phone tab. */
  readonly key: string;
  /** This tab's URL (`location.href`): its `dial` parameter is a link to dial. */
  readonly url: string;
  /** Puts this tab's `<cti-softphone>` on the page (only the phone tab calls it). */
  readonly mount: () => CtiSoftphone;
  readonly onStatus?: (status: PhoneTabStatus) => void;
  /** Shows `url` without its dial (default: history.replaceState), so a reload never dials again. */
  readonly forgetDial?: (url: string) => void;
  /** Closes the tab once its number was handed over (default: window.close(), where allowed). */
  readonly close?: () => void;
}

export interface PhoneTab {
  /** The mounted phone, or undefined (handed off, stopped, or it failed: logged, never thrown). */
  readonly ready: Promise<CtiSoftphone | undefined>;
  /** Gives up the phone tab's lock and its channel (the element is the page's to remove). */
  stop(): void;
}

interface LaunchQueue {
  setConsumer(consumer: (params: { readonly targetURL?: string }) => void): void;
}

export function startPhoneTab(options: PhoneTabOptions): PhoneTab {
  const stopped = new AbortController();
  const ready = run(options, stopped.signal).catch((e: unknown) => {
    console.error('cti-softphone: the phone tab could not start', e);
    return undefined;
  });
  return { ready, stop: () => stopped.abort() };
}

async function run(o: PhoneTabOptions, signal: AbortSignal): Promise<CtiSoftphone | undefined> {
  const status = o.onStatus ?? (() => undefined);
  const raw = dialParam(o.url);
  if (raw !== undefined)
    (o.forgetDial ?? ((u) => history.replaceState(history.state, '', u)))(withoutDial(o.url));
  if (!(await claimPhoneTab(o.key, { wait: false, release: signal }))) {
    if (raw !== undefined && (await handOff(o.key, raw))) {
      const shown = dialTarget(raw, clickToCallOf(undefined)); // for the text only: the phone tab decides
      status({ kind: 'handed-off', number: shown.ok ? shown.value : raw });
      (o.close ?? (() => window.close()))();
      return undefined;
    }
    status({ kind: 'waiting' });
    if (!(await claimPhoneTab(o.key, { wait: true, release: signal, signal }))) return undefined;
  }
  if (signal.aborted) return undefined;
  const el = o.mount();
  status({ kind: 'phone' });
  const offer = offerer(el, status, signal);
  const unserve = serveHandoffs(o.key, (handed) => {
    window.focus(); // most browsers only flash the tab; the status says what came in
    offer(handed);
  });
  signal.addEventListener('abort', unserve, { once: true });
  // An installed app with launch_handler focus-existing: later links come through launchQueue.
  const queue = (window as Window & { launchQueue?: LaunchQueue }).launchQueue;
  let first = true;
  queue?.setConsumer(({ targetURL }) => {
    const launched = targetURL && !(first && targetURL === o.url) ? dialParam(targetURL) : undefined;
    first = false;
    if (launched !== undefined) offer(launched);
  });
  if (raw !== undefined) offer(raw);
  return el;
}

/** Offers numbers from links to the agent in `el`; a newer one replaces one still waiting. */
function offerer(el: CtiSoftphone, status: (s: PhoneTabStatus) => void, signal: AbortSignal) {
  let latest = 0;
  return (raw: string): void => {
    const mine = ++latest;
    const parsed = dialTarget(raw, clickToCallOf(el.config));
    if (!parsed.ok) return el.showDialError(raw, parsed.error.message);
    const number = parsed.value;
    status({ kind: 'offer', number, asked: false });
    void whenRegistered(el, signal).then((registered) => {
      if (!registered || mine !== latest) return;
      el.offerDial(number, true);
      status({ kind: 'offer', number, asked: true });
    });
  };
}

const isRegistered = (el: CtiSoftphone) => el.phone?.state.registration.state === 'registered';

/** Resolves true once `el`'s phone is registered (false if `signal` aborts first). */
async function whenRegistered(el: CtiSoftphone, signal: AbortSignal): Promise<boolean> {
  await el.updateComplete;
  if (isRegistered(el)) return true;
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      el.removeEventListener('cti-registration', check);
      signal.removeEventListener('abort', aborted);
      resolve(value);
    };
    const check = () => isRegistered(el) && done(true);
    const aborted = () => done(false);
    el.addEventListener('cti-registration', check);
    signal.addEventListener('abort', aborted, { once: true });
  });
}
