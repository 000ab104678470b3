import type { PhoneEvent } from '../core/events.ts';
import type { CallRecord } from '../core/call-record.ts';
import type { PhoneApi } from '../phone-api.ts';

/** Events that change a call record (the journal folds them in; see call-record.ts). */
const CHANGES = new Set<PhoneEvent['type']>([
  'offer',
  'dial',
  'connect',
  'calldata',
  'transfer',
  'disconnect',
  'fail',
]);

/**
 * Keeps `show` fed with the phone's newest call records: read at once (answered once the
 * journal is open), then
 * again after the journal has committed an event that changes a record (journal changes come
 * after the write, so the read sees it). One read at a time; a phone without a journal feeds none.
 */
export function feedHistory(
  phone: PhoneApi,
  show: (records: readonly CallRecord[]) => void,
  limit = 100,
): () => void {
  const history = phone.history?.bind(phone);
  const status = phone.getStatus?.bind(phone);
  if (!history || !phone.onJournalChange) return () => undefined;
  // A phone whose journal is off has no history: no records at all, so no History button.
  const load = async (limit: number) =>
    (await status?.())?.journal.state === 'off' ? undefined : history(limit);
  let dirty = true;
  let reading = false;
  let gone = false;
  const refresh = () => {
    if (!dirty || reading || gone) return;
    dirty = false;
    reading = true;
    load(limit)
      .then((records) => gone || records === undefined || show(records))
      .catch(() => (dirty = true)) // read again on the next change
      .finally(() => {
        reading = false;
        if (dirty) refresh();
      });
  };
  const unsubscribe = phone.subscribe((_s, e) => void (CHANGES.has(e.type) && (dirty = true)));
  const unwatch = phone.onJournalChange(refresh);
  refresh(); // the phone's history read waits for its journal to open
  return () => {
    gone = true;
    unsubscribe();
    unwatch();
  };
}
