// demo/crm.html's outbox: how many of a device's events the sandbox's reference receiver holds,
// read through the sandbox (GET /sandbox/events, which adds the cache's credentials server-side).
import { RECEIVER_PAGE_LIMIT, SANDBOX_EVENTS_PATH, receiverPageSchema } from '../src/sandbox/sink-api.ts';

/** Enough for any demo session; past it the count reads "at least". */
const MAX_PAGES = 50;

export interface ReceiverCount {
  /** Events held for the device. */
  readonly count: number;
  /** The highest seq held (0: none). */
  readonly lastSeq: number;
  /** Stopped after MAX_PAGES pages: there may be more. */
  readonly more: boolean;
}

/** Pages through `GET /events?device=…&after=…` in seq order; undefined if the receiver cannot be read. */
export async function countReceived(
  device: string,
  signal?: AbortSignal,
): Promise<ReceiverCount | undefined> {
  let count = 0;
  let lastSeq = 0;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({
        device,
        after: String(lastSeq),
        limit: String(RECEIVER_PAGE_LIMIT),
      });
      const response = await fetch(`${SANDBOX_EVENTS_PATH}?${query.toString()}`, {
        cache: 'no-store',
        ...(signal ? { signal } : {}),
      });
      if (!response.ok) return undefined;
      const parsed = receiverPageSchema.safeParse(await response.json());
      if (!parsed.success) return undefined;
      const { events } = parsed.data;
      count += events.length;
      lastSeq = events.at(-1)?.seq ?? lastSeq;
      if (events.length < RECEIVER_PAGE_LIMIT) return { count, lastSeq, more: false };
    }
    return { count, lastSeq, more: true };
  } catch {
    return undefined;
  }
}
