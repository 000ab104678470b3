/**
 * The event receiver's Redis store against a real redis-server: the keys it keeps (a Stream per
 * device, trimmed with its seq index and ids), two service instances sharing one Redis, and
 * Redis killed or hung (503 with Retry-After, never a crash, then recovery by itself).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { startCacheService, type CacheService } from '../../src/server/service.ts';
import { testConfig } from './helpers/config.ts';
import { httpRequest, testAgent } from './helpers/http.ts';
import { RedisServer } from './helpers/redis-server.ts';

const RETAIN = 10;
const event = (seq: number, id = `id-${seq}`) => ({ id, seq, type: 'dtmf', at: 1_000 + seq });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(from + i));

interface Received {
  readonly stored: string[];
  readonly duplicates: string[];
}

async function deliver(base: string, device: string, events: readonly object[]): Promise<Received> {
  const r = await httpRequest(base, 'POST', '/events', { device, events });
  assert.equal(r.status, 200, r.body);
  return JSON.parse(r.body) as Received;
}

async function seqs(base: string, device: string, after = 0): Promise<number[]> {
  const r = await httpRequest(base, 'GET', `/events?device=${device}&after=${after}&limit=1000`);
  assert.equal(r.status, 200, r.body);
  return (JSON.parse(r.body) as { events: { seq: number }[] }).events.map((e) => e.seq);
}

/** Until POST /events answers 200 again (the event store's connection is back). */
async function waitEvents(base: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const r = await httpRequest(base, 'POST', '/events', { device: 'probe', events: [event(1)] });
    if (r.status === 200) return;
    if (performance.now() > deadline) throw new Error(`events not back after ${timeoutMs} ms`);
    await sleep(25);
  }
}

describe('redis event store, real redis-server', () => {
  let redis!: RedisServer;
  let a!: CacheService;
  let b!: CacheService;
  before(async () => {
    redis = await RedisServer.start();
    const config = testConfig({
      maxEventsPerDevice: RETAIN,
      redis: { url: redis.url, keyPrefix: 'evt:', commandTimeoutMs: 80 },
    });
    a = await startCacheService(config);
    b = await startCacheService(config);
    assert.equal(a.events, 'redis');
  });
  after(async () => {
    for (const service of [a, b] as (CacheService | undefined)[]) await service?.close();
    await (redis as RedisServer | undefined)?.kill();
    testAgent.destroy();
  });

  it('keeps a Stream per device in arrival order, read back in seq order, trimmed with its ids', async () => {
    await deliver(a.url, 'dev:1', range(6, 12));
    await deliver(a.url, 'dev:1', range(1, 5)); // an older batch retried late
    assert.deepEqual(await seqs(a.url, 'dev:1'), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      assert.equal(await client.type('evt:events:dev:1'), 'stream');
      const entries = (await client.xRange('evt:events:dev:1', '-', '+')) ?? [];
      assert.deepEqual(
        entries.map((e) => Number(e.message['seq'])),
        [6, 7, 8, 9, 10, 11, 12, 3, 4, 5],
        'the stream holds arrival order',
      );
      assert.deepEqual(JSON.parse(entries[0]?.message['json'] ?? ''), event(6));
      assert.equal(await client.zCard('evt:event-seqs:dev:1'), RETAIN);
      assert.deepEqual(
        (await client.hKeys('evt:event-ids:dev:1')).sort(),
        range(3, 12)
          .map((e) => e.id)
          .sort(),
      );
      // "dev" and "dev:1" never share keys, whatever the device names.
      await deliver(a.url, 'dev', [event(1)]);
      assert.equal(await client.xLen('evt:events:dev'), 1);
      assert.equal(await client.xLen('evt:events:dev:1'), RETAIN);
    } finally {
      await client.close();
    }
  });

  it('shares events between two service instances, each id stored once across both', async () => {
    const batch = range(1, 8);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => deliver(i % 2 ? a.url : b.url, 'dev-2', batch)),
    );
    assert.deepEqual(answers.flatMap((x) => x.stored).sort(), batch.map((e) => e.id).sort());
    assert.deepEqual(await seqs(b.url, 'dev-2'), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(await seqs(a.url, 'dev-2', 6), [7, 8]);
  });

  it('answers 503 with Retry-After while Redis is down, keeps serving, then recovers', async () => {
    await deliver(a.url, 'dev-3', [event(1)]);
    await redis.kill();
    for (const [method, path, body] of [
      ['POST', '/events', { device: 'dev-3', events: [event(2)] }],
      ['GET', '/events?device=dev-3', undefined],
    ] as const) {
      const started = performance.now();
      const res = await httpRequest(a.url, method, path, body);
      assert.equal(res.status, 503, `${method} ${path}: ${res.body}`);
      assert.equal((JSON.parse(res.body) as { error: string }).error, 'store_unavailable');
      assert.equal(res.headers['retry-after'], '1');
      assert.ok(performance.now() - started < 1000, `${method} ${path} was slow`);
    }
    assert.equal((await httpRequest(a.url, 'GET', '/healthz')).status, 200, 'the service is still up');
    await redis.restart(); // empty, and its script cache too (EVALSHA → NOSCRIPT → EVAL)
    await Promise.all([waitEvents(a.url), waitEvents(b.url)]);
    assert.deepEqual(await deliver(a.url, 'dev-3', [event(2)]), { stored: ['id-2'], duplicates: [] });
    assert.deepEqual(await seqs(b.url, 'dev-3'), [2]);
  });

  it('answers 503 within the command timeout while Redis hangs, then recovers', async () => {
    await deliver(a.url, 'dev-4', [event(1)]); // warm path
    redis.pause();
    try {
      for (const [method, path, body] of [
        ['POST', '/events', { device: 'dev-4', events: [event(2)] }],
        ['GET', '/events?device=dev-4', undefined],
      ] as const) {
        const started = performance.now();
        const res = await httpRequest(a.url, method, path, body);
        const elapsed = performance.now() - started;
        assert.equal(res.status, 503, `${method} ${path}: ${res.body}`);
        assert.ok(elapsed >= 75, `answered before the 80 ms deadline (${elapsed.toFixed(1)} ms)`);
        assert.ok(elapsed < 1000, `${method} ${path} took ${elapsed.toFixed(1)} ms`);
      }
    } finally {
      redis.resume();
    }
    await waitEvents(a.url);
    // The POST that answered 503 may have landed once Redis woke: a retry says so, never twice.
    const retry = await deliver(a.url, 'dev-4', [event(2)]);
    assert.equal(retry.stored.length + retry.duplicates.length, 1);
    assert.deepEqual(await seqs(a.url, 'dev-4'), [1, 2]);
  });
});
