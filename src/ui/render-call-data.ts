import { html, nothing, type TemplateResult } from 'lit';
import type { CallDataSource, CallDataValue } from '../core/call-data.ts';
import type { MergedCallData } from '../core/call-data-view.ts';

const sourceLabels: Readonly<Record<CallDataSource, string>> = {
  headers: 'call',
  cache: 'transfer data',
  crm: 'CRM',
};
/** Beyond this a value is clipped on screen; the full text stays in its tooltip. */
const SHOWN_CHARS = 160;

/** A value as text: strings as they are, the rest as compact JSON. Never markup. */
export function valueText(value: CallDataValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const clip = (s: string) => (s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS - 1)}…` : s);

/**
 * The caller's data in the popup: each field with where it came from, the CRM record as a link,
 * and a quiet marker per lookup that is still running or gave up. All text bindings: call data
 * is hostile input, and long values are clipped in the layout with the full value in `title`.
 */
export function renderCallData(data: MergedCallData): TemplateResult | typeof nothing {
  const uui = data.uui.map((u) => ({ key: 'User-to-User', value: u.data, source: 'headers' as const }));
  const fields = [...data.fields.map((f) => ({ ...f, value: valueText(f.value) })), ...uui];
  if (fields.length === 0 && !data.record && data.pending.length === 0 && data.unavailable.length === 0)
    return nothing;
  return html`<div class="call-data">
    ${
      fields.length > 0
        ? html`<dl part="call-data" class="fields">
            ${fields.map(
              (f) =>
                html`<div class="field" data-source=${f.source}>
                  <dt part="call-data-key">${f.key}</dt>
                  <dd part="call-data-value" title=${`${f.value} (from ${sourceLabels[f.source]})`}>
                    ${clip(f.value)}
                  </dd>
                </div>`,
            )}
          </dl>`
        : nothing
    }
    ${
      data.record
        ? html`<a
            part="record-link"
            class="record"
            href=${data.record.url}
            target="_blank"
            rel="noopener noreferrer"
            >${data.record.label || 'Open in CRM'}</a
          >`
        : nothing
    }
    ${
      data.pending.length > 0
        ? html`<p part="call-data-status" class="data-status" data-status="pending">Looking up caller…</p>`
        : nothing
    }
    ${data.unavailable.map(
      (s) =>
        html`<p part="call-data-status" class="data-status" data-status="unavailable" data-source=${s}>
          ${s === 'crm' ? 'CRM' : 'Transfer'} data unavailable
        </p>`,
    )}
  </div>`;
}
