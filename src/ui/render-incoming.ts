import { html, nothing, type TemplateResult } from 'lit';
import type { CallView } from '../core/phone-state.ts';

export interface IncomingHandlers {
  readonly answer: (callId: string) => void;
  readonly reject: (callId: string) => void;
}

/**
 * The incoming-call popup. Caller name and number are untrusted signalling data: they are
 * rendered through text bindings only. The view focuses `#answer` when a call starts ringing.
 */
export function renderIncoming(
  call: CallView | undefined,
  h: IncomingHandlers,
): TemplateResult | typeof nothing {
  if (!call) return nothing;
  const name = call.remote.displayName?.trim();
  return html`<div
    part="popup"
    class="popup"
    role="alertdialog"
    aria-labelledby="popup-title"
    aria-describedby="popup-caller"
  >
    <p id="popup-title" class="popup-title">Incoming call</p>
    <p id="popup-caller" class="caller">
      ${name ? html`<span part="caller-name" class="caller-name">${name}</span>` : nothing}
      <span part="caller-number" class="caller-number">${call.remote.number}</span>
    </p>
    <div part="controls" class="controls">
      <button
        id="answer"
        type="button"
        part="button answer-button"
        class="success"
        @click=${() => h.answer(call.callId)}
      >
        Answer
      </button>
      <button type="button" part="button reject-button" class="danger" @click=${() => h.reject(call.callId)}>
        Reject
      </button>
    </div>
  </div>`;
}
