/**
 * 1,000 concurrent POSTs for one ANI against a real listening service: every
 * DNIS is handed out at most once while its entry lives, the rest get 503 +
 * Retry-After, and each key holds the value of the POST that got it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCacheService, type CacheService } from '../../src/server/service.ts';
import type { CacheConfigInput } from '../../src/server/config-schema.ts';
import { testConfig } from './helpers/config.ts';
import { httpRequest, testAgent } from './helpers/http.ts';
import { RedisServer } from './helpers/redis-server.ts';

const POSTS = 1000;
const POOL_SIZE = 50;
const ANI = '1234567890';

for (const kind of ['memory', 'redis'] as const) {
  describe(`${POSTS} concurrent POSTs for one ANI, ${kind} store`, () => {
    let redis: RedisServer | undefined;
    let service: CacheService;
    before(async () => {
      const overrides: Partial<CacheConfigInput> = {
        pools: { default: `5550000000-${5550000000 + POOL_SIZE - 1}` },
      };
      if (kind === 'redis') {
        redis = await RedisServer.start();
        // Generous timeout: this test is about atomicity, not latency, on a busy machine.
        overrides.redis = { url: redis.url, commandTimeoutMs: 5000 };
      }
      service = await startCacheService(testConfig(overrides));
      assert.equal(service.store, kind);
    });
    after(async () => {
      await service.close();
      await redis?.kill();
      testAgent.destroy();
    });

    it('never hands out the same live DNIS twice', async () => {
      const results = await Promise.all(
        Array.from({ length: POSTS }, (_, i) =>
          httpRequest(service.url, 'POST', '/cticache/DNIS-ANI', { value: `call-${i}`, ani: ANI }),
        ),
      );
      const created = results.filter((r) => r.status === 201);
      const refused = results.filter((r) => r.status === 503);
      assert.equal(
        created.length + refused.length,
        POSTS,
        `other statuses: ${results
          .filter((r) => r.status !== 201 && r.status !== 503)
          .map((r) => r.body)
          .slice(0, 3)
          .join(' | ')}`,
      );
      const bodies = created.map((r) => JSON.parse(r.body) as { dnis: string; ani: string; value: string });
      const dnis = bodies.map((b) => b.dnis);
      assert.equal(new Set(dnis).size, dnis.length, 'a DNIS was handed out twice');
      assert.equal(created.length, POOL_SIZE);
      for (const r of refused) {
        assert.equal(JSON.parse(r.body).error, 'pool_exhausted');
        assert.ok(Number(r.headers['retry-after']) >= 1);
      }
      // Every key holds exactly the value of the POST that was given its DNIS.
      const reads = await Promise.all(
        bodies.map((b) => httpRequest(service.url, 'GET', `/cticache/DNIS-ANI/${b.dnis}:${ANI}`)),
      );
      reads.forEach((read, i) => assert.equal(read.body, JSON.stringify({ value: bodies[i]?.value })));
    });
  });
}
