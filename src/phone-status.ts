import type { DisconnectReason, RegistrationState, TransportState } from './core/events.ts';
import type { PhoneState } from './core/phone-state.ts';
import type { CallState } from './core/call-machine.ts';
import type { JournalStatus } from './journal/status.ts';

/** A live call as the status tells it. */
export interface StatusCall {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly state: CallState;
  readonly number: string;
  readonly startedAt: number;
  readonly connectedAt?: number;
}

/**
 * Everything a CRM asks after a downtime (seed 002: "nobody can ask for the full status"):
 * registration, live calls, and the journal (undelivered events per sink, the last acknowledged
 * seq, storage). Agent state joins it with the agent's-day work.
 */
export interface PhoneStatus {
  readonly registration: { readonly state: RegistrationState; readonly reason?: string };
  readonly transport: TransportState;
  readonly calls: readonly StatusCall[];
  /** How the last call ended, if any has. */
  readonly lastEnded?: { readonly callId: string; readonly reason: DisconnectReason | 'failed' };
  /** The last event's seq. */
  readonly lastSeq: number;
  readonly journal: JournalStatus;
}

export function phoneStatus(state: PhoneState, journal: JournalStatus): PhoneStatus {
  const last = state.recent[0];
  return {
    registration: state.registration,
    transport: state.transport.state,
    calls: state.calls.map((c) => ({
      callId: c.callId,
      direction: c.direction,
      state: c.state,
      number: c.remote.number,
      startedAt: c.startedAt,
      ...(c.connectedAt !== undefined ? { connectedAt: c.connectedAt } : {}),
    })),
    ...(last?.endReason ? { lastEnded: { callId: last.callId, reason: last.endReason } } : {}),
    lastSeq: state.lastSeq,
    journal,
  };
}
