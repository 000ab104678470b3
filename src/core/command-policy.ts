import type { Attachment, CallControl, ControlResult, TransferOptions } from './call-control.ts';
import type { CallDataObject } from './call-data.ts';
import type { PhoneCommand } from './commands.ts';
import { activeCall, findCall, type PhoneState } from './phone-state.ts';
import { err, ok } from './result.ts';

/**
 * Carries out a command that passed checkCommand, with the phone's line policy:
 * call waiting holds the connected call before another is answered, dialled or resumed, so
 * there is never more than one live (unheld) call. `state` is read fresh at each step because
 * the events of a hold arrive while the command is in progress.
 */
export async function performCommand(
  cmd: PhoneCommand,
  state: () => PhoneState,
  control: CallControl,
): Promise<ControlResult<{ readonly callId: string } | undefined>> {
  const holdActive = async (): Promise<ControlResult> => {
    const active = activeCall(state());
    return active ? control.hold(active.callId, true) : ok(undefined);
  };
  const resumeExclusively = async (callId: string): Promise<ControlResult> => {
    const held = await holdActive();
    return held.ok ? control.hold(callId, false) : held;
  };
  switch (cmd.type) {
    case 'dial': {
      const held = await holdActive();
      return held.ok ? control.dial(cmd.target, attachmentOf(cmd)) : held;
    }
    case 'answer': {
      const held = await holdActive();
      return held.ok ? await control.answer(cmd.callId) : held;
    }
    case 'reject':
      return await control.reject(cmd.callId, cmd.code);
    case 'hangup':
      return await control.hangup(cmd.callId);
    case 'hold':
      return await control.hold(cmd.callId, true);
    case 'resume':
      return await resumeExclusively(cmd.callId);
    case 'mute':
      return control.mute(cmd.callId, cmd.muted);
    case 'dtmf':
      return await control.sendDtmf(cmd.callId, cmd.digits);
    case 'transfer':
      return await control.transfer(cmd.callId, cmd.target, transferOptions(cmd, state()));
    case 'swap': {
      const held = state().calls.find((c) => c.state === 'held'); // checkCommand made sure there is one
      return held
        ? await resumeExclusively(held.callId)
        : err({ code: 'invalid-state', message: 'No held call' });
    }
  }
}

const attachmentOf = (cmd: {
  readonly data?: CallDataObject | undefined;
  readonly uui?: { data: string; purpose?: string | undefined; content?: string | undefined } | undefined;
}): Attachment => ({
  ...(cmd.data ? { data: cmd.data } : {}),
  ...(cmd.uui ? { uui: stripUndefined(cmd.uui) } : {}),
});

const stripUndefined = (u: { data: string; purpose?: string | undefined; content?: string | undefined }) => ({
  data: u.data,
  ...(u.purpose !== undefined ? { purpose: u.purpose } : {}),
  ...(u.content !== undefined ? { content: u.content } : {}),
});

/** The transfer's options, with the caller's ANI taken from the call (the cache keys data by it). */
function transferOptions(
  cmd: Extract<PhoneCommand, { type: 'transfer' }>,
  state: PhoneState,
): TransferOptions {
  const call = findCall(state, cmd.callId);
  const ani = call?.callData?.ani ?? call?.remote.number;
  return {
    ...attachmentOf(cmd),
    ...(cmd.via ? { via: cmd.via } : {}),
    ...(cmd.pool !== undefined ? { pool: cmd.pool } : {}),
    ...(ani ? { ani } : {}),
  };
}
