import type { CommandError, PhoneCommand } from '../core/commands.ts';
import type { CommandResult, PhoneApi } from '../phone-api.ts';

/**
 * Sends one command to the phone and always resolves: a missing phone or an adapter that
 * throws (a bug, since commands return errors as values) becomes a CommandError too.
 */
export async function runCommand(
  phone: PhoneApi | undefined,
  command: PhoneCommand,
): Promise<CommandResult<{ readonly callId?: string }>> {
  if (!phone) return failed(command, 'not-registered', 'No phone is configured');
  try {
    return await phone.execute(command);
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    return failed(command, 'sip-error', message || 'The command failed');
  }
}

function failed(command: PhoneCommand, code: CommandError['code'], message: string): CommandResult<never> {
  const error: CommandError =
    'callId' in command
      ? { code, message, command: command.type, callId: command.callId }
      : { code, message, command: command.type };
  return { ok: false, error };
}
