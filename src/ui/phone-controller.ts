import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { initialPhoneState, type PhoneState } from '../core/phone-state.ts';
import type { PhoneApi } from '../phone-api.ts';

/**
 * Keeps a host subscribed to one PhoneApi while the host is connected: `state` mirrors
 * `phone.state` and the host re-renders after every event.
 * Changing the phone or disconnecting the host unsubscribes; reconnecting re-reads the state.
 */
export class PhoneController implements ReactiveController {
  state: PhoneState = initialPhoneState;
  #phone: PhoneApi | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  use(phone: PhoneApi | undefined): void {
    if (phone === this.#phone) return;
    this.#stop();
    this.#phone = phone;
    this.state = phone?.state ?? initialPhoneState;
    if (this.#connected) this.#start();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#start();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #start(): void {
    const phone = this.#phone;
    if (!phone || this.#unsubscribe) return;
    this.state = phone.state;
    this.#unsubscribe = phone.subscribe((state) => {
      this.state = state;
      this.host.requestUpdate();
    });
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
