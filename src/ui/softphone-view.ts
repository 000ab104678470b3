import { html, LitElement, type PropertyValues } from 'lit';
import type { CommandError, PhoneCommand } from '../core/commands.ts';
import { activeCall, type CallView, type PhoneState } from '../core/phone-state.ts';
import type { PhoneApi } from '../phone-api.ts';
import { AnswerFocusController } from './answer-focus.ts';
import { ClockController } from './clock-controller.ts';
import { PhoneController } from './phone-controller.ts';
import { keyAction } from './key-action.ts';
import { incomingAnnouncement } from './labels.ts';
import { renderDialpad, type DialpadKey } from './render-dialpad.ts';
import { renderError } from './render-error.ts';
import { renderHistory } from './render-history.ts';
import { renderIncoming } from './render-incoming.ts';
import { showsTimer, type LineHandlers } from './render-line.ts';
import { renderLines } from './render-lines.ts';
import { renderAlertsOffer, renderStatus } from './render-status.ts';
import { runCommand } from './run-command.ts';
import { softphoneViewStyles } from './softphone-view.styles.ts';
import type { CallRecord } from './call-history.ts';

/**
 * @summary The softphone's view: registration status, dial pad, incoming-call popup and two lines.
 * It renders `phone.state` and sends commands to `phone`; it knows nothing about SIP and
 * dispatches no events (the host adapter, wired at the root, turns the stream into DOM events).
 *
 * @csspart base - The wrapper.
 * @csspart status - Registration status.
 * @csspart alerts-button - "Turn on call alerts" (desktop notifications while the page is hidden).
 * @csspart error - The last command error, with its dismiss button.
 * @csspart popup - Incoming-call popup.
 * @csspart party - The remote party of a call on a line.
 * @csspart caller-name - The caller's display name in the popup.
 * @csspart caller-number - The caller's number in the popup.
 * @csspart call-data - The caller's data in the popup (a list of fields).
 * @csspart call-data-key - A field's name.
 * @csspart call-data-value - A field's value (clipped; the full value is its title).
 * @csspart call-data-status - "Looking up caller…" or "… data unavailable".
 * @csspart record-link - The caller's record in the CRM.
 * @csspart lines - The list of calls.
 * @csspart line - One call.
 * @csspart call-state - A call's state label.
 * @csspart timer - A call's timer.
 * @csspart controls - A group of call buttons.
 * @csspart transfer - A call's transfer form.
 * @csspart last-call - How the last call ended.
 * @csspart dial - Number input, Call button and pad.
 * @csspart dialpad - The 12 keys.
 * @csspart input - Every text input.
 * @csspart number-input - The number to dial.
 * @csspart transfer-input - The transfer target.
 * @csspart button - Every button.
 * @csspart key - A dial-pad key.
 * @csspart call-button - Call.
 * @csspart answer-button - Answer.
 * @csspart reject-button - Reject.
 * @csspart hold-button - Hold.
 * @csspart resume-button - Resume.
 * @csspart mute-button - Mute and unmute.
 * @csspart transfer-button - Opens the transfer form.
 * @csspart transfer-send - Sends the transfer.
 * @csspart hangup-button - Hang up.
 * @csspart swap-button - Swap between two lines.
 * @csspart dismiss-button - Dismisses the command error.
 * @csspart history-button - Shows and hides the call history.
 * @csspart history - The call history (`<cti-call-history>`, loaded when first shown).
 *
 * @cssproperty --cti-accent - Primary buttons and focus ring.
 * @cssproperty --cti-accent-fg - Text on accent.
 * @cssproperty --cti-success - Answer button.
 * @cssproperty --cti-danger - Hang up, Reject and errors.
 * @cssproperty --cti-bg - Background.
 * @cssproperty --cti-fg - Text.
 * @cssproperty --cti-muted - Secondary text.
 * @cssproperty --cti-border - Borders.
 * @cssproperty --cti-surface - Buttons and popup background.
 * @cssproperty --cti-radius - Corner radius.
 * @cssproperty --cti-font - Font family.
 * @cssproperty --cti-font-size - Base font size.
 * @cssproperty --cti-gap - Spacing.
 */
export class CtiSoftphoneView extends LitElement {
  static override styles = softphoneViewStyles;
  static override properties = {
    phone: { attribute: false },
    _number: { state: true },
    _error: { state: true },
    _transferFor: { state: true },
    _transferTarget: { state: true },
    offerAlerts: { attribute: false },
    history: { attribute: false },
    _historyOpen: { state: true },
    _confirming: { state: true },
  };

  declare phone: PhoneApi | undefined;
  declare protected _number: string;
  declare protected _error: CommandError | undefined;
  /** The call whose transfer form is open. */
  declare protected _transferFor: string | undefined;
  declare protected _transferTarget: string;
  /** Set: a "Turn on call alerts" button is shown, and calls this on click (a user gesture). */
  declare offerAlerts: (() => void) | undefined;
  /** The call history, newest first (set by the root from the journal; absent: no History button). */
  declare history: readonly CallRecord[] | undefined;
  declare protected _historyOpen: boolean;
  /** Click-to-call asks "Call <number>?" before dialling the number in the input. */
  declare protected _confirming: boolean;

