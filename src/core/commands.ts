import type { CallState } from './call-machine.ts';
import type { PhoneState } from './phone-state.ts';
import { findCall } from './phone-state.ts';
import { err, ok, type Result } from './result.ts';

/** Commands the UI, the host page or another tab can send to the phone. */
export type PhoneCommand =
  | { readonly type: 'dial'; readonly target: string }
  | { readonly type: 'answer'; readonly callId: string }
  | { readonly type: 'reject'; readonly callId: string; readonly code?: 486 | 603 }
  | { readonly type: 'hangup'; readonly callId: string }
  | { readonly type: 'hold'; readonly callId: string }
  | { readonly type: 'resume'; readonly callId: string }
  | { readonly type: 'mute'; readonly callId: string; readonly muted: boolean }
  | { readonly type: 'dtmf'; readonly callId: string; readonly digits: string }
  | { readonly type: 'transfer'; readonly callId: string; readonly target: string }
  | { readonly type: 'swap' };
export type PhoneCommandType = PhoneCommand['type'];
export type CallCommandType = Exclude<PhoneCommandType, 'dial' | 'swap'>;

export const commandErrorCodes = [
  'not-registered',
  'no-such-call',
  'invalid-state',
  'lines-busy',
  'invalid-target',
  'invalid-digits',
  'sip-error',
  'media-error',
  'transport-error',
] as const;
export type CommandErrorCode = (typeof commandErrorCodes)[number];
export interface CommandError {
  readonly code: CommandErrorCode;
  readonly message: string;
  readonly command: PhoneCommandType;
  readonly callId?: string;
  readonly state?: CallState;
}

/** Two lines: one call to talk on and one held or ringing beside it. */
export const MAX_LINES = 2;

/** Which call commands each call state accepts; the UI shows exactly these controls. */
export const allowedCallCommands: Readonly<Record<CallState, readonly CallCommandType[]>> = {
  idle: [],
  dialing: ['hangup'],
  'ringing-out': ['hangup'],
  'ringing-in': ['answer', 'reject', 'hangup'],
  connected: ['hangup', 'hold', 'mute', 'dtmf', 'transfer'],
  held: ['hangup', 'resume', 'mute', 'transfer'],
  transferring: ['hangup', 'mute'],
  ended: [],
};

const fail = (command: PhoneCommandType, code: CommandErrorCode, message: string, extra: Partial<CommandError> = {}) =>
  err<CommandError>({ code, message, command, ...extra });

const isBeingPlaced = (c: { readonly state: CallState }) => c.state === 'dialing' || c.state === 'ringing-out';

/** Checks a command against the current state before the telephony adapter is asked to act. */
export function checkCommand(state: PhoneState, cmd: PhoneCommand): Result<void, CommandError> {
  switch (cmd.type) {
    case 'dial': {
      if (state.registration.state !== 'registered') return fail('dial', 'not-registered', 'The phone is not registered');
      if (cmd.target.trim() === '') return fail('dial', 'invalid-target', 'Nothing to dial');
      if (state.calls.length >= MAX_LINES) return fail('dial', 'lines-busy', 'Both lines are in use');
      if (state.calls.some(isBeingPlaced)) return fail('dial', 'invalid-state', 'Another call is still being placed');
      return ok(undefined);
    }
    case 'swap': {
      // Swap moves between two answered calls: one held, the other connected or held.
      const answered = state.calls.filter((c) => c.state === 'held' || c.state === 'connected');
      const held = answered.filter((c) => c.state === 'held');
      if (answered.length < 2 || held.length === 0) return fail('swap', 'invalid-state', 'No held call to swap to');
      return ok(undefined);
    }
    default: {
      const call = findCall(state, cmd.callId);
      if (!call) return fail(cmd.type, 'no-such-call', `No call ${cmd.callId}`, { callId: cmd.callId });
      if (!allowedCallCommands[call.state].includes(cmd.type)) {
        const message = `Cannot ${cmd.type} a call that is ${call.state}`;
        return fail(cmd.type, 'invalid-state', message, { callId: cmd.callId, state: call.state });
      }
      // An outgoing call that is still ringing could connect at any moment beside the answered one.
      if (cmd.type === 'answer' && state.calls.some(isBeingPlaced)) {
        return fail('answer', 'invalid-state', 'Hang up the call being placed first', { callId: cmd.callId, state: call.state });
      }
      if (cmd.type === 'dtmf' && !/^[0-9A-D*#]{1,32}$/.test(cmd.digits)) {
        return fail('dtmf', 'invalid-digits', 'DTMF digits are 0-9, A-D, * and #', { callId: cmd.callId });
      }
      if (cmd.type === 'transfer' && cmd.target.trim() === '') {
        return fail('transfer', 'invalid-target', 'No transfer target', { callId: cmd.callId });
      }
      return ok(undefined);
    }
  }
}
