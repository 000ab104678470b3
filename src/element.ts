import type { PropertyValues } from 'lit';
import { clickToCallOf, type PhoneConfigInput } from './config.ts';
import {
  browserNotificationEnv,
  connectCallNotifications,
  type NotificationEnv,
} from './host/call-notifications.ts';
import { connectHost } from './host/dom-events.ts';
import { feedHistory } from './host/history-feed.ts';
import { connectStatusEvents } from './host/status-events.ts';
import './host/event-map.ts';
import { lazyPart } from './lazy-part.ts';
import type { PhoneApi } from './phone-api.ts';
import type { Phone } from './phone.ts';
import type { PhoneStatus } from './phone-status.ts';
import { attentionEnv, backgroundTabStyles, showAttention, tabsOf } from './tab-presentation.ts';
import { createTabbedPhone } from './tabbed-phone.ts';
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
 * @event cti-calldata - A lookup (cache, CRM) answered for a call: `detail.source`, `detail.status`, `detail.data`.
 * @event cti-idle - No live call is left.
 * @event cti-registration - The registration state changed.
 * @event cti-transport - The WebSocket state changed.
 * @event cti-error - Something went wrong outside a command (`detail.code`).
 * @event cti-command-request - Cancelable, before every command whatever its source; `detail` is the command.
 * @event cti-command-error - A command was refused or failed; `detail` is the CommandError.
 * @event cti-config-error - The config is invalid; `detail.issues` names each field (never a secret's value).
 * @event cti-request-dial - Cancelable, before a click-to-call dial (`detail.number`, `detail.source`); preventDefault() vetoes it, setting `detail.number` rewrites it.
 * @event cti-status - The status changed (registration, live calls, the journal's delivery and storage); `detail` is getStatus()'s answer.
 */
export class CtiSoftphone extends CtiSoftphoneView {
  static readonly version = VERSION;
  static override styles = [CtiSoftphoneView.styles, backgroundTabStyles];
  static override properties = {
    ...CtiSoftphoneView.properties,
    config: { attribute: false },
    notifications: { reflect: true },
  };

  declare config: PhoneConfigInput | undefined;
  /**
   * `on` (default): an incoming call while the page is hidden also raises a desktop notification,
   * and the widget offers a "Turn on call alerts" button until the agent has chosen. `off`: neither.
   */
  declare notifications: 'on' | 'off';
  /** The browser's notifications (replaceable before the element connects, e.g. in tests). */
  notificationEnv: NotificationEnv = browserNotificationEnv();
  /** The phone built from `config` (this element stops it); a host-assigned phone is the host's. */
  #owned: { readonly phone: Phone; started: boolean } | undefined;
  /** The owned phone was stopped because the element left the page: make a new one on return. */
  #stopped = false;
  /** The host adapter follows whichever phone the element holds, attached to the page or not. */
  #host: { readonly phone: PhoneApi; readonly disconnect: () => void } | undefined;

  constructor() {
    super();
    this.config = undefined;
    this.notifications = 'on';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('notifications')) this.#relinkHost();
    if (changed.has('config')) this.#useConfig();
    // The host handed us a phone of its own: ours must not stay registered in the background.
    else if (changed.has('phone') && this.#owned && this.phone !== this.#owned.phone) this.#stopOwned();
    this.#linkHost(); // before the view subscribes (super.willUpdate): host listeners hear events first
    super.willUpdate(changed);
    this.#startOwned();
  }

  override connectedCallback(): void {
    if (this.#stopped) this.#useConfig();
    this.#linkHost();
    super.connectedCallback();
    this.#startOwned();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A CRM framework may move the element (out and back within one task, awaits included):
    // stop only if it is still out once the task is over.
    const owned = this.#owned;
    setTimeout(() => {
      if (this.isConnected || !owned || owned !== this.#owned) return;
      this.#stopped = true;
      this.#stopOwned();
    });
  }

  /**
   * Everything a CRM asks after a downtime: registration, live calls, undelivered events per sink,
   * the last acknowledged seq, storage. Undefined while the element holds no phone.
   */
  async getStatus(): Promise<PhoneStatus | undefined> {
    return this.phone?.getStatus?.();
  }

  /** Sends a sink's dead letters again, oldest first (after the receiver was fixed). */
  async replayDeadLetters(sink: string): Promise<{ readonly delivered: number; readonly left: number }> {
    return (await this.phone?.replayDeadLetters?.(sink)) ?? { delivered: 0, left: 0 };
  }

  #linkHost(): void {
    const phone = this.phone;
    if (this.#host?.phone === phone) return;
    this.#host?.disconnect();
    this.#host = phone ? { phone, disconnect: this.#connect(phone) } : undefined;
  }

  #relinkHost(): void {
    this.#host?.disconnect();
    this.#host = undefined;
    this.#linkHost();
  }

  /** The DOM-side adapters of a phone: host events and veto, status, history, desktop notifications. */
  #connect(phone: PhoneApi): () => void {
    const parts = [
      connectHost(phone, this),
      connectStatusEvents(phone, this),
      feedHistory(phone, (records) => (this.history = records)),
      // Links are taken over once its code is here (a click before that is the browser's).
      lazyPart(async () =>
        (await import('./host/click-to-call.ts')).connectClickToCall(this, clickToCallOf(this.config)),
      ),
      showAttention(this, tabsOf(phone)), // one tab of the agent's presents a ringing call
    ];
    if (this.notifications === 'off') this.offerAlerts = undefined;
    else {
      const env = attentionEnv(this.notificationEnv, tabsOf(phone));
      parts.push(
        connectCallNotifications(phone, env, () => {
          window.focus();
          this.focusPopup();
        }),
      );
      this.#offerAlerts(env);
    }
    return () => parts.forEach((disconnect) => disconnect());
  }

  #offerAlerts(env: NotificationEnv): void {
    this.offerAlerts =
      env.permission() !== 'default'
        ? undefined
        : () =>
            void env.requestPermission().then(
              (answer) => answer !== 'default' && (this.offerAlerts = undefined),
              () => undefined,
            );
  }

  /** Starts the owned phone once the host adapter and the view are wired and the element is on the page. */
  #startOwned(): void {
    if (!this.isConnected || !this.#owned || this.#owned.started) return;
    this.#owned.started = true;
    void this.#owned.phone.start();
  }

  /**
   * Stops the owned phone. Its host link lives until the stop is over, so the host hears how its
   * calls ended and that it unregistered (a CRM must not keep a call open that the swap hung up).
   */
  #stopOwned(): void {
    const owned = this.#owned;
    if (!owned) return;
    this.#owned = undefined;
    const link = this.#host?.phone === owned.phone ? this.#host : undefined;
    if (link) this.#host = undefined;
    if (this.phone === owned.phone) this.phone = undefined;
    void owned.phone.stop().finally(() => link?.disconnect());
  }

  #useConfig(): void {
    this.#stopOwned();
    this.#stopped = false;
    if (!this.config) return;
    const created = createTabbedPhone(this.config);
    if (!created.ok) {
      this.dispatchEvent(
        new CustomEvent('cti-config-error', { detail: created.error, bubbles: true, composed: true }),
      );
      return;
    }
    this.#owned = { phone: created.value, started: false };
    this.phone = created.value;
  }
}
