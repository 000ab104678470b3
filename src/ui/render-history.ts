import { html, nothing, type TemplateResult } from 'lit';
import { z } from 'zod/mini';
import type { CallRecord } from './call-history.ts';

export interface HistoryProps {
  /** Undefined: no journal, so no history and no History button. */
  readonly records: readonly CallRecord[] | undefined;
  readonly open: boolean;
  readonly onToggle: () => void;
  /** Call back: the number to dial. */
  readonly onCall: (number: string) => void;
}

const callDetailSchema = z.object({ number: z.string().check(z.minLength(1), z.maxLength(256)) });

let loading: Promise<unknown> | undefined;

/**
 * Loads `<cti-call-history>` the first time the history is shown, so the main bundle does not
 * carry it. A failed load is forgotten (the next render tries again) and never reaches the page.
 */
export function loadHistory(): Promise<unknown> {
  loading ??= import('./call-history.ts').catch(() => (loading = undefined));
  return loading;
}

/** The History toggle and, while open, the call history; its call-back requests go to `onCall`. */
export function renderHistory(p: HistoryProps): TemplateResult | typeof nothing {
  if (!p.records) return nothing;
  if (p.open) void loadHistory();
  const onHistoryCall = (e: Event) => {
    // The view answers it with a dial command (which the host sees, and may veto, as any other):
    // the request itself stays inside the widget.
    e.stopPropagation();
    const detail = callDetailSchema.safeParse(e instanceof CustomEvent ? e.detail : undefined);
    if (detail.success) p.onCall(detail.data.number);
  };
  return html`<div class="history-panel">
    <button
      type="button"
      part="button history-button"
      aria-expanded=${p.open ? 'true' : 'false'}
      aria-controls=${p.open ? 'history' : nothing}
      @click=${p.onToggle}
    >
      History
    </button>
    ${
      p.open
        ? html`<cti-call-history
            id="history"
            part="history"
            .records=${p.records}
            @cti-history-call=${onHistoryCall}
            >Loading history…</cti-call-history
          >`
        : nothing
    }
  </div>`;
}
