import type { ConfigError } from '../config.ts';
import type { CommandError, PhoneCommand } from '../core/commands.ts';
import type { PhoneEvent, PhoneEventType } from '../core/events.ts';
import type { PhoneStatus } from '../phone-status.ts';

/** `cti-offer`, `cti-connect`, …: one DOM event per phone event, `detail` being the event itself. */
export type CtiPhoneEventMap = {
  [E in PhoneEvent as `cti-${E['type']}`]: CustomEvent<E>;
};

/**
 * `cti-request-dial`'s detail, before the phone dials a number it was asked to from outside the
 * widget (`source`: `click`, click-to-call). A listener may set `number` (that is dialled, as set)
 * or call preventDefault() (nothing is dialled: the host takes over).
 */
export interface DialRequest {
  /** What will be dialled: E.164 where the number could be normalised, an extension or a SIP URI. */
  number: string;
  readonly source: 'click';
}

/** Every DOM event `<cti-softphone>` dispatches, typed for `addEventListener` in a host's TypeScript. */
export interface CtiEventMap extends CtiPhoneEventMap {
  /** Cancelable: sent before every command, whatever its source; preventDefault() vetoes it. */
  'cti-command-request': CustomEvent<PhoneCommand>;
  /** A command was refused (not for a veto: the host made that decision itself). */
  'cti-command-error': CustomEvent<CommandError>;
  /** The config is invalid; `detail.issues` names each field (never a secret's value). */
  'cti-config-error': CustomEvent<ConfigError>;
  /** The status changed (registration, live calls, journal delivery and storage): getStatus()'s answer. */
  'cti-status': CustomEvent<PhoneStatus>;
  /** Cancelable, before a click-to-call dial: preventDefault() vetoes it; `detail.number` may be rewritten. */
  'cti-request-dial': CustomEvent<DialRequest>;
}

export type CtiEventName = keyof CtiEventMap;
export const hostEventName = <T extends PhoneEventType>(type: T): `cti-${T}` => `cti-${type}`;

declare global {
  // Lets `el.addEventListener('cti-offer', (e) => e.detail.from)` type-check in a host's code.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends CtiEventMap {}
}
