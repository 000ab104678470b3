/**
 * TTL suite in the spirit of Redis's tests/unit/expire.tcl: values expire after
 * their TTL with millisecond precision, are never resurrected, and expired
 * entries do not linger in memory. Runs against both stores (Redis for real).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { buildCacheApp } from '../../src/server/app.ts';
import { MemoryStore } from '../../src/server/memory-store.ts';
import { RedisStore } from '../../src/server/redis-store.ts';
import type { CacheStore } from '../../src/server/store.ts';
import { AUTH, testConfig } from './helpers/config.ts';
import { RedisServer } from './helpers/redis-server.ts';

const pool = ['5551234560', '5551234561'];

describe('memory store on a stepped clock (ms precision, no resurrection)', () => {
  let now = 1_000;
  const store = new MemoryStore({ maxEntries: 10, maxBytes: 1 << 20, now: () => now });
  after(() => store.close());

  it('is live at TTL - 1 ms and gone at TTL', async () => {
    now = 1_000;
    const put = await store.allocate({ pool, ani: '1', value: '"a"', ttlMs: 250 });
    assert.ok(put.ok);
    const key = `${put.value.dnis}:1`;
    now = 1_249;
    assert.deepEqual(await store.get(key), { ok: true, value: '"a"' });
    now = 1_250;
    assert.deepEqual(await store.get(key), { ok: true, value: undefined });
  });

  it('never returns an expired value, even before its sweep timer ran', async () => {
    now = 5_000;
    const put = await store.allocate({ pool, ani: '2', value: '"b"', ttlMs: 100 });
    assert.ok(put.ok);
    const key = `${put.value.dnis}:2`;
    now = 5_100; // the real timer has not fired: only the clock moved
    assert.deepEqual(await store.getAndDelete(key), { ok: true, value: undefined });
    now = 5_050; // even if time appeared to go back, the entry is gone for good
    assert.deepEqual(await store.get(key), { ok: true, value: undefined });
  });

  it('reuses an expired DNIS:ANI slot with the new value only', async () => {
    now = 10_000;
    const full = [
      await store.allocate({ pool, ani: '3', value: '"old1"', ttlMs: 100 }),
      await store.allocate({ pool, ani: '3', value: '"old2"', ttlMs: 300 }),
    ];
    assert.ok(full.every((r) => r.ok));
    const exhausted = await store.allocate({ pool, ani: '3', value: '"x"', ttlMs: 100 });
    assert.deepEqual(exhausted, { ok: false, error: { kind: 'pool-exhausted', retryAfterMs: 100 } });
    now = 10_100;
    const again = await store.allocate({ pool, ani: '3', value: '"new"', ttlMs: 100 });
    assert.ok(again.ok && full[0]?.ok);
    assert.equal(again.value.dnis, full[0].value.dnis);
    assert.deepEqual(await store.get(`${again.value.dnis}:3`), { ok: true, value: '"new"' });
  });
});

describe('memory store sweeps expired entries by itself', () => {
  it('holds no entry TTL + 100 ms after 500 writes, without any read', async () => {
    const store = new MemoryStore({ maxEntries: 1000, maxBytes: 1 << 20 });
    try {
      for (let i = 0; i < 500; i++) {
        const r = await store.allocate({ pool, ani: String(i), value: '"v"', ttlMs: 50 + (i % 50) });
        assert.ok(r.ok);
      }
      assert.equal(store.size, 500);
      await sleep(200);
      assert.equal(store.size, 0);
    } finally {
      await store.close();
    }
  });
});

for (const kind of ['memory', 'redis'] as const) {
  describe(`${kind} store over HTTP, real time`, () => {
    let redis: RedisServer | undefined;
    let store: CacheStore;
    let app: ReturnType<typeof buildCacheApp>;
    before(async () => {
      if (kind === 'redis') {
        redis = await RedisServer.start();
        store = await RedisStore.create({ url: redis.url, keyPrefix: 'ttl:', commandTimeoutMs: 1000 });
      } else {
        store = new MemoryStore({ maxEntries: 1000, maxBytes: 1 << 20 });
      }
      app = buildCacheApp({ config: testConfig({ pools: { default: pool } }), store });
      await app.ready();
    });
    after(async () => {
      await app.close();
      await store.close();
      await redis?.kill();
    });

    const create = async (ani: string, ttl: number, value = 'v'): Promise<string> => {
      const res = await app.inject({
        method: 'POST',
        url: '/cticache/DNIS-ANI',
        headers: { authorization: AUTH, 'content-type': 'application/json' },
        payload: { value, ani, ttl },
      });
      assert.equal(res.statusCode, 201, res.body);
      return String(res.headers.location);
    };
    const status = async (url: string): Promise<number> =>
      (await app.inject({ method: 'GET', url, headers: { authorization: AUTH } })).statusCode;

    it('a sub-second TTL: present right away, gone after TTL + 100 ms', async () => {
      // The entry is created between sent and answered: live until sent + 300, gone by answered + 400.
      // A 404 read later than sent + 300 proves nothing (the machine stalled): retry with a
      // fresh entry, at most 3 times, and fail rather than skip the check.
      for (let attempt = 1; ; attempt++) {
        const sent = performance.now();
        const url = await create(`100${attempt}`, 0.3);
        const answered = performance.now();
        const early = await status(url);
        const readAt = performance.now();
        if (early !== 200) {
          assert.ok(readAt - sent >= 300, `gone ${(readAt - sent).toFixed(1)} ms after the POST, TTL 300 ms`);
          assert.ok(attempt < 3, 'could not read an entry within its 300 ms TTL in 3 attempts');
          continue;
        }
        await sleep(answered + 300 + 100 - performance.now());
        assert.equal(await status(url), 404);
        return;
      }
    });

    it('never comes back once expired (20 reads over 200 ms)', async () => {
      const url = await create('101', 0.05);
      await sleep(150);
      for (let i = 0; i < 20; i++) {
        assert.equal(await status(url), 404);
        await sleep(10);
      }
    });

    it('a longer TTL outlives a shorter one', async () => {
      const short = await create('102', 0.1);
      const long = await create('103', 5);
      await sleep(200);
      assert.equal(await status(short), 404);
      assert.equal(await status(long), 200);
    });

    if (kind === 'redis') {
      it('sets the Redis TTL in milliseconds (PTTL close to the requested ttl)', async () => {
        const url = await create('104', 1.5);
        const key = `ttl:${url.split('/').pop() ?? ''}`;
        const client = createClient({ url: redis?.url ?? '' });
        await client.connect();
        try {
          const pttl = await client.pTTL(key);
          assert.ok(pttl > 1300 && pttl <= 1500, `PTTL ${pttl}`);
        } finally {
          client.destroy();
        }
      });
    }
  });
}
