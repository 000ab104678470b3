// Turns what the popup watch saw into the figure's steps, from the INVITE frame in the socket
// listener; for cache fields, the widget's own fetch of the entry (resource timing) splits the wait.
import type { FieldsSeen } from './popup-watch.ts';
import type { FieldsTiming } from './protocol.ts';

/** The widget's last fetch of a cache entry that started after `since`. */
function cacheFetchAfter(since: number): PerformanceResourceTiming | undefined {
  return performance
    .getEntriesByType('resource')
    .filter(
      (e): e is PerformanceResourceTiming =>
        e instanceof PerformanceResourceTiming &&
        e.initiatorType === 'fetch' &&
        e.name.includes('/cticache/DNIS-ANI/') &&
        e.startTime >= since,
    )
    .at(-1);
}

export function fieldsTiming(seen: FieldsSeen, inviteReceived: number): FieldsTiming {
  const base = {
    totalMs: seen.fieldsAt - inviteReceived,
    toOfferMs: seen.offerAt - inviteReceived,
    toPopupMs: seen.popupAt - inviteReceived,
    eventToFieldsMs: seen.fieldsAt - (seen.calldataAt ?? seen.offerAt),
  };
  if (seen.calldataAt === undefined) return base;
  const fetched = cacheFetchAfter(seen.offerAt);
  if (!fetched) throw new Error(`no resource timing for the widget's cache fetch (call ${seen.callId})`);
  return {
    ...base,
    cache: {
      offerToFetchMs: fetched.startTime - seen.offerAt,
      fetchMs: fetched.responseEnd - fetched.startTime,
      fetchToCalldataMs: seen.calldataAt - fetched.responseEnd,
    },
  };
}
