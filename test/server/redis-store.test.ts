/**
 * The Redis store against a real redis-server: atomic allocation and fetch-and-delete,
 * several service instances on one Redis, and Redis killed, hung and restarted
 * mid-test (503 within 100 ms, then recovery without any restart of the service).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { startCacheService, type CacheService } from '../../src/server/service.ts';
import { LogCollector, testConfig } from './helpers/config.ts';
import { httpRequest, testAgent } from './helpers/http.ts';
import { RedisServer } from './helpers/redis-server.ts';

const COLLECTION = '/cticache/DNIS-ANI';

async function waitReady(base: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if ((await httpRequest(base, 'GET', '/readyz')).status === 200) return;
    if (performance.now() > deadline) throw new Error(`${base} not ready after ${timeoutMs} ms`);
    await sleep(25);
  }
}

/** responseTime of each completed request with this status, from pino JSON lines. */
function serverTimes(lines: readonly string[], status: number): number[] {
  const Line = z.object({ res: z.object({ statusCode: z.number() }), responseTime: z.number() });
  return lines.flatMap((line) => {
    const parsed = Line.safeParse(JSON.parse(line));
    return parsed.success && parsed.data.res.statusCode === status ? [parsed.data.responseTime] : [];
  });
}

describe('redis store, real redis-server', () => {
  let redis!: RedisServer;
  // Assigned in before(); after() copes with a before() that failed (e.g. no redis-server).
  let a!: CacheService;
  let b!: CacheService;
  /** Service a's request logs: their responseTime is the server-side latency. */
  const logs = new LogCollector();
  before(async () => {
    redis = await RedisServer.start();
    const config = testConfig({
      pools: { default: '5551234560-5551234569' },
      redis: { url: redis.url, keyPrefix: 'test:', commandTimeoutMs: 80 },
    });
    a = await startCacheService({ ...config, logLevel: 'info' }, { logSink: logs });
    b = await startCacheService(config);
    assert.equal(a.store, 'redis');
  });
  after(async () => {
    for (const service of [a, b] as (CacheService | undefined)[]) await service?.close();
    await (redis as RedisServer | undefined)?.kill();
    testAgent.destroy();
  });

  it('shares entries between two service instances on one Redis', async () => {
    const created = await httpRequest(a.url, 'POST', COLLECTION, { value: { order: 42 }, ani: '1234567890' });
    assert.equal(created.status, 201, created.body);
    const location = String(created.headers.location);
    const got = await httpRequest(b.url, 'GET', location);
    assert.deepEqual(JSON.parse(got.body), { value: { order: 42 } });
    // Both instances allocating for the same ANI never pick the same live DNIS.
    const more = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        httpRequest(i % 2 ? a.url : b.url, 'POST', COLLECTION, { value: 'x', ani: '1234567890' }),
      ),
    );
    const dnis = [created, ...more].map((r) => (JSON.parse(r.body) as { dnis: string }).dnis);
    assert.equal(new Set(dnis).size, 10);
    const exhausted = await httpRequest(b.url, 'POST', COLLECTION, { value: 'x', ani: '1234567890' });
    assert.equal(exhausted.status, 503);
    assert.ok(Number(exhausted.headers['retry-after']) >= 1);
  });

  it('hands a value to exactly one of many concurrent DELETEs (GETDEL)', async () => {
    const created = await httpRequest(a.url, 'POST', COLLECTION, { value: 'once', ani: '222' });
    const location = String(created.headers.location);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => httpRequest(i % 2 ? a.url : b.url, 'DELETE', location)),
    );
    assert.equal(results.filter((r) => r.status === 200).length, 1);
    assert.equal(results.filter((r) => r.status === 404).length, 19);
  });

  it('answers 503 within 100 ms while Redis is down, then recovers by itself', async () => {
    const before = await httpRequest(a.url, 'POST', COLLECTION, { value: 'kept?', ani: '333' });
    assert.equal(before.status, 201);
    await redis.kill();
    for (const [method, path, body] of [
      ['POST', COLLECTION, { value: 'v', ani: '334' }],
      ['GET', String(before.headers.location), undefined],
      ['DELETE', String(before.headers.location), undefined],
      ['GET', '/readyz', undefined],
    ] as const) {
      const started = performance.now();
      const res = await httpRequest(a.url, method, path, body);
      const elapsed = performance.now() - started;
      assert.equal(res.status, 503, `${method} ${path}: ${res.body}`);
      assert.equal(res.headers['retry-after'], '1');
      assert.ok(elapsed < 100, `${method} ${path} took ${elapsed.toFixed(1)} ms`);
    }
    await redis.restart(); // empty: no persistence, and its script cache is empty too
    await waitReady(a.url);
    await waitReady(b.url);
    const after = await httpRequest(b.url, 'POST', COLLECTION, { value: 'back', ani: '335' });
    assert.equal(after.status, 201, after.body);
    assert.equal((await httpRequest(a.url, 'GET', String(after.headers.location))).body, '{"value":"back"}');
  });

  it('answers 503 within 100 ms while Redis hangs (command timeout), then recovers', async (t) => {
    // Warm path first (a cold first request pays for JIT, not for Redis).
    assert.equal((await httpRequest(a.url, 'POST', COLLECTION, { value: 'v', ani: '443' })).status, 201);
    const seen = logs.lines.length;
    redis.pause();
    try {
      const started = performance.now();
      const res = await httpRequest(a.url, 'POST', COLLECTION, { value: 'v', ani: '444' });
      const elapsed = performance.now() - started;
      assert.equal(res.status, 503, res.body);
      // The bound, on the server's own clock (Fastify's responseTime: request
      // in → response out), so the test client's share of a busy CPU does not count.
      const served = serverTimes(logs.lines.slice(seen), 503);
      assert.equal(served.length, 1, 'expected one 503 request log');
      const ms = served[0] ?? Number.NaN;
      t.diagnostic(`503 after ${ms.toFixed(1)} ms in the server, ${elapsed.toFixed(1)} ms at the client`);
      assert.ok(ms < 100, `the server answered after ${ms.toFixed(1)} ms`);
      assert.ok(ms >= 80, `answered before the 80 ms deadline (${ms.toFixed(1)} ms): Redis was not hung`);
    } finally {
      redis.resume();
    }
    await waitReady(a.url);
    const res = await httpRequest(a.url, 'POST', COLLECTION, { value: 'v', ani: '445' });
    assert.equal(res.status, 201, res.body);
  });
});
