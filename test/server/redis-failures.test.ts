/**
 * A request that failed with 503 must leave Redis as it was, and a dead but
 * open connection must be replaced by itself. Real redis-server; hangs are
 * SIGSTOP/SIGCONT, the half-open path is a black-holing TCP proxy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { RedisStore } from '../../src/server/redis-store.ts';
import { startCacheService, type CacheService } from '../../src/server/service.ts';
import { testConfig } from './helpers/config.ts';
import { httpRequest, testAgent } from './helpers/http.ts';
import { RedisServer } from './helpers/redis-server.ts';
import { TcpProxy } from './helpers/tcp-proxy.ts';

/** Polls until check() is true; false if it never was within timeoutMs. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
}

describe('a failed request changes nothing in Redis', () => {
  let redis!: RedisServer;
  let admin!: ReturnType<typeof createClient>;
  const stores: RedisStore[] = [];
  const open = async (prefix: string, commandTimeoutMs: number): Promise<RedisStore> => {
    const store = await RedisStore.create({ url: redis.url, keyPrefix: prefix, commandTimeoutMs });
    stores.push(store);
    return store;
  };
  /** How often Redis ran a command (scripts' inner calls included), from INFO commandstats. */
  const calls = async (command: string): Promise<number> => {
    const info = await admin.info('commandstats');
    return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
  };
  before(async () => {
    redis = await RedisServer.start();
    admin = createClient({ url: redis.url });
    await admin.connect();
  });
  after(async () => {
    for (const store of stores) await store.close();
    admin.destroy();
    await (redis as RedisServer | undefined)?.kill();
  });

  it('stops allocating at the deadline: no orphan entry after the 503 (100k pool)', async (t) => {
    const n = 100_000;
    const pool = Array.from({ length: n }, (_, i) => String(5_550_000_000 + i));
    // Every DNIS but the last is live for this ANI, so the scan must reach the end to succeed.
    await admin.eval(
      `for i = 0, tonumber(ARGV[1]) - 1 do
         redis.call('SET', 'big:' .. string.format('%d', 5550000000 + i) .. ':777', '"x"', 'PX', 60000)
       end`,
      { keys: [], arguments: [String(n - 1)] },
    );
    assert.equal(await admin.dbSize(), n - 1);
    const store = await open('big:', 10); // far less than 1,563 script round trips take
    const res = await store.allocate({ pool, ani: '777', value: '"late"', ttlMs: 60_000 });
    assert.equal(res.ok, false, 'the scan finished within the deadline: the test proves nothing');
    assert.equal(!res.ok && res.error.kind, 'unavailable');
    // Wait until Redis has seen no allocation script for 300 ms (the scan, if any, ran to its end).
    let last = -1;
    let stableSince = performance.now();
    for (const started = performance.now(); performance.now() - stableSince < 300;) {
      const now = await calls('evalsha');
      if (now !== last) [last, stableSince] = [now, performance.now()];
      assert.ok(performance.now() - started < 30_000, 'allocation scripts never stopped');
      await sleep(25);
    }
    t.diagnostic(`${last} of ${Math.ceil(n / 64)} allocation scripts ran`);
    assert.ok(last < n / 64, `${last} allocation scripts ran: the scan went on after the 503`);
    assert.equal(await admin.exists(`big:${pool[n - 1] ?? ''}:777`), 0, 'orphan entry for the last DNIS');
    assert.equal(await admin.dbSize(), n - 1);
    await admin.flushAll();
  });

  it('undoes an allocation whose reply arrives after the deadline (SIGSTOP, SIGCONT)', async () => {
    const store = await open('late:', 80);
    const pool = ['5551234560', '5551234561'];
    const warm = await store.allocate({ pool, ani: '1', value: '"w"', ttlMs: 60_000 }); // loads the script
    assert.ok(warm.ok);
    const dels = await calls('del');
    redis.pause();
    let res;
    try {
      res = await store.allocate({ pool, ani: '888', value: '"v"', ttlMs: 60_000 });
    } finally {
      redis.resume();
    }
    assert.equal(!res.ok && res.error.kind, 'unavailable');
    // After SIGCONT Redis runs the queued script (claims a DNIS), then the store's undo deletes it.
    const undone = await eventually(async () => (await calls('del')) > dels, 3000);
    assert.ok(undone, 'the late allocation was never undone');
    assert.deepEqual(await admin.keys('late:*:888'), []);
  });

  it('puts back an entry whose DELETE answered 503 (SIGSTOP, SIGCONT): the retry gets it', async () => {
    const store = await open('del:', 80);
    const put = await store.allocate({ pool: ['5551234560'], ani: '999', value: '"keep"', ttlMs: 60_000 });
    assert.ok(put.ok);
    const key = `${put.value.dnis}:999`;
    assert.deepEqual(await store.get(key), { ok: true, value: '"keep"' });
    const dels = await calls('del');
    redis.pause();
    let res;
    try {
      res = await store.getAndDelete(key);
    } finally {
      redis.resume();
    }
    assert.equal(!res.ok && res.error.kind, 'unavailable');
    // Once Redis has run the late fetch-and-delete (a DEL), the entry must come back.
    const back = await eventually(
      async () => (await calls('del')) > dels && (await admin.get(`del:${key}`)) === '"keep"',
      3000,
    );
    assert.ok(back, 'the entry was deleted although its DELETE answered 503');
    const pttl = await admin.pTTL(`del:${key}`);
    assert.ok(pttl > 50_000 && pttl <= 60_000, `restored with PTTL ${pttl}, not its remaining TTL`);
    assert.deepEqual(await store.getAndDelete(key), { ok: true, value: '"keep"' });
    assert.deepEqual(await store.get(key), { ok: true, value: undefined });
  });
});

