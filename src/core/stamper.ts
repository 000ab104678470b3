import { EVENT_SCHEMA_VERSION, type EventDraft, type PhoneEvent } from './events.ts';

export interface StamperDeps {
  readonly now: () => number;
  readonly uuid: () => string;
  /** Where the sequence starts: given from outside (the journal will hand over its last seq + 1). */
  readonly firstSeq: number;
}

/** Gives each validated draft its schema version, id, place in the sequence and time. */
export interface Stamper {
  /** The clock events are stamped with (the view's call timers read the same one). */
  readonly now: () => number;
  /** The seq the next stamped event will get. */
  readonly nextSeq: number;
  stamp(draft: EventDraft): PhoneEvent;
}

export function createStamper(deps: StamperDeps): Stamper {
  let seq = deps.firstSeq;
  return {
    now: deps.now,
    get nextSeq() {
      return seq;
    },
    // The draft was validated by the caller; the stamp fields are the only ones added.
    stamp: (draft) => ({ ...draft, v: EVENT_SCHEMA_VERSION, id: deps.uuid(), seq: seq++, at: deps.now() }) as PhoneEvent,
  };
}
