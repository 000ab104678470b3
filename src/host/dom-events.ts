import type { CommandGate, PhoneListener } from '../core/phone-core.ts';
import { hostEventName, type CtiEventMap } from './event-map.ts';

/** What the host adapter needs of a phone: its event stream and its command path. */
export interface HostPhone {
  subscribe(listener: PhoneListener): () => void;
  /** A phone without it cannot be vetoed: its commands run as sent. */
  intercept?(gate: CommandGate): () => void;
}

const dispatch = <K extends keyof CtiEventMap>(
  target: EventTarget,
  name: K,
  detail: CtiEventMap[K]['detail'],
  cancelable = false,
) => target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));

/**
 * The host adapter for DOM hosts: every phone event becomes a bubbling, composed `cti-<type>`
 * event on `target`; every command, whatever its source (the view, `element.phone.dial()`,
 * later postMessage and other tabs), is first offered as a cancelable `cti-command-request`,
 * and a refused one is reported as `cti-command-error`. Returns the disconnect function.
 */
export function connectHost(phone: HostPhone, target: EventTarget): () => void {
  const unsubscribe = phone.subscribe((_state, event) => {
    target.dispatchEvent(
      new CustomEvent(hostEventName(event.type), { detail: event, bubbles: true, composed: true }),
    );
  });
  const release = phone.intercept?.({
    request: (command) => dispatch(target, 'cti-command-request', command, true),
    settled: (_command, result) => {
      if (!result.ok && result.error.code !== 'vetoed') dispatch(target, 'cti-command-error', result.error);
    },
  });
  return () => {
    unsubscribe();
    release?.();
  };
}
