import { checkCommand, type PhoneCommand } from '../../src/core/commands.ts';
import type { EventDraft, PhoneEvent } from '../../src/core/events.ts';
import { initialPhoneState, reducePhone, type PhoneState } from '../../src/core/phone-state.ts';
import { createStamper } from '../../src/core/stamper.ts';
import type { CommandResult, PhoneApi, PhoneListener } from '../../src/phone-api.ts';

/**
 * A PhoneApi without SIP: events are folded through the core's real reducer and commands are
 * checked by the core's real `checkCommand`, so every state the view sees is one the phone can be in.
 * Accepted commands are recorded and, when `autoApply` is on, answered with the events a
 * cooperative far end would cause (answer → connect, hold → hold, …).
 */
export class FakePhone implements PhoneApi {
  state: PhoneState = initialPhoneState;
  readonly commands: PhoneCommand[] = [];
  autoApply = true;
  readonly #listeners = new Set<PhoneListener>();
  readonly #stamp = createStamper({ now: () => Date.now(), uuid: () => crypto.randomUUID() });
  #nextCall = 1;

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Stamps and folds one event; an illegal event is a broken test, so it throws. */
  emit(draft: EventDraft): PhoneEvent {
    const event = this.#stamp(draft);
    const next = reducePhone(this.state, event);
    if (!next.ok) throw new Error(`FakePhone: ${JSON.stringify(next.error)} for ${event.type}`);
    this.state = next.value;
    for (const listener of [...this.#listeners]) listener(this.state, event);
    return event;
  }

  subscribe(listener: PhoneListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async start(): Promise<void> {
    this.emit({ type: 'registration', state: 'registered' });
  }

  async stop(): Promise<void> {
    for (const c of this.state.calls)
      this.emit({ type: 'disconnect', callId: c.callId, reason: 'local-hangup' });
    this.emit({ type: 'registration', state: 'unregistered' });
  }

  async execute(command: PhoneCommand): Promise<CommandResult<{ readonly callId?: string }>> {
    const checked = checkCommand(this.state, command);
    if (!checked.ok) return checked;
    this.commands.push(command);
    const callId = command.type === 'dial' ? `out-${this.#nextCall++}` : undefined;
    if (this.autoApply) this.#apply(command, callId);
    return { ok: true, value: callId === undefined ? {} : { callId } };
  }

  #apply(cmd: PhoneCommand, newCallId: string | undefined): void {
    switch (cmd.type) {
      case 'dial':
        return void this.emit({
          type: 'dial',
          callId: newCallId ?? '',
          from: { number: '1002' },
          to: { number: cmd.target },
        });
      case 'answer':
        return void this.emit({ type: 'connect', callId: cmd.callId });
      case 'reject':
        return void this.emit({ type: 'disconnect', callId: cmd.callId, reason: 'rejected' });
      case 'hangup':
        return void this.emit({ type: 'disconnect', callId: cmd.callId, reason: 'local-hangup' });
      case 'hold':
        return void this.emit({ type: 'hold', callId: cmd.callId });
      case 'resume':
        return void this.emit({ type: 'retrieve', callId: cmd.callId });
      case 'mute':
        return void this.emit({ type: 'mute', callId: cmd.callId, muted: cmd.muted });
      case 'dtmf':
        return void this.emit({ type: 'dtmf', callId: cmd.callId, digits: cmd.digits });
      case 'transfer':
        return void this.emit({
          type: 'transfer',
          callId: cmd.callId,
          phase: 'requested',
          target: cmd.target,
          kind: 'blind',
        });
      case 'swap': {
        const active = this.state.calls.find((c) => c.state === 'connected');
        const held = this.state.calls.find((c) => c.state === 'held');
        if (active) this.emit({ type: 'hold', callId: active.callId });
        if (held) this.emit({ type: 'retrieve', callId: held.callId });
        return;
      }
    }
  }

  dial = (target: string) =>
    this.execute({ type: 'dial', target }) as Promise<CommandResult<{ readonly callId: string }>>;
  answer = (callId: string) => this.#void({ type: 'answer', callId });
  reject = (callId: string, code?: 486 | 603) =>
    this.#void(code === undefined ? { type: 'reject', callId } : { type: 'reject', callId, code });
  hangup = (callId: string) => this.#void({ type: 'hangup', callId });
  hold = (callId: string) => this.#void({ type: 'hold', callId });
  resume = (callId: string) => this.#void({ type: 'resume', callId });
  mute = (callId: string, muted: boolean) => this.#void({ type: 'mute', callId, muted });
  sendDtmf = (callId: string, digits: string) => this.#void({ type: 'dtmf', callId, digits });
  transfer = (callId: string, target: string) => this.#void({ type: 'transfer', callId, target });
  swap = () => this.#void({ type: 'swap' });

  async #void(command: PhoneCommand): Promise<CommandResult> {
    const r = await this.execute(command);
    return r.ok ? { ok: true, value: undefined } : r;
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