  readonly #link = new PhoneController(this);
  readonly #answerFocus = new AnswerFocusController(this, () => this.#ringing()?.callId);
  // Timers read the phone's own clock, the one its events are stamped with.
  readonly #clock = new ClockController(
    this,
    () => this._state.calls.some(showsTimer),
    () => this.phone?.now?.() ?? Date.now(),
  );

  constructor() {
    super();
    this.phone = undefined;
    this._number = '';
    this._error = undefined;
    this._transferFor = undefined;
    this._transferTarget = '';
    this.offerAlerts = undefined;
    this.history = undefined;
    this._historyOpen = false;
    this._confirming = false;
    this.addEventListener('keydown', this.#onKeydown);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('phone')) this.#link.use(this.phone);
  }

  protected override render() {
    const state = this._state;
    const ringing = this.#ringing();
    const lines = state.calls.filter((c) => c !== ringing);
    const transferFor = state.calls.some((c) => c.callId === this._transferFor)
      ? this._transferFor
      : undefined;
    return html`<div part="base" class="base">
      ${renderStatus(this.phone ? state : undefined)} ${renderAlertsOffer(this.offerAlerts)}
      <div class="sr-only" aria-live="assertive" aria-atomic="true">
        ${ringing ? incomingAnnouncement(ringing.remote) : ''}
      </div>
      ${renderError(this._error, () => (this._error = undefined))}
      ${renderIncoming(ringing, {
        answer: (callId) => void this.#run({ type: 'answer', callId }),
        reject: (callId) => void this.#run({ type: 'reject', callId }),
      })}
      ${renderLines(
        { state, calls: lines, now: this.#clock.now, transferFor, transferTarget: this._transferTarget },
        this.#lineHandlers,
      )}
      ${renderDialpad({
        number: this._number,
        sendsTones: activeCall(state) !== undefined,
        onInput: (value) => (this._number = value),
        onKey: (key) => this.#onDialpadKey(key),
        onCall: () => void this.#dial(),
        onCancel: this._confirming ? () => (this._confirming = false) : undefined,
      })}
      ${renderHistory({
        records: this.history,
        open: this._historyOpen,
        onToggle: () => (this._historyOpen = !this._historyOpen),
        onCall: (number) => void this.#run({ type: 'dial', target: number.trim() }),
      })}
    </div>`;
  }

  readonly #lineHandlers: LineHandlers = {
    run: (command) => void this.#run(command),
    toggleTransfer: (callId) => {
      this._transferFor = this._transferFor === callId ? undefined : callId;
      this._transferTarget = '';
    },
    transferInput: (value) => (this._transferTarget = value),
    submitTransfer: (callId) => void this.#transfer(callId),
  };

  /** Brings the incoming-call popup to the agent: its Answer button takes focus. */
  focusPopup(): void {
    this.#answerFocus.focusNow();
  }

  /** Click-to-call: `number` in the dial input, dialled now, or focused with "Call <number>?" (`confirm`). */
  offerDial(number: string, confirm: boolean): void {
    this._number = number;
    this._confirming = confirm;
    if (!confirm) return void this.#dial();
    this._error = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#number')?.focus());
  }

  /** Click-to-call: what was clicked, in the dial input, and why it cannot be dialled. */
  showDialError(text: string, message: string): void {
    this._number = text;
    this._confirming = false;
    this._error = { code: 'invalid-target', message, command: 'dial' };
  }

  #ringing(): CallView | undefined {
    return this._state.calls.find((c) => c.state === 'ringing-in');
  }

  /** The phone's state as last seen (the initial state while there is no phone). */
  protected get _state(): PhoneState {
    return this.#link.state;
  }

  /** Sends a command; failures are shown (a host's veto is not a failure to show), never thrown. */
  async #run(command: PhoneCommand): Promise<boolean> {
    const result = await runCommand(this.phone, command);
    if (result.ok) this._error = undefined;
    else if (result.error.code !== 'vetoed') this._error = result.error;
    return result.ok;
  }

  async #dial(): Promise<void> {
    this._confirming = false;
    if (await this.#run({ type: 'dial', target: this._number.trim() })) this._number = '';
  }

  async #transfer(callId: string): Promise<void> {
    if (await this.#run({ type: 'transfer', callId, target: this._transferTarget.trim() })) {
      this._transferFor = undefined;
      this._transferTarget = '';
    }
  }

  #onDialpadKey(key: DialpadKey): void {
    const active = activeCall(this._state);
    if (active) void this.#run({ type: 'dtmf', callId: active.callId, digits: key });
    else this._number += key;
  }

  readonly #onKeydown = (e: KeyboardEvent): void => {
    const ctx = { state: this._state, origin: e.composedPath()[0], transferFor: this._transferFor };
    const action = keyAction(e, ctx);
    if (!action) return;
    e.preventDefault();
    if (action.type === 'command') void this.#run(action.command);
    else if (action.type === 'dial') void this.#dial();
    else if (action.type === 'transfer') void this.#transfer(action.callId);
    else this._transferFor = undefined;
  };
}
