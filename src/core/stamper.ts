import { EVENT_SCHEMA_VERSION, type AnyDraft, type PhoneEvent } from './events.ts';

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
  stamp(draft: AnyDraft): PhoneEvent;
  /** An event numbered elsewhere was taken in (ingest): later local events are numbered after it. */
  advancePast(seq: number): void;
}

export function createStamper(deps: StamperDeps): Stamper {
  let seq = deps.firstSeq;
  return {
    now: deps.now,
    // The draft was validated by the caller; the stamp fields are the only ones added.
    stamp: (draft) =>
      ({ ...draft, v: EVENT_SCHEMA_VERSION, id: deps.uuid(), seq: seq++, at: deps.now() }) as PhoneEvent,
    advancePast: (taken) => {
      seq = Math.max(seq, taken + 1);
    },
  };
}
