import type { CommandGates } from '../core/command-gates.ts';
import { phoneCommandSchema, type PhoneCommand } from '../core/commands.ts';
import type { CommandResult } from '../core/phone-core.ts';
import { err } from '../core/result.ts';
import type { FollowerLink } from './follower-link.ts';
import { isUnanswered } from './requests.ts';

/** A parsed value as the exact-optional types have it: keys that were absent stay absent. */
export const exact = <T>(value: unknown): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * A follower's command, the way PhoneCore.execute runs one, except for where it is carried
 * out: parsed, offered to this tab's gates (the host page here can veto it and hears how it
 * settled), then sent whole to the leader, which runs it through its own command path (its
 * gates, the checks against the real state, the line policy, sip.js). No leader answering in
 * time is `not-registered`: nothing can say whether it ran, and it is never sent twice.
 */
export async function forwardCommand(
  gates: CommandGates,
  link: FollowerLink,
  command: PhoneCommand,
): Promise<CommandResult<{ readonly callId?: string }>> {
  const parsed = phoneCommandSchema.safeParse(command);
  if (!parsed.success)
    return gates.settle(
      undefined,
      err({ code: 'invalid-command', message: 'Not a phone command', command: 'unknown' }),
    );
  const cmd = Object.freeze(parsed.data);
  if (!gates.allow(cmd))
    return gates.settle(
      cmd,
      err({ code: 'vetoed', message: 'The host vetoed the command', command: cmd.type }),
    );
  const a = await link.request({ op: 'command', command: cmd });
  const result: CommandResult<{ readonly callId?: string }> = isUnanswered(a)
    ? err({
        code: 'not-registered',
        message: `The leader tab did not answer (${a.unanswered})`,
        command: cmd.type,
      })
    : exact(a.result);
  return gates.settle(cmd, result);
}
