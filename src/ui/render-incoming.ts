import { html, nothing, type TemplateResult } from 'lit';
import { mergeCallData } from '../core/call-data-view.ts';
import type { CallView } from '../core/phone-state.ts';
import { renderCallData } from './render-call-data.ts';

export interface IncomingHandlers {
  readonly answer: (callId: string) => void;
  readonly reject: (callId: string) => void;
}

/**
 * The incoming-call popup: caller, then the call's data as it arrives. Caller name, number and
 * data are untrusted: they are rendered through text bindings only. The view focuses `#answer` when a call starts ringing.
 */
export function renderIncoming(
  call: CallView | undefined,
  h: IncomingHandlers,
): TemplateResult | typeof nothing {
  if (!call) return nothing;
  const data = mergeCallData(call.callData);
  // The CRM's name for the caller, else the name the caller's network signalled.
  const name = data.name?.trim() || call.remote.displayName?.trim();
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
    ${renderCallData(data)}
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
