import type { CallControl } from './call-control.ts';
import { performCommand } from './command-policy.ts';
import { CommandGates, type CommandGate, type CommandResult } from './command-gates.ts';
import { checkCommand, phoneCommandSchema, type PhoneCommand } from './commands.ts';
import {
  eventDraftSchema,
  isCallEvent,
  phoneEventSchema,
  type AnyDraft,
  type EventDraft,
  type PhoneEvent,
} from './events.ts';
import { initialPhoneState, reducePhone, type PhoneState, type ReduceError } from './phone-state.ts';
import { err, ok, type Result } from './result.ts';
import type { Stamper } from './stamper.ts';

export type PhoneListener = (state: PhoneState, event: PhoneEvent) => void;
export type { CommandGate, CommandResult };

export type IngestError =
  | { readonly code: 'invalid-event'; readonly message: string }
  | { readonly code: 'stale-event'; readonly seq: number; readonly lastSeq: number }
  | ReduceError;

export interface PhoneCoreDeps {
  readonly stamper: Stamper;
  readonly control: CallControl;
  /** A listener or gate threw: reported here, never to the code that published. */
  readonly onListenerError?: (error: unknown) => void;
  /** An ingested event queued behind the one being told was rejected later. */
  readonly onIngestError?: (error: IngestError) => void;
}

type Queued = { readonly draft: unknown } | { readonly event: PhoneEvent };

const idleDraft = Object.freeze({ type: 'idle' as const });
/** Only the core's own idle draft (the object itself): an adapter's `{ type: 'idle' }` is refused. */
const isIdle = (d: unknown): d is typeof idleDraft => d === idleDraft;

const issuesOf = (e: { readonly issues: readonly { readonly path: readonly PropertyKey[] }[] }) =>
  e.issues.map((i) => i.path.map(String).join('.') || '(root)').join(', ');

/**
 * The phone core: one event stream with two doors in and one command path.
 * - `publish(draft)`: an adapter's report; validated, then stamped, reduced and told to every
 *   listener. A draft that breaks the schema or the call model becomes an `error` event in the
 *   same place of the sequence, so `seq` has no gaps and `state.lastSeq` is always the last event's.
 * - `ingest(event)`: an event stamped elsewhere (a leader tab, a journal replay): validated,
 *   refused if not newer than `state.lastSeq`, reduced and told like the rest.
 * - `execute(command)`: parsed, offered to the gates (the host's veto), checked against the
 *   state, then carried out through the CallControl port with the line policy.
 * Listeners are told strictly in order: an event produced while they are being told waits its
 * turn, so every consumer sees the same sequence with the matching state.
 */
export class PhoneCore {
  #state: PhoneState = initialPhoneState;
  readonly #listeners = new Set<PhoneListener>();
  readonly #gates: CommandGates;
  readonly #queue: Queued[] = [];
  #draining = false;

  constructor(private readonly deps: PhoneCoreDeps) {
    this.#gates = new CommandGates((e) => this.#report(e));
  }

  get state(): PhoneState {
    return this.#state;
  }

  /** The clock events are stamped with. */
  readonly now = (): number => this.deps.stamper.now();

