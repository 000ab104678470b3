/** Policies around the routes: memory bound, CORS allow-list, what logs may contain. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AUTH, LogCollector } from './helpers/config.ts';
import { makeApp, post } from './helpers/app.ts';

describe('memory bound', () => {
  it('answers 503 store_full when maxEntries entries are live, and stores nothing more', async () => {
    const { app, store } = makeApp({ maxEntries: 2 });
    try {
      assert.equal((await post(app, { value: 'a', ani: '1' })).statusCode, 201);
      assert.equal((await post(app, { value: 'b', ani: '2' })).statusCode, 201);
      const full = await post(app, { value: 'c', ani: '3' });
      assert.equal(full.statusCode, 503);
      assert.equal(full.json().error, 'store_full');
      assert.ok(Number(full.headers['retry-after']) >= 1);
      assert.equal(store.size, 2);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('memory byte budget', () => {
  it('answers 503 store_full once keys + values would exceed maxBytes, and frees bytes on delete', async () => {
    // Each entry: key "555123456x:1n" (13 bytes) + value "\"xxx…\"" (502 bytes) = 515 bytes.
    const { app, store } = makeApp({ maxEntries: 1000, maxBytes: 1100, maxValueBytes: 1024 });
    const value = 'x'.repeat(500);
    try {
      const first = await post(app, { value, ani: '11' });
      assert.equal(first.statusCode, 201);
      assert.equal((await post(app, { value, ani: '12' })).statusCode, 201);
      assert.equal(store.bytes, 2 * 515);
      const full = await post(app, { value, ani: '13' });
      assert.equal(full.statusCode, 503);
      assert.equal(full.json().error, 'store_full');
      assert.ok(Number(full.headers['retry-after']) >= 1);
      assert.equal(store.size, 2);
      // A small value still fits in what is left (1100 - 1030 = 70 bytes).
      assert.equal((await post(app, { value: 'tiny', ani: '14' })).statusCode, 201);
      const del = await app.inject({
        method: 'DELETE',
        url: String(first.headers.location),
        headers: { authorization: AUTH },
      });
      assert.equal(del.statusCode, 200);
      assert.equal((await post(app, { value, ani: '13' })).statusCode, 201);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('returns every byte when entries expire', async () => {
    const { app, store } = makeApp({ maxBytes: 16_384 });
    try {
      for (let i = 0; i < 5; i++)
        assert.equal((await post(app, { value: 'v', ani: `2${i}`, ttl: 0.05 })).statusCode, 201);
      assert.ok(store.bytes > 0);
      // The sweep timers run by themselves; poll for them (bounded) instead of guessing a sleep.
      const deadline = performance.now() + 2000;
      while (store.size > 0 && performance.now() < deadline) await sleep(10);
      assert.equal(store.size, 0);
      assert.equal(store.bytes, 0);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('CORS allow-list', () => {
  const { app, store } = makeApp({ corsOrigins: ['https://crm.example.com'] });
  after(async () => {
    await app.close();
    await store.close();
  });
  const preflight = (origin: string) =>
    app.inject({
      method: 'OPTIONS',
      url: '/cticache/DNIS-ANI/1:2',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });

  it('lets a listed origin preflight and read, without credentials on the preflight', async () => {
    const res = await preflight('https://crm.example.com');
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], 'https://crm.example.com');
    assert.match(String(res.headers['access-control-allow-headers']), /Authorization/);
    const get = await app.inject({
      method: 'GET',
      url: '/cticache/DNIS-ANI/1:2',
      headers: { origin: 'https://crm.example.com', authorization: AUTH },
    });
    assert.equal(get.statusCode, 404);
    assert.equal(get.headers['access-control-allow-origin'], 'https://crm.example.com');
  });

  it('gives an unlisted origin no Access-Control-Allow-Origin', async () => {
    const res = await preflight('https://evil.example.net');
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });
});

describe('logs', () => {
  const sink = new LogCollector();
  const { app, store } = makeApp({ logLevel: 'trace' }, sink);
  before(async () => {
    await app.ready();
  });
  after(async () => {
    await app.close();
    await store.close();
  });

  it('never contain the cached value or the caller number', async () => {
    const secret = 'SECRET-VALUE-4242';
    const ani = '19998887777';
    const res = await post(app, { value: { card: secret }, ani });
    assert.equal(res.statusCode, 201);
    await app.inject({ method: 'GET', url: String(res.headers.location), headers: { authorization: AUTH } });
    await post(app, { value: secret, ani: 'x' + ani }); // 400
    await post(app, { value: secret, ani, bogus: secret }); // 400 unknown field
    await app.inject({
      method: 'DELETE',
      url: String(res.headers.location),
      headers: { authorization: AUTH },
    });
    assert.ok(sink.lines.length >= 8, `expected request logs, got ${sink.lines.length}`);
    assert.ok(!sink.text.includes(secret), 'a cached value reached the logs');
    assert.ok(!sink.text.includes(ani), 'a caller number reached the logs');
    assert.match(sink.text, /"route":"\/cticache\/DNIS-ANI\/:key"/);
  });
});
