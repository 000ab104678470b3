// demo/caller.html: a customer on an IVR, registered as extension 1009, calling the CRM page's agent
// with call data, (a) in SIP headers or (b) through seed 000's cache. Everything shown is text.
import { lookupCache, storeInCache, type CacheClientOptions } from '../src/calldata/cache-client.ts';
import type { CtiSoftphone } from '../src/element.ts';
import type { SandboxPage } from '../src/sandbox/page-config.ts';
import {
  CALLER_DISPLAY_NAME,
  CALLER_EXTENSION,
  DEFAULT_FORM,
  cacheValue,
  prepareCall,
  type CallerForm,
  type PreparedCall,
} from './caller-data.ts';
import { DEMO_CACHE_LOGIN, cacheNote, loadSandboxPage, mountSandboxPhone } from './sandbox-phone.ts';

type Say = (text: string, kind?: 'info' | 'ok' | 'error') => void;
interface CacheKey {
  readonly dnis: string;
  readonly ani: string;
}

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`demo/caller.html has no #${id}`);
  return el;
}

/** What happened, newest first, as text nodes only: caller data and SIP reasons are never markup. */
function statusLog(list: HTMLOListElement): Say {
  return (text, kind = 'info') => {
    const item = document.createElement('li');
    item.className = kind;
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString();
    item.append(time, document.createTextNode(` ${text}`));
    list.prepend(item);
  };
}

function fillForm(form: HTMLFormElement, values: CallerForm): void {
  for (const [name, value] of Object.entries(values)) {
    const input = form.elements.namedItem(name);
    if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) input.value = value;
  }
}

function readForm(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
  return values;
}

/** The call's progress, as the caller's widget reports it. */
function followCalls(phone: CtiSoftphone, say: Say, setReady: (ready: boolean) => void): void {
  phone.addEventListener('cti-registration', (e) => {
    setReady(e.detail.state === 'registered');
    say(`extension ${CALLER_EXTENSION}: ${e.detail.state}${e.detail.reason ? ` (${e.detail.reason})` : ''}`);
  });
  phone.addEventListener('cti-alert', () => say('the agent’s phone is ringing: look at the CRM page'));
  phone.addEventListener('cti-connect', () => say('the agent answered', 'ok'));
  phone.addEventListener('cti-fail', (e) =>
    say(`the call failed: ${e.detail.code ?? ''} ${e.detail.cause}`.replace(/\s+/g, ' '), 'error'),
  );
  phone.addEventListener('cti-disconnect', (e) => say(`the call ended (${e.detail.reason})`));
}

