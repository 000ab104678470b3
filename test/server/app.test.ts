import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { AUTH } from './helpers/config.ts';
import { makeApp, post } from './helpers/app.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

describe('cache routes, in process', () => {
  const { app, store } = makeApp({ pools: { default: '5551234568-5551234569', billing: ['7770000001'] } });
  after(async () => {
    await app.close();
    await store.close();
  });

  it('answers the seed exchange: POST 201 + Location, GET 200, DELETE 200 then gone', async () => {
    const created = await post(app, { value: '12345678', ani: '1234567890' });
    assert.equal(created.statusCode, 201);
    assert.equal(created.headers.location, '/cticache/DNIS-ANI/5551234568:1234567890');
    assert.equal(created.headers['content-type'], JSON_TYPE);
    assert.equal(created.body, '{"dnis":"5551234568","ani":"1234567890","value":"12345678"}');

    const got = await app.inject({
      method: 'GET',
      url: '/cticache/DNIS-ANI/5551234568:1234567890',
      headers: { authorization: AUTH },
    });
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers['content-type'], JSON_TYPE);
    assert.equal(got.body, '{"value":"12345678"}');

    const deleted = await app.inject({
      method: 'DELETE',
      url: '/cticache/DNIS-ANI/5551234568:1234567890',
      headers: { authorization: AUTH },
    });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.body, '{"value":"12345678"}');

    for (const method of ['GET', 'DELETE'] as const) {
      const gone = await app.inject({
        method,
        url: '/cticache/DNIS-ANI/5551234568:1234567890',
        headers: { authorization: AUTH },
      });
      assert.equal(gone.statusCode, 404);
      assert.equal(gone.json().error, 'not_found');
    }
  });

  it('stores a JSON object value, takes a named pool and a per-entry ttl', async () => {
    const value = { account: 'A-17', lang: 'fr', nested: { ok: true } };
    const res = await post(app, { value, ani: '+33123456789', pool: 'billing', ttl: 30 });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), { dnis: '7770000001', ani: '+33123456789', value });
    assert.equal(res.headers.location, '/cticache/DNIS-ANI/7770000001:%2B33123456789');
    const got = await app.inject({
      method: 'GET',
      url: String(res.headers.location),
      headers: { authorization: AUTH },
    });
    assert.deepEqual(got.json(), { value });
  });

  it('answers 503 with Retry-After when the pool is exhausted for an ANI, and allocates nothing', async () => {
    const first = await post(app, { value: 'a', ani: '555', pool: 'billing', ttl: 90 });
    assert.equal(first.statusCode, 201);
    const sizeBefore = store.size;
    const second = await post(app, { value: 'b', ani: '555', pool: 'billing' });
    assert.equal(second.statusCode, 503);
    assert.equal(second.json().error, 'pool_exhausted');
    const retry = Number(second.headers['retry-after']);
    assert.ok(retry >= 1 && retry <= 90, `Retry-After ${String(second.headers['retry-after'])}`);
    assert.equal(store.size, sizeBefore);
    // Another ANI may still use the same DNIS: the key is DNIS:ANI.
    assert.equal((await post(app, { value: 'c', ani: '556', pool: 'billing' })).statusCode, 201);
  });

  it('requires Basic auth on every cache route: 401 with WWW-Authenticate', async () => {
    const wrong = [
      undefined,
      `Basic ${Buffer.from('username:wrong').toString('base64')}`,
      `Basic ${Buffer.from('someone:password').toString('base64')}`,
      `Basic ${Buffer.from('username').toString('base64')}`,
      'Bearer abc',
      'Basic !!!',
    ];
    for (const authorization of wrong) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      for (const req of [
        { method: 'GET', url: '/cticache/DNIS-ANI/5551234568:1' },
        { method: 'DELETE', url: '/cticache/DNIS-ANI/5551234568:1' },
        { method: 'POST', url: '/cticache/DNIS-ANI' },
      ] as const) {
        const res = await app.inject({ ...req, headers });
        assert.equal(res.statusCode, 401, `${req.method} with ${String(authorization)}`);
        assert.match(String(res.headers['www-authenticate']), /^Basic realm="cticache"/);
      }
    }
  });

  it('answers 404 for unknown paths and 405 with Allow for wrong methods', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/nope', headers: { authorization: AUTH } });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error, 'not_found');
    const cases = [
      { method: 'PUT', url: '/cticache/DNIS-ANI/1:2', allow: 'GET, HEAD, DELETE, OPTIONS' },
      { method: 'PATCH', url: '/cticache/DNIS-ANI/1:2', allow: 'GET, HEAD, DELETE, OPTIONS' },
      { method: 'POST', url: '/cticache/DNIS-ANI/1:2', allow: 'GET, HEAD, DELETE, OPTIONS' },
      { method: 'GET', url: '/cticache/DNIS-ANI', allow: 'POST, OPTIONS' },
      { method: 'DELETE', url: '/cticache/DNIS-ANI', allow: 'POST, OPTIONS' },
    ] as const;
    for (const c of cases) {
      const res = await app.inject({ method: c.method, url: c.url, headers: { authorization: AUTH } });
      assert.equal(res.statusCode, 405, `${c.method} ${c.url}`);
      assert.equal(res.headers.allow, c.allow);
    }
    const options = await app.inject({ method: 'OPTIONS', url: '/cticache/DNIS-ANI' });
    assert.equal(options.statusCode, 204);
    assert.equal(options.headers.allow, 'POST, OPTIONS');
  });

  it('serves /healthz and /readyz without auth', async () => {
    assert.deepEqual((await app.inject({ method: 'GET', url: '/healthz' })).json(), { status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready', store: 'memory' });
  });
});
