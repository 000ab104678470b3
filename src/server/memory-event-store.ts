import { ok } from '../core/result.ts';
import type { AppendOutcome, EventStore, StoredEvent } from './event-store.ts';
import type { StoreResult } from './store.ts';

interface Device {
  /** Every id ever stored here while retained (a duplicate is recognised however late). */
  readonly ids: Set<string>;
  /** Sorted by seq. */
  events: StoredEvent[];
}

/** Events in this process's memory: for the sandbox, the tests and a single-instance receiver. */
export class MemoryEventStore implements EventStore {
  readonly #devices = new Map<string, Device>();

  constructor(private readonly retention: { readonly maxEventsPerDevice: number }) {}

  async append(device: string, events: readonly StoredEvent[]): Promise<StoreResult<AppendOutcome>> {
    const d = this.#devices.get(device) ?? { ids: new Set<string>(), events: [] };
    this.#devices.set(device, d);
    const stored: string[] = [];
    const duplicates: string[] = [];
    for (const e of events) {
      if (d.ids.has(e.id)) {
        duplicates.push(e.id);
        continue;
      }
      d.ids.add(e.id);
      stored.push(e.id);
      d.events.push(e);
    }
    // Usually already in order (one device delivers in order); a retried older batch is not.
    d.events.sort((a, b) => a.seq - b.seq);
    const over = d.events.length - this.retention.maxEventsPerDevice;
    if (over > 0) for (const gone of d.events.splice(0, over)) d.ids.delete(gone.id);
    return ok({ stored, duplicates });
  }

  async read(device: string, after: number, limit: number): Promise<StoreResult<readonly StoredEvent[]>> {
    const events = this.#devices.get(device)?.events ?? [];
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((events[mid]?.seq ?? 0) <= after) lo = mid + 1;
      else hi = mid;
    }
    return ok(events.slice(lo, lo + limit));
  }
}
