import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lookupCache } from '../../src/calldata/cache-client.ts';
import { transferViaCache } from '../../src/calldata/cache-transfer.ts';
import type { CallControl, TransferOptions } from '../../src/core/call-control.ts';
import { ok } from '../../src/core/result.ts';
import { startCacheService, type CacheService } from '../../src/server/service.ts';
import { PASSWORD, testConfig, USER } from '../server/helpers/config.ts';

describe("seed 000's transfer through the cache", () => {
  let service: CacheService;
  before(async () => {
    service = await startCacheService(
      testConfig({ pools: { default: '5551234560-5551234569', billing: '7770000001' } }),
    );
  });
  after(() => service.close());
  const cache = () => ({
    url: service.url,
    credentials: async () => ({ username: USER, password: PASSWORD }),
    timeoutMs: 2_000,
  });

  function recorder() {
    const calls: [string, string, TransferOptions | undefined][] = [];
    const transfer: CallControl['transfer'] = async (id, target, options) => (
      calls.push([id, target, options]),
      ok(undefined)
    );
    return { calls, transfer };
  }

  it('stores the data under the caller’s ANI and transfers to the DNIS of the target pool', async () => {
    const r = recorder();
    const viaCache = transferViaCache(cache(), r.transfer);
    const data = { reason: 'billing', account: 'H-1' };
    assert.ok(
      (await viaCache('c1', 'Billing team', { via: 'cache', pool: 'billing', data, ani: '2000' })).ok,
    );
    assert.deepEqual(r.calls, [['c1', '7770000001', {}]]);
    // The receiving side finds it by DNIS:ANI.
    const got = await lookupCache(
      cache(),
      { dnis: '7770000001', ani: '2000' },
      true,
      new AbortController().signal,
    );
    assert.deepEqual(got, { status: 'ok', data });
  });

  it('makes no transfer when the cache refuses, and says why', async () => {
    const r = recorder();
    const viaCache = transferViaCache(cache(), r.transfer);
    const unknownPool = await viaCache('c1', 'x', { via: 'cache', pool: 'nope', data: {}, ani: '2000' });
    assert.deepEqual(unknownPool.ok ? 'ok' : [unknownPool.error.code, unknownPool.error.message], [
      'cache-error',
      'The transfer data could not be stored: cache answered 400 (invalid_field)',
    ]);
    const noAni = await viaCache('c1', 'x', { via: 'cache', data: {} });
    assert.equal(noAni.ok ? 'ok' : noAni.error.code, 'cache-error');
    const none = await transferViaCache(undefined, r.transfer)('c1', 'x', { via: 'cache', ani: '1' });
    assert.equal(none.ok ? 'ok' : none.error.message, 'No call-data cache is configured');
    const down = { ...cache(), url: 'http://127.0.0.1:9' };
    const unreachable = await transferViaCache(down, r.transfer)('c1', 'x', { via: 'cache', ani: '1' });
    assert.match(unreachable.ok ? '' : unreachable.error.message, /could not be stored: cache unreachable/);
    assert.deepEqual(r.calls, []);
  });

  it('passes every other transfer through untouched', async () => {
    const r = recorder();
    await transferViaCache(cache(), r.transfer)('c1', '1003', { data: { a: 1 } });
    assert.deepEqual(r.calls, [['c1', '1003', { data: { a: 1 } }]]);
  });
});
