import { html, nothing, type TemplateResult } from 'lit';
import type { PhoneState } from '../core/phone-state.ts';
import { statusView } from './labels.ts';

/** Registration and transport status; role="status" so changes are announced politely. */
export function renderStatus(state: PhoneState | undefined): TemplateResult {
  const view = statusView(state);
  return html`<div part="status" class="status" data-tone=${view.tone} role="status">
    <span class="dot" aria-hidden="true"></span><span class="status-text">${view.text}</span>
  </div>`;
}

/** The offer to turn on desktop call alerts: permission is asked only from this click. */
export function renderAlertsOffer(onClick: (() => void) | undefined): TemplateResult | typeof nothing {
  if (!onClick) return nothing;
  return html`<button type="button" part="button alerts-button" class="alerts" @click=${onClick}>
    Turn on call alerts
  </button>`;
}
