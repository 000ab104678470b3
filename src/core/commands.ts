import { z } from 'zod/mini';
import type { CallState } from './call-machine.ts';
import { callDataObjectSchema } from './call-data.ts';
import { DTMF_DIGITS } from './events.ts';
import type { PhoneState } from './phone-state.ts';
import { findCall } from './phone-state.ts';
import { err, ok, type Result } from './result.ts';

const callId = z.string().check(z.minLength(1), z.maxLength(128));
/** Call data sent with an outgoing call or a transfer (X-Call-Data and/or User-to-User). */
const attachment = {
  data: z.optional(callDataObjectSchema),
  uui: z.optional(
    z.object({
      data: z.string().check(z.maxLength(4096)),
      purpose: z.optional(z.string().check(z.maxLength(64))),
      content: z.optional(z.string().check(z.maxLength(64))),
    }),
  ),
};
const target = z.string().check(z.maxLength(1024));

/**
 * Commands the UI, the host page or another tab can send to the phone, as a schema: the
 * postMessage bridge and hosts without TypeScript are parsed with it before anything acts.
 */
export const phoneCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dial'), target, ...attachment }),
  z.object({ type: z.literal('answer'), callId }),
  z.object({
    type: z.literal('reject'),
    callId,
    code: z.optional(z.union([z.literal(486), z.literal(603)])),
  }),
  z.object({ type: z.literal('hangup'), callId }),
  z.object({ type: z.literal('hold'), callId }),
  z.object({ type: z.literal('resume'), callId }),
  z.object({ type: z.literal('mute'), callId, muted: z.boolean() }),
  z.object({ type: z.literal('dtmf'), callId, digits: z.string().check(z.maxLength(64)) }),
  z.object({
    type: z.literal('transfer'),
    callId,
    target,
    ...attachment,
    /**
     * `cache`: seed 000's transfer: the data is stored in the cache under the caller's ANI and the
     * call goes to the DNIS the cache hands out from `pool` (the target system's numbers); the
     * target is then only a label. Default `sip`: REFER to the target with the data in headers.
     */
    via: z.optional(z.enum(['sip', 'cache'])),
    pool: z.optional(z.string().check(z.maxLength(64))),
  }),
  z.object({ type: z.literal('swap') }),
]);
export type PhoneCommand = z.infer<typeof phoneCommandSchema>;
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
  /** Not a command the phone knows, or a field of the wrong type (hosts without TypeScript, postMessage). */
  'invalid-command',
  /** A `cti-command-request` listener called preventDefault(). */
  'vetoed',
  /** Seed 000's cache refused or could not be reached (a transfer via the cache is not made). */
  'cache-error',
] as const;
export type CommandErrorCode = (typeof commandErrorCodes)[number];
export interface CommandError {
  readonly code: CommandErrorCode;
  readonly message: string;
  /** `unknown` for a command that did not parse. */
  readonly command: PhoneCommandType | 'unknown';
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

const fail = (
  command: PhoneCommandType,
  code: CommandErrorCode,
  message: string,
  extra: Partial<CommandError> = {},
) => err<CommandError>({ code, message, command, ...extra });

const isBeingPlaced = (c: { readonly state: CallState }) =>
  c.state === 'dialing' || c.state === 'ringing-out';

/** Checks a command against the current state before the telephony adapter is asked to act. */
export function checkCommand(state: PhoneState, cmd: PhoneCommand): Result<void, CommandError> {
  switch (cmd.type) {
    case 'dial': {
      if (state.registration.state !== 'registered')
        return fail('dial', 'not-registered', 'The phone is not registered');
      if (cmd.target.trim() === '') return fail('dial', 'invalid-target', 'Nothing to dial');
      if (state.calls.length >= MAX_LINES) return fail('dial', 'lines-busy', 'Both lines are in use');
      if (state.calls.some(isBeingPlaced))
        return fail('dial', 'invalid-state', 'Another call is still being placed');
      return ok(undefined);
    }
    case 'swap': {
      // Swap moves between two answered calls: one held, the other connected or held.
      const answered = state.calls.filter((c) => c.state === 'held' || c.state === 'connected');
      const held = answered.filter((c) => c.state === 'held');
      if (answered.length < 2 || held.length === 0)
        return fail('swap', 'invalid-state', 'No held call to swap to');
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
        return fail('answer', 'invalid-state', 'Hang up the call being placed first', {
          callId: cmd.callId,
          state: call.state,
        });
      }
      if (cmd.type === 'dtmf' && !DTMF_DIGITS.test(cmd.digits)) {
        return fail('dtmf', 'invalid-digits', 'DTMF digits are 0-9, A-D, * and #', { callId: cmd.callId });
      }
      if (cmd.type === 'transfer' && cmd.target.trim() === '') {
        return fail('transfer', 'invalid-target', 'No transfer target', { callId: cmd.callId });
      }
      return ok(undefined);
    }
  }
}
