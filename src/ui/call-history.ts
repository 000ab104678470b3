import { html, LitElement, nothing, type TemplateResult } from 'lit';
// The history renders call records (core/call-record.ts, folded by the journal): pure data and text formatting.
import { durationMs, type CallOutcome, type CallRecord } from '../core/call-record.ts';
import { downloadText, historyToCsv, historyToJson, isoTime } from './history-export.ts';
import { callHistoryStyles } from './call-history.styles.ts';
import { formatDuration } from './labels.ts';

export type { CallRecord };

/** The event a call-back click dispatches; `detail.number` is the number to dial. */
export const HISTORY_CALL_EVENT = 'cti-history-call';
export interface HistoryCallDetail {
  readonly number: string;
}

/** How an export reaches the agent: a file download (tests put a recorder here). */
export type Download = (filename: string, mime: string, text: string) => void;

const outcomeLabels: Readonly<Record<CallOutcome, string>> = {
  answered: 'Answered',
  missed: 'Missed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
  transferred: 'Transferred',
  live: 'In progress',
};
const directions = {
  inbound: { label: 'Incoming', icon: '↙' },
  outbound: { label: 'Outgoing', icon: '↗' },
} as const;

const startFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/**
 * @summary The call history, newest first: direction, who, call-data summary, start, talk time
 * and outcome per call, a call-back button per row, and export as JSON or CSV. Every string of a
 * record is caller data: rendered through text and attribute bindings only.
 *
 * @event cti-history-call - Call back was clicked: `detail.number`. Bubbles, composed.
 *
 * @csspart history - The wrapper.
 * @csspart history-empty - "No calls yet".
 * @csspart history-list - The list of calls.
 * @csspart history-row - One call.
 * @csspart history-direction - Incoming or outgoing (an arrow, labelled for screen readers).
 * @csspart history-name - The caller's name, or the number when there is none.
 * @csspart history-number - The number, when a name is shown.
 * @csspart history-summary - A few fields of the call's data.
 * @csspart history-start - When the call started.
 * @csspart history-duration - Talk time of a call that was answered.
 * @csspart history-outcome - How the call ended.
 * @csspart button - Every button.
 * @csspart call-back-button - Calls the number back.
 * @csspart export-json-button - Downloads the history as JSON.
 * @csspart export-csv-button - Downloads the history as CSV.
 */
export class CtiCallHistory extends LitElement {
  static override styles = callHistoryStyles;
  static override properties = {
    records: { attribute: false },
    download: { attribute: false },
  };

  /** Newest first, as shown. */
  declare records: readonly CallRecord[];
  declare download: Download;

  constructor() {
    super();
    this.records = [];
    this.download = downloadText;
  }

  protected override render(): TemplateResult {
    const empty = this.records.length === 0;
    return html`<section part="history" class="history" aria-label="Call history">
      <div class="toolbar">
        <button
          type="button"
          part="button export-json-button"
          ?disabled=${empty}
          @click=${() => this.#export('json')}
        >
          Export JSON
        </button>
        <button
          type="button"
          part="button export-csv-button"
          ?disabled=${empty}
          @click=${() => this.#export('csv')}
        >
          Export CSV
        </button>
      </div>
      ${
        empty
          ? html`<p part="history-empty" class="empty">No calls yet</p>`
          : html`<ul part="history-list" class="list">
              ${this.records.map((r) => this.#row(r))}
            </ul>`
      }
    </section>`;
  }

  #row(r: CallRecord): TemplateResult {
    const direction = directions[r.direction];
    const who = r.name ?? (r.number.trim() || 'Unknown number');
    const started = isoTime(r.startedAt);
    const answered = r.connectedAt !== undefined && r.endedAt !== undefined;
    return html`<li part="history-row" class="row" data-outcome=${r.outcome} data-direction=${r.direction}>
      <span part="history-direction" class="direction" title=${direction.label}>
        <span aria-hidden="true">${direction.icon}</span><span class="sr-only">${direction.label}</span>
      </span>
      <div class="main">
        <div class="who">
          <span part="history-name" class="name" title=${who}>${who}</span>
          ${
            r.name === undefined
              ? nothing
              : html`<span part="history-number" class="number" title=${r.number}>${r.number}</span>`
          }
        </div>
        ${
          r.summary === undefined
            ? nothing
            : html`<p part="history-summary" class="summary" title=${r.summary}>${r.summary}</p>`
        }
        <div class="meta">
          <time part="history-start" datetime=${started ?? nothing}>
            ${started === undefined ? '' : startFormat.format(r.startedAt)}
          </time>
          ${
            answered
              ? html`<span part="history-duration" title="Talk time">${formatDuration(durationMs(r))}</span>`
              : nothing
          }
          <span part="history-outcome" class="outcome">${outcomeLabels[r.outcome]}</span>
        </div>
      </div>
      <button
        type="button"
        part="button call-back-button"
        aria-label=${`Call back ${who}`}
        ?disabled=${r.number.trim() === ''}
        @click=${() => this.#callBack(r.number)}
      >
        Call
      </button>
    </li>`;
  }

  #callBack(number: string): void {
    const detail: HistoryCallDetail = { number };
    this.dispatchEvent(new CustomEvent(HISTORY_CALL_EVENT, { detail, bubbles: true, composed: true }));
  }

  #export(format: 'json' | 'csv'): void {
    const day = isoTime(Date.now())?.slice(0, 10) ?? 'export';
    if (format === 'json')
      this.download(`call-history-${day}.json`, 'application/json', historyToJson(this.records));
    else this.download(`call-history-${day}.csv`, 'text/csv;charset=utf-8', historyToCsv(this.records));
  }
}

// Two copies of the widget on one CRM page: the first definition stays, the second is a no-op.
if (!customElements.get('cti-call-history')) customElements.define('cti-call-history', CtiCallHistory);

declare global {
  interface HTMLElementTagNameMap {
    'cti-call-history': CtiCallHistory;
  }
  interface HTMLElementEventMap {
    'cti-history-call': CustomEvent<HistoryCallDetail>;
  }
}
