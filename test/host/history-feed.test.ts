import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PhoneListener } from '../../src/core/phone-core.ts';
import type { PhoneEvent } from '../../src/core/events.ts';
import type { CallRecord } from '../../src/core/call-record.ts';
import { feedHistory } from '../../src/host/history-feed.ts';
import type { PhoneApi } from '../../src/phone-api.ts';

/** Just what the feed uses of a phone: its stream, journal changes and history reads. */
function journalPhone() {
  const listeners = new Set<PhoneListener>();
  const changes = new Set<() => void>();
  let reads = 0;
  let records: CallRecord[] = [];
  const phone = {
    subscribe: (l: PhoneListener) => (listeners.add(l), () => listeners.delete(l)),
    onJournalChange: (l: () => void) => (changes.add(l), () => changes.delete(l)),
    history: async () => (reads++, records),
  } as unknown as PhoneApi;
  return {
    phone,
    emit: (type: PhoneEvent['type']) =>
      listeners.forEach((l) => l(phone.state, { type } as unknown as PhoneEvent)),
    change: () => changes.forEach((l) => l()),
    set: (r: CallRecord[]) => (records = r),
    get reads() {
      return reads;
    },
  };
}
const tick = () => new Promise((r) => setImmediate(r));
const record = (callId: string) => ({ callId }) as CallRecord;

describe('feedHistory', () => {
  it('reads at once, then only after a call event was committed', async () => {
    const p = journalPhone();
    const shown: string[][] = [];
    p.set([record('a')]);
    const stop = feedHistory(p.phone, (r) => shown.push(r.map((x) => x.callId)));
    await tick();
    assert.deepEqual(shown, [['a']]);
    p.change(); // a delivery report: nothing new for the history
    await tick();
    assert.equal(p.reads, 1);
    p.emit('registration');
    p.change();
    await tick();
    assert.equal(p.reads, 1, 'a phone-level event changes no call record');
    p.set([record('b'), record('a')]);
    p.emit('disconnect');
    p.change();
    await tick();
    assert.deepEqual(shown.at(-1), ['b', 'a']);
    stop();
    p.emit('offer');
    p.change();
    await tick();
    assert.equal(p.reads, 2, 'nothing after stop');
  });

  it('feeds nothing (no History button) when the phone says its journal is off', async () => {
    const p = journalPhone();
    const phone = {
      ...p.phone,
      getStatus: async () => ({ journal: { state: 'off' } }),
    } as unknown as PhoneApi;
    let shown = 0;
    const stop = feedHistory(phone, () => void shown++);
    p.change();
    await tick();
    await tick();
    stop();
    assert.equal(shown, 0, 'no history with the journal off');
  });

  it('feeds nothing from a phone without a journal', () => {
    const phone = { subscribe: () => () => undefined } as unknown as PhoneApi;
    const stop = feedHistory(phone, () => assert.fail('no history without a journal'));
    stop();
  });
});
