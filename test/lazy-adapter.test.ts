import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallControl } from '../src/core/call-control.ts';
import type { EventDraft } from '../src/core/events.ts';
import { PhoneCore } from '../src/core/phone-core.ts';
import { createStamper } from '../src/core/stamper.ts';
import { lazyAdapter } from '../src/lazy-adapter.ts';
import type { AdapterPort, PhoneAdapter } from '../src/phone.ts';

function port() {
  const core = new PhoneCore({
    stamper: createStamper({ now: () => 1, uuid: () => crypto.randomUUID(), firstSeq: 1 }),
    control: {} as CallControl,
  });
  const p: AdapterPort = {
    subscribe: (l) => core.subscribe(l),
    publish: (d: EventDraft) => core.publish(d),
    get state() {
      return core.state;
    },
  };
  const errors: string[] = [];
  core.subscribe((_s, e) => void (e.type === 'error' && errors.push(e.code)));
  return { core, port: p, errors };
}
const offer = (callId: string): EventDraft => ({
  type: 'offer',
  callId,
  from: { number: '2000' },
  to: { number: '1001' },
});

describe('lazyAdapter', () => {
  it('replays what rang while its code loaded, in order, then hears the rest once', async () => {
    const p = port();
    let loaded: (a: PhoneAdapter) => void = () => undefined;
    const heard: string[] = [];
    const real: PhoneAdapter = (q) =>
      q.subscribe((_s, e) => {
        heard.push(`${e.type}:${e.seq}`);
        // Publishing from inside the replay: the new event waits its turn, after the backlog.
        if (e.type === 'offer' && e.callId === 'a') q.publish({ type: 'registration', state: 'registered' });
      });
    const dispose = lazyAdapter(
      () => new Promise<PhoneAdapter>((r) => (loaded = r)),
      'x-unavailable',
    )(p.port);
    p.core.publish(offer('a'));
    p.core.publish(offer('b'));
    loaded(real);
    await new Promise((r) => setImmediate(r));
    p.core.publish({ type: 'disconnect', callId: 'b', reason: 'cancelled' });
    assert.deepEqual(heard.slice(0, 3), ['offer:1', 'offer:2', 'registration:3']);
    assert.ok(heard.includes('disconnect:4'));
    assert.equal(new Set(heard).size, heard.length, 'each event once');
    dispose();
  });

  it('says once that its code could not load, and the phone works on', async () => {
    const p = port();
    lazyAdapter(() => Promise.reject(new Error('offline')), 'lookups-unavailable')(p.port);
    await new Promise((r) => setImmediate(r));
    p.core.publish(offer('a'));
    assert.deepEqual(p.errors, ['lookups-unavailable']);
    assert.equal(p.core.state.calls.length, 1);
  });

  it('never starts an adapter whose phone stopped while its code loaded', async () => {
    const p = port();
    let started = false;
    const dispose = lazyAdapter(async () => () => ((started = true), () => undefined), 'x')(p.port);
    dispose();
    await new Promise((r) => setImmediate(r));
    assert.equal(started, false);
  });
});
