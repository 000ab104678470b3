import { durationMs, type CallOutcome, type CallRecord } from '../core/call-record.ts';

/**
 * The call history as files an agent can keep: JSON and CSV with the same fields, times in ISO
 * 8601 (UTC) and the talk time in whole seconds (absent while a call is live). The internal
 * bookkeeping of a record (seqs, where the summary came from) stays out.
 */
export interface HistoryRow {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly number: string;
  readonly name?: string;
  readonly dnis?: string;
  readonly summary?: string;
  readonly startedAt?: string;
  readonly connectedAt?: string;
  readonly endedAt?: string;
  readonly durationSeconds?: number;
  readonly outcome: CallOutcome;
  readonly transferredTo?: string;
}

/** The columns, in order: the CSV header row. */
export const historyColumns = [
  'callId',
  'direction',
  'number',
  'name',
  'dnis',
  'summary',
  'startedAt',
  'connectedAt',
  'endedAt',
  'durationSeconds',
  'outcome',
  'transferredTo',
] as const satisfies readonly (keyof HistoryRow)[];

/** Epoch ms as ISO 8601, or undefined for a time no Date can hold (toISOString would throw). */
export function isoTime(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A record as exported: absent fields stay absent (JSON) or empty (CSV). */
export function historyRow(r: CallRecord): HistoryRow {
  const [startedAt, connectedAt, endedAt] = [r.startedAt, r.connectedAt, r.endedAt].map(isoTime);
  return {
    callId: r.callId,
    direction: r.direction,
    number: r.number,
    ...(r.name !== undefined ? { name: r.name } : {}),
    ...(r.dnis !== undefined ? { dnis: r.dnis } : {}),
    ...(r.summary !== undefined ? { summary: r.summary } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(connectedAt !== undefined ? { connectedAt } : {}),
    ...(endedAt !== undefined ? { endedAt } : {}),
    ...(r.endedAt !== undefined ? { durationSeconds: Math.floor(durationMs(r) / 1000) } : {}),
    outcome: r.outcome,
    ...(r.transferredTo !== undefined ? { transferredTo: r.transferredTo } : {}),
  };
}

/** A JSON array of rows, in the order given (the history's: newest first). */
export function historyToJson(records: readonly CallRecord[]): string {
  return `${JSON.stringify(records.map(historyRow), null, 2)}\n`;
}

// OWASP CSV injection: a spreadsheet runs a cell that starts with one of these as a formula.
// A leading ' is escaped the same way (it is the spreadsheet's text marker, which it hides), so
// the defusing stays reversible: "'+1" exports as "''+1" and shows as written.
const FORMULA_START = /^[=+\-@\t\r']/;
// `;` and tab too: a spreadsheet in a locale that splits on them would otherwise start a new
// cell (possibly a formula) in the middle of this one.
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** One CSV field: defused if it could start a formula, then quoted as RFC 4180 asks. */
export function csvCell(value: string | number | undefined): string {
  const raw = value === undefined ? '' : String(value);
  const safe = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** RFC 4180 CSV: a header row, then one row per call, every line ended by CRLF. */
export function historyToCsv(records: readonly CallRecord[]): string {
  const lines = [
    historyColumns.join(','),
    ...records.map((r) => {
      const row = historyRow(r);
      return historyColumns.map((c) => csvCell(row[c])).join(',');
    }),
  ];
  return lines.map((l) => `${l}\r\n`).join('');
}

/** How long an exported file's object URL lives: the download must have started by then. */
const REVOKE_AFTER_MS = 30_000;

/**
 * Offers `text` to the user as a file download (browser only). The object URL is revoked a while
 * later rather than at once: revoking in the same task cancels the download in some browsers.
 */
export function downloadText(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
