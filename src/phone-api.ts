import type { CommandResult, CommandGate, PhoneListener } from './core/phone-core.ts';
import type { PhoneCommand } from './core/commands.ts';
import type { PhoneState } from './core/phone-state.ts';
import type { Attachment, TransferOptions } from './core/call-control.ts';
import type { PhoneStatus } from './phone-status.ts';
import type { CallRecord } from './core/call-record.ts';

/** What a host may ask of a transfer (the caller's ANI is the phone's to fill in). */
export type TransferRequest = Omit<TransferOptions, 'ani'>;

export type { CommandResult, CommandGate, PhoneListener };

/**
 * What the UI, the host page and other tabs see of a phone: state, events and commands.
 * Commands never throw: a command in the wrong state resolves to a typed error.
 */
export interface PhoneApi {
  readonly state: PhoneState;
  /** The clock the phone's events are stamped with (call timers read it; absent: the wall clock). */
  now?(): number;
  /** Called after every event with the new state; returns an unsubscribe function. */
  subscribe(listener: PhoneListener): () => void;
  /** Sees every command before it is checked (to veto it) and after it settled (absent: no veto). */
  intercept?(gate: CommandGate): () => void;
  /** Connects and registers. Resolves once the first attempt has settled (registered or failed). */
  start(): Promise<void>;
  /** Hangs up every call, unregisters and disconnects. */
  stop(): Promise<void>;
  execute(command: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>>;
  /** `options.data` / `options.uui`: call data sent with the INVITE (X-Call-Data, User-to-User). */
  dial(target: string, options?: Attachment): Promise<CommandResult<{ readonly callId: string }>>;
  answer(callId: string): Promise<CommandResult>;
  reject(callId: string, code?: 486 | 603): Promise<CommandResult>;
  hangup(callId: string): Promise<CommandResult>;
  hold(callId: string): Promise<CommandResult>;
  resume(callId: string): Promise<CommandResult>;
  mute(callId: string, muted: boolean): Promise<CommandResult>;
  sendDtmf(callId: string, digits: string): Promise<CommandResult>;
  /** Blind transfer; `via: 'cache'` is seed 000's transfer through the call-data cache. */
  transfer(callId: string, target: string, options?: TransferRequest): Promise<CommandResult>;
  swap(): Promise<CommandResult>;
  /** Registration, live calls, and the journal's delivery and storage state (absent: no journal). */
  getStatus?(): Promise<PhoneStatus>;
  /** Told (debounced) when the journal's part of the status may have changed. */
  onJournalChange?(listener: () => void): () => void;
  /** The newest calls from the journal, newest first (absent: no journal). */
  history?(limit?: number): Promise<readonly CallRecord[]>;
  /** Sends a sink's dead letters again, oldest first (absent: no journal). */
  replayDeadLetters?(sink: string): Promise<{ readonly delivered: number; readonly left: number }>;
}
