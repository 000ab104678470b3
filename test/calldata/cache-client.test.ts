import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { lookupCache, storeInCache, type CacheClientOptions } from '../../src/calldata/cache-client.ts';
import { startCacheService, type CacheService } from '../../src/server/service.ts';
import { PASSWORD, testConfig, USER } from '../server/helpers/config.ts';

const live = () => new AbortController().signal;
const creds = async () => ({ username: USER, password: PASSWORD });

/** A real HTTP server on loopback that answers every request with `reply`. */
async function fakeCache(reply: (res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => reply(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('cache client against the real cache service (seed 000 API)', () => {
  let service: CacheService;
  let opts: CacheClientOptions;
  before(async () => {
    service = await startCacheService(testConfig({ pools: { default: '5551234560-5551234569' } }));
    opts = { url: service.url, credentials: creds, timeoutMs: 2_000 };
  });
  after(() => service.close());

  it('stores with POST, reads with GET, and consumes with DELETE (then nothing is left)', async () => {
    const stored = await storeInCache(
      opts,
      { value: { reason: 'billing', account: 'H-1' }, ani: '2000' },
      live(),
    );
    assert.ok(stored.ok, stored.ok ? '' : stored.error);
    const key = { dnis: stored.value.dnis, ani: '2000' };
    assert.match(key.dnis, /^555123456\d$/);
    assert.deepEqual(await lookupCache(opts, key, false, live()), {
      status: 'ok',
      data: { reason: 'billing', account: 'H-1' },
    });
    assert.deepEqual(await lookupCache(opts, key, true, live()), {
      status: 'ok',
      data: { reason: 'billing', account: 'H-1' },
    });
    assert.deepEqual(await lookupCache(opts, key, false, live()), { status: 'none' });
  });

  it('gives a string value as { value }, as the seed stores it', async () => {
    const stored = await storeInCache(opts, { value: '12345678', ani: '1234567890' }, live());
    assert.ok(stored.ok);
    const got = await lookupCache(opts, { dnis: stored.value.dnis, ani: '1234567890' }, true, live());
    assert.deepEqual(got, { status: 'ok', data: { value: '12345678' } });
  });

  it('reports wrong credentials and a refused store as unavailable / an error, with the status', async () => {
    const wrong = { ...opts, credentials: async () => ({ username: USER, password: 'nope' }) };
    assert.deepEqual(await lookupCache(wrong, { dnis: '5551234560', ani: '1' }, false, live()), {
      status: 'unavailable',
      reason: 'cache answered 401',
    });
    const huge = await storeInCache(opts, { value: 'x'.repeat(9_000), ani: '2000' }, live());
    assert.deepEqual(huge, { ok: false, error: 'cache answered 413 (too_large)' });
  });

  it('never sends a key the cache would refuse (no request at all for junk)', async () => {
    let asked = 0;
    const counting: CacheClientOptions = { ...opts, fetch: async (...a) => (asked++, fetch(...a)) };
    assert.deepEqual(await lookupCache(counting, { dnis: '555/../x', ani: '2000' }, false, live()), {
      status: 'none',
    });
    assert.equal(asked, 0);
  });

  it('turns a failing credential provider into unavailable', async () => {
    const failing = { ...opts, credentials: async () => Promise.reject(new Error('token service down')) };
    const r = await lookupCache(failing, { dnis: '5551234560', ani: '1' }, false, live());
    assert.deepEqual(r, { status: 'unavailable', reason: 'cache unreachable: token service down' });
  });
});

describe('cache client against a cache that misbehaves', () => {
  const key = { dnis: '5551234568', ani: '2000' };
  const servers: (Server | TcpServer)[] = [];
  after(() => {
    for (const s of servers) s.close();
  });

  it('gives up on a cache that accepts the connection and never answers, at the timeout', async () => {
    const hang = createTcpServer(() => undefined); // accepts, reads, never writes
    servers.push(hang);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    const t0 = performance.now();
    const r = await lookupCache({ url, credentials: creds, timeoutMs: 300 }, key, false, live());
    const ms = performance.now() - t0;
    assert.deepEqual(r, { status: 'unavailable', reason: 'cache did not answer within 300 ms' });
    assert.ok(ms >= 290 && ms < 3_000, `gave up after ${ms.toFixed(0)} ms`);
  });

  it('stops at once when the call ends (abort), without waiting for the timeout', async () => {
    const hang = createTcpServer(() => undefined);
    servers.push(hang);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    const call = new AbortController();
    const pending = lookupCache({ url, credentials: creds, timeoutMs: 30_000 }, key, false, call.signal);
    setImmediate(() => call.abort());
    assert.deepEqual(await pending, { status: 'unavailable', reason: 'aborted' });
  });

  it('reports a refused connection, garbage JSON, a 5xx and a value out of bounds as unavailable', async () => {
    const closed = await fakeCache(() => undefined);
    closed.server.close();
    const refused = await lookupCache(
      { url: closed.url, credentials: creds, timeoutMs: 2_000 },
      key,
      false,
      live(),
    );
    assert.equal(refused.status, 'unavailable');
    assert.match(refused.status === 'unavailable' ? refused.reason : '', /^cache unreachable/);
    const cases: [string, number, string][] = [
      ['garbage', 200, 'not json {'],
      ['5xx', 503, '{"error":"store_unavailable"}'],
      ['proto', 200, '{"value":{"__proto__":{"polluted":true}}}'],
      ['deep', 200, `{"value":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`],
      ['wrong shape', 200, '{"values":[1]}'],
    ];
    for (const [what, status, body] of cases) {
      const bad = await fakeCache((res) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(body),
      );
      servers.push(bad.server);
      const r = await lookupCache({ url: bad.url, credentials: creds, timeoutMs: 2_000 }, key, false, live());
      assert.equal(r.status, 'unavailable', what);
    }
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});
