import { z } from 'zod/mini';
import { callDataSources, type CallDataObject, type CallDataSource } from './call-data.ts';
import { isCallEvent, type CallEvent, type PhoneEvent, type PhoneEventOf } from './events.ts';

/**
 * One line of the call history: a call folded from its journaled events, kept next to them (the
 * journal folds each event in the same write) so the history never re-reads a call's events.
 * Outcomes, from the event that ended the call:
 *   transfer completed, or disconnect 'transferred'              transferred
 *   disconnect 'interrupted' (the page died; the end is a bound) interrupted
 *   fail (any SIP code, or a local failure)                      failed
 *   any other disconnect once connected                          answered
 *   inbound, never connected: 'rejected', 'local-hangup'         rejected (the agent refused it)
 *   inbound, never connected: caller gone, connection lost       missed
 *   outbound, never connected: 'cancelled', 'local-hangup'       cancelled (the agent gave up)
 *   outbound, never connected: 'rejected'                        rejected
 *   outbound, never connected: far end gone, connection lost     failed
 *   not ended yet                                                live
 */
export const CALL_RECORD_VERSION = 1;

export const callOutcomes = [
  'answered',
  'missed',
  'rejected',
  'cancelled',
  'failed',
  'interrupted',
  'transferred',
  'live',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];

const text = (max: number) => z.string().check(z.maxLength(max));
const seq = () => z.number().check(z.int(), z.nonnegative());
const time = () => z.number().check(z.nonnegative());
export const SUMMARY_MAX_CHARS = 200;

export const callRecordSchema = z
  .object({
    v: z.literal(CALL_RECORD_VERSION),
    callId: z.string().check(z.minLength(1), z.maxLength(128)),
    direction: z.enum(['inbound', 'outbound']),
    /** The remote party's number, as signalled (never trusted as HTML, nor as a spreadsheet formula). */
    number: text(256),
    /** The CRM's name for the caller when it gave one, else the signalled display name. */
    name: z.optional(text(256)),
    dnis: z.optional(text(32)),
    /** A few readable call-data fields on one line ("account: 42 · topic: billing"). */
    summary: z.optional(text(SUMMARY_MAX_CHARS)),
    /** Where the summary was taken from, and the offer's sources in precedence order (absent: headers only). */
    summaryFrom: z.optional(z.enum(callDataSources)),
    sources: z.optional(z.array(z.enum(callDataSources)).check(z.maxLength(3))),
    /** Whom a completed blind transfer handed the call to. */
    transferredTo: z.optional(text(1024)),
    /** Epoch ms of the offer or dial, the connect, and the disconnect or fail. */
    startedAt: time(),
    connectedAt: z.optional(time()),
    endedAt: z.optional(time()),
    outcome: z.enum(callOutcomes),
    /** The seq of the offer or dial, and the highest seq folded in (replays below it are no-ops). */
    firstSeq: seq(),
    lastSeq: seq(),
  })
  .check(
    z.refine((r) => r.lastSeq >= r.firstSeq, 'lastSeq below firstSeq'),
    z.refine((r) => (r.outcome === 'live') === (r.endedAt === undefined), 'live iff not ended'),
  );
export type CallRecord = z.infer<typeof callRecordSchema>;

/**
 * Folds one event into a call's record. Starts a record on an offer or dial (`record` absent);
 * returns `record` itself (the same object) when the event changes nothing: another call's or a
 * phone-level event, or one at or below `lastSeq` (so a replay never counts an event twice).
 * Without a record, anything but an offer or dial gives undefined. Never throws.
 */
export function foldCallRecord(record: CallRecord | undefined, event: PhoneEvent): CallRecord | undefined {
  if (!isCallEvent(event)) return record;
  if (!record) return startRecord(event);
  if (event.callId !== record.callId || event.seq <= record.lastSeq) return record;
  return { ...apply(record, event), lastSeq: event.seq };
}

/** Talk time: connect to end (to `now` while live); 0 for a call never connected. Never negative. */
export function durationMs(r: CallRecord, now?: number): number {
  const end = r.endedAt ?? now;
  if (r.connectedAt === undefined || end === undefined) return 0;
  return Math.max(0, end - r.connectedAt);
}

const present = (s: string | undefined): s is string => s !== undefined && s.trim() !== '';

