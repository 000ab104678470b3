// The reference event receiver (POST/GET /events) over real HTTP against the real service.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startCacheService, type CacheService } from '../../src/server/service.ts';
import { AUTH, testConfig } from './helpers/config.ts';

let service: CacheService;
before(async () => {
  service = await startCacheService(testConfig());
});
after(() => service.close());

const post = (body: unknown, auth = AUTH) =>
  fetch(`${service.url}/events`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const read = async (device: string, after = 0, limit = 1000) => {
  const r = await fetch(`${service.url}/events?device=${device}&after=${after}&limit=${limit}`, {
    headers: { authorization: AUTH },
  });
  assert.equal(r.status, 200);
  return ((await r.json()) as { events: { id: string; seq: number; type: string }[] }).events;
};
const event = (seq: number) => ({ id: `id-${seq}`, seq, type: 'dtmf', at: 1_000 + seq, digits: '1' });

describe('reference event receiver', () => {
  it('stores a batch, reads it back after a seq, and counts a redelivered id once', async () => {
    const first = await post({ device: 'dev-a', events: [event(1), event(2), event(3)] });
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { stored: ['id-1', 'id-2', 'id-3'], duplicates: [] });
    const again = await post({ device: 'dev-a', events: [event(3), event(4)] });
    assert.deepEqual(await again.json(), { stored: ['id-4'], duplicates: ['id-3'] });
    assert.deepEqual(
      (await read('dev-a')).map((e) => e.seq),
      [1, 2, 3, 4],
    );
    assert.deepEqual(
      (await read('dev-a', 2, 1)).map((e) => e.id),
      ['id-3'],
    );
    assert.deepEqual((await read('dev-a'))[0], event(1), 'the event as sent');
    assert.deepEqual(await read('dev-b'), [], 'devices are apart');
  });

  it('keeps seq order when an older batch is retried after a newer one', async () => {
    await post({ device: 'dev-c', events: [event(3)] });
    await post({ device: 'dev-c', events: [event(1), event(2)] });
    assert.deepEqual(
      (await read('dev-c')).map((e) => e.seq),
      [1, 2, 3],
    );
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
