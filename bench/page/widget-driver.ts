// Drives the production <cti-softphone> (dist/embed/cti-softphone.js, loaded after the probes) through
// its public surface: `config`, `phone` and the popup part in its shadow root. That script is the
// loader: it imports cti-softphone.mjs from beside itself, which defines the element.
import type { CtiSoftphone } from '../../src/element.ts';
import type { Phone } from '../../src/phone.ts';
import { frameTimes } from './probes.ts';
import { phases } from './bare-ua.ts';
import { fieldsTiming } from './fields-timing.ts';
import { watchFields, watchPopup, type FieldsSeen, type PopupSeen } from './popup-watch.ts';
import type {
  CacheAccess,
  EstablishTiming,
  ExpectedFields,
  FieldsTiming,
  PopupTiming,
  WidgetOptions,
} from './protocol.ts';
import { until, withTimeout } from './until.ts';

const WIDGET_SCRIPT = '/cti-softphone.js';

/** The widget's `cache` config: its credentials provider answers with the bench's cache user. */
const cacheConfig = (c: CacheAccess) => ({
  url: c.url,
  credentials: async () => ({ username: c.username, password: c.password }),
  // Generous: a slow answer shows in the figure; only a hung cache fails the run (loudly).
  timeoutMs: 5_000,
});

/** The widget's `journal` config; a webhook goes to the cache service's reference receiver. */
const journalConfig = (j: NonNullable<WidgetOptions['journal']>) => ({
  enabled: j.enabled,
  ...(j.webhook ? { webhook: { ...cacheConfig(j.webhook), url: `${j.webhook.url}/events` } } : {}),
});

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

export interface WidgetDriver {
  armPopup(timeoutMs: number): void;
  popupResult(timeoutMs: number): Promise<PopupTiming>;
  armFields(expected: ExpectedFields, timeoutMs: number): void;
  fieldsResult(timeoutMs: number): Promise<FieldsTiming>;
  establish(target: string, timeoutMs: number): Promise<EstablishTiming>;
  unmount(timeoutMs: number): Promise<void>;
}

/** A watch started now and awaited later: its rejection is handled later, never reported as unhandled. */
function armed<T>(watch: Promise<T>): Promise<T> {
  watch.catch(() => undefined);
  return watch;
}

export async function mountWidget(o: WidgetOptions): Promise<WidgetDriver> {
  if (!customElements.get('cti-softphone')) {
    await loadScript(WIDGET_SCRIPT);
    // The loader has run; the module it imports defines the element a moment later.
    await withTimeout(customElements.whenDefined('cti-softphone'), 10_000, 'the widget module to load');
  }
  const el = document.createElement('cti-softphone') as CtiSoftphone;
  el.config = {
    server: o.wsUrl,
    aor: `sip:${o.user}@${o.domain}`,
    authorizationUsername: o.user,
    password: o.password,
    displayName: `Agent ${o.user}`,
    ...(o.cache ? { cache: cacheConfig(o.cache) } : {}),
    ...(o.journal ? { journal: journalConfig(o.journal) } : {}),
  };
  document.body.append(el);
  await el.updateComplete;
  const phone = el.phone as Phone | undefined;
  const root = el.shadowRoot;
  if (!phone || !root) throw new Error('the widget did not create its phone and shadow root');
  await until(() => phone.state.registration.state === 'registered', 10_000, `widget ${o.user} registered`);
  const idle = (timeoutMs: number): Promise<void> =>
    until(
      () => phone.state.calls.length === 0 && !root.querySelector('[part~="popup"]'),
      timeoutMs,
      'the widget to be idle',
    );

  const inviteReceived = (callId: string): number => {
    const at = frameTimes(callId).inviteReceived;
    if (at === undefined) throw new Error(`no INVITE frame recorded for ${callId}`);
    return at;
  };
  const rejectAndIdle = async (callId: string, timeoutMs: number): Promise<void> => {
    await phone.reject(callId);
    await idle(timeoutMs);
  };

  let popup: Promise<PopupSeen> | undefined;
  let fields: Promise<FieldsSeen> | undefined;
  return {
    armPopup(timeoutMs) {
      popup = armed(watchPopup(phone, root, timeoutMs));
    },
    async popupResult(timeoutMs) {
      if (!popup) throw new Error('armPopup first');
      const { popupAt, offerAt, callId } = await popup;
      popup = undefined;
      const received = inviteReceived(callId);
      await rejectAndIdle(callId, timeoutMs);
      return {
        totalMs: popupAt - received,
        toOfferMs: offerAt - received,
        offerToPopupMs: popupAt - offerAt,
      };
    },
    armFields(expected, timeoutMs) {
      fields = armed(watchFields(phone, root, expected, timeoutMs));
    },
    async fieldsResult(timeoutMs) {
      if (!fields) throw new Error('armFields first');
      const seen = await fields;
      fields = undefined;
      const timing = fieldsTiming(seen, inviteReceived(seen.callId));
      await rejectAndIdle(seen.callId, timeoutMs);
      return timing;
    },
    async unmount(timeoutMs) {
      await withTimeout(phone.stop(), timeoutMs, `widget ${o.user} to stop`);
      el.remove();
    },
    async establish(target, timeoutMs) {
      const start = performance.now();
      let connectedAt = 0;
      let callId = '';
      const connected = new Promise<void>((resolve, reject) => {
        let failure = '';
        const stop = phone.subscribe((state, event) => {
          if (event.type === 'fail' && event.callId === callId)
            failure = ` (${event.code ?? 'no code'}: ${event.cause})`;
          const call = state.calls.find((c) => c.callId === callId);
          if (call?.state === 'connected' && connectedAt === 0) {
            connectedAt = performance.now();
            stop();
            resolve();
          } else if (callId && !call) {
            stop();
            reject(new Error(`widget → ${target} ended before connected${failure}`));
          }
        });
      });
      const dialled = await phone.dial(target);
      if (!dialled.ok) throw new Error(`dial failed: ${dialled.error.code}`);
      callId = dialled.value.callId;
      await withTimeout(connected, timeoutMs, `widget → ${target} connected`);
      const f = frameTimes(callId);
      const hungUp = await phone.hangup(callId);
      if (!hungUp.ok) throw new Error(`hangup failed: ${hungUp.error.code}`);
      await idle(timeoutMs);
      return { totalMs: connectedAt - start, ...phases(start, f.inviteSent, f.okReceived, connectedAt) };
    },
  };
}
