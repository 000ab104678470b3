import { html, nothing, type TemplateResult } from 'lit';

export const dialpadKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type DialpadKey = (typeof dialpadKeys)[number];

export interface DialpadProps {
  readonly number: string;
  /** True while a call is connected: the keys send DTMF tones instead of typing the number. */
  readonly sendsTones: boolean;
  readonly onInput: (value: string) => void;
  readonly onKey: (key: DialpadKey) => void;
  readonly onCall: () => void;
  /** Set: click-to-call asks "Call <number>?" before it dials (Call or Enter dials, this cancels). */
  readonly onCancel?: (() => void) | undefined;
}

/** Number input, Call button and the 12-key pad. Enter in the input is handled by the view. */
export function renderDialpad(p: DialpadProps): TemplateResult {
  const padLabel = p.sendsTones ? 'Dial pad, sends tones to the call' : 'Dial pad';
  return html`<div class="dial" part="dial">
    ${p.onCancel ? html`<p id="dial-confirm" part="dial-confirm">Call ${p.number}?</p>` : nothing}
    <div class="dial-row">
      <input
        id="number"
        part="input number-input"
        type="tel"
        inputmode="tel"
        autocomplete="off"
        aria-label="Number to dial"
        aria-describedby=${p.onCancel ? 'dial-confirm' : nothing}
        placeholder="Number"
        .value=${p.number}
        @input=${(e: Event) => p.onInput((e.target as HTMLInputElement).value)}
      />
      <button type="button" part="button call-button" class="primary" @click=${p.onCall}>Call</button>
      ${
        p.onCancel
          ? html`<button type="button" part="button cancel-button" @click=${p.onCancel}>Cancel</button>`
          : nothing
      }
    </div>
    <div part="dialpad" class="dialpad" role="group" aria-label=${padLabel}>
      ${dialpadKeys.map(
        (key) =>
          html`<button
            type="button"
            part="button key"
            class="key"
            data-key=${key}
            @click=${() => p.onKey(key)}
          >
            ${key}
          </button>`,
      )}
    </div>
  </div>`;
}
