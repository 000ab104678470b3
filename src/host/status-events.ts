import type { PhoneEvent } from '../core/events.ts';
import type { PhoneApi } from '../phone-api.ts';
import type { PhoneStatus } from '../phone-status.ts';

/** Events after which the status may read differently (the journal says its own changes). */
const CHANGES = new Set<PhoneEvent['type']>([
  'registration',
  'transport',
  'offer',
  'dial',
  'connect',
  'hold',
  'retrieve',
  'disconnect',
  'fail',
  'idle',
]);
const SETTLE_MS = 100;

/**
 * Dispatches `cti-status` (detail: PhoneStatus) on `target` whenever the phone's status changes:
 * after the events that change it and whenever the journal reports (delivery, storage), settled
 * for 100 ms so a burst of events gives one, and only when it reads differently from the last.
 * A phone without getStatus() (a host's own PhoneApi) gives none.
 */
export function connectStatusEvents(phone: PhoneApi, target: EventTarget): () => void {
  const getStatus = phone.getStatus?.bind(phone);
  if (!getStatus) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  let gone = false;
  const check = () => {
    timer = undefined;
    getStatus().then(
      (status: PhoneStatus) => {
        const text = JSON.stringify(status);
        if (gone || text === last) return;
        last = text;
        target.dispatchEvent(
          new CustomEvent('cti-status', { detail: status, bubbles: true, composed: true }),
        );
      },
      () => undefined, // the status is asked again on the next change
    );
  };
  const soon = () => void (timer ??= setTimeout(check, SETTLE_MS));
  const unsubscribe = phone.subscribe((_s, e) => CHANGES.has(e.type) && soon());
  const unwatch = phone.onJournalChange?.(soon);
  soon();
  return () => {
    gone = true;
    clearTimeout(timer);
    unsubscribe();
    unwatch?.();
  };
}