/** The two ways to call: each reports every step through `say`. */
function callModes(phone: CtiSoftphone, page: SandboxPage, say: Say) {
  /** The Call-ID of the call placed, or undefined when the widget refused to dial. */
  async function dial(target: string, attach?: Omit<PreparedCall, 'target'>): Promise<string | undefined> {
    const api = phone.phone;
    if (!api) return (say('the phone is not ready yet', 'error'), undefined);
    const result = await api.dial(target, attach);
    if (!result.ok) {
      say(`dial ${target} refused: ${result.error.code}: ${result.error.message}`, 'error');
      return undefined;
    }
    say(`dialling ${target} (Call-ID ${result.value.callId})`);
    return result.value.callId;
  }

  /** A call that never reached the agent leaves its entry unread: free its DNIS now, not at expiry. */
  function freeOnFailure(client: CacheClientOptions, key: CacheKey, callId: string | undefined): void {
    const free = async () => {
      const freed = await lookupCache(client, key, true, AbortSignal.timeout(5000));
      const outcome = {
        ok: 'deleted it, unread',
        none: 'nothing left to delete',
        unavailable: 'the cache did not answer',
      } as const;
      say(`freeing ${key.dnis}:${key.ani} in the cache: ${outcome[freed.status]}`);
    };
    if (callId === undefined) return void free();
    // Until this call is answered (the agent's widget has read the entry) or has failed.
    const settle = (e: CustomEvent<{ readonly callId: string }>) => {
      if (e.detail.callId !== callId) return;
      phone.removeEventListener('cti-fail', settle);
      phone.removeEventListener('cti-connect', settle);
      if (e.type === 'cti-fail') void free();
    };
    phone.addEventListener('cti-fail', settle);
    phone.addEventListener('cti-connect', settle);
  }

  return {
    /** (a) The data travels in the INVITE: X-Call-Data (JSON) and User-to-User (hex). */
    async headers(call: PreparedCall): Promise<void> {
      const { target, ...attach } = call;
      const uui = call.uui ? ' and User-to-User' : '';
      say(`sending ${Object.keys(call.data).length} fields in X-Call-Data${uui} to ${target}`);
      await dial(target, attach);
    },
    /** (b) Seed 000: POST the data under our ANI, get a DNIS from the pool, dial it with no data. */
    async cache(call: PreparedCall): Promise<void> {
      if (!page.cache.running) return say(`no cache: ${page.cache.reason}`, 'error');
      const client: CacheClientOptions = {
        url: page.cache.url,
        // The sandbox's public demo login (DEMO_CACHE_LOGIN): never a real password in a page.
        credentials: async () => ({ ...DEMO_CACHE_LOGIN }),
        timeoutMs: 3000,
      };
      say(`POST ${page.cache.url}/cticache/DNIS-ANI with ani ${CALLER_EXTENSION}`);
      const entry = { value: cacheValue(call), ani: CALLER_EXTENSION };
      const stored = await storeInCache(client, entry, AbortSignal.timeout(5000));
      if (!stored.ok) return say(`the cache refused: ${stored.error}`, 'error');
      const key: CacheKey = { dnis: stored.value.dnis, ani: CALLER_EXTENSION };
      say(`the cache stored the data under ${key.dnis}:${key.ani} and gave DNIS ${key.dnis}`, 'ok');
      return freeOnFailure(client, key, await dial(key.dnis));
    },
  };
}

/** Wires the page; `sipPort` is the sandbox SIP server's (the HTML reads it from import.meta.env). */
export async function startCallerPage(sipPort: string): Promise<void> {
  const form = byId('call-form', HTMLFormElement);
  const say = statusLog(byId('status', HTMLOListElement));
  const viaHeaders = byId('call-headers', HTMLButtonElement);
  const viaCache = byId('call-cache', HTMLButtonElement);
  const page = await loadSandboxPage();
  // Both wait for the registration; the cache's button also for a cache (else its title says why).
  const setReady = (ready: boolean) => {
    viaHeaders.disabled = !ready;
    viaCache.disabled = !ready || !page.cache.running;
  };
  if (!page.cache.running) viaCache.title = `The call-data cache is off: ${page.cache.reason}`;
  byId('cache-note', HTMLParagraphElement).textContent = cacheNote(page.cache);
  byId('pool-note', HTMLSpanElement).textContent = page.cache.running
    ? `It hands out a number of its pool (${page.poolSample.join(', ')}…); the sandbox routes each to ${page.poolAgent}.`
    : 'It needs the cache, which is off (see above).';
  const defaults = { ...DEFAULT_FORM, target: page.poolAgent };
  fillForm(form, defaults);

  const slot = byId('phone-slot', HTMLDivElement);
  const phone = mountSandboxPhone(slot, CALLER_EXTENSION, sipPort, { displayName: CALLER_DISPLAY_NAME });
  followCalls(phone, say, setReady);
  const modes = callModes(phone, page, say);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const call = prepareCall(readForm(form));
    if (!call.ok) return say(call.error, 'error');
    const mode = event.submitter instanceof HTMLButtonElement ? event.submitter.value : 'headers';
    setReady(false);
    void (mode === 'cache' ? modes.cache(call.value) : modes.headers(call.value))
      .catch((e: unknown) => say(`unexpected: ${e instanceof Error ? e.message : String(e)}`, 'error'))
      .finally(() => setReady(phone.phone?.state.registration.state === 'registered'));
    return undefined;
  });
  byId('reset', HTMLButtonElement).addEventListener('click', () => fillForm(form, defaults));
  byId('clear', HTMLButtonElement).addEventListener('click', () =>
    byId('status', HTMLOListElement).replaceChildren(),
  );
}
