import {
  callEventTypes,
  transferPhases,
  type CallEvent,
  type CallEventType,
  type TransferPhase,
} from './events.ts';
import { err, ok, type Result } from './result.ts';

/**
 * The life of one call as an explicit transition table.
 *
 *            offer                connect
 *   idle ─────────────► ringing-in ─────────┐
 *     │ dial       alert                    ▼        hold
 *     └──► dialing ─────► ringing-out ──► connected ◄────► held
 *             │ connect ─────────────────────▲   retrieve  │
 *             │                   transfer:requested │     │
 *             │                        transferring ◄┴─────┘
 *   any live state ── disconnect | fail ──► ended (terminal)
 *   ringing-in, connected, held, transferring ── calldata ──► the same state
 *
 * `transfer:failed` returns a call to the state it was transferred from (connected or held).
 * Events that are not in the table for a state are illegal and rejected.
 */
export const callStates = [
  'idle',
  'dialing',
  'ringing-in',
  'ringing-out',
  'connected',
  'held',
  'transferring',
  'ended',
] as const;
export type CallState = (typeof callStates)[number];

/** Events keyed finer than by type where the payload decides the transition (read from the event schemas). */
export type CallEventKey = Exclude<CallEventType, 'transfer'> | `transfer:${TransferPhase}`;
export const callEventKeys: readonly CallEventKey[] = callEventTypes.flatMap((t): CallEventKey[] =>
  t === 'transfer' ? transferPhases.map((p) => `transfer:${p}` as const) : [t],
);

export const eventKey = (e: CallEvent): CallEventKey =>
  e.type === 'transfer' ? `transfer:${e.phase}` : e.type;

/** `'previous'`: go back to the state the call was in before the transfer started. */
type Target = CallState | 'previous';
const end = { disconnect: 'ended', fail: 'ended' } as const;
/** A lookup's answer changes the call's data, never its state. */
const data = <S extends CallState>(s: S) => ({ calldata: s });

export const transitions: Readonly<Record<CallState, Partial<Record<CallEventKey, Target>>>> = {
  idle: { offer: 'ringing-in', dial: 'dialing' },
  dialing: { alert: 'ringing-out', connect: 'connected', ...end },
  'ringing-out': { alert: 'ringing-out', connect: 'connected', ...end },
  'ringing-in': { connect: 'connected', ...data('ringing-in'), ...end },
  connected: {
    hold: 'held',
    mute: 'connected',
    dtmf: 'connected',
    'transfer:requested': 'transferring',
    ...data('connected'),
    ...end,
  },
  held: {
    retrieve: 'connected',
    mute: 'held',
    'transfer:requested': 'transferring',
    ...data('held'),
    ...end,
  },
  transferring: {
    mute: 'transferring',
    'transfer:completed': 'transferring',
    'transfer:failed': 'previous',
    ...data('transferring'),
    ...end,
  },
  ended: {},
};

export interface IllegalTransition {
  readonly code: 'illegal-transition';
  readonly from: CallState;
  readonly event: CallEventKey;
}

/** Where `event` takes a call in state `from` (`previous` is the state before a transfer). */
export function nextCallState(
  from: CallState,
  event: CallEvent,
  previous: CallState = 'connected',
): Result<CallState, IllegalTransition> {
  const key = eventKey(event);
  const target = transitions[from][key];
  if (target === undefined) return err({ code: 'illegal-transition', from, event: key });
  return ok(target === 'previous' ? previous : target);
}
