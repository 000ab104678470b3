import { html, nothing, type TemplateResult } from 'lit';
import type { CommandError } from '../core/commands.ts';

/** The last command error, announced (role="alert") and dismissable; nothing when there is none. */
export function renderError(
  error: CommandError | undefined,
  dismiss: () => void,
): TemplateResult | typeof nothing {
  if (!error) return nothing;
  return html`<div part="error" class="error" role="alert">
    <span>${error.message}</span>
    <button type="button" part="button dismiss-button" aria-label="Dismiss error" @click=${dismiss}>×</button>
  </div>`;
}
