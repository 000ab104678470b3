// Drives the production <cti-softphone> (dist/embed/cti-softphone.js, loaded after the probes) through
// its public surface: `config`, `phone` and the popup part in its shadow root.
import type { CtiSoftphone } from '../../src/element.ts';
import type { Phone } from '../../src/phone.ts';
import { frameTimes, mark } from './probes.ts';
import { phases } from './bare-ua.ts';
import type { EstablishTiming, PopupTiming, WidgetOptions } from './protocol.ts';
import { until, withTimeout } from './until.ts';

const WIDGET_SCRIPT = '/cti-softphone.js';

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
  establish(target: string, timeoutMs: number): Promise<EstablishTiming>;
}

export async function mountWidget(o: WidgetOptions): Promise<WidgetDriver> {
  if (!customElements.get('cti-softphone')) await loadScript(WIDGET_SCRIPT);
  const el = document.createElement('cti-softphone') as CtiSoftphone;
  el.config = {
    server: o.wsUrl,
    aor: `sip:${o.user}@${o.domain}`,
    authorizationUsername: o.user,
    password: o.password,
    displayName: `Agent ${o.user}`,
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

  let armed: Promise<{ popupAt: number; offerAt: number; callId: string }> | undefined;
  return {
    armPopup(timeoutMs) {
      armed = watchPopup(phone, root, timeoutMs);
    },
    async popupResult(timeoutMs) {
      if (!armed) throw new Error('armPopup first');
      const { popupAt, offerAt, callId } = await armed;
      armed = undefined;
      const received = frameTimes(callId).inviteReceived;
      if (received === undefined) throw new Error(`no INVITE frame recorded for ${callId}`);
      await phone.reject(callId);
      await idle(timeoutMs);
      return {
        totalMs: popupAt - received,
        toOfferMs: offerAt - received,
        offerToPopupMs: popupAt - offerAt,
      };
    },
    async establish(target, timeoutMs) {
      const start = performance.now();
      let connectedAt = 0;
      let callId = '';
      const connected = new Promise<void>((resolve, reject) => {
        const stop = phone.subscribe((state) => {
          const call = state.calls.find((c) => c.callId === callId);
          if (call?.state === 'connected' && connectedAt === 0) {
            connectedAt = performance.now();
            stop();
            resolve();
          } else if (callId && !call) {
            stop();
            reject(new Error(`widget → ${target} ended before connected`));
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

/** Times the phone's 'offer' event and the first mutation batch in which the popup element exists. */
function watchPopup(
  phone: Phone,
  root: ShadowRoot,
  timeoutMs: number,
): Promise<{ popupAt: number; offerAt: number; callId: string }> {
  let offerAt = 0;
  let callId = '';
  let unsubscribe = (): void => undefined;
  let observer: MutationObserver | undefined;
  const seen = new Promise<{ popupAt: number; offerAt: number; callId: string }>((resolve) => {
    unsubscribe = phone.subscribe((_state, event) => {
      if (event.type === 'offer' && offerAt === 0) {
        offerAt = performance.now();
        mark('bench:offer');
        callId = event.callId;
      }
    });
    observer = new MutationObserver(() => {
      if (!root.querySelector('[part~="popup"]')) return;
      const popupAt = performance.now();
      mark('bench:popup');
      resolve({ popupAt, offerAt, callId });
    });
    observer.observe(root, { subtree: true, childList: true });
  });
  return withTimeout(seen, timeoutMs, 'the incoming-call popup').finally(() => {
    unsubscribe();
    observer?.disconnect();
  });
}
