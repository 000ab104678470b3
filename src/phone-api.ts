import type { CommandError, PhoneCommand } from './core/commands.ts';
import type { PhoneEvent } from './core/events.ts';
import type { PhoneState } from './core/phone-state.ts';
import type { Result } from './core/result.ts';

export type CommandResult<T = undefined> = Result<T, CommandError>;
export type PhoneListener = (state: PhoneState, event: PhoneEvent) => void;

/**
 * What the UI, the host page and other tabs see of a phone: state, events and commands.
 * Commands never throw: a command in the wrong state resolves to a typed error.
 */
export interface PhoneApi {
  readonly state: PhoneState;
  /** Called after every event with the new state; returns an unsubscribe function. */
  subscribe(listener: PhoneListener): () => void;
  /** Connects and registers. Resolves once the first attempt has settled (registered or failed). */
  start(): Promise<void>;
  /** Hangs up every call, unregisters and disconnects. */
  stop(): Promise<void>;
  execute(command: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>>;
  dial(target: string): Promise<CommandResult<{ readonly callId: string }>>;
  answer(callId: string): Promise<CommandResult>;
  reject(callId: string, code?: 486 | 603): Promise<CommandResult>;
  hangup(callId: string): Promise<CommandResult>;
  hold(callId: string): Promise<CommandResult>;
  resume(callId: string): Promise<CommandResult>;
  mute(callId: string, muted: boolean): Promise<CommandResult>;
  sendDtmf(callId: string, digits: string): Promise<CommandResult>;
  transfer(callId: string, target: string): Promise<CommandResult>;
  swap(): Promise<CommandResult>;
}