describe('a half-open connection to Redis is replaced by itself', () => {
  let redis!: RedisServer;
  let proxy!: TcpProxy;
  let service!: CacheService;
  before(async () => {
    redis = await RedisServer.start();
    proxy = await TcpProxy.start(redis.port);
    const url = `redis://127.0.0.1:${proxy.port}`;
    service = await startCacheService(testConfig({ redis: { url, keyPrefix: 'ho:', commandTimeoutMs: 80 } }));
  });
  after(async () => {
    await (service as CacheService | undefined)?.close();
    await (proxy as TcpProxy | undefined)?.close();
    await (redis as RedisServer | undefined)?.kill();
    testAgent.destroy();
  });

  it('503s quickly while black-holed, then serves again within seconds, no restart', async (t) => {
    const post = () => httpRequest(service.url, 'POST', '/cticache/DNIS-ANI', { value: 'v', ani: '42' });
    assert.equal((await post()).status, 201);
    proxy.blackhole();
    let slowest = 0;
    // Long enough for the dead connection to be noticed (≥ 1 s) and a new handshake to stall too.
    for (const started = performance.now(); performance.now() - started < 1500;) {
      const t0 = performance.now();
      const res = await post();
      const elapsed = performance.now() - t0;
      assert.equal(res.status, 503, res.body);
      assert.ok(elapsed < 200, `503 took ${elapsed.toFixed(1)} ms`);
      slowest = Math.max(slowest, elapsed);
      await sleep(50);
    }
    assert.equal((await httpRequest(service.url, 'GET', '/readyz')).status, 503);
    t.diagnostic(`black-holed: slowest 503 took ${slowest.toFixed(1)} ms`);
    proxy.heal();
    const healed = performance.now();
    const back = await eventually(async () => (await post()).status === 201, 5000);
    assert.ok(back, 'still 503 five seconds after Redis was reachable again');
    t.diagnostic(`serving again ${(performance.now() - healed).toFixed(0)} ms after the path healed`);
    assert.equal((await httpRequest(service.url, 'GET', '/readyz')).status, 200);
  });
});
