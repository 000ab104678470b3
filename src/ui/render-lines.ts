import { html, nothing, type TemplateResult } from 'lit';
import type { CallView, PhoneState } from '../core/phone-state.ts';
import { checkCommand } from '../core/commands.ts';
import { partyLabel } from './labels.ts';
import { renderLine, type LineHandlers } from './render-line.ts';

export interface LinesProps {
  readonly state: PhoneState;
  /** Calls shown as lines (the ringing call in the popup is not among them). */
  readonly calls: readonly CallView[];
  readonly now: number;
  readonly transferFor: string | undefined;
  readonly transferTarget: string;
}

/** Up to two lines, a Swap button when one of two calls is held, and the last failure if idle. */
export function renderLines(p: LinesProps, h: LineHandlers): TemplateResult | typeof nothing {
  if (p.calls.length === 0) return renderLastFailure(p.state);
  const canSwap = checkCommand(p.state, { type: 'swap' }).ok;
  return html`<div class="lines-wrap">
    <ul part="lines" class="lines" aria-label="Calls">
      ${p.calls.map((call) =>
        renderLine(
          {
            call,
            index: p.state.calls.indexOf(call),
            now: p.now,
            transferOpen: p.transferFor === call.callId,
            transferTarget: p.transferTarget,
          },
          h,
        ),
      )}
    </ul>
    ${
      canSwap
        ? html`<button
            type="button"
            part="button swap-button"
            class="swap"
            @click=${() => h.run({ type: 'swap' })}
          >
            Swap lines
          </button>`
        : nothing
    }
  </div>`;
}

/** A call that failed (busy, not found…) leaves a short note, so a dial never fails silently. */
function renderLastFailure(state: PhoneState): TemplateResult | typeof nothing {
  const last = state.recent[0];
  if (!last || last.endReason !== 'failed') return nothing;
  const code = last.failCode !== undefined ? ` (${last.failCode})` : '';
  return html`<p part="last-call" class="last-call">
    Call with ${partyLabel(last.remote)} failed: ${last.failCause ?? 'unknown cause'}${code}
  </p>`;
}
