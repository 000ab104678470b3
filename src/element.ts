import type { PropertyValues } from 'lit';
import type { PhoneConfigInput } from './config.ts';
import { createPhone, type Phone } from './phone.ts';
import { CtiSoftphoneView } from './ui/softphone-view.ts';

/**
 * @summary `<cti-softphone>`: a SIP-over-WebSocket softphone for CRM pages.
 * Set `config` (see PhoneConfigInput) and it registers; or assign a ready `phone`.
 *
 * @event cti-config-error - The config is invalid; `detail.issues` names each field (never a secret's value).
 */
export class CtiSoftphone extends CtiSoftphoneView {
  static override properties = {
    ...CtiSoftphoneView.properties,
    config: { attribute: false },
  };

  declare config: PhoneConfigInput | undefined;
  #owned: Phone | undefined;
  /** The owned phone was stopped because the element left the page: make a new one on return. */
  #stopped = false;

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
    super.willUpdate(changed);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#stopped) this.#useConfig();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A CRM framework may move the element (disconnect + connect in one task): stop only if it stays out.
    const phone = this.#owned;
    queueMicrotask(() => {
      if (this.isConnected || !phone || phone !== this.#owned) return;
      this.#stopped = true;
      void phone.stop();
    });
  }

  #useConfig(): void {
    const old = this.#owned;
    this.#owned = undefined;
    this.#stopped = false;
    if (old) void old.stop();
    if (old && this.phone === old) this.phone = undefined;
    if (!this.config) return;
    const created = createPhone(this.config);
    if (!created.ok) {
      this.dispatchEvent(new CustomEvent('cti-config-error', { detail: created.error, bubbles: true, composed: true }));
      return;
    }
    this.#owned = created.value;
    this.phone = created.value;
    if (this.isConnected) void created.value.start();
  }
}
