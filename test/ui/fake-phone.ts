import type { CallControl, ControlResult } from '../../src/core/call-control.ts';
import type { PhoneCommand } from '../../src/core/commands.ts';
import type { EventDraft, PhoneEvent } from '../../src/core/events.ts';
import {
  PhoneCore,
  type CommandGate,
  type CommandResult,
  type PhoneListener,
} from '../../src/core/phone-core.ts';
import type { PhoneState } from '../../src/core/phone-state.ts';
import { createStamper } from '../../src/core/stamper.ts';
import type { PhoneApi } from '../../src/phone-api.ts';
import { PhoneVerbs } from '../../src/phone-verbs.ts';

/** What the scripted adapter was asked, in the vocabulary of commands (hold(id, false) is a resume). */
export type AdapterCall = Exclude<PhoneCommand, { type: 'swap' }>;

/**
 * A PhoneApi without SIP: the real PhoneCore (validation, reducer, checks, call-waiting policy,
 * gates) over a scripted CallControl. What reaches the adapter is recorded in `commands`; when
 * `autoApply` is on, it answers with the events a cooperative far end would cause.
 * `clock` is the phone's clock: tests move it instead of waiting for the wall clock.
 */
export class FakePhone extends PhoneVerbs implements PhoneApi {
  readonly commands: AdapterCall[] = [];
  autoApply = true;
  clock = 1_700_000_000_000;
  #nextCall = 1;
  readonly #core: PhoneCore;

  /** Subscribers from outside (the view, the host adapter), not the fake's own probe. */
  readonly #listeners = new Set<PhoneListener>();
  #lastEvent: PhoneEvent | undefined;

  constructor() {
    super();
    const stamper = createStamper({ now: () => this.clock, uuid: () => crypto.randomUUID(), firstSeq: 0 });
    this.#core = new PhoneCore({ stamper, control: this.#control });
    this.#core.subscribe((_s, e) => (this.#lastEvent = e));
  }

  get state(): PhoneState {
    return this.#core.state;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  now = (): number => this.clock;

  subscribe(listener: PhoneListener): () => void {
    this.#listeners.add(listener);
    const off = this.#core.subscribe(listener);
    return () => {
      this.#listeners.delete(listener);
      off();
    };
  }

  intercept = (gate: CommandGate): (() => void) => this.#core.intercept(gate);
  execute(command: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>> {
    return this.#core.execute(command);
  }

  /** Publishes one event through the real core; an event the core refuses is a broken test, so it throws. */
  emit(draft: EventDraft): void {
    this.#core.publish(draft);
    const last = this.#lastEvent;
    if (draft.type !== 'error' && last?.type === 'error')
      throw new Error(`FakePhone: the core refused ${draft.type}: ${last.message}`);
  }

  async start(): Promise<void> {
    this.emit({ type: 'registration', state: 'registered' });
  }

  async stop(): Promise<void> {
    for (const c of this.state.calls)
      this.emit({ type: 'disconnect', callId: c.callId, reason: 'local-hangup' });
    this.emit({ type: 'registration', state: 'unregistered' });
  }

  readonly #control: CallControl = {
    dial: (target) => {
      const callId = `out-${this.#nextCall++}`;
      this.commands.push({ type: 'dial', target });
      if (this.autoApply)
        this.emit({ type: 'dial', callId, from: { number: '1002' }, to: { number: target } });
      return { ok: true, value: { callId } };
    },
    answer: async (callId) => this.#act({ type: 'answer', callId }, { type: 'connect', callId }),
    reject: async (callId, code) =>
      this.#act(code === undefined ? { type: 'reject', callId } : { type: 'reject', callId, code }, {
        type: 'disconnect',
        callId,
        reason: 'rejected',
      }),
    hangup: async (callId) =>
      this.#act({ type: 'hangup', callId }, { type: 'disconnect', callId, reason: 'local-hangup' }),
    hold: async (callId, hold) =>
      this.#act({ type: hold ? 'hold' : 'resume', callId }, { type: hold ? 'hold' : 'retrieve', callId }),
    mute: (callId, muted) => this.#act({ type: 'mute', callId, muted }, { type: 'mute', callId, muted }),
    sendDtmf: async (callId, digits) =>
      this.#act({ type: 'dtmf', callId, digits }, { type: 'dtmf', callId, digits }),
    transfer: async (callId, target) =>
      this.#act(
        { type: 'transfer', callId, target },
        { type: 'transfer', callId, phase: 'requested', target, kind: 'blind' },
      ),
  };

  #act(call: AdapterCall, effect: EventDraft): ControlResult {
    this.commands.push(call);
    if (this.autoApply) this.emit(effect);
    return { ok: true, value: undefined };
  }

  // Scenario helpers for tests.
  register(): void {
    this.emit({ type: 'registration', state: 'registered' });
  }

  ringIn(callId: string, number: string, displayName?: string): void {
    const from = displayName === undefined ? { number } : { number, displayName };
    this.emit({ type: 'offer', callId, from, to: { number: '1002' } });
  }

  connectIncoming(callId: string, number: string, displayName?: string): void {
    this.ringIn(callId, number, displayName);
    this.emit({ type: 'connect', callId });
  }
}
