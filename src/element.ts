import type { PropertyValues } from 'lit';
import type { PhoneConfigInput } from './config.ts';
import { connectHost } from './host/dom-events.ts';
import './host/event-map.ts';
import type { PhoneApi } from './phone-api.ts';
import type { Phone } from './phone.ts';
import { createSipPhone } from './sip-phone.ts';
import { CtiSoftphoneView } from './ui/softphone-view.ts';
import { VERSION } from './version.ts';

/**
 * @summary `<cti-softphone>`: a SIP-over-WebSocket softphone for CRM pages.
 * Set `config` (see PhoneConfigInput) and it registers; or assign a ready `phone`.
 * This element is the DOM's composition root: it owns the phone it made from `config`, and
 * wires the host adapter (DOM events, command veto) to whichever phone it shows, before the view.
 *
 * @event cti-offer - An incoming call; `detail` is the offer event (from, to, callId, …).
 * @event cti-dial - An outgoing call started.
 * @event cti-alert - The far end is ringing.
 * @event cti-connect - A call was answered.
 * @event cti-hold - A call was put on hold.
 * @event cti-retrieve - A held call was resumed.
 * @event cti-mute - The microphone was muted or unmuted (`detail.muted`).
 * @event cti-dtmf - DTMF digits were sent.
 * @event cti-transfer - A blind transfer was requested, completed or failed (`detail.phase`).
 * @event cti-disconnect - A call ended (`detail.reason`).
 * @event cti-fail - A call failed (`detail.code`, `detail.cause`).
 * @event cti-idle - No live call is left.
 * @event cti-registration - The registration state changed.
 * @event cti-transport - The WebSocket state changed.
 * @event cti-error - Something went wrong outside a command (`detail.code`).
 * @event cti-command-request - Cancelable, before every command whatever its source; `detail` is the command.
 * @event cti-command-error - A command was refused or failed; `detail` is the CommandError.
 * @event cti-config-error - The config is invalid; `detail.issues` names each field (never a secret's value).
 */
export class CtiSoftphone extends CtiSoftphoneView {
  static readonly version = VERSION;
  static override properties = {
    ...CtiSoftphoneView.properties,
    config: { attribute: false },
  };

  declare config: PhoneConfigInput | undefined;
  #owned: Phone | undefined;
  /** The owned phone was stopped because the element left the page: make a new one on return. */
  #stopped = false;
  #host: { readonly phone: PhoneApi; readonly disconnect: () => void } | undefined;

  constructor() {
    super();
    this.config = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config')) this.#useConfig();
    // The host handed us a phone of its own: ours must not stay registered in the background.
    else if (changed.has('phone') && this.#owned && this.phone !== this.#owned) {
      void this.#owned.stop();
      this.#owned = undefined;
    }
    this.#linkHost(); // before the view subscribes (super.willUpdate): host listeners hear events first
    super.willUpdate(changed);
  }

  override connectedCallback(): void {
    if (this.#stopped) this.#useConfig();
    this.#linkHost();
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unlinkHost();
    // A CRM framework may move the element (disconnect + connect in one task): stop only if it stays out.
    const phone = this.#owned;
    queueMicrotask(() => {
      if (this.isConnected || !phone || phone !== this.#owned) return;
      this.#stopped = true;
      void phone.stop();
    });
  }

  #linkHost(): void {
    const phone = this.isConnected ? this.phone : undefined;
    if (this.#host?.phone === phone) return;
    this.#unlinkHost();
    if (phone) this.#host = { phone, disconnect: connectHost(phone, this) };
  }

  #unlinkHost(): void {
    this.#host?.disconnect();
    this.#host = undefined;
  }

  #useConfig(): void {
    const old = this.#owned;
    this.#owned = undefined;
    this.#stopped = false;
    if (old) void old.stop();
    if (old && this.phone === old) this.phone = undefined;
    if (!this.config) return;
    const created = createSipPhone(this.config);
    if (!created.ok) {
      this.dispatchEvent(new CustomEvent('cti-config-error', { detail: created.error, bubbles: true, composed: true }));
      return;
    }
    this.#owned = created.value;
    this.phone = created.value;
    if (this.isConnected) void created.value.start();
  }
}
