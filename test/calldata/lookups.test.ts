import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { CrmLookup } from '../../src/calldata/crm-lookup.ts';
import { storeInCache } from '../../src/calldata/cache-client.ts';
import { mergeCallData } from '../../src/core/call-data-view.ts';
import { startCacheService, type CacheService } from '../../src/server/service.ts';
import { PASSWORD, testConfig, USER } from '../server/helpers/config.ts';
import { answerOf, offer, phoneWith } from './lookup-phone.ts';

const creds = async () => ({ username: USER, password: PASSWORD });

describe('lookups: cache and CRM after the offer', () => {
  let service: CacheService;
  before(async () => {
    service = await startCacheService(testConfig({ pools: { default: '5551234560-5551234569' } }));
  });
  after(() => service.close());

  it('pops with the offer at once, then fills in from the cache (consumed) and the CRM, by precedence', async () => {
    const cache = { url: service.url, credentials: creds, timeoutMs: 2_000, consume: true };
    const stored = await storeInCache(
      cache,
      { value: { reason: 'billing', tier: 'gold' }, ani: '2000' },
      new AbortController().signal,
    );
    assert.ok(stored.ok);
    const crm: CrmLookup = async (call) => ({
      name: 'Ann Smith',
      fields: { tier: 'silver', owner: 'Bob' },
      record: { url: `https://crm.example/c?phone=${call.ani ?? ''}`, label: 'Ann Smith' },
    });
    const p = phoneWith({ cache, crm: { lookup: crm, timeoutMs: 2_000 } });
    p.core.publish(offer({ dnis: stored.value.dnis, data: { reason: 'ivr' } }));
    assert.equal(p.events[0]?.type, 'offer', 'the offer is told before any lookup answers');
    await Promise.all([p.next(answerOf('cache')), p.next(answerOf('crm'))]);
    const merged = mergeCallData(p.core.state.calls[0]?.callData);
    assert.deepEqual(
      merged.fields.map((f) => `${f.key}=${String(f.value)}@${f.source}`),
      ['reason=ivr@headers', 'tier=gold@cache', 'owner=Bob@crm'],
    );
    assert.equal(merged.name, 'Ann Smith');
    assert.equal(merged.record?.url, 'https://crm.example/c?phone=2000');
    // Consumed: the entry is gone from the cache.
    const again = phoneWith({ cache, crm: { lookup: async () => null, timeoutMs: 2_000 } });
    again.core.publish(offer({ dnis: stored.value.dnis, callId: 'c2' }));
    const e = await again.next(answerOf('cache'));
    assert.equal(e.type === 'calldata' && e.status, 'none');
    p.dispose();
    again.dispose();
  });

  it('a CRM hook that throws, rejects, returns garbage or never settles leaves the call ringing and a marker', async () => {
    const hooks: [string, CrmLookup, RegExp][] = [
      [
        'throws',
        () => {
          throw new Error('boom');
        },
        /CRM lookup failed: boom/,
      ],
      ['rejects', () => Promise.reject(new Error('nope')), /CRM lookup failed: nope/],
      ['garbage', async () => ({ name: 42 }) as never, /invalid result/],
      [
        'javascript: link',
        async () => ({ record: { url: 'javascript:alert(1)', label: 'x' } }),
        /invalid result/,
      ],
      ['never settles', () => new Promise(() => undefined), /did not answer within 200 ms/],
    ];
    for (const [what, lookup, reason] of hooks) {
      const p = phoneWith({ crm: { lookup, timeoutMs: 200 } });
      p.core.publish(offer({ sources: ['headers', 'crm'] }));
      const e = await p.next(answerOf('crm'));
      assert.ok(e.type === 'calldata' && e.status === 'unavailable', what);
      assert.match(e.type === 'calldata' ? (e.reason ?? '') : '', reason, what);
      const error = await p.next((x) => x.type === 'error');
      assert.equal(error.type === 'error' && error.code, 'calldata-crm', what);
      assert.equal(p.core.state.calls[0]?.state, 'ringing-in', what);
      p.dispose();
    }
  });

  it('gives up on a hung cache at its timeout, with the offer long on screen', async () => {
    const hang: Server = createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
      const p = phoneWith({ cache: { url, credentials: creds, timeoutMs: 300, consume: false } });
      p.core.publish(offer({ sources: ['headers', 'cache'] }));
      const e = await p.next(answerOf('cache'));
      assert.ok(e.type === 'calldata' && e.status === 'unavailable');
      assert.deepEqual(mergeCallData(p.core.state.calls[0]?.callData).unavailable, ['cache']);
      p.dispose();
    } finally {
      hang.close();
    }
  });

  it('aborts the lookups of a call that ends, and says nothing more about it', async () => {
    let aborted = false;
    const lookup: CrmLookup = (_call, { signal }) =>
      new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => ((aborted = true), reject(new Error('aborted')))),
      );
    const p = phoneWith({ crm: { lookup, timeoutMs: 30_000 } });
    p.core.publish(offer({ sources: ['headers', 'crm'] }));
    p.core.publish({ type: 'disconnect', callId: 'c1', reason: 'cancelled' });
    await new Promise((r) => setImmediate(r));
    assert.equal(aborted, true);
    // The call's last events are its disconnect and the idle after it: no calldata, no error.
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      p.events.map((e) => e.type),
      ['offer', 'disconnect', 'idle'],
    );
    p.dispose();
  });

  it('announces nothing and asks nothing for an offer without lookups', async () => {
    let asked = 0;
    const p = phoneWith({ crm: { lookup: () => (asked++, null), timeoutMs: 1_000 } });
    p.core.publish(offer({ sources: ['headers'] }));
    p.core.publish({ type: 'connect', callId: 'c1' });
    assert.deepEqual([asked, p.events.map((e) => e.type)], [0, ['offer', 'connect']]);
    p.dispose();
  });
});
