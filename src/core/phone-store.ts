import { phoneEventSchema, type EventDraft, type PhoneEvent } from './events.ts';
import { initialPhoneState, reducePhone, type PhoneState } from './phone-state.ts';

export type StoreListener = (state: PhoneState, event: PhoneEvent) => void;

/**
 * The single source of truth for one phone: stamps each draft, validates it against the event
 * schema, folds it into the state and tells every listener, strictly in order. An event reported
 * while listeners are being told (a host handler that issues a command) waits its turn, so every
 * consumer (UI, journal, host bridge) sees the same sequence with the matching state.
 */
export class PhoneStore {
  private current: PhoneState = initialPhoneState;
  private readonly listeners = new Set<StoreListener>();
  private readonly queue: EventDraft[] = [];
  private draining = false;

  constructor(
    private readonly stamp: (draft: EventDraft) => PhoneEvent,
    private readonly onListenerError: (error: unknown) => void = () => undefined,
  ) {}

  get state(): PhoneState {
    return this.current;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(draft: EventDraft): void {
    this.queue.push(draft);
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) this.apply(next);
    } finally {
      this.draining = false;
    }
  }

  private apply(draft: EventDraft): void {
    const event = this.stamp(draft);
    const parsed = phoneEventSchema.safeParse(event);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
      return this.notify(this.stamp({ type: 'error', code: 'invalid-event', message: `${draft.type}: bad ${fields}`.slice(0, 500) }));
    }
    const next = reducePhone(this.current, event);
    if (!next.ok) {
      // The adapter reported something the model does not allow (e.g. a late duplicate): keep the
      // state and tell the host with an error event rather than throwing into the page.
      return this.notify(this.stamp({ type: 'error', code: next.error.code, message: JSON.stringify(next.error).slice(0, 500) }));
    }
    this.current = next.value;
    this.notify(event);
  }

  private notify(event: PhoneEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(this.current, event);
      } catch (e) {
        this.onListenerError(e);
      }
    }
  }
}
