import type { DisconnectReason, PhoneEvent } from '../core/events.ts';
import type { FrameEvent } from './frame-messages.ts';

/** Who is on a call, as the event mapping needs it for seed 003's calling/called fields. */
export interface CallParties {
  readonly direction: 'inbound' | 'outbound';
  /** The far end's number. */
  readonly remote: string;
}

export interface FrameEventContext {
  /** This phone's extension (the AOR's user part): seed 003's holding, retrieving, alerting, … */
  readonly extension: string;
  readonly device: string;
  /** The call's parties, when known (from its offer or dial, or the phone's state and history). */
  readonly parties?: CallParties;
}

/** Seed 003's `releasing`: who ended the call. */
function releasing(reason: DisconnectReason, ext: string, p: CallParties | undefined): string | undefined {
  switch (reason) {
    case 'remote-hangup':
      return p?.remote;
    case 'cancelled': // the caller gave up before the answer
      return p ? (p.direction === 'inbound' ? p.remote : ext) : undefined;
    default:
      return ext;
  }
}

const json = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v));
const seconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000));
/** Optional fields are left out, never `undefined` (exactOptionalPropertyTypes, and JSON). */
const some = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;

/**
 * One journal event in seed 003's vocabulary: `eventtype` is the event's type (the vocabulary is
 * named after seed 003's), seed 003's fields where they apply (calling, called, alerting,
 * answering, holding, releasing, …, `time` in epoch seconds), plus the journal's `id` and `seq`.
 * `ucid` is the SIP Call-ID, as `callid` is (decision 0002): the phone has no other call id.
 */
export function toFrameEvent(e: PhoneEvent, seq: number, ctx: FrameEventContext): FrameEvent {
  const base = {
    v: 1,
    msgtype: 'event',
    id: e.id,
    seq,
    device: ctx.device,
    time: seconds(e.at),
    at: e.at,
  } as const;
  const ext = ctx.extension;
  if (e.type === 'idle') return { ...base, eventtype: 'idle', extension: ext };
  if (e.type === 'registration')
    return some({ ...base, eventtype: 'registration', state: e.state, reason: e.reason });
  if (e.type === 'transport') return { ...base, eventtype: 'transport', state: e.state };
  if (e.type === 'error')
    return some({ ...base, eventtype: 'error', code: e.code, message: e.message, callid: e.callId });
  const call = { ...base, callid: e.callId, ucid: e.callId };
  const p = ctx.parties;
  const calling = p && (p.direction === 'inbound' ? p.remote : ext);
  const called = p && (p.direction === 'inbound' ? ext : p.remote);
  switch (e.type) {
    case 'offer':
      return {
        ...call,
        eventtype: 'offer',
        calling: e.from.number,
        called: e.to.number,
        alerting: ext,
        uui: e.uui?.[0]?.data ?? '',
        custdata: json(e.data),
      };
    case 'dial':
      return { ...call, eventtype: 'dial', calling: e.from.number, called: e.to.number };
    case 'alert':
      return some({ ...call, eventtype: 'alert', calling, called, alerting: called });
    case 'connect':
      return some({ ...call, eventtype: 'connect', calling, called, answering: called });
    case 'hold':
      return { ...call, eventtype: 'hold', holding: ext };
    case 'retrieve':
      return { ...call, eventtype: 'retrieve', retrieving: ext };
    case 'mute':
      return { ...call, eventtype: 'mute', muted: e.muted };
    case 'dtmf':
      return { ...call, eventtype: 'dtmf', dtmf: e.digits };
    case 'transfer':
      return { ...call, eventtype: 'transfer', transferring: ext, transferred: e.target, phase: e.phase };
    case 'disconnect':
      return some({
        ...call,
        eventtype: 'disconnect',
        releasing: releasing(e.reason, ext, p),
        reason: e.reason,
        code: e.code,
      });
    case 'fail':
      return some({
        ...call,
        eventtype: 'fail',
        failing: p?.remote,
        called,
        cause: e.code ?? 0,
        causetext: e.cause,
      });
    case 'calldata':
      return some({
        ...call,
        eventtype: 'calldata',
        source: e.source,
        status: e.status,
        custdata: e.data === undefined ? undefined : json(e.data),
        name: e.name,
        reason: e.reason,
      });
  }
}

/** The parties an offer or a dial names (the only events that do). */
export function partiesOf(e: PhoneEvent): CallParties | undefined {
  if (e.type === 'offer') return { direction: 'inbound', remote: e.from.number };
  if (e.type === 'dial') return { direction: 'outbound', remote: e.to.number };
  return undefined;
}
