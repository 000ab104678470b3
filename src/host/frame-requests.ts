import type { Attachment } from '../core/call-control.ts';
import type { CallDataObject } from '../core/call-data.ts';
import type { CallState } from '../core/call-machine.ts';
import type { PhoneCommand } from '../core/commands.ts';
import type { CallView, PhoneState } from '../core/phone-state.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { FrameResponse, seedCallStates } from './frame-messages.ts';
import type { FrameError, FrameRequest } from './frame-protocol.ts';

type CallRequest = Extract<
  FrameRequest,
  { request: 'answer' | 'hangup' | 'hold' | 'retrieve' | 'transfer' | 'dtmf' }
>;

/**
 * Which call a request without `callid` means, like seed 003's requests by extension: the first
 * state in the list that has a call, if exactly one call is in it.
 */
const targets: Readonly<Record<CallRequest['request'], readonly CallState[]>> = {
  answer: ['ringing-in'],
  hangup: ['connected', 'transferring', 'dialing', 'ringing-out', 'ringing-in', 'held'],
  hold: ['connected'],
  retrieve: ['held'],
  transfer: ['connected', 'held'],
  dtmf: ['connected'],
};

export function pickCall(state: PhoneState, req: CallRequest): Result<string, FrameError> {
  if (req.callid !== undefined) return ok(req.callid);
  for (const s of targets[req.request]) {
    const calls = state.calls.filter((c) => c.state === s);
    const [only, other] = calls;
    if (only && !other) return ok(only.callId);
    if (only) return err({ code: 'no-call', message: `${calls.length} calls are ${s}: give callid` });
  }
  return err({ code: 'no-call', message: `no call to ${req.request}` });
}

/** Seed 003's `data`: text goes as User-to-User, an object as X-Call-Data JSON. */
const attachment = (data: string | CallDataObject | undefined): Attachment =>
  data === undefined ? {} : typeof data === 'string' ? { uui: { data } } : { data };

type CommandRequest = Exclude<
  FrameRequest,
  { request: 'subscribe' | 'credentials' | 'snapshot' | 'setstate' }
>;

/** The phone command a request asks for, with the call it means. */
export function requestCommand(state: PhoneState, req: CommandRequest): Result<PhoneCommand, FrameError> {
  if (req.request === 'makecall')
    return ok({ type: 'dial', target: req.destination, ...attachment(req.data) });
  if (req.request === 'alternate') return ok({ type: 'swap' });
  const picked = pickCall(state, req);
  if (!picked.ok) return picked;
  const callId = picked.value;
  switch (req.request) {
    case 'answer':
      return ok({ type: 'answer', callId });
    case 'hangup':
      return ok({ type: 'hangup', callId });
    case 'hold':
      return ok({ type: 'hold', callId });
    case 'retrieve':
      return ok({ type: 'resume', callId });
    case 'dtmf':
      return ok({ type: 'dtmf', callId, digits: req.dtmf });
    case 'transfer':
      return ok({ type: 'transfer', callId, target: req.destination, ...attachment(req.data) });
  }
}

const seedState: Readonly<Record<CallState, (typeof seedCallStates)[number]>> = {
  idle: 'null',
  dialing: 'initiate',
  'ringing-in': 'alerting',
  'ringing-out': 'alerting',
  connected: 'connect',
  held: 'hold',
  transferring: 'connect',
  ended: 'null',
};

const snapshotCall = (c: CallView, extension: string) => ({
  callid: c.callId,
  state: seedState[c.state],
  callstate: c.state,
  direction: c.direction,
  numparty: 2,
  party: [{ extension }, { extension: c.remote.number }],
});

/** Seed 003's Snapshot of this device: its calls, plus the registration (ours). */
export function snapshotResponse(
  id: FrameRequest['id'],
  extension: string,
  state: PhoneState | undefined,
): Extract<FrameResponse, { result: 'success' }> {
  const calls = state?.calls ?? [];
  return {
    v: 1,
    msgtype: 'response',
    id,
    result: 'success',
    error: '',
    extension,
    numcall: calls.length,
    list: calls.map((c) => snapshotCall(c, extension)),
    registration: state?.registration.state ?? 'unregistered',
    transport: state?.transport.state ?? 'disconnected',
  };
}
