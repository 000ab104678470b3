import type { CommandError, PhoneCommand } from './commands.ts';
import type { Result } from './result.ts';

export type CommandResult<T = undefined> = Result<T, CommandError>;

/** Sees every command, whatever its source (view, host JS, postMessage, another tab). */
export interface CommandGate {
  /** Before the command is checked against the state; returning false vetoes it. */
  readonly request?: (command: PhoneCommand) => boolean;
  /** Once the command has settled; `command` is undefined when it did not parse. */
  readonly settled?: (command: PhoneCommand | undefined, result: CommandResult<unknown>) => void;
}

/**
 * The gates a phone's commands pass. A gate that throws is reported and counts as allowing:
 * a bug in a host's listener must not switch the phone off.
 */
export class CommandGates {
  readonly #gates = new Set<CommandGate>();

  constructor(private readonly onError: (error: unknown) => void) {}

  add(gate: CommandGate): () => void {
    this.#gates.add(gate);
    return () => this.#gates.delete(gate);
  }

  /** The first gate that says no vetoes the command; the others learn of it in `settled`. */
  allow(cmd: PhoneCommand): boolean {
    for (const gate of this.#gates) {
      try {
        if (gate.request && !gate.request(cmd)) return false;
      } catch (e) {
        this.onError(e);
      }
    }
    return true;
  }

  settle<T>(cmd: PhoneCommand | undefined, result: CommandResult<T>): CommandResult<T> {
    for (const gate of this.#gates) {
      try {
        gate.settled?.(cmd, result);
      } catch (e) {
        this.onError(e);
      }
    }
    return result;
  }
}
