import type { StoreResult } from './store.ts';

/** One event as the receiver keeps it: its id and seq, and the JSON the softphone sent. */
export interface StoredEvent {
  readonly id: string;
  readonly seq: number;
  /** The event as received, serialized; the store never looks inside it. */
  readonly json: string;
}

export interface AppendOutcome {
  /** Ids stored by this call. */
  readonly stored: readonly string[];
  /** Ids already held (a retry of a delivery that was acknowledged late, or twice). */
  readonly duplicates: readonly string[];
}

/**
 * The reference receiver's store (seed 004: "the CTI server stores the events for later
 * processing"): per device, events deduplicated by id, read back in seq order, the oldest
 * dropped past a retention limit. Implementations: memory-event-store.ts (one process).
 */
export interface EventStore {
  append(device: string, events: readonly StoredEvent[]): Promise<StoreResult<AppendOutcome>>;
  /** Up to `limit` events with seq > `after`, in seq order. */
  read(device: string, after: number, limit: number): Promise<StoreResult<readonly StoredEvent[]>>;
}
