// The reference event receiver (POST/GET /events) over real HTTP against the real service:
// the same contract on the memory store and on the Redis store (real redis-server).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadCacheConfigFromEnv } from '../../src/server/config.ts';
import { startCacheService, type CacheService } from '../../src/server/service.ts';
import { AUTH, testConfig } from './helpers/config.ts';
import { RedisServer } from './helpers/redis-server.ts';

/** Small, so the retention test fills a device quickly; every other test stays below it. */
const RETAIN = 50;

interface Received {
  readonly stored: string[];
  readonly duplicates: string[];
}
type Sent = ReturnType<typeof event>;
const event = (seq: number, id = `id-${seq}`) => ({ id, seq, type: 'dtmf', at: 1_000 + seq, digits: '1' });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(from + i));

for (const backend of ['memory', 'redis'] as const) {
  describe(`reference event receiver (${backend} store)`, () => {
    let redis: RedisServer | undefined;
    let service!: CacheService;
    before(async () => {
      if (backend === 'redis') redis = await RedisServer.start();
      const url = redis?.url;
      service = await startCacheService(
        testConfig({
          maxEventsPerDevice: RETAIN,
          ...(url === undefined ? {} : { redis: { url, keyPrefix: 'ev:', commandTimeoutMs: 500 } }),
        }),
      );
      assert.equal(service.events, backend);
    });
    after(async () => {
      await (service as CacheService | undefined)?.close();
      await redis?.kill();
    });

    const post = (body: unknown, auth = AUTH) =>
      fetch(`${service.url}/events`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const deliver = async (device: string, events: readonly Sent[]): Promise<Received> => {
      const r = await post({ device, events });
      assert.equal(r.status, 200, await r.clone().text());
      return (await r.json()) as Received;
    };
    const read = async (device: string, after = 0, limit = 1000) => {
      const r = await fetch(`${service.url}/events?device=${device}&after=${after}&limit=${limit}`, {
        headers: { authorization: AUTH },
      });
      assert.equal(r.status, 200);
      return ((await r.json()) as { events: Sent[] }).events;
    };
    const seqs = async (device: string, after = 0) => (await read(device, after)).map((e) => e.seq);

    it('stores a batch, reads it back after a seq, and counts a redelivered id once', async () => {
      assert.deepEqual(await deliver('dev-a', range(1, 3)), {
        stored: ['id-1', 'id-2', 'id-3'],
        duplicates: [],
      });
      assert.deepEqual(await deliver('dev-a', range(3, 4)), { stored: ['id-4'], duplicates: ['id-3'] });
      assert.deepEqual(await seqs('dev-a'), [1, 2, 3, 4]);
      assert.deepEqual(
        (await read('dev-a', 2, 1)).map((e) => e.id),
        ['id-3'],
      );
      assert.deepEqual(await seqs('dev-a', 4), []);
      assert.deepEqual((await read('dev-a'))[0], event(1), 'the event as sent');
      assert.deepEqual(await read('dev-b'), [], 'devices are apart');
    });

    it('answers a whole redelivered batch as duplicates, and an id repeated inside a batch once', async () => {
      await deliver('dev-d', range(1, 5));
      assert.deepEqual(await deliver('dev-d', range(1, 5)), {
        stored: [],
        duplicates: ['id-1', 'id-2', 'id-3', 'id-4', 'id-5'],
      });
      assert.deepEqual(await deliver('dev-d', [event(6), event(6)]), {
        stored: ['id-6'],
        duplicates: ['id-6'],
      });
      assert.deepEqual(await seqs('dev-d'), [1, 2, 3, 4, 5, 6]);
    });

    it('stores each id once when the same batch is POSTed concurrently', async () => {
      const batch = range(1, 20);
      const answers = await Promise.all(Array.from({ length: 8 }, () => deliver('dev-e', batch)));
      const stored = answers.flatMap((a) => a.stored).sort();
      assert.deepEqual(stored, batch.map((e) => e.id).sort(), 'every id stored by exactly one POST');
      for (const a of answers) assert.equal(a.stored.length + a.duplicates.length, batch.length);
      assert.deepEqual(
        await seqs('dev-e'),
        batch.map((e) => e.seq),
      );
    });

    it('keeps seq order when an older batch is retried after a newer one', async () => {
      await deliver('dev-c', [event(3)]);
      await deliver('dev-c', [event(1), event(2)]);
      assert.deepEqual(await seqs('dev-c'), [1, 2, 3]);
      // A newer batch, then a retry of an older one overlapping what is held.
      await deliver('dev-c', range(7, 9));
      assert.deepEqual(await deliver('dev-c', range(3, 6)), {
        stored: ['id-4', 'id-5', 'id-6'],
        duplicates: ['id-3'],
      });
      assert.deepEqual(await seqs('dev-c'), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
      assert.deepEqual(await seqs('dev-c', 5), [6, 7, 8, 9]);
      assert.deepEqual(
        (await read('dev-c', 2, 3)).map((e) => e.seq),
        [3, 4, 5],
      );
    });

    it('drops the oldest events past the retention limit, and their ids with them', async () => {
      await deliver('dev-r', range(1, RETAIN));
      assert.deepEqual(await deliver('dev-r', range(RETAIN + 1, RETAIN + 5)), {
        stored: range(RETAIN + 1, RETAIN + 5).map((e) => e.id),
        duplicates: [],
      });
      const kept = await seqs('dev-r');
      assert.equal(kept.length, RETAIN);
      assert.deepEqual(kept.slice(0, 2), [6, 7]);
      assert.equal(kept.at(-1), RETAIN + 5);
      // id-1 was dropped with its event: a new event carrying it is stored, not a duplicate.
      const reused = event(RETAIN + 6, 'id-1');
      assert.deepEqual(await deliver('dev-r', [reused, event(RETAIN)]), {
        stored: ['id-1'],
        duplicates: [`id-${RETAIN}`],
      });
      const last = await read('dev-r', RETAIN + 5);
      assert.deepEqual(last, [reused]);
      assert.deepEqual((await seqs('dev-r')).slice(0, 1), [7]);
      assert.deepEqual(await seqs('dev-a'), [1, 2, 3, 4], 'other devices keep theirs');
    });

    it('refuses bad credentials, malformed batches and bad queries with a clear status', async () => {
      assert.equal((await post({ device: 'x', events: [event(1)] }, 'Basic eDp5')).status, 401);
      for (const body of [
        {},
        { device: 'x', events: [] },
        { device: 'bad device', events: [event(1)] },
        { device: 'x', events: [{ id: 'a', seq: -1, type: 'x' }] },
      ]) {
        const r = await post(body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.match(((await r.json()) as { message?: string; error?: string }).error ?? '', /invalid/);
      }
      const q = await fetch(`${service.url}/events?device=x&after=-3`, { headers: { authorization: AUTH } });
      assert.equal(q.status, 400);
    });
  });
}

describe('event retention setting', () => {
  it('is 100,000 per device unless CTI_CACHE_MAX_EVENTS_PER_DEVICE says otherwise', () => {
    const base = { CTI_CACHE_USERS: 'a:1' };
    const byDefault = loadCacheConfigFromEnv(base);
    assert.ok(byDefault.ok);
    assert.equal(byDefault.value.maxEventsPerDevice, 100_000);
    const set = loadCacheConfigFromEnv({ ...base, CTI_CACHE_MAX_EVENTS_PER_DEVICE: '500' });
    assert.ok(set.ok);
    assert.equal(set.value.maxEventsPerDevice, 500);
    const bad = loadCacheConfigFromEnv({ ...base, CTI_CACHE_MAX_EVENTS_PER_DEVICE: '0' });
    assert.ok(!bad.ok);
    assert.match(bad.error.issues.join('\n'), /CTI_CACHE_MAX_EVENTS_PER_DEVICE/);
  });
});