function startRecord(e: CallEvent): CallRecord | undefined {
  if (e.type !== 'offer' && e.type !== 'dial') return undefined;
  const party = e.type === 'offer' ? e.from : e.to;
  const base: CallRecord = {
    v: CALL_RECORD_VERSION,
    callId: e.callId,
    direction: e.type === 'offer' ? 'inbound' : 'outbound',
    number: party.number,
    ...(present(party.displayName) ? { name: party.displayName } : {}),
    startedAt: e.at,
    outcome: 'live',
    firstSeq: e.seq,
    lastSeq: e.seq,
  };
  if (e.type === 'dial') return base;
  const withOffer: CallRecord = {
    ...base,
    ...(e.dnis !== undefined ? { dnis: e.dnis } : {}),
    ...(e.sources ? { sources: e.sources } : {}),
  };
  return withData(withOffer, 'headers', e.data);
}

function apply(r: CallRecord, e: CallEvent): CallRecord {
  const live = r.endedAt === undefined;
  switch (e.type) {
    case 'connect':
      return live && r.connectedAt === undefined ? { ...r, connectedAt: e.at } : r;
    case 'calldata':
      return withCrmName(withData(r, e.source, e.data), e);
    case 'transfer':
      return live && e.phase === 'completed' ? { ...r, transferredTo: e.target } : r;
    case 'disconnect':
    case 'fail':
      // The first end counts: a late second one (a replayed 'interrupted') changes nothing.
      return live ? { ...r, endedAt: e.at, outcome: outcomeOf(r, e) } : r;
    default:
      return r;
  }
}

type Ending = PhoneEventOf<'disconnect'> | PhoneEventOf<'fail'>;

function outcomeOf(r: CallRecord, e: Ending): CallOutcome {
  if (e.type === 'fail') return 'failed';
  if (e.reason === 'transferred' || r.transferredTo !== undefined) return 'transferred';
  if (e.reason === 'interrupted') return 'interrupted';
  if (r.connectedAt !== undefined) return 'answered';
  if (r.direction === 'inbound')
    return e.reason === 'rejected' || e.reason === 'local-hangup' ? 'rejected' : 'missed';
  if (e.reason === 'cancelled' || e.reason === 'local-hangup') return 'cancelled';
  return e.reason === 'rejected' ? 'rejected' : 'failed';
}

/** Rank of a source in the offer's precedence order (lower wins), as mergeCallData reads it. */
function rank(r: CallRecord, source: CallDataSource): number {
  const order = r.sources ?? ['headers'];
  const i = order.indexOf(source);
  return i === -1 ? order.length : i;
}

/** Takes the summary from `data` unless a higher-precedence source already gave one. */
function withData(r: CallRecord, source: CallDataSource, data: CallDataObject | undefined): CallRecord {
  if (!data) return r;
  if (r.summaryFrom !== undefined && rank(r, r.summaryFrom) < rank(r, source)) return r;
  const summary = summarizeCallData(data, SUMMARY_MAX_CHARS);
  return summary === undefined ? r : { ...r, summary, summaryFrom: source };
}

function withCrmName(r: CallRecord, e: PhoneEventOf<'calldata'>): CallRecord {
  return e.source === 'crm' && present(e.name) ? { ...r, name: e.name } : r;
}

const SUMMARY_FIELDS = 3;
const FIELD_CHARS = 60;
// Whitespace and controls become one space (a summary is one line); bidi controls go (Trojan Source).
const BREAKS = /[\s\p{Cc}]+/gu;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const oneLine = (s: string): string => s.replace(BIDI, '').replace(BREAKS, ' ').trim();

/** Cuts `s` to `max` characters with an ellipsis, never between the halves of a surrogate pair. */
function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  const last = s.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${s.slice(0, cut)}\u2026`;
}

/** "key: value · key: value" from the first few top-level text, number or boolean fields. */
export function summarizeCallData(data: CallDataObject, max = SUMMARY_MAX_CHARS): string | undefined {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const shown = oneLine(String(value));
    if (shown === '') continue;
    parts.push(clip(`${oneLine(key)}: ${shown}`, FIELD_CHARS));
    if (parts.length === SUMMARY_FIELDS) break;
  }
  return parts.length > 0 ? clip(parts.join(' \u00b7 '), max) : undefined;
}
