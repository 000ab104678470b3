import type { EventDraft, PhoneEvent } from './events.ts';

export interface StamperDeps {
  readonly now: () => number;
  readonly uuid: () => string;
  /** Where the per-browser sequence resumes (the journal hands over its last seq + 1). */
  readonly firstSeq?: number;
}

/** Gives each draft its id, its place in the per-browser sequence and its time. */
export function createStamper(deps: StamperDeps): (draft: EventDraft) => PhoneEvent {
  let seq = deps.firstSeq ?? 0;
  return (draft) => ({ ...draft, id: deps.uuid(), seq: seq++, at: deps.now() }) as PhoneEvent;
}
