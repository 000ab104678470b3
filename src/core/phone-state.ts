import { nextCallState, type CallState, type IllegalTransition } from './call-machine.ts';
import type {
  CallEvent,
  DisconnectReason,
  Party,
  PhoneEvent,
  RegistrationState,
  TransportState,
} from './events.ts';
import { isCallEvent } from './events.ts';
import { err, ok, type Result } from './result.ts';
import { callDataOfOffer, withLookup, type CallDataView } from './call-data-view.ts';

export interface CallView {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly state: CallState;
  readonly remote: Party;
  readonly local: Party;
  readonly startedAt: number;
  readonly connectedAt?: number;
  readonly endedAt?: number;
  readonly muted: boolean;
  /** State before a transfer started, to go back to if it fails. */
  readonly beforeTransfer?: CallState;
  readonly transferTarget?: string;
  readonly endReason?: DisconnectReason | 'failed';
  readonly failCode?: number;
  readonly failCause?: string;
  /** Inbound calls: what the INVITE and the lookups said about the caller (see mergeCallData). */
  readonly callData?: CallDataView;
}

export interface PhoneState {
  readonly registration: { readonly state: RegistrationState; readonly reason?: string };
  readonly transport: {
    readonly state: TransportState;
    readonly attempt?: number;
    readonly retryInMs?: number;
  };
  /** Live calls in the order they began: at most one per line. */
  readonly calls: readonly CallView[];
  /** The most recent ended calls, newest first (bounded). */
  readonly recent: readonly CallView[];
  readonly lastSeq: number;
}

export const RECENT_LIMIT = 10;

export const initialPhoneState: PhoneState = {
  registration: { state: 'unregistered' },
  transport: { state: 'disconnected' },
  calls: [],
  recent: [],
  lastSeq: -1,
};

export type ReduceError =
  | IllegalTransition
  | { readonly code: 'unknown-call'; readonly callId: string }
  | { readonly code: 'not-idle'; readonly calls: number };

/** Folds one event into the phone state; rejects events that the call's state does not allow. */
export function reducePhone(state: PhoneState, event: PhoneEvent): Result<PhoneState, ReduceError> {
  const next = { ...state, lastSeq: Math.max(state.lastSeq, event.seq) };
  switch (event.type) {
    case 'registration':
      return ok({ ...next, registration: withOptional({ state: event.state }, 'reason', event.reason) });
    case 'transport': {
      const transport = withOptional(
        withOptional({ state: event.state }, 'attempt', event.attempt),
        'retryInMs',
        event.retryInMs,
      );
      return ok({ ...next, transport });
    }
    case 'error':
      return ok(next);
    case 'idle':
      return state.calls.length === 0 ? ok(next) : err({ code: 'not-idle', calls: state.calls.length });
    default:
      return isCallEvent(event) ? reduceCall(next, event) : ok(next);
  }
}

function reduceCall(state: PhoneState, event: CallEvent): Result<PhoneState, ReduceError> {
  const existing = state.calls.find((c) => c.callId === event.callId);
  if (!existing && event.type !== 'offer' && event.type !== 'dial') {
    return err({ code: 'unknown-call', callId: event.callId });
  }
  const current = existing ?? newCall(event);
  const to = nextCallState(existing ? current.state : 'idle', event, current.beforeTransfer);
  if (!to.ok) return to;
  const updated = applyCallEvent(current, event, to.value);
  if (updated.state === 'ended') {
    return ok({
      ...state,
      calls: state.calls.filter((c) => c.callId !== event.callId),
      recent: [updated, ...state.recent].slice(0, RECENT_LIMIT),
    });
  }
  const calls = existing
    ? state.calls.map((c) => (c.callId === event.callId ? updated : c))
    : [...state.calls, updated];
  return ok({ ...state, calls });
}

function newCall(event: CallEvent): CallView {
  const inbound = event.type === 'offer';
  const from = event.type === 'offer' || event.type === 'dial' ? event.from : { number: '' };
  const to = event.type === 'offer' || event.type === 'dial' ? event.to : { number: '' };
  return {
    callId: event.callId,
    direction: inbound ? 'inbound' : 'outbound',
    state: 'idle',
    remote: inbound ? from : to,
    local: inbound ? to : from,
    startedAt: event.at,
    muted: false,
    ...(event.type === 'offer' ? optionalCallData(callDataOfOffer(event)) : {}),
  };
}

const optionalCallData = (callData: CallDataView | undefined) => (callData ? { callData } : {});

function applyCallEvent(call: CallView, event: CallEvent, state: CallState): CallView {
  const base: CallView = { ...call, state };
  switch (event.type) {
    case 'connect':
      return { ...base, connectedAt: event.at };
    case 'mute':
      return { ...base, muted: event.muted };
    case 'calldata':
      return { ...base, callData: withLookup(call.callData, event) };
    case 'transfer':
      if (event.phase === 'requested')
        return { ...base, beforeTransfer: call.state, transferTarget: event.target };
      if (event.phase === 'failed') {
        const { beforeTransfer: _b, transferTarget: _t, ...rest } = base;
        return rest;
      }
      return base;
    case 'disconnect':
      return withOptional({ ...base, endedAt: event.at, endReason: event.reason }, 'failCode', event.code);
    case 'fail':
      return withOptional(
        { ...base, endedAt: event.at, endReason: 'failed', failCause: event.cause },
        'failCode',
        event.code,
      );
    default:
      return base;
  }
}

/** Sets an optional property only when it has a value (exactOptionalPropertyTypes). */
function withOptional<T extends object, K extends string, V>(
  obj: T,
  key: K,
  value: V | undefined,
): T & { [P in K]?: V } {
  return value === undefined ? obj : { ...obj, [key]: value };
}

/** The call the agent is talking on (connected), if any. */
export const activeCall = (s: PhoneState): CallView | undefined =>
  s.calls.find((c) => c.state === 'connected');
export const findCall = (s: PhoneState, callId: string): CallView | undefined =>
  s.calls.find((c) => c.callId === callId);