  subscribe(listener: PhoneListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  intercept(gate: CommandGate): () => void {
    return this.#gates.add(gate);
  }

  publish(draft: EventDraft): void {
    this.#enqueue({ draft });
  }

  /**
   * Returns how the event was taken when it is applied at once; an event ingested from inside a
   * listener waits its turn, and a later refusal goes to `onIngestError`.
   */
  ingest(input: unknown): Result<void, IngestError> {
    const parsed = phoneEventSchema.safeParse(input);
    if (!parsed.success)
      return err({ code: 'invalid-event', message: `bad ${issuesOf(parsed.error)}`.slice(0, 500) });
    return this.#enqueue({ event: parsed.data });
  }

  async execute(command: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>> {
    const parsed = phoneCommandSchema.safeParse(command);
    if (!parsed.success) {
      const message = `Not a phone command: bad ${issuesOf(parsed.error)}`.slice(0, 300);
      return this.#gates.settle(undefined, err({ code: 'invalid-command', message, command: 'unknown' }));
    }
    // Gates (host listeners) get a frozen copy: a veto handler cannot change what runs.
    const cmd = Object.freeze(parsed.data);
    if (!this.#gates.allow(cmd))
      return this.#gates.settle(
        cmd,
        err({ code: 'vetoed', message: 'The host vetoed the command', command: cmd.type }),
      );
    try {
      const checked = checkCommand(this.#state, cmd);
      if (!checked.ok) return this.#gates.settle(cmd, checked);
      const r = await performCommand(cmd, () => this.#state, this.deps.control);
      return this.#gates.settle(cmd, r.ok ? ok(r.value ?? {}) : err({ ...r.error, command: cmd.type }));
    } catch (e) {
      // The adapter threw where it should have returned an error: still a value, never an exception.
      const message = e instanceof Error ? e.message.slice(0, 200) : 'Command failed';
      return this.#gates.settle(cmd, err({ code: 'sip-error', message, command: cmd.type }));
    }
  }

  #report(e: unknown): void {
    this.deps.onListenerError?.(e);
  }

  /** One queue for both doors: listeners are told one event at a time, in the order they came. */
  #enqueue(item: Queued): Result<void, IngestError> {
    this.#queue.push(item);
    if (this.#draining) return ok(undefined);
    this.#draining = true;
    let own: Result<void, IngestError> = ok(undefined);
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
        if ('draft' in next) {
          this.#applyDraft(next.draft);
          continue;
        }
        const r = this.#applyEvent(next.event);
        if (next === item) own = r;
        else if (!r.ok) this.deps.onIngestError?.(r.error);
      }
    } finally {
      this.#draining = false;
    }
    return own;
  }

  #applyDraft(input: AnyDraft | unknown): void {
    // The core's own idle skips the adapters' schema (which does not allow it).
    const parsed = isIdle(input)
      ? { success: true as const, data: input }
      : eventDraftSchema.safeParse(input);
    if (!parsed.success) {
      const type =
        typeof input === 'object' && input && 'type' in input ? String(input.type).slice(0, 32) : '?';
      const message = `${type}: bad ${issuesOf(parsed.error)}`.slice(0, 500);
      return this.#commit(this.deps.stamper.stamp({ type: 'error', code: 'invalid-event', message }));
    }
    const event = this.deps.stamper.stamp(parsed.data);
    const next = reducePhone(this.#state, event);
    if (!next.ok) {
      // The adapter reported something the model does not allow (e.g. a late duplicate): keep the
      // state and say so with an error event that takes the refused event's place in the sequence.
      const { id, seq, at, v } = event;
      const message = JSON.stringify(next.error).slice(0, 500);
      const callId = 'callId' in event ? { callId: event.callId } : {};
      return this.#commit({ type: 'error', code: next.error.code, message, id, seq, at, v, ...callId });
    }
    // Seed 003's Call Idle follows the event that ended the last live call, before anything else.
    if (isCallEvent(event) && this.#state.calls.length > 0 && next.value.calls.length === 0) {
      this.#queue.unshift({ draft: idleDraft });
    }
    this.#state = next.value;
    this.#tell(event);
  }

  #applyEvent(event: PhoneEvent): Result<void, IngestError> {
    if (event.seq <= this.#state.lastSeq)
      return err({ code: 'stale-event', seq: event.seq, lastSeq: this.#state.lastSeq });
    const next = reducePhone(this.#state, event);
    if (!next.ok) return next;
    this.deps.stamper.advancePast(event.seq); // one sequence: a local event after this one is numbered after it
    this.#state = next.value;
    this.#tell(event);
    return ok(undefined);
  }

  /** An error event always folds (it only moves lastSeq). */
  #commit(event: PhoneEvent): void {
    const next = reducePhone(this.#state, event);
    if (next.ok) this.#state = next.value;
    this.#tell(event);
  }

  #tell(event: PhoneEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(this.#state, event);
      } catch (e) {
        this.#report(e);
      }
    }
  }
}
