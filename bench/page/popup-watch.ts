// Watches the widget's shadow DOM for the incoming-call popup, or for the popup showing a set of
// call-data fields, and times the steps on the way (the phone's events, the popup element).
import type { Phone } from '../../src/phone.ts';
import { mark } from './probes.ts';
import type { ExpectedFields } from './protocol.ts';
import { withTimeout } from './until.ts';

export interface PopupSeen {
  readonly callId: string;
  readonly offerAt: number;
  readonly popupAt: number;
}

export interface FieldsSeen extends PopupSeen {
  /** The cache lookup's 'calldata' event (cache fields only). */
  readonly calldataAt?: number;
  readonly fieldsAt: number;
}

const POPUP = '[part~="popup"]';
const WATCHED: MutationObserverInit = {
  subtree: true,
  childList: true,
  characterData: true,
  attributeFilter: ['data-source'],
};

const textOf = (e: Element | null): string => e?.textContent?.trim() ?? '';

/** True once the popup shows, for every expected key, a field from the expected source with its text. */
export function showsFields(root: ShadowRoot, expected: ExpectedFields): boolean {
  const popup = root.querySelector(POPUP);
  if (!popup) return false;
  const shown = new Map<string, string>();
  for (const field of popup.querySelectorAll(`.field[data-source="${expected.source}"]`))
    shown.set(textOf(field.querySelector('dt')), textOf(field.querySelector('dd')));
  return Object.entries(expected.fields).every(([key, text]) => shown.get(key) === text);
}

/**
 * Times the phone's 'offer', the popup element, the cache's 'calldata' event and the first mutation
 * batch after which every expected field is on screen. A cache lookup that answers anything but
 * data fails the watch at once, naming what it answered.
 */
function watch(
  phone: Phone,
  root: ShadowRoot,
  expected: ExpectedFields | undefined,
  timeoutMs: number,
): Promise<FieldsSeen> {
  let offerAt = 0;
  let popupAt = 0;
  let calldataAt: number | undefined;
  let callId = '';
  let unsubscribe = (): void => undefined;
  let observer: MutationObserver | undefined;
  const seen = new Promise<FieldsSeen>((resolve, reject) => {
    unsubscribe = phone.subscribe((_state, event) => {
      if (event.type === 'offer' && offerAt === 0) {
        offerAt = performance.now();
        mark('bench:offer');
        callId = event.callId;
      } else if (event.type === 'calldata' && event.source === 'cache' && event.callId === callId) {
        calldataAt ??= performance.now();
        if (event.status !== 'ok')
          reject(new Error(`the cache lookup answered ${event.status}: ${event.reason ?? 'no reason'}`));
      }
    });
    observer = new MutationObserver(() => {
      const now = performance.now();
      if (popupAt === 0 && root.querySelector(POPUP)) {
        popupAt = now;
        mark('bench:popup');
      }
      if (popupAt === 0 || (expected && !showsFields(root, expected))) return;
      if (expected) mark('bench:fields');
      resolve({
        callId,
        offerAt,
        popupAt,
        fieldsAt: now,
        ...(calldataAt === undefined ? {} : { calldataAt }),
      });
    });
    observer.observe(root, WATCHED);
  });
  const what = expected ? `the popup with its ${expected.source} fields` : 'the incoming-call popup';
  return withTimeout(seen, timeoutMs, what).finally(() => {
    unsubscribe();
    observer?.disconnect();
  });
}

/** The incoming-call popup element, whatever it shows. */
export const watchPopup = (phone: Phone, root: ShadowRoot, timeoutMs: number): Promise<PopupSeen> =>
  watch(phone, root, undefined, timeoutMs);

/** The popup showing every `expected` field. */
export const watchFields = (
  phone: Phone,
  root: ShadowRoot,
  expected: ExpectedFields,
  timeoutMs: number,
): Promise<FieldsSeen> => watch(phone, root, expected, timeoutMs);
